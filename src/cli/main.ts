import { runMain } from './run.js';

// The only place that ends the process: the exit code, once everything is flushed.
process.exitCode = await runMain(process.argv.slice(2));
