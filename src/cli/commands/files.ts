import type { Command } from 'commander';
import { render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { accountingRows } from './ingest.js';
import { profile } from '../../core/profiles.js';

export function registerFiles(program: Command, ctx: () => CliContext): void {
  program
    .command('files')
    .description('ingested files and what the methodology made of every row: read = estimated + fallback + cost-only + unclassified + rejected + superseded')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { format: string }) => {
      const c = ctx();
      await withStore(c.config, async (store) => {
        const p = profile(c.config.methodology);
        await store.ensureEstimated(p);
        const files = await store.files();
        const rows = accountingRows(files.map((accounting) => ({ accounting })), await store.outcomes(p.id));
        c.out(render(rows.map((r, i) => ({ id: files[i]?.fileId, ...r })), parseFormat(opts.format)));
      });
    });
}
