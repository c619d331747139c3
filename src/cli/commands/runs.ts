import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { GreenopsError, quote } from '../../core/errors.js';
import { render } from '../../report/format.js';
import { countRuns, getRun, listRuns, saveRun, storedRuns } from '../../store/duckdb/runs.js';
import { codecarbonCsv, parseUtcOffset, readCodecarbonFile } from '../../track/codecarbon.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { limitHelp, listLimit, noteCut } from '../limit.js';
import { renderRuns, showRun } from './runs-show.js';

/**
 * `greenops runs`: stored runs (tracked by greenops or imported from CodeCarbon), newest first;
 * `runs show`, `runs import codecarbon`, `runs export`.
 *
 * @example registerRuns(program, ctx) // greenops runs import codecarbon emissions.csv --utc-offset +02:00
 */
export function registerRuns(program: Command, ctx: () => CliContext): void {
  const runs = program.command('runs').description('tracked and imported job runs: list, show one, import CodeCarbon files, export');

  runs
    .command('list', { isDefault: true })
    .description('(the default) stored runs, newest first: energy by component (kWh, before PUE), gCO2e with its interval, intensity')
    .option('--project <name>', 'only runs of this project')
    .option('--limit <n>', limitHelp('runs, newest first', 50))
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { project?: string; limit?: string; format: string }) => {
      const c = ctx();
      const format = parseFormat(opts.format);
      const limit = listLimit(opts.limit, format, 50);
      await withStore(c.config, async (store) => {
        const which = opts.project ? { project: opts.project } : {};
        const rows = await listRuns(store.db, { ...which, limit });
        c.out(renderRuns(rows, format));
        await noteCut(c, { shown: rows.length, limit, count: () => countRuns(store.db, which), what: 'runs', order: 'newest first' });
      });
    });

  runs
    .command('show')
    .description('one run in full: energy by component, per GPU and per phase, emissions with interval, intensity and source, embodied, notes')
    .argument('<id>', 'run id or a unique prefix of it')
    .option('--format <format>', 'output: table | csv | json (json: the summary and its samples)', 'table')
    .action(async (id: string, opts: { format: string }) => {
      const c = ctx();
      const format = parseFormat(opts.format);
      await withStore(c.config, async (store) => {
        const run = await getRun(store.db, id);
        if (!run) throw new GreenopsError('E_INPUT_VALUE', `no stored run has the id or id prefix ${quote(id)}; \`greenops runs\` lists them`, { data: { found: id.slice(0, 60), expected: 'a run id or a unique prefix' } });
        c.out(showRun(run, format));
      });
    });

  runs
    .command('import')
    .description("import CodeCarbon emissions.csv files (any version) as runs; a run's last row is kept (rows are cumulative); importing again replaces")
    .argument('<format>', 'codecarbon')
    .argument('<paths...>', 'emissions.csv files')
    .option('--utc-offset <offset>', "the writing machine's offset from UTC (CodeCarbon's timestamps are local time with no zone), e.g. +02:00", '+00:00')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (kind: string, paths: string[], opts: { utcOffset: string; format: string }) => {
      const c = ctx();
      if (kind !== 'codecarbon') throw new GreenopsError('E_USAGE', `unknown run format ${quote(kind)}; expected codecarbon`);
      const format = parseFormat(opts.format);
      const utcOffsetMinutes = parseUtcOffset(opts.utcOffset);
      // Every file is read and checked before anything is stored: a bad file stores nothing.
      const files = paths.map((p) => readCodecarbonFile(p, { utcOffsetMinutes }));
      await withStore(c.config, async (store) => {
        const before = await storedRuns(store.db, files.flatMap((f) => f.runs.map((r) => r.summary.runId)));
        for (const f of files) {
          for (const r of f.runs) await saveRun(store.db, { source: 'codecarbon', summary: r.summary, journal: null, methodologyVersion: r.methodologyVersion });
        }
        c.out(render(files.map((f) => ({
          file: f.file.split('/').pop(),
          codecarbon: f.versions.join(' ') || 'unknown',
          rows_read: f.rowsRead,
          runs: f.runs.length,
          earlier_flushes: f.earlierFlushes,
          new: f.runs.filter((r) => !before.has(r.summary.runId)).length,
          replaced: f.runs.filter((r) => before.has(r.summary.runId)).length,
        })), format));
      });
    });

  runs
    .command('export')
    .description("stored runs, oldest first, as CodeCarbon's emissions.csv (newest layout, CodeCarbon's units, UTC timestamps) or as JSON summaries")
    .requiredOption('--as <kind>', 'codecarbon | json')
    .option('--project <name>', 'only runs of this project')
    .option('--output <file>', 'write to this file instead of standard output')
    .action(async (opts: { as: string; project?: string; output?: string }) => {
      const c = ctx();
      if (opts.as !== 'codecarbon' && opts.as !== 'json') throw new GreenopsError('E_USAGE', `--as ${quote(opts.as)} is not valid; expected codecarbon or json`);
      await withStore(c.config, async (store) => {
        const rows = (await listRuns(store.db, opts.project ? { project: opts.project } : {})).reverse();
        const text = opts.as === 'json' ? `${JSON.stringify(rows.map((r) => r.summary), null, 2)}\n` : codecarbonCsv(rows);
        if (opts.output === undefined) return c.out(text.replace(/\n$/, ''));
        writeFileSync(opts.output, text);
        c.err(`${rows.length} run(s) written to ${opts.output}`);
      });
    });
}
