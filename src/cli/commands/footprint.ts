import type { Command } from 'commander';
import { DIMENSIONS, footprintColumns, parseDimensions } from '../../analysis/footprint-query.js';
import { profile } from '../../core/profiles.js';
import { render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { parsePeriod } from '../time.js';
import { limitHelp, listLimit, noteCut } from '../limit.js';
import { methodologyFields, withMethodology } from '../provenance.js';

export function registerFootprint(program: Command, ctx: () => CliContext): void {
  program
    .command('footprint')
    .description('energy (kWh) and emissions (kgCO2e, with low–high interval) grouped by any dimension')
    .option('--by <dims>', `comma-separated: ${DIMENSIONS.join(', ')}`, 'provider')
    .option('--from <time>', 'inclusive start: a date (UTC), e.g. 2026-08-01')
    .option('--to <time>', 'exclusive end: a date (UTC)')
    .option('--methodology <id>', 'default | ccf')
    .option('--limit <n>', limitHelp('groups, largest CO2e first', 50))
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { by: string; from?: string; to?: string; methodology?: string; limit?: string; format: string }) => {
      const c = ctx();
      const by = parseDimensions(opts.by.split(',').filter((d) => d.trim() !== ''));
      const p = profile(opts.methodology ?? c.config.methodology);
      const format = parseFormat(opts.format);
      const period = parsePeriod(opts.from, opts.to);
      const limit = listLimit(opts.limit, format, 50);
      await withStore(c.config, async (store) => {
        await store.ensureEstimated(p);
        const q = { by, methodology: p.id, ...period };
        const rows = await store.footprint({ ...q, limit }, c.config.attribution);
        const columns = [...footprintColumns(by), ...Object.keys(methodologyFields(p))];
        c.out(render(format === 'table' ? rows : withMethodology(rows, p), format, { columns }));
        if (format === 'table') c.out(`\nmethodology ${p.id} ${p.version}; intervals are low–high; co2e = location-based operational + embodied`);
        await noteCut(c, { shown: rows.length, limit, count: () => store.footprintGroups(q, c.config.attribution), what: 'groups', order: 'largest CO2e first' });
      });
    });
}
