import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccfProfile } from '../src/core/ccf/profile.js';
import { billingSources } from '../src/sources/index.js';
import { openDuckStore, type DuckStore } from '../src/store/duckdb/index.js';
import { writeCur, type CurRow } from './helpers/aws-cur.js';
import { ccfCurRows } from './helpers/ccf-cur-rows.js';
import { runCcfReference, type CcfInputRow, type CcfOutcome } from './helpers/ccf-reference.js';
import { scratchDir } from './helpers/focus.js';

/**
 * Acceptance test of the `ccf` profile: the same CUR rows through greenops (CSV → ingest → SQL
 * estimate in DuckDB) and through the real Cloud Carbon Footprint 0.15 library, row by row.
 */

const USAGE_LINE_ITEMS = ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'];
const TOLERANCE = 1e-6;

type Ours = { row_no: number; status: string; flags: string[]; kwh: number; co2e_t: number; compute_kwh: number; gpu_kwh: number; memory_kwh: number; storage_kwh: number; network_kwh: number };

/** The row CCF's Athena query would hand over for one line item. */
function asCcf(r: CurRow): CcfInputRow {
  return {
    timestamp: new Date(`${r.start.slice(0, 10)}T00:00:00.000Z`), // DATE(DATE_TRUNC('day', line_item_usage_start_date))
    region: r.region, serviceName: r.productCode, usageType: r.usageType, usageUnit: r.unit,
    vCpus: r.vcpus ? Number.parseFloat(r.vcpus) : null, usageAmount: r.amount, cost: r.blendedCost ?? r.cost,
  };
}

const relErr = (ours: number, ref: number): number => (ref === 0 ? Math.abs(ours) : Math.abs(ours - ref) / Math.abs(ref));

let store: DuckStore;
let rows: CurRow[];
let ours: Map<number, Ours>;
let reference: Map<number, CcfOutcome>;

beforeAll(async () => {
  rows = ccfCurRows(400);
  const path = writeCur(scratchDir('greenops-ccf-'), 'cur.csv', rows);
  store = await openDuckStore(':memory:');
  await store.ingest(path, { candidates: billingSources });
  await store.estimate(ccfProfile);
  const fp = await store.db.all<Ours>(
    // row_no here is the line's position in the file (the store's own numbering may differ)
    `SELECT row_number() OVER (ORDER BY row_no)::INTEGER AS row_no, status, flags, kwh, (operational_g + embodied_g) / 1e6 AS co2e_t,
       compute_kwh, gpu_kwh, memory_kwh, storage_kwh, network_kwh
     FROM footprint WHERE methodology = 'ccf'`,
  );
  ours = new Map(fp.map((r) => [r.row_no, r]));
  const visible = rows.map((r, i) => ({ r, rowNo: i + 1 })).filter(({ r }) => USAGE_LINE_ITEMS.includes(r.lineItemType ?? 'Usage'));
  const outcomes = await runCcfReference(visible.map(({ r }) => asCcf(r)));
  reference = new Map(visible.map(({ rowNo }, i) => [rowNo, outcomes[i] ?? { kind: 'none' }]));
});
afterAll(() => store.close());

describe('ccf profile against the real @cloud-carbon-footprint/aws 0.15.0', () => {
  it('has one footprint row per CUR row', () => {
    expect(ours.size).toBe(rows.length);
  });

  it('reproduces kWh and CO2e of every row CCF estimates, within 1e-6', () => {
    let compared = 0;
    let maxErr = 0;
    for (const [rowNo, ref] of reference) {
      const o = ours.get(rowNo);
      if (!o || ref.kind !== 'estimate') continue;
      const where = `row ${rowNo}: ${JSON.stringify(rows[rowNo - 1])} → ours ${JSON.stringify(o)}, CCF ${JSON.stringify(ref)}`;
      if (Number.isFinite(ref.kilowattHours) && Number.isFinite(ref.co2e)) {
        const err = Math.max(relErr(o.kwh, ref.kilowattHours), relErr(o.co2e_t, ref.co2e));
        expect(err, where).toBeLessThanOrEqual(TOLERANCE);
        maxErr = Math.max(maxErr, err);
        compared++;
      } else {
        // CCF's NaN / Infinity: stored as zeros, flagged, never NaN in the table.
        expect(o.status, where).toBe('fallback');
        expect(o.flags, where).toContain('ccf:nan_co2e');
        expect([o.kwh, o.co2e_t], where).toEqual([0, 0]);
        if (Number.isFinite(ref.kilowattHours)) expect(ref.kilowattHours, where).toBe(0);
      }
    }
    console.info(`ccf reference: ${compared} rows compared with finite CCF values, max relative error ${maxErr.toExponential(2)}`);
    expect(compared).toBeGreaterThan(250);
  });

  it('leaves rows CCF drops or never reads without energy', () => {
    for (const [rowNo, r] of rows.entries()) {
      const o = ours.get(rowNo + 1);
      const ref = reference.get(rowNo + 1);
      if (!o || (ref && ref.kind === 'estimate')) continue;
      const where = `row ${rowNo + 1}: ${JSON.stringify(r)} → ${JSON.stringify(o)}`;
      expect(o.kwh, where).toBe(0);
      expect(o.co2e_t, where).toBe(0);
      expect(o.status, where).toBe(ref ? 'unclassified' : 'cost_only');
    }
  });

  it('keeps the components summing to kWh', () => {
    for (const o of ours.values()) {
      const sum = o.compute_kwh + o.gpu_kwh + o.memory_kwh + o.storage_kwh + o.network_kwh;
      expect(relErr(sum, o.kwh), JSON.stringify(o)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('covers the CCF paths it means to test', () => {
    const outcomes = [...reference.values()];
    const flags = new Set([...ours.values()].flatMap((o) => o.flags));
    expect(outcomes.filter((o) => o.kind === 'none').length).toBeGreaterThan(10);
    expect(outcomes.filter((o) => o.kind === 'estimate' && !Number.isFinite(o.co2e)).length).toBeGreaterThan(3);
    for (const f of ['ccf:unknown_usage_cost_ratio', 'ccf:unknown_usage_unit', 'ccf:embodied_in_kwh', 'ccf:burstable_baseline', 'ccf:byte_hours_as_bytes',
      'ccf:seconds_as_vcpu_seconds', 'ccf:redshift_vcpus_per_3600', 'ccf:vcpus_unknown', 'ccf:unsupported_usage_type', 'ccf:network_usage_type_unmatched',
      'ccf:region_unknown_factor', 'ccf:processor_average', 'ccf:memory_nan_dropped', 'ccf:not_usage_line_item']) {
      expect(flags, f).toContain(f);
    }
  });
});
