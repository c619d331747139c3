/**
 * Throughput against Cloud Carbon Footprint 0.15 on the same AWS CUR usage: greenops (ingest the
 * CUR CSV, estimate with the `ccf` profile, aggregate by service and day) against CCF's own
 * per-row estimation (`getFootprintEstimateFromUsageRow` and `getEstimateForUnknownUsage`, the path of
 * `CostAndUsageReports.getEstimates` minus Athena, from the npm dev dependency). CCF is handed rows
 * already parsed, so its figure excludes reading the file; greenops' includes it.
 * Usage: tsx bench/ccf.ts [rows…]   (default 100000)
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
import { runCcfReference, type CcfInputRow } from '../test/helpers/ccf-reference.js';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const dir = join(tmpdir(), 'greenops-bench-ccf');
mkdirSync(dir, { recursive: true });

/** The row CCF's Athena query hands over for one usage line item. */
function asCcf(r: CurRow): CcfInputRow {
  return {
    timestamp: new Date(`${r.start.slice(0, 10)}T00:00:00.000Z`), region: r.region, serviceName: r.productCode, usageType: r.usageType,
    usageUnit: r.unit, vCpus: r.vcpus ? Number.parseFloat(r.vcpus) : null, usageAmount: r.amount, cost: r.blendedCost ?? r.cost,
  };
}

async function greenops(file: string): Promise<number> {
  const db = join(dir, `ccf-bench-${process.pid}.duckdb`);
  rmSync(db, { force: true });
  const started = performance.now();
  const store = await openDuckStore(db, { memoryLimit: '1GB' });
  try {
    await store.ingest(file, { source: awsCurSource, candidates: [awsCurSource] });
    await store.ensureEstimated(profile('ccf'));
    await store.footprint({ by: ['service', 'day'], methodology: 'ccf', limit: 1_000_000 }, defaultAttribution);
  } finally {
    store.close();
    rmSync(db, { force: true });
  }
  return (performance.now() - started) / 1000;
}

const lines = ['| rows | CCF 0.15 s | greenops (ccf profile) s | CCF rows/s | greenops rows/s | ratio |', '|---|---|---|---|---|---|'];
for (const n of sizes.length ? sizes : [100_000]) {
  const rows = ccfCurRows(n);
  const file = writeCur(dir, `cur-${n}.csv`, rows);
  const ours = await greenops(file);
  const usage = rows.filter((r) => (r.lineItemType ?? 'Usage') === 'Usage').map(asCcf);
  const t0 = performance.now();
  await runCcfReference(usage);
  const ccf = (performance.now() - t0) / 1000;
  lines.push(`| ${n.toLocaleString('en-US')} | ${ccf.toFixed(2)} | ${ours.toFixed(2)} | ${Math.round(n / ccf).toLocaleString('en-US')} | ${Math.round(n / ours).toLocaleString('en-US')} | ${(ccf / ours).toFixed(1)}× |`);
  process.stdout.write(`${lines.at(-1)}\n`);
  rmSync(file, { force: true });
}
process.stdout.write(`\n${lines.join('\n')}\n`);
