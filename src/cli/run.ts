import { Command, CommanderError } from 'commander';
import { GreenopsError, isGreenopsError } from '../core/errors.js';
import { loadConfig } from './config.js';
import type { CliContext } from './context.js';
import { VERSION } from '../version.js';

type Register = (program: Command, ctx: () => CliContext) => void;

/**
 * Every command, loaded on demand: a command's module (and what it imports: factor tables, DuckDB,
 * providers) is loaded only when that command runs, so `greenops track` stays small beside the job.
 * Help and unknown commands load them all.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['demo', async () => (await import('./commands/demo.js')).registerDemo],
  ['ingest', async () => (await import('./commands/ingest.js')).registerIngest],
  ['footprint', async () => (await import('./commands/footprint.js')).registerFootprint],
  ['coverage', async () => (await import('./commands/coverage.js')).registerCoverage],
  ['files', async () => (await import('./commands/files.js')).registerFiles],
  ['rejects', async () => (await import('./commands/rejects.js')).registerRejects],
  ['factors', async () => (await import('./commands/factors.js')).registerFactors],
  ['methodology', async () => (await import('./commands/methodology.js')).registerMethodology],
  ['runs', async () => (await import('./commands/runs.js')).registerRuns],
  ['track', async () => (await import('./commands/track.js')).registerTrack],
  ['intensity', async () => (await import('./commands/intensity.js')).registerIntensity],
  ['plan', async () => (await import('./commands/plan.js')).registerPlan],
  ['run', async () => (await import('./commands/run.js')).registerRun],
  ['backtest', async () => (await import('./commands/backtest.js')).registerBacktest],
];

/** The command named in argv (skipping the global options and their values), if any. */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--db' || a === '--methodology') i += 1;
    else if (!a.startsWith('-')) return a;
    else if (a === '--') return undefined;
  }
  return undefined;
}

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
  // The configuration is read once the global options are parsed and before any command runs.
  program.hook('preAction', async () => {
    const flags = program.opts<{ db?: string; methodology?: string }>();
    context ??= {
      config: await loadConfig(flags, process.env, process.cwd()),
      out: (s) => process.stdout.write(`${s}\n`),
      err: (s) => process.stderr.write(`${s}\n`),
      isTTY: Boolean(process.stderr.isTTY) && !process.env['CI'],
      setExitCode: (code) => {
        exitCode = code;
      },
    };
  });
  const ctx = (): CliContext => {
    if (!context) throw new GreenopsError('E_USAGE', 'no configuration: a command ran before the options were read');
    return context;
  };
  const name = commandName(argv);
  const wanted = COMMANDS.filter(([n]) => n === name);
  for (const [, load] of wanted.length ? wanted : COMMANDS) (await load())(program, ctx);
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
