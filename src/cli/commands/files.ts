import type { Command } from 'commander';
import { render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { accountingRows } from './ingest.js';

export function registerFiles(program: Command, ctx: () => CliContext): void {
  program
    .command('files')
    .description('ingested files and what became of every row: read = estimated + cost-only + unclassified + rejected + superseded')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { format: string }) => {
      const c = ctx();
      await withStore(c.config, async (store) => {
        const files = await store.files();
        c.out(render(accountingRows(files.map((accounting) => ({ accounting, duplicate: false }))).map((r, i) => ({ id: files[i]?.fileId, ...r, status: undefined })), parseFormat(opts.format)));
      });
    });
}
