import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccfProfile } from '../../src/core/ccf/profile.js';
import { billingSources } from '../../src/sources/index.js';
import { Columns, lit } from '../../src/sources/sql.js';
import { openDuckStore, type DuckStore } from '../../src/store/duckdb/index.js';
import { relErr, runCcfReference, type CcfInputRow } from '../helpers/ccf-reference.js';
import { SHARED_DATA, hasShared, requireShared } from './shared.js';

requireShared();

/**
 * The `ccf` profile against the real Cloud Carbon Footprint 0.15 on the real AWS exports in
 * ../shared/data/aws-cur. CCF's side is its own Athena query (CostAndUsageReports.getUsage) run in
 * DuckDB over the file read as text: usage line items summed per day, account, product_region,
 * product code, usage type, unit and vCPUs, blended cost as the cost. Its rows go through the
 * library's estimation; greenops' footprint is summed to the same grain and must agree within 1e-6.
 */

const files = hasShared ? readdirSync(join(SHARED_DATA, 'aws-cur')).filter((f) => f.endsWith('.csv')).map((f) => join(SHARED_DATA, 'aws-cur', f)) : [];
const TOLERANCE = 1e-6;

type Sums = { kwh: number; co2e: number };
/** Group key: empty and missing texts are one, as the store keeps them. */
const keyOf = (parts: ReadonlyArray<string | number | null>): string => JSON.stringify(parts.map((p) => (p === '' ? null : p)));

/** CCF's Athena rows for a file, with the key of the group each falls in. */
async function athenaRows(store: DuckStore, path: string): Promise<Array<{ key: string; row: CcfInputRow }>> {
  const reader = `read_csv(${lit(path)}, header = true, delim = ',', quote = '"', escape = '"', all_varchar = true, null_padding = true, strict_mode = false)`;
  const header = await store.db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${reader}`);
  const cols = new Columns(header.map((c) => ({ name: c.column_name, type: c.column_type })));
  const raw = (...names: string[]): string => `COALESCE(${cols.raw(...names)}, '')`;
  const rows = await store.db.all<{ day: string; account: string; region: string; service: string; usage_type: string; unit: string; vcpus: string; amount: number; cost: number }>(`
    SELECT strftime(CAST(${cols.raw('lineItem/UsageStartDate')} AS TIMESTAMP), '%Y-%m-%d') AS day, ${raw('lineItem/UsageAccountId')} AS account,
      ${raw('product/region')} AS region, ${raw('lineItem/ProductCode')} AS service, ${raw('lineItem/UsageType')} AS usage_type,
      ${raw('pricing/unit')} AS unit, ${raw('product/vcpu')} AS vcpus,
      sum(CAST(${cols.raw('lineItem/UsageAmount')} AS DOUBLE)) AS amount, sum(CAST(${cols.raw('lineItem/BlendedCost')} AS DOUBLE)) AS cost
    FROM ${reader}
    WHERE ${cols.raw('lineItem/LineItemType')} IN ('Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage')
    GROUP BY ALL`);
  return rows.map((r) => ({
    key: keyOf([r.day, r.account, r.region.trim(), r.service.trim(), r.usage_type.trim(), r.unit.trim(), r.vcpus === '' ? null : Number.parseFloat(r.vcpus)]),
    row: {
      timestamp: new Date(`${r.day}T00:00:00.000Z`), region: r.region, serviceName: r.service, usageType: r.usage_type, usageUnit: r.unit,
      vCpus: r.vcpus !== '' ? Number.parseFloat(r.vcpus) : null, usageAmount: r.amount, cost: r.cost,
    },
  }));
}

describe.skipIf(!hasShared)('the ccf profile on the real AWS exports against CCF 0.15 itself', () => {
  let store: DuckStore;
  let energetic = 0;
  beforeAll(async () => {
    store = await openDuckStore(':memory:');
  });
  afterAll(() => store.close());

  it.each(files.map((f) => [f.slice(SHARED_DATA.length), f]))('%s', async (_name, path) => {
    const { fileId } = await store.ingest(path, { candidates: billingSources });
    await store.estimate(ccfProfile);
    const ours = await store.db.all<{ day: string; account: string | null; region: string | null; service: string | null; usage_type: string | null; unit: string | null; vcpus: number | null; kwh: number; co2e: number }>(`
      SELECT strftime(f.period_start, '%Y-%m-%d') AS day, f.sub_account AS account, k.billed_region AS region, k.service_code AS service,
        k.usage_type, k.unit, k.vcpus, sum(f.kwh) AS kwh, sum(f.operational_g + f.embodied_g) / 1e6 AS co2e
      FROM footprint f JOIN class_keys k USING (class_key)
      WHERE f.methodology = 'ccf' AND f.file_id = $1 AND f.charge_category = 'usage'
      GROUP BY ALL`, [fileId]);
    const mine = new Map(ours.map((r) => [keyOf([r.day, r.account, r.region, r.service, r.usage_type, r.unit, r.vcpus]), r]));

    const athena = await athenaRows(store, path);
    const outcomes = await runCcfReference(athena.map((a) => a.row));
    const ccf = new Map<string, Sums>();
    athena.forEach(({ key }, i) => {
      const o = outcomes[i];
      const s = ccf.get(key) ?? { kwh: 0, co2e: 0 };
      // CCF drops some rows and gives NaN for others; greenops stores both as zeros (flagged)
      if (o?.kind === 'estimate' && Number.isFinite(o.kilowattHours) && Number.isFinite(o.co2e)) {
        s.kwh += o.kilowattHours;
        s.co2e += o.co2e;
      }
      ccf.set(key, s);
    });

    expect([...mine.keys()].sort()).toEqual([...ccf.keys()].sort());
    let nonZero = 0;
    for (const [key, ref] of ccf) {
      const o = mine.get(key);
      expect(o, key).toBeDefined();
      if (!o) continue;
      expect(Math.max(relErr(o.kwh, ref.kwh), relErr(o.co2e, ref.co2e)), `${key}: ours ${o.kwh} kWh ${o.co2e} t, CCF ${ref.kwh} kWh ${ref.co2e} t`).toBeLessThanOrEqual(TOLERANCE);
      if (ref.kwh > 0) nonZero++;
    }
    energetic += nonZero;
  });

  it('compared groups with energy', () => {
    expect(energetic).toBeGreaterThan(50);
  });
});
