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
    .option('--provider <p>', 'only rows of this provider (aws, azure, gcp); without --kind, count those rows per table')
    .option('--search <text>', 'only rows with a text field containing this text (any case); without --kind, count those rows per table')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action((opts: { kind?: string; provider?: string; search?: string; format: string }) => {
      const c = ctx();
      const format = parseFormat(opts.format);
      const provider = opts.provider?.toLowerCase();
      if (provider !== undefined) {
        // the providers some table has rows of: a typo is wrong usage, not an empty list
        const known = [...new Set(factorTables.flatMap((t) => t.rows().map((r) => r['provider']).filter((p): p is string => typeof p === 'string').map((p) => p.toLowerCase())))].sort();
        if (!known.includes(provider)) throw new GreenopsError('E_USAGE', `--provider ${JSON.stringify(opts.provider)}: no factor is for that provider; expected one of ${known.join(', ')}`, { data: { column: '--provider', found: opts.provider, expected: known.join(', ') } });
      }
      const needle = opts.search?.toLowerCase();
      const matches = (r: Record<string, unknown>): boolean =>
        (provider === undefined || (typeof r['provider'] === 'string' && r['provider'].toLowerCase() === provider)) &&
        (needle === undefined || Object.values(r).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle)));
      if (!opts.kind) {
        // The tables, each with how many of its rows pass the filters (and only those with some, when filtering).
        const tables = factorTables.map((t) => ({ kind: t.kind, rows: t.rows().filter(matches).length, what: t.title }));
        c.out(render(provider === undefined && needle === undefined ? tables : tables.filter((t) => t.rows > 0), format));
        return;
      }
      const table = factorTables.find((t) => t.kind === opts.kind);
      if (!table) throw new GreenopsError('E_USAGE', `unknown factor kind ${JSON.stringify(opts.kind)}; expected ${factorTables.map((t) => t.kind).join(', ')}`);
      c.out(render(table.rows().filter(matches), format));
    });
}
