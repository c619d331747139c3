import type { MethodologyProfile } from '../../core/methodology.js';
import { ccfRates, type CcfRate } from '../../core/ccf/rates.js';
import type { Db } from './connection.js';

/** The columns of a kind of charge that CCF reads, in kind.ts's order (the region as billed, not as placed). */
const INPUTS = ['provider', 'service_code', 'charge_category', 'usage_type', 'unit', 'billed_region', 'vcpus'] as const;

/**
 * Every kind of charge with stored usage, what its rows in footprints add up to (`ok` rows: neither
 * rejected nor superseded), and `i`: the same for kinds CCF cannot tell apart (same inputs).
 */
const KINDS_SQL = `
CREATE OR REPLACE TEMP TABLE __ccf_kinds AS
WITH s AS (
  SELECT class_key,
    count(*) FILTER (WHERE status = 'ok') AS ok_rows,
    sum(COALESCE(quantity, 0)) FILTER (WHERE status = 'ok') AS q,
    sum(COALESCE(quantity, 0) * 24 * dayofmonth(last_day(period_start))) FILTER (WHERE status = 'ok') AS qh,
    sum(COALESCE(blended_cost, billed_cost, 0)) FILTER (WHERE status = 'ok') AS cost
  FROM usage WHERE class_key IS NOT NULL GROUP BY class_key
)
SELECT k.class_key, ${INPUTS.map((c) => `k.${c}`).join(', ')}, s.ok_rows, s.q, s.qh, s.cost,
  dense_rank() OVER (ORDER BY ${INPUTS.map((c) => `k.${c}`).join(', ')}) AS i
FROM class_keys k JOIN s USING (class_key)`;

/** Doubles travel as text, which JSON's numbers cannot be for NaN and ±Infinity (a bill's vCPUs may read "NaN"). */
const NUMBERS = new Set(['vcpus', 'q', 'qh', 'cost']);
const field = (c: string): string => `${c} := ${NUMBERS.has(c) ? `CAST(${c} AS VARCHAR)` : c}`;

/**
 * One row per distinct input, with the sums of its kinds, as one JSON text: a few thousand rows
 * reach JavaScript several times faster that way than value by value.
 */
const INPUTS_SQL = `
SELECT CAST(to_json(list(struct_pack(
  key := i, ${[...INPUTS, 'ok_rows', 'q', 'qh', 'cost'].map(field).join(', ')}
))) AS VARCHAR) AS inputs
FROM (
  SELECT i, ${INPUTS.map((c) => `any_value(${c}) AS ${c}`).join(', ')}, sum(ok_rows) AS ok_rows, sum(q) AS q, sum(qh) AS qh, sum(cost) AS cost
  FROM __ccf_kinds GROUP BY i
)`;

interface InputRow {
  key: number; provider: string | null; service_code: string | null; charge_category: string | null; usage_type: string | null;
  unit: string | null; billed_region: string | null; vcpus: string | null; ok_rows: number; q: string | null; qh: string | null; cost: string | null;
}

/** A DuckDB double as text ('inf', '-inf' and 'nan' included) back to a number. */
function double(text: string | null): number | null {
  if (text === null) return null;
  if (text === 'inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text); // 'nan' → NaN
}

const RATE_COLUMNS: Readonly<Record<keyof CcfRate, string>> = {
  key: 'INTEGER', status: 'VARCHAR', flags: 'VARCHAR[]', amount_factor: 'DOUBLE', per_month: 'BOOLEAN',
  per_cost: 'BOOLEAN', compute_kwh: 'DOUBLE', gpu_kwh: 'DOUBLE', memory_kwh: 'DOUBLE', storage_kwh: 'DOUBLE', network_kwh: 'DOUBLE',
  kwh: 'DOUBLE', operational_g: 'DOUBLE', embodied_g: 'DOUBLE',
  grid_factor_id: 'VARCHAR', pue_factor_id: 'VARCHAR', power_factor_id: 'VARCHAR', embodied_factor_id: 'VARCHAR', coefficient_id: 'VARCHAR',
};

/**
 * CCF has no interval and no market-based figure: each low and high is the value, market is location;
 * and it never prices a kind by the file's cost ratios (its unknown usage is per unit of cost instead).
 */
const INSERT_SQL = `
INSERT INTO rates BY NAME
SELECT k.class_key, $methodology AS methodology, r.* EXCLUDE (key), false AS cost_ratio,
  r.kwh AS kwh_low, r.kwh AS kwh_high,
  r.operational_g AS operational_g_low, r.operational_g AS operational_g_high, r.operational_g AS market_g,
  r.embodied_g AS embodied_g_low, r.embodied_g AS embodied_g_high
FROM __ccf_kinds k JOIN __ccf_rates r ON r.key = k.i`;

/**
 * The `ccf` profile: Cloud Carbon Footprint 0.15's AWS estimation (src/core/ccf/), one rate per stored
 * kind of charge. CCF's cost-ratio 'unknown' usage is priced from every stored row in footprints, as
 * one CCF run over them would. Only the distinct inputs of the kinds pass through JavaScript, never
 * the rows.
 */
export async function ccfEstimator(db: Db, profile: MethodologyProfile): Promise<void> {
  await db.run(KINDS_SQL);
  const json = (await db.all<{ inputs: string | null }>(INPUTS_SQL))[0]?.inputs;
  const inputs = JSON.parse(json ?? '[]') as InputRow[];
  const rates = ccfRates(inputs.map((r) => ({
    key: r.key,
    input: {
      provider: r.provider, serviceCode: r.service_code, chargeCategory: r.charge_category, usageType: r.usage_type,
      unit: r.unit, region: r.billed_region, vcpus: double(r.vcpus),
    },
    sums: r.ok_rows > 0 ? { q: double(r.q) ?? 0, qh: double(r.qh) ?? 0, cost: double(r.cost) ?? 0 } : undefined,
  })));
  await db.run(`CREATE OR REPLACE TEMP TABLE __ccf_rates (${Object.entries(RATE_COLUMNS).map(([name, type]) => `${name} ${type}`).join(', ')})`);
  await db.append('__ccf_rates', rates);
  await db.run(INSERT_SQL, { methodology: profile.id });
  await db.run('DROP TABLE __ccf_kinds; DROP TABLE __ccf_rates');
}
