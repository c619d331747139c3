/**
 * Throughput against Cloud Carbon Footprint 0.15 on the same AWS CUR usage: greenops (ingest the
 * CUR CSV, estimate with the `ccf` profile, aggregate by service and day) against CCF's own
 * per-row estimation (`getFootprintEstimateFromUsageRow` and `getEstimateForUnknownUsage`, the path of
 * `CostAndUsageReports.getEstimates` minus Athena, from the npm dev dependency). CCF is handed rows
 * already parsed, so its figure excludes reading the file; greenops' end-to-end figure includes it,
 * and its estimation step (over the stored usage) is also timed on its own.
 *
 * Two shapes of usage: `varied` (the reference test's line items: every CCF path, random kinds and
 * days, so lines seldom share a day and kind) and `hourly` (what a CUR looks like: the same resources
 * billed every hour for 92 days).
 * Usage: npm run bench:ccf -- [rows…]   (default 100000; compiled by tsc, as the package ships)
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profile } from '../src/core/profiles.js';
import { defaultAttribution } from '../src/analysis/attribution.js';
import { awsCurSource } from '../src/sources/aws-cur/index.js';
import { openDuckStore } from '../src/store/duckdb/index.js';
import { writeCur, type CurRow } from '../test/helpers/aws-cur.js';
import { ccfCurRows } from '../test/helpers/ccf-cur-rows.js';
import { asCcf, loadCcfReference, runCcfReference } from '../test/helpers/ccf-reference.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const dir = join(tmpdir(), 'greenops-bench-ccf');
mkdirSync(dir, { recursive: true });

const HOURS = 92 * 24;

/** `n` hourly line items: ⌈n / 2208⌉ resources (kinds drawn from the varied set), each billed every hour from 2024-01-01. */
function hourlyRows(n: number): CurRow[] {
  const templates = ccfCurRows(Math.ceil(n / HOURS)).filter((r) => (r.lineItemType ?? 'Usage') === 'Usage');
  const t0 = Date.UTC(2024, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const r = templates[i % templates.length] as CurRow;
    const hour = Math.floor(i / templates.length);
    const scale = 1 + ((i * 7919) % 13) / 26;
    return { ...r, start: new Date(t0 + hour * 3_600_000).toISOString().replace('.000', ''), amount: r.amount * scale, cost: r.cost * scale, blendedCost: (r.blendedCost ?? r.cost) * scale, resourceId: `res-${i % templates.length}` };
  });
}

async function greenops(file: string): Promise<{ total: number; estimate: number }> {
  const db = join(dir, `ccf-bench-${process.pid}.duckdb`);
  rmSync(db, { force: true });
  const started = performance.now();
  const store = await openDuckStore(db, { memoryLimit: '1GB' });
  let estimate = 0;
  try {
    await store.ingest(file, { source: awsCurSource, candidates: [awsCurSource] });
    const t = performance.now();
    await store.ensureEstimated(profile('ccf'));
    estimate = (performance.now() - t) / 1000;
    await store.footprint({ by: ['service', 'day'], methodology: 'ccf', limit: 1_000_000 }, defaultAttribution);
  } finally {
    store.close();
    rmSync(db, { force: true });
  }
  return { total: (performance.now() - started) / 1000, estimate };
}

const rate = (n: number, s: number): string => Math.round(n / s).toLocaleString('en-US');
const lines = [
  '| usage | rows | CCF 0.15 s | greenops end to end s | greenops estimation s | CCF rows/s | greenops rows/s end to end | ratio end to end | ratio estimation |',
  '|---|---|---|---|---|---|---|---|---|',
];
// CCF's packages load in about a second: outside its timings, as opening the store is outside greenops' estimation
loadCcfReference();
for (const n of sizes.length ? sizes : [100_000]) {
  for (const [shape, rows] of [['varied', ccfCurRows(n)], ['hourly', hourlyRows(n)]] as const) {
    const file = writeCur(dir, `cur-${shape}-${n}.csv`, rows);
    const ours = await greenops(file);
    const usage = rows.filter((r) => (r.lineItemType ?? 'Usage') === 'Usage').map(asCcf);
    const t0 = performance.now();
    await runCcfReference(usage);
    const ccf = (performance.now() - t0) / 1000;
    lines.push(`| ${shape} | ${n.toLocaleString('en-US')} | ${ccf.toFixed(2)} | ${ours.total.toFixed(2)} | ${ours.estimate.toFixed(2)} | ${rate(n, ccf)} | ${rate(n, ours.total)} | ${(ccf / ours.total).toFixed(1)}× | ${(ccf / ours.estimate).toFixed(1)}× |`);
    process.stdout.write(`${lines.at(-1)}\n`);
    rmSync(file, { force: true });
  }
}
process.stdout.write(`\n${lines.join('\n')}\n`);
