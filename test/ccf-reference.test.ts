import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ccfProfile } from '../src/core/ccf/profile.js';
import { billingSources } from '../src/sources/index.js';
import { openDuckStore, type DuckStore } from '../src/store/duckdb/index.js';
import { writeCur, type CurRow } from './helpers/aws-cur.js';
import { ccfCatalogueRows } from './helpers/ccf-catalogue-rows.js';
import { ccfCurRows } from './helpers/ccf-cur-rows.js';
import { asCcf, relErr, runCcfReference, type CcfOutcome } from './helpers/ccf-reference.js';
import { scratchDir } from './helpers/focus.js';

/**
 * Acceptance test of the `ccf` profile: the same CUR rows through greenops (CSV → ingest → SQL
 * estimate in DuckDB) and through the real Cloud Carbon Footprint 0.15 library. The store sums a
 * file's lines of one day and kind of charge into one row (as CCF's own Athena query does), so each
 * stored row is compared with the sum of CCF's estimates of its lines; one line in five has a sibling
 * on the same day at another hour, so groups of several lines are exercised.
 */

const USAGE_LINE_ITEMS = ['Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage'];
const TOLERANCE = 1e-6;

type Ours = { resource_id: string; line_count: number; status: string; flags: string[]; kwh: number; co2e_t: number; compute_kwh: number; gpu_kwh: number; memory_kwh: number; storage_kwh: number; network_kwh: number };

/** A second line of the same kind on the same day, at another hour, with other amounts. */
function sibling(r: CurRow, k: number): CurRow {
  const hour = (Number(r.start.slice(11, 13)) + 7 + k) % 24;
  const scale = 0.37 + (k % 5) / 10;
  return { ...r, start: `${r.start.slice(0, 11)}${String(hour).padStart(2, '0')}${r.start.slice(13)}`, amount: r.amount * scale, cost: r.cost * scale, ...(r.blendedCost === undefined ? {} : { blendedCost: r.blendedCost * scale }) };
}

/** What makes two lines one stored row: everything but the hour and the amounts. */
const groupKey = (r: CurRow): string => JSON.stringify([r.lineItemType ?? 'Usage', r.start.slice(0, 10), r.productCode, r.usageType, r.unit, r.region, r.vcpus ?? '']);

let store: DuckStore;
let rows: CurRow[];
let ours: Map<string, Ours>;
/** Resource id of each group → its lines (1-based). */
let groups: Map<string, number[]>;
let reference: Map<number, CcfOutcome>;

beforeAll(async () => {
  const base = ccfCurRows(400);
  // the lines of one group share a resource id, so each stored row names its group
  const lines = base.flatMap((r, i) => (i % 5 === 0 && (r.lineItemType ?? 'Usage') === 'Usage' ? [r, sibling(r, i)] : [r]));
  const ids = new Map<string, string>();
  rows = lines.map((r) => ({ ...r, resourceId: ids.get(groupKey(r)) ?? ids.set(groupKey(r), `group-${ids.size + 1}`).get(groupKey(r)) }));
  const path = writeCur(scratchDir('greenops-ccf-'), 'cur.csv', rows);
  store = await openDuckStore(':memory:');
  await store.ingest(path, { candidates: billingSources });
  await store.estimate(ccfProfile);
  const fp = await store.db.all<Ours>(
    `SELECT resource_id, line_count, status, flags, kwh, (operational_g + embodied_g) / 1e6 AS co2e_t,
       compute_kwh, gpu_kwh, memory_kwh, storage_kwh, network_kwh
     FROM footprint WHERE methodology = 'ccf'`,
  );
  ours = new Map(fp.map((r) => [r.resource_id, r]));
  groups = new Map();
  rows.forEach((r, i) => groups.set(r.resourceId ?? '', [...(groups.get(r.resourceId ?? '') ?? []), i + 1]));
  const visible = rows.map((r, i) => ({ r, rowNo: i + 1 })).filter(({ r }) => USAGE_LINE_ITEMS.includes(r.lineItemType ?? 'Usage'));
  const outcomes = await runCcfReference(visible.map(({ r }) => asCcf(r)));
  reference = new Map(visible.map(({ rowNo }, i) => [rowNo, outcomes[i] ?? { kind: 'none' }]));
});
afterAll(() => store.close());

describe('ccf profile against the real @cloud-carbon-footprint/aws 0.15.0', () => {
  it('accounts for every CUR line once: one footprint row per day and kind of charge', () => {
    expect([...ours.keys()].sort()).toEqual([...groups.keys()].sort());
    for (const [id, lines] of groups) expect(ours.get(id)?.line_count, id).toBe(lines.length);
    expect([...groups.values()].filter((g) => g.length > 1).length).toBeGreaterThan(60);
  });

  it('reproduces kWh and CO2e of every row CCF estimates, within 1e-6', () => {
    let compared = 0;
    let maxErr = 0;
    for (const [id, lines] of groups) {
      const o = ours.get(id);
      const refs = lines.map((l) => reference.get(l));
      if (!o || refs.some((ref) => ref?.kind !== 'estimate')) continue;
      const kwh = refs.reduce((a, ref) => a + (ref?.kind === 'estimate' ? ref.kilowattHours : 0), 0);
      const co2e = refs.reduce((a, ref) => a + (ref?.kind === 'estimate' ? ref.co2e : 0), 0);
      const where = `lines ${lines.join(', ')}: ${JSON.stringify(rows[(lines[0] ?? 1) - 1])} → ours ${JSON.stringify(o)}, CCF ${JSON.stringify(refs)}`;
      if (Number.isFinite(kwh) && Number.isFinite(co2e)) {
        const err = Math.max(relErr(o.kwh, kwh), relErr(o.co2e_t, co2e));
        expect(err, where).toBeLessThanOrEqual(TOLERANCE);
        maxErr = Math.max(maxErr, err);
        compared += lines.length;
      } else {
        // CCF's NaN / Infinity: stored as zeros, flagged, never NaN in the table.
        expect(o.status, where).toBe('fallback');
        expect(o.flags, where).toContain('ccf:nan_co2e');
        expect([o.kwh, o.co2e_t], where).toEqual([0, 0]);
        if (Number.isFinite(kwh)) expect(kwh, where).toBe(0);
      }
    }
    console.info(`ccf reference: ${compared} lines compared with finite CCF values, max relative error ${maxErr.toExponential(2)}`);
    expect(compared).toBeGreaterThan(300);
  });

  it('leaves rows CCF drops or never reads without energy', () => {
    for (const [id, lines] of groups) {
      const o = ours.get(id);
      const refs = lines.map((l) => reference.get(l));
      if (!o || refs.some((ref) => ref?.kind === 'estimate')) continue;
      const where = `lines ${lines.join(', ')}: ${JSON.stringify(rows[(lines[0] ?? 1) - 1])} → ${JSON.stringify(o)}`;
      expect(o.kwh, where).toBe(0);
      expect(o.co2e_t, where).toBe(0);
      expect(o.status, where).toBe(refs[0] ? 'unclassified' : 'cost_only');
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

describe('ccf profile on rows drawn from CCF 0.15\'s own tables (types, regions, units it does and does not know)', () => {
  let catalogueStore: DuckStore;
  let lines: CurRow[];
  let result: Map<string, Ours>;
  let outcomes: CcfOutcome[];
  beforeAll(async () => {
    lines = ccfCatalogueRows(2500, 20261123);
    catalogueStore = await openDuckStore(':memory:');
    await catalogueStore.ingest(writeCur(scratchDir('greenops-ccf-catalogue-'), 'cur.csv', lines), { candidates: billingSources });
    await catalogueStore.estimate(ccfProfile);
    const fp = await catalogueStore.db.all<Ours>(
      "SELECT resource_id, line_count, status, flags, kwh, (operational_g + embodied_g) / 1e6 AS co2e_t, compute_kwh, gpu_kwh, memory_kwh, storage_kwh, network_kwh FROM footprint WHERE methodology = 'ccf'",
    );
    result = new Map(fp.map((r) => [r.resource_id, r]));
    outcomes = await runCcfReference(lines.map(asCcf));
  });
  afterAll(() => catalogueStore.close());

  it('gives every line CCF\'s kWh and CO2e within 1e-6, or zeros where CCF gives NaN or nothing', () => {
    const counts = { compared: 0, nan: 0, none: 0 };
    lines.forEach((line, i) => {
      const o = result.get(line.resourceId ?? '');
      const ref = outcomes[i];
      const where = `${JSON.stringify(line)} → ours ${JSON.stringify(o)}, CCF ${JSON.stringify(ref)}`;
      expect(o, where).toBeDefined();
      if (!o || !ref) return;
      if (ref.kind === 'none') {
        counts.none++;
        expect([o.kwh, o.co2e_t], where).toEqual([0, 0]);
      } else if (!Number.isFinite(ref.kilowattHours) || !Number.isFinite(ref.co2e)) {
        counts.nan++;
        expect([o.kwh, o.co2e_t, o.flags.includes('ccf:nan_co2e')], where).toEqual([0, 0, true]);
      } else {
        counts.compared++;
        expect(Math.max(relErr(o.kwh, ref.kilowattHours), relErr(o.co2e_t, ref.co2e)), where).toBeLessThanOrEqual(TOLERANCE);
      }
    });
    expect(counts.compared).toBeGreaterThan(2000);
    expect(counts.nan).toBeGreaterThan(20);
    expect(counts.none).toBeGreaterThan(40);
  });

  it('reads the region as billed: an empty, `global` or `Unknown` product/region takes CCF\'s Unknown factor whatever the usage-type prefix', () => {
    const unplaced = lines.filter((l) => ['', 'global', 'Unknown'].includes(l.region) && /^(USE1|EUC1|APS2|UGW1|CAN1)-/.test(l.usageType));
    expect(unplaced.length).toBeGreaterThan(100);
    expect(unplaced.filter((l) => result.get(l.resourceId ?? '')?.flags.includes('ccf:region_unknown_factor')).length).toBeGreaterThan(50);
  });
});
