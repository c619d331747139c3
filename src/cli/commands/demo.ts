import { join } from 'node:path';
import type { Command } from 'commander';
import { profile } from '../../core/profiles.js';
import { DEMO_DEFAULTS, generateFocus } from '../../demo/generate.js';
import { focusSource } from '../../sources/focus/index.js';
import { billingSources } from '../../sources/index.js';
import { formatNumber, render } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { withStore } from '../store.js';
import { parseWhole } from '../units.js';
import { methodologyFields } from '../provenance.js';
import { accountingRows } from './ingest.js';

export function registerDemo(program: Command, ctx: () => CliContext): void {
  program
    .command('demo')
    .description('generate a deterministic multi-cloud organisation (3 months of FOCUS data), ingest it, and summarise its footprint')
    .option('--rows <n>', 'charges to generate', String(DEMO_DEFAULTS.rows))
    .option('--seed <n>', 'random seed: the same seed gives the same organisation', String(DEMO_DEFAULTS.seed))
    .option('--out <path>', 'where to write the generated export (.csv, .csv.gz or .parquet)')
    .option('--format <format>', 'output: table | json', 'table')
    .action(async (opts: { rows: string; seed: string; out?: string; format: string }) => {
      const c = ctx();
      const rows = parseWhole(opts.rows, '--rows', 'a whole number ≥ 1', { min: 1 });
      const seed = parseWhole(opts.seed, '--seed', 'a whole number ≥ 1', { min: 1 });
      const format = parseFormat(opts.format, ['table', 'json']);
      const dir = c.config.db === ':memory:' ? '.greenops' : join(c.config.db, '..');
      const path = opts.out ?? join(dir, 'demo', `focus-demo-${seed}-${rows}.parquet`);
      const fmt = path.endsWith('.parquet') ? 'parquet' : path.endsWith('.gz') ? 'csv.gz' : 'csv';
      const p = profile(c.config.methodology);
      await withStore(c.config, async (store) => {
        const started = Date.now();
        const gen = await generateFocus(store.db, { rows, seed, path, format: fmt });
        const result = await store.ingest(path, { source: focusSource, candidates: billingSources });
        await store.ensureEstimated(p);
        const seconds = (Date.now() - started) / 1000;
        const q = (by: Parameters<typeof store.footprint>[0]['by'], limit = 10) => store.footprint({ by, methodology: p.id, limit }, c.config.attribution);
        const [total, byProvider, byTeam, byClass, byRegion, coverage] = [
          await q([]), await q(['provider']), await q(['team']), await q(['class']), await q(['provider', 'region'], 8),
          await store.coverage(p.id, c.config.attribution, 5),
        ];
        // what the methodology made of the export's rows, as `ingest` shows it
        const [accounting] = accountingRows([result], await store.outcomes(p.id, [result.fileId]));
        const others = (await store.db.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM files WHERE file_id <> $1', [result.fileId]))[0]?.n ?? 0;
        if (others > 0) c.err(`note: the store ${c.config.db} holds ${others} other file(s); the summary covers them too (use --db for a store of the demo alone)`);
        if (format === 'json') {
          c.out(JSON.stringify({ ...methodologyFields(p), file: path, accounting, total: total[0], byProvider, byTeam, byClass, byRegion, coverage }, null, 2));
          return;
        }
        const t = total[0] ?? {};
        c.out(`greenops demo: ${rows.toLocaleString('en-US')} FOCUS charges from ${gen.resources} resources across AWS, Azure and GCP (seed ${seed}), ${seconds.toFixed(1)} s`);
        c.out(`export: ${path}\n`);
        c.out(render(accounting ? [accounting] : [], 'table'));
        c.out(`\nTotal: ${formatNumber(Number(t['energy_kwh']))} kWh [${formatNumber(Number(t['energy_kwh_low']))}–${formatNumber(Number(t['energy_kwh_high']))}], ` +
          `${formatNumber(Number(t['co2e_kg']))} kgCO2e [${formatNumber(Number(t['co2e_kg_low']))}–${formatNumber(Number(t['co2e_kg_high']))}] ` +
          `(operational ${formatNumber(Number(t['operational_kg']))}, embodied ${formatNumber(Number(t['embodied_kg']))}; market-based operational ${formatNumber(Number(t['market_kg']))}) for ${formatNumber(Number(t['cost']))} ${String(t['currency'] ?? '')}`.trimEnd());
        const slim = (rs: Record<string, unknown>[], keys: string[]) => rs.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => keys.some((x) => k === x || k.startsWith(`${x}_`)) || !['rows', 'currency', 'operational_kg', 'market_kg', 'embodied_kg', 'fallback_rows'].includes(k) && !k.startsWith('energy') && !k.startsWith('co2e') && k !== 'cost')));
        const keys = ['cost', 'energy_kwh', 'co2e_kg'];
        c.out('\nBy provider'); c.out(render(slim(byProvider, keys), 'table'));
        c.out('\nBy team (tag)'); c.out(render(slim(byTeam, keys), 'table'));
        c.out('\nBy energy class'); c.out(render(slim(byClass, keys), 'table'));
        c.out('\nTop regions'); c.out(render(slim(byRegion, keys), 'table'));
        c.out('\nTag coverage'); c.out(render(coverage.dimensions as unknown as Record<string, unknown>[], 'table', { shares: ['cost_share', 'co2e_share'] }));
        c.out(`\nmethodology ${p.id} ${p.version}. Next: greenops footprint --by team,month · greenops coverage · greenops methodology`);
      });
    });
}
