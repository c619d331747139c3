import type { Command } from 'commander';
import { COVERAGE_COLUMNS, UNTAGGED_COLUMNS } from '../../analysis/coverage-query.js';
import { GreenopsError, quote } from '../../core/errors.js';
import { profile } from '../../core/profiles.js';
import { render, type OutputFormat } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { limitHelp, listLimit, noteCut } from '../limit.js';
import { methodologyFields, withMethodology } from '../provenance.js';

const TABLES = ['dimensions', 'untagged'] as const;
type Table = (typeof TABLES)[number];

/** The tables `--table` asks for: one, or (not in csv, which holds one table) both, the default elsewhere. */
function parseTables(value: string | undefined, format: OutputFormat): readonly Table[] {
  if (value === undefined) return format === 'csv' ? ['dimensions'] : TABLES;
  const table = TABLES.find((t) => t === value.trim().toLowerCase());
  if (!table) throw new GreenopsError('E_USAGE', `--table ${quote(value)} is not valid; expected ${TABLES.join(' or ')}`, { data: { column: '--table', expected: TABLES.join(', ') } });
  return [table];
}

export function registerCoverage(program: Command, ctx: () => CliContext): void {
  program
    .command('coverage')
    .description('tag coverage (share of cost and emissions carrying team, app, environment, owner) and the top untagged spenders')
    .option('--methodology <id>', 'default | ccf')
    .option('--limit <n>', limitHelp('untagged spenders, largest cost first', 10))
    .option('--table <table>', 'only this table: dimensions (coverage per tag) | untagged (spenders missing a required tag); csv holds one table, dimensions unless told')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { methodology?: string; limit?: string; table?: string; format: string }) => {
      const c = ctx();
      const p = profile(opts.methodology ?? c.config.methodology);
      const format = parseFormat(opts.format);
      const tables = parseTables(opts.table, format);
      const limit = listLimit(opts.limit, format, 10);
      await withStore(c.config, async (store) => {
        await store.ensureEstimated(p);
        const { dimensions, untagged } = await store.coverage(p.id, c.config.attribution, limit);
        const show = { dimensions: tables.includes('dimensions'), untagged: tables.includes('untagged') };
        if (format === 'json') {
          c.out(JSON.stringify({
            ...methodologyFields(p),
            required: c.config.attribution.required,
            ...(show.dimensions ? { dimensions } : {}),
            ...(show.untagged ? { untagged } : {}),
          }, null, 2));
        } else if (format === 'csv') {
          const columns = [...(show.dimensions ? COVERAGE_COLUMNS : UNTAGGED_COLUMNS), ...Object.keys(methodologyFields(p))];
          c.out(render(withMethodology(show.dimensions ? (dimensions as unknown as Record<string, unknown>[]) : untagged, p), format, { columns }));
        } else {
          if (show.dimensions) c.out(render(dimensions as unknown as Record<string, unknown>[], format, { shares: ['cost_share', 'co2e_share'] }));
          if (show.dimensions && show.untagged) c.out('');
          if (show.untagged) c.out(`Top untagged spenders (missing any of: ${c.config.attribution.required.join(', ')})\n${render(untagged, format)}`);
          c.out(`\nmethodology ${p.id} ${p.version}; co2e = location-based operational + embodied`);
        }
        if (show.untagged) await noteCut(c, { shown: untagged.length, limit, count: () => store.untaggedSpenders(p.id, c.config.attribution), what: 'untagged spenders', order: 'largest cost first' });
      });
    });
}
