import { resolve } from 'node:path';
import type { Command } from 'commander';
import { GreenopsError } from '../../core/errors.js';
import { billingSource, billingSources } from '../../sources/index.js';
import { profile } from '../../core/profiles.js';
import { render } from '../../report/format.js';
import type { FileAccounting, FileOutcome } from '../../store/types.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { progress } from '../progress.js';

/**
 * One line per file: what the methodology made of its rows (read = estimated + fallback + cost only
 * + unclassified + rejected + superseded), from the footprint itself.
 */
export function accountingRows(files: ReadonlyArray<{ accounting: FileAccounting; duplicate?: boolean }>, outcomes: readonly FileOutcome[]): Record<string, unknown>[] {
  const byId = new Map(outcomes.map((o) => [o.fileId, o]));
  return files.map(({ accounting: a, duplicate }) => {
    const o = byId.get(a.fileId);
    if (!o) throw new GreenopsError('E_STORE', `file ${a.fileId} has not been estimated`);
    return {
      file: a.path.split('/').pop(),
      format: `${a.format} ${a.formatVersion ?? ''}`.trim(),
      ...(duplicate === undefined ? {} : { status: duplicate ? 'already ingested' : 'ingested' }),
      rows_read: o.rowsRead,
      estimated: o.estimated,
      fallback: o.fallback,
      cost_only: o.costOnly,
      unclassified: o.unclassified,
      rejected: o.rejected,
      superseded: o.superseded,
    };
  });
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
          results = await store.ingestAll(paths, { source, candidates: billingSources, supersede: opts.supersede }, (_, index) => bar.done(index + 1));
        } catch (e) {
          bar.stop();
          if (paths.length > 1) c.err(`nothing stored: the ${paths.length} files of this command are stored together or not at all; fix the file named below and run the command again`);
          throw e;
        }
        bar.stop();
        const p = profile(c.config.methodology);
        await store.ensureEstimated(p);
        c.out(render(accountingRows(results, await store.outcomes(p.id, results.map((r) => r.fileId))), out));
        const warnings = results.flatMap((r) => r.accounting.warnings.map((w) => `${r.accounting.path}: ${w}`));
        for (const w of warnings) c.err(`warning: ${w}`);
        for (const [i, r] of results.entries()) {
          const given = paths[i];
          if (r.duplicate && given !== undefined && resolve(given) !== r.accounting.path) {
            c.err(`${given} has the same content as ${r.accounting.path} (file ${r.fileId}, compressed or not): counted once`);
          }
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
