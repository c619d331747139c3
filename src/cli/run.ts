import { Command, CommanderError } from 'commander';
import { isGreenopsError } from '../core/errors.js';
import { loadConfig } from './config.js';
import type { CliContext } from './context.js';
import { registerIngest } from './commands/ingest.js';
import { registerFootprint } from './commands/footprint.js';
import { registerCoverage } from './commands/coverage.js';
import { registerRejects } from './commands/rejects.js';
import { registerFiles } from './commands/files.js';
import { registerDemo } from './commands/demo.js';
import { registerFactors } from './commands/factors.js';
import { registerMethodology } from './commands/methodology.js';
import { registerRuns } from './commands/runs.js';
import { registerIntensity } from './commands/intensity.js';
import { registerPlan } from './commands/plan.js';
import { registerRun } from './commands/run.js';
import { registerBacktest } from './commands/backtest.js';
import { registerTrack } from './commands/track.js';
import { VERSION } from '../version.js';

/** Exit codes: 0 ok, 1 bad input or a failed operation, 2 wrong usage. */
export async function runMain(argv: readonly string[]): Promise<number> {
  const program = new Command('greenops')
    .description('Measure, attribute and cut the carbon footprint of AI and cloud workloads')
    .version(VERSION)
    .option('--db <path>', 'database file (default .greenops/greenops.duckdb, or GREENOPS_DB)')
    .option('--methodology <id>', 'default | ccf (or GREENOPS_METHODOLOGY)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let context: CliContext | undefined;
  // A command that runs another program (track, run) passes on that program's exit code.
  let exitCode = 0;
  const ctx = (): CliContext => {
    if (!context) {
      const flags = program.opts<{ db?: string; methodology?: string }>();
      context = {
        config: loadConfig(flags, process.env, process.cwd()),
        out: (s) => process.stdout.write(`${s}\n`),
        err: (s) => process.stderr.write(`${s}\n`),
        isTTY: Boolean(process.stderr.isTTY) && !process.env['CI'],
        setExitCode: (code) => {
          exitCode = code;
        },
      };
    }
    return context;
  };
  for (const register of [registerDemo, registerIngest, registerFootprint, registerCoverage, registerFiles, registerRejects, registerFactors, registerMethodology, registerRuns, registerTrack, registerIntensity, registerPlan, registerRun, registerBacktest]) {
    register(program, ctx);
  }
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (isGreenopsError(e)) {
      process.stderr.write(`greenops: ${e.message} [${e.code}]\n`);
      // 127 as shells do when a command cannot be found or run.
      return e.code === 'E_USAGE' ? 2 : e.code === 'E_COMMAND_NOT_FOUND' ? 127 : 1;
    }
    process.stderr.write(`greenops: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
