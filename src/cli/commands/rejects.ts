import type { Command } from 'commander';
import { GreenopsError } from '../../core/errors.js';
import { render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { limitHelp, listLimit, noteCut } from '../limit.js';
import { parseWhole } from '../units.js';

export function registerRejects(program: Command, ctx: () => CliContext): void {
  program
    .command('rejects')
    .description('rows that could not be read, with file, row, column, reason and the value found')
    .option('--file <id>', 'only this file id (see `greenops files`)')
    .option('--limit <n>', limitHelp('rows, in file and row order', 100))
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { file?: string; limit?: string; format: string }) => {
      const c = ctx();
      const format = parseFormat(opts.format);
      const fileId = opts.file === undefined ? undefined : parseWhole(opts.file, '--file', 'a file id (a whole number ≥ 1; see `greenops files`)', { min: 1 });
      const limit = listLimit(opts.limit, format, 100);
      await withStore(c.config, async (store) => {
        if (fileId !== undefined && (await store.db.all('SELECT 1 FROM files WHERE file_id = $1', [fileId])).length === 0) {
          throw new GreenopsError('E_USAGE', `--file ${fileId}: no file has that id; \`greenops files\` lists them`, { data: { column: '--file', found: String(fileId) } });
        }
        const rows = await store.rejects({ fileId, limit });
        c.out(render(rows.map((r) => ({ file: r.path, row: r.rowNo, column: r.column, reason: r.reason, value: r.value })), format, { columns: ['file', 'row', 'column', 'reason', 'value'] }));
        await noteCut(c, { shown: rows.length, limit, count: () => store.rejectCount({ fileId }), what: 'rejected rows', order: 'in file and row order' });
      });
    });
}
