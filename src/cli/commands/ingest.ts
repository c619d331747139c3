import type { Command } from 'commander';
import { GreenopsError } from '../../core/errors.js';
import { billingSource, billingSources } from '../../sources/index.js';
import { profile } from '../../core/profiles.js';
import { render } from '../../report/format.js';
import type { FileAccounting } from '../../store/types.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { progress } from '../progress.js';

export function accountingRows(results: ReadonlyArray<{ accounting: FileAccounting; duplicate: boolean }>): Record<string, unknown>[] {
  return results.map(({ accounting: a, duplicate }) => ({
    file: a.path.split('/').pop(),
    format: `${a.format} ${a.formatVersion ?? ''}`.trim(),
    status: duplicate ? 'already ingested' : 'ingested',
    rows_read: a.rowsRead,
    estimated: a.estimated,
    cost_only: a.costOnly,
    unclassified: a.unclassified,
    rejected: a.rejected,
    superseded: a.superseded,
  }));
}

export function registerIngest(program: Command, ctx: () => CliContext): void {
  program
    .command('ingest')
    .description('read billing exports (FOCUS, AWS CUR) into the store and estimate them; the same file twice counts once')
    .argument('<format>', `export format: ${billingSources.map((s) => s.id).join(' | ')} | auto`)
    .argument('<paths...>', 'CSV, gzipped CSV or Parquet files')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .option('--no-supersede', 'a partial re-export: keep earlier exports of the same accounts and billing periods')
    .action(async (format: string, paths: string[], opts: { format: string; supersede: boolean }) => {
      const c = ctx();
      const source = format === 'auto' ? undefined : billingSource(format);
      if (format !== 'auto' && !source) {
        throw new GreenopsError('E_USAGE', `unknown export format ${JSON.stringify(format)}; expected ${billingSources.map((s) => s.id).join(', ')} or auto`);
      }
      const out = parseFormat(opts.format);
      await withStore(c.config, async (store) => {
        const bar = progress(c, paths.length, 'ingesting');
        // The files of one command are one export's parts: they never supersede each other, and
        // they are stored together or not at all.
        let results;
        try {
          results = await store.ingestAll(paths, { source, candidates: billingSources, supersede: opts.supersede }, () => bar.increment());
        } catch (e) {
          bar.stop();
          if (paths.length > 1) c.err(`nothing stored: the ${paths.length} files of this command are stored together or not at all; fix the file named below and run the command again`);
          throw e;
        }
        bar.stop();
        await store.ensureEstimated(profile(c.config.methodology));
        c.out(render(accountingRows(results), out));
        const warnings = results.flatMap((r) => r.accounting.warnings.map((w) => `${r.accounting.path}: ${w}`));
        for (const w of warnings) c.err(`warning: ${w}`);
        for (const r of results) {
          const name = r.accounting.path.split('/').pop();
          for (const old of r.superseded) {
            c.err(`${name} restates the billing periods of ${old.path.split('/').pop()} (file ${old.fileId}): its ${old.rows.toLocaleString('en-US')} row(s) for the same accounts and periods are superseded (use --no-supersede for a partial export)`);
          }
          for (const newer of r.olderThan) {
            c.err(`${name} is an older export than ${newer.path.split('/').pop()} (file ${newer.fileId}), which reaches further into the same billing periods: ${name}'s ${newer.rows.toLocaleString('en-US')} row(s) for them are kept as superseded`);
          }
        }
        const rejected = results.reduce((s, r) => s + r.accounting.rejected, 0);
        if (rejected > 0) c.err(`${rejected} row(s) rejected: \`greenops rejects\` lists them with file, row, column and reason`);
      });
    });
}
