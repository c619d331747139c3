import { CCF_CONSTANTS, CCF_UNITS } from './tables.js';
import { kindCtes, vcpuHoursSql } from './row-sql.js';
import { inList, num, text } from './sql.js';

/**
 * Cloud Carbon Footprint 0.15's AWS CUR estimate as one SQL statement over `class_keys` and `usage`
 * (see row-sql.ts for how a kind of charge is read and classified; tables.ts for the data), writing one
 * `rates` row per kind of charge in the store: a row's figures are its amount (or, for CCF's unknown
 * usage, its cost) times its kind's rate, as for the default profile. Pure: it only builds SQL. The
 * statement reads the temp tables of temp-tables.ts and takes `$methodology`.
 *
 * Per unit of amount (CostAndUsageReports.js getEstimateByUsageUnit, core estimators; W = avg watts at 50 %):
 *   compute  cpu = W × vCPU-h × PUE × RF / 1000 (+ same for GPUs when the usage type names a GPU type),
 *            memory = GB-h above the family's per-chip memory × 0.000392 × PUE × RF,
 *            embodied t = scope3 / 35040 / largest vCPUs × hours.
 *            CCF adds embodied to kWh as t / EF of the row's region: kilowattHours = cpu + memory +
 *            embodied/EF, co2e = (cpu + memory) × EF + embodied. Here that embodied-as-kWh part sits in
 *            compute_kwh (CCF returns it with the compute estimate), so the components still sum to kwh,
 *            and co2e is split: operational_g = (cpu + memory) × EF, embodied_g = embodied.
 *   seconds  (Lambda GB-seconds) cpu with vCPU-h = amount / 3600; no memory, no embodied.
 *   storage  TB-h × (1.2 SSD | 0.65 HDD) × PUE × RF / 1000.    network  GB × 0.001 × PUE.
 *   unknown  (after all other rows) kWh = Σ kWh / Σ cost of accumulated rows with the same unit ×
 *            the row's cost; co2e = kWh × EF. CCF has no interval: low = high = value.
 * CCF's NaN results are stored as zeros with status 'fallback' and a flag, never as NaN. One
 * difference of form: CCF decides per row whether memory and embodied are added, from the row's own
 * figures, so a row with a zero amount never has them; here a kind decides once, so a zero-amount row
 * of a kind whose memory is NaN in CCF carries that kind's flags and 'fallback' status (its figures
 * are zero either way).
 */

/** Rows CCF drops without output. */
const DROPPED_KINDS = ['unsupported', 'storage_unmatched', 'network_unmatched'];

/** kWh and tCO2e of one unit of each known kind, as CCF computes them; NULL stands for CCF's NaN. */
const energyCtes = `
e AS (
  SELECT *,
    -- CostAndUsageReports.getEstimateByUsageUnit sets vCpuHours = amount / 3600 for seconds units
    CASE WHEN kind = 'seconds' THEN amt / 3600 ELSE ${vcpuHoursSql} END AS vcpu_h,
    -- getGpuHours: GPU_INSTANCES_TYPES[ext] * amount || 0
    COALESCE(ext_gpus * amt, 0) AS gpu_h,
    -- core/memory/helpers.js calculateGigabyteHours via AWSMemoryEstimatesBuilder: only EC2/Redshift
    -- families, never burstable types; NULL (CCF's NaN) when the size is in neither table.
    CASE WHEN kind <> 'compute' OR per_chip_gb IS NULL OR it_burstable_pct IS NOT NULL THEN 0
         WHEN per_chip_gb - COALESCE(processor_memory_gb, unknown_memory_gb) > 0
           THEN (per_chip_gb - COALESCE(processor_memory_gb, unknown_memory_gb)) / (largest_gb / memory_gb) * amt
         ELSE 0 END AS mem_gbh,
    CASE WHEN kind = 'compute' THEN COALESCE(embodied_t_per_hour, 0) * amt ELSE 0 END AS emb_t,
    -- getUsageAmountInTerabyteHours: *ByteHrs amounts are divided by 2^40 although they are GB-Mo;
    -- GB-Mo become TB-hours over the hours of the row's month (a per-month rate: the hours are the row's)
    CASE WHEN byte_hours THEN amt / ${num(CCF_CONSTANTS.bytesPerTerabyte)}
         ELSE amt / 1000 END AS tbh,
    kind IN ('ssd', 'hdd') AND NOT byte_hours AND unit <> 'GB-Hours' AS per_month
  FROM j
),
k0 AS (
  SELECT *,
    cpu_w * vcpu_h * pue * rf / 1000 AS cpu_kwh,
    CASE WHEN is_gpu THEN gpu_w * gpu_h * pue * rf / 1000 ELSE 0 END AS gpu_kwh,
    mem_gbh * ${num(CCF_CONSTANTS.memoryKWhPerGBh)} * pue * rf AS mem_kwh,
    tbh * (CASE WHEN kind = 'ssd' THEN ${num(CCF_CONSTANTS.ssdWhPerTBh)} ELSE ${num(CCF_CONSTANTS.hddWhPerTBh)} END) * pue * rf / 1000 AS storage_kwh,
    amt * ${num(CCF_CONSTANTS.networkKWhPerGB)} * pue AS network_kwh
  FROM e
),
k1 AS (
  SELECT *,
    cpu_kwh + gpu_kwh AS kc,
    -- CostAndUsageReports.js: if (memoryFootprint.co2e || embodiedEmissions.co2e): a NaN memory is
    -- falsy, so with no embodied it is silently dropped; with embodied it makes kWh and co2e NaN.
    kind = 'compute' AND ((mem_kwh IS NOT NULL AND mem_kwh * ef <> 0) OR emb_t <> 0) AS extra
  FROM k0
),
k AS (
  SELECT *,
    CASE kind
      WHEN 'compute' THEN CASE WHEN kc IS NULL THEN 0 WHEN extra THEN kc + mem_kwh + emb_t / ef ELSE kc END
      WHEN 'seconds' THEN kc
      WHEN 'ssd' THEN storage_kwh WHEN 'hdd' THEN storage_kwh
      WHEN 'network' THEN network_kwh END AS ccf_kwh,
    CASE WHEN kind IN ('compute', 'seconds') THEN cpu_kwh * ef + gpu_kwh * ef + (CASE WHEN extra THEN mem_kwh * ef ELSE 0 END)
         WHEN kind IN ('ssd', 'hdd') THEN storage_kwh * ef
         WHEN kind = 'network' THEN network_kwh * ef END AS ccf_op_t,
    CASE WHEN extra THEN emb_t ELSE 0 END AS ccf_emb_t,
    -- accumulateKilowattHours: compute (unless NaN), storage and network feed the unknown ratio;
    -- seconds (Lambda) rows never do.
    kind IN ('ssd', 'hdd', 'network') OR (kind = 'compute' AND kc IS NOT NULL) AS accumulate,
    kind IN ('compute', 'seconds', 'ssd', 'hdd', 'network') AS produced
  FROM k1
),
-- What each kind's rows add up to: the amount (with the hours of each row's month for per-month
-- rates) and CCF's cost (line_item_blended_cost, the unblended cost where absent), over the rows in
-- footprints (not rejected, not superseded by a later export).
sums AS (
  SELECT u.class_key, sum(COALESCE(u.quantity, 0)) AS q, sum(COALESCE(u.quantity, 0) * 24 * dayofmonth(last_day(u.period_start))) AS qh,
    sum(COALESCE(u.blended_cost, u.billed_cost, 0)) AS cost
  FROM usage u WHERE u.status = 'ok' GROUP BY u.class_key
),
kt AS (SELECT k.*, s.cost, s.class_key IS NOT NULL AS has_rows, k.amount_factor * (CASE WHEN k.per_month THEN s.qh ELSE s.q END) AS amount FROM k LEFT JOIN sums s USING (class_key)),
-- core/FootprintEstimate.js accumulator: total[usageUnit] over the run (every row in footprints).
-- UnknownEstimator looks up a per-service ratio under usage.service, a field the unknown row does not
-- have, so only this cross-service total per unit is ever used.
acc AS (
  SELECT unit, sum(cost) AS cost, sum(ccf_kwh * amount) AS kwh, bool_or(ccf_kwh IS NULL) AS has_nan
  FROM kt WHERE accumulate AND has_rows GROUP BY unit
),
-- getEstimates runs the unknown pass only when some known row produced an estimate.
run AS (SELECT bool_or(produced) AS any_produced FROM kt WHERE has_rows),
u AS (
  -- per unit of amount; an unknown kind's per unit of CCF's cost
  SELECT k.*, a.unit IS NOT NULL AS has_ratio, COALESCE(run.any_produced, false) AS any_produced,
    CASE WHEN kind <> 'unknown' THEN ccf_kwh
         WHEN a.unit IS NULL THEN 0
         WHEN a.has_nan OR a.cost = 0 THEN NULL        -- NaN or ±Infinity in CCF
         ELSE a.kwh / a.cost END AS kwh_v
  FROM k LEFT JOIN acc a ON a.unit = k.unit CROSS JOIN run
),
v AS (
  SELECT *,
    CASE WHEN kind = 'unknown' THEN kwh_v * ef ELSE ccf_op_t END AS op_t_v,
    -- a NULL (NaN) result is stored as zeros with status fallback (amounts are finite: ingest refuses others)
    kind IN ('compute', 'seconds', 'ssd', 'hdd', 'network', 'unknown')
      AND (kind <> 'unknown' OR any_produced)
      AND NOT COALESCE(isfinite(kwh_v) AND isfinite(CASE WHEN kind = 'unknown' THEN kwh_v * ef ELSE ccf_op_t END) AND isfinite(ccf_emb_t), false) AS nan
  FROM u
)`;

/** Where an unknown row's kWh goes: the component of its unit's class. */
function unknownComponent(component: 'compute' | 'storage' | 'network'): string {
  const units = component === 'compute' ? [...CCF_UNITS.compute, ...CCF_UNITS.seconds] : CCF_UNITS[component];
  return `CASE WHEN v.kind = 'unknown' AND v.any_produced AND NOT v.nan AND ${inList('v.unit', units)} THEN v.kwh_v ELSE 0 END`;
}

const G = 1_000_000; // metric tonnes → grams

/**
 * The full INSERT for the ccf profile: one rate per kind of charge in the store, per unit of CCF's
 * amount (`amount_factor` × quantity, × the hours of the row's month where `per_month`), or for
 * CCF's unknown kinds per unit of CCF's cost (`per_cost`).
 */
export function ccfEstimateSql(): string {
  return `
INSERT INTO rates BY NAME
WITH ${kindCtes()},
${energyCtes}
SELECT $methodology AS methodology, b.class_key,
  CASE
    WHEN b.scope = 'not_cur' THEN 'unclassified'
    WHEN b.scope = 'not_usage' THEN 'cost_only'
    WHEN v.kind IN (${DROPPED_KINDS.map(text).join(', ')}) THEN 'unclassified'
    WHEN v.kind = 'unknown' AND NOT v.any_produced THEN 'unclassified'
    WHEN v.nan OR v.kind = 'unknown' THEN 'fallback'
    ELSE 'estimated' END AS status,
  ${flagsSql()} AS flags,
  false AS cost_ratio,
  COALESCE(v.amount_factor, 1.0) AS amount_factor,
  COALESCE(v.per_month, false) AS per_month,
  COALESCE(v.kind = 'unknown', false) AS per_cost,
  CASE WHEN NOT v.nan AND v.kind IN ('compute', 'seconds') THEN v.cpu_kwh + (CASE WHEN v.extra THEN v.emb_t / v.ef ELSE 0 END) ELSE 0 END
    + COALESCE(${unknownComponent('compute')}, 0) AS compute_kwh,
  CASE WHEN NOT v.nan AND v.kind IN ('compute', 'seconds') THEN v.gpu_kwh ELSE 0 END AS gpu_kwh,
  CASE WHEN NOT v.nan AND v.extra THEN v.mem_kwh ELSE 0 END AS memory_kwh,
  CASE WHEN NOT v.nan AND v.kind IN ('ssd', 'hdd') THEN v.storage_kwh ELSE 0 END
    + COALESCE(${unknownComponent('storage')}, 0) AS storage_kwh,
  CASE WHEN NOT v.nan AND v.kind = 'network' THEN v.network_kwh ELSE 0 END
    + COALESCE(${unknownComponent('network')}, 0) AS network_kwh,
  ${valueSql('v.kwh_v')} AS kwh, ${valueSql('v.kwh_v')} AS kwh_low, ${valueSql('v.kwh_v')} AS kwh_high,
  ${valueSql(`v.op_t_v * ${G}`)} AS operational_g, ${valueSql(`v.op_t_v * ${G}`)} AS operational_g_low,
  ${valueSql(`v.op_t_v * ${G}`)} AS operational_g_high, ${valueSql(`v.op_t_v * ${G}`)} AS market_g,
  ${valueSql(`v.ccf_emb_t * ${G}`)} AS embodied_g, ${valueSql(`v.ccf_emb_t * ${G}`)} AS embodied_g_low,
  ${valueSql(`v.ccf_emb_t * ${G}`)} AS embodied_g_high,
  ${idsSql()}
FROM base b LEFT JOIN v USING (class_key)`;
}

/** A CCF value when the row has one CCF reports, else 0. */
function valueSql(expr: string): string {
  return `CASE WHEN v.kind IN ('compute', 'seconds', 'ssd', 'hdd', 'network', 'unknown') AND (v.kind <> 'unknown' OR v.any_produced) AND NOT v.nan THEN ${expr} ELSE 0 END`;
}

/** Which CCF quirks a row hit. */
function flagsSql(): string {
  const f = (when: string, flag: string): string => `CASE WHEN ${when} THEN '${flag}' END`;
  return `list_filter([
    ${f("b.scope = 'not_cur'", 'ccf:aws_cur_only')},
    ${f("b.scope = 'not_usage'", 'ccf:not_usage_line_item')},
    ${f("v.kind = 'unsupported'", 'ccf:unsupported_usage_type')},
    ${f("v.kind = 'storage_unmatched'", 'ccf:storage_usage_type_unmatched')},
    ${f("v.kind = 'network_unmatched'", 'ccf:network_usage_type_unmatched')},
    ${f("v.kind = 'unknown'", 'ccf:unknown_usage_cost_ratio')},
    ${f(`v.kind = 'unknown' AND NOT ${inList('v.unit', Object.values(CCF_UNITS).flat())}`, 'ccf:unknown_usage_unit')},
    ${f("v.kind = 'unknown' AND NOT v.any_produced", 'ccf:no_known_usage')},
    ${f("v.kind = 'unknown' AND v.any_produced AND NOT v.has_ratio", 'ccf:no_ratio_for_unit')},
    ${f("v.nan AND v.kind = 'compute' AND v.kc IS NULL", 'ccf:vcpus_unknown')},
    ${f('v.nan', 'ccf:nan_co2e')},
    ${f("v.kind = 'compute' AND v.kc IS NOT NULL AND v.mem_kwh IS NULL AND NOT v.extra", 'ccf:memory_nan_dropped')},
    ${f('NOT v.nan AND v.ccf_emb_t <> 0', 'ccf:embodied_in_kwh')},
    ${f("v.kind = 'compute' AND v.vcpu_rule = 'burstable'", 'ccf:burstable_baseline')},
    ${f("v.kind = 'compute' AND v.vcpu_rule IN ('burstable', 'table') AND v.svc = 'AmazonRedshift' AND NOT contains(v.ut0, 'Kafka')", 'ccf:redshift_vcpus_per_3600')},
    ${f("v.kind IN ('ssd', 'hdd') AND v.byte_hours", 'ccf:byte_hours_as_bytes')},
    ${f("v.kind = 'seconds'", 'ccf:seconds_as_vcpu_seconds')},
    ${f("v.kind IN ('compute', 'seconds') AND v.cpu_label <> 'AWS Graviton2' AND COALESCE(v.cpu_average, true)", 'ccf:processor_average')},
    ${f("v.kind IN ('compute', 'seconds', 'ssd', 'hdd', 'network', 'unknown') AND v.ef_region IS NULL", 'ccf:region_unknown_factor')}
  ], x -> x IS NOT NULL)`;
}

/** Factor ids: CCF's own tables, prefixed ccf:. */
function idsSql(): string {
  const energy = `v.kind IN ('compute', 'seconds', 'ssd', 'hdd', 'network', 'unknown') AND NOT v.nan`;
  const rf = `CASE WHEN v.rf <> 1 THEN ' ccf:replication:' || v.rf ELSE '' END`;
  return `CASE WHEN ${energy} THEN 'ccf:ef:' || COALESCE(v.ef_region, 'Unknown') END AS grid_factor_id,
  CASE WHEN ${energy} AND v.kind <> 'unknown' THEN 'ccf:pue:aws' END AS pue_factor_id,
  CASE WHEN ${energy} AND v.kind IN ('compute', 'seconds')
    THEN 'ccf:cpu:' || v.cpu_label || CASE WHEN v.is_gpu THEN ' ccf:gpu:' || v.gpu_label ELSE '' END END AS power_factor_id,
  CASE WHEN ${energy} AND v.ccf_emb_t <> 0 THEN 'ccf:embodied:' || v.last_two END AS embodied_factor_id,
  CASE WHEN NOT ${energy} THEN NULL
    WHEN v.kind = 'unknown' THEN 'ccf:cost_ratio:' || v.unit
    WHEN v.kind = 'ssd' THEN 'ccf:ssd' || ${rf}
    WHEN v.kind = 'hdd' THEN 'ccf:hdd' || ${rf}
    WHEN v.kind = 'network' THEN 'ccf:network'
    WHEN v.extra AND v.mem_kwh <> 0 THEN 'ccf:memory' || ${rf}
    WHEN v.rf <> 1 THEN trim(${rf}) END AS coefficient_id`;
}
