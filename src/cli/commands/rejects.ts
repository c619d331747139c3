import type { Command } from 'commander';
import { render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';

export function registerRejects(program: Command, ctx: () => CliContext): void {
  program
    .command('rejects')
    .description('rows that could not be read, with file, row, column, reason and the value found')
    .option('--file <id>', 'only this file id (see `greenops files`)')
    .option('--limit <n>', 'at most this many', '100')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { file?: string; limit: string; format: string }) => {
      const c = ctx();
      await withStore(c.config, async (store) => {
        const rows = await store.rejects({ fileId: opts.file ? Number(opts.file) : undefined, limit: Number(opts.limit) });
        c.out(render(rows.map((r) => ({ file: r.path, row: r.rowNo, column: r.column, reason: r.reason, value: r.value })), parseFormat(opts.format)));
      });
    });
}
