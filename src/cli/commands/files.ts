import type { Command } from 'commander';
import { render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { accountingRows } from './ingest.js';
import { profile } from '../../core/profiles.js';

export function registerFiles(program: Command, ctx: () => CliContext): void {
  program
    .command('files')
    .description('ingested files and what the methodology made of every row: read = estimated + fallback + cost-only + unclassified + rejected + superseded; then their warnings')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { format: string }) => {
      const c = ctx();
      await withStore(c.config, async (store) => {
        const p = profile(c.config.methodology);
        await store.ensureEstimated(p);
        const files = await store.files();
        const format = parseFormat(opts.format);
        const rows = accountingRows(files.map((accounting) => ({ accounting })), await store.outcomes(p.id)).map((r, i) => ({ id: files[i]?.fileId, ...r }));
        // JSON carries each file's warnings; a table or CSV is followed by them, as after ingest
        c.out(render(format === 'json' ? rows.map((r, i) => ({ ...r, warnings: files[i]?.warnings ?? [] })) : rows, format));
        if (format !== 'json') for (const f of files) for (const w of f.warnings) c.err(`warning: ${f.path}: ${w}`);
      });
    });
}
