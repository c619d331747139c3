import type { Command } from 'commander';
import { GreenopsError } from '../../core/errors.js';
import { factorTables } from '../../factors/index.js';
import { render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';

export function registerFactors(program: Command, ctx: () => CliContext): void {
  program
    .command('factors')
    .description('list the coefficient tables: every value with its unit, source, year and uncertainty band')
    .option('--kind <kind>', `one of: ${factorTables.map((t) => t.kind).join(', ')}`)
    .option('--provider <p>', 'only rows of this provider (aws, azure, gcp)')
    .option('--search <text>', 'only rows whose id or name contains this text')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action((opts: { kind?: string; provider?: string; search?: string; format: string }) => {
      const c = ctx();
      const format = parseFormat(opts.format);
      if (!opts.kind) {
        c.out(render(factorTables.map((t) => ({ kind: t.kind, rows: t.rows().length, what: t.title })), format));
        return;
      }
      const table = factorTables.find((t) => t.kind === opts.kind);
      if (!table) throw new GreenopsError('E_USAGE', `unknown factor kind ${JSON.stringify(opts.kind)}; expected ${factorTables.map((t) => t.kind).join(', ')}`);
      const needle = opts.search?.toLowerCase();
      const rows = table.rows().filter((r) =>
        (!opts.provider || r['provider'] === opts.provider) &&
        (!needle || Object.values(r).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle))));
      c.out(render(rows, format));
    });
}
