import type { Command } from 'commander';
import { profile } from '../../core/profiles.js';
import { render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { limitHelp, listLimit, noteCut } from '../limit.js';

export function registerCoverage(program: Command, ctx: () => CliContext): void {
  program
    .command('coverage')
    .description('tag coverage (share of cost and emissions carrying team, service, environment, owner) and the top untagged spenders')
    .option('--methodology <id>', 'default | ccf')
    .option('--limit <n>', limitHelp('untagged spenders, largest cost first', 10))
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (opts: { methodology?: string; limit?: string; format: string }) => {
      const c = ctx();
      const p = profile(opts.methodology ?? c.config.methodology);
      const format = parseFormat(opts.format);
      const limit = listLimit(opts.limit, format, 10);
      await withStore(c.config, async (store) => {
        await store.ensureEstimated(p);
        const { dimensions, untagged, untaggedTotal } = await store.coverage(p.id, c.config.attribution, limit);
        if (format === 'json') {
          c.out(JSON.stringify({ required: c.config.attribution.required, dimensions, untagged }, null, 2));
        } else {
          c.out(render(dimensions as unknown as Record<string, unknown>[], format, { shares: ['cost_share', 'co2e_share'] }));
          c.out(`\nTop untagged spenders (missing any of: ${c.config.attribution.required.join(', ')})`);
          c.out(render(untagged, format));
        }
        await noteCut(c, { shown: untagged.length, limit, count: () => Promise.resolve(untaggedTotal), what: 'untagged spenders', order: 'largest cost first' });
      });
    });
}
