import { runMain } from './run.js';

// A reader that stops early (`greenops footprint | head`) closes the pipe: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// The only place that ends the process: the exit code, once everything is flushed.
process.exitCode = await runMain(process.argv.slice(2));
