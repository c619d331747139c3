import type { MethodologyProfile } from './methodology.js';
import { loadFraction } from './power.js';
import { num } from './sql.js';

/**
 * The default methodology as SQL, run inside DuckDB. Every formula is linear in a row's amount, so
 * it is evaluated once per kind of charge (`class_keys`), per canonical unit, into `rates`; a row's
 * footprint is its amount times its rate (see the `footprint` view). Factor values arrive as small
 * resolved tables (one row per distinct region, instance type, GPU model, storage service).
 *
 * Per unit (IT energy before PUE, kWh):
 *   compute  = instance-hours × vCPUs × W(u) / 1000, W(u) = Wmin + f(u) × (Wmax − Wmin) per vCPU
 *   gpu      = GPU-hours × (Widle + f(u) × (Wmax − Widle)) / 1000
 *   memory   = hours × max(0, GB − baseline × vCPUs) × kWh/GB-h      (GB-hours directly for memory SKUs)
 *   storage  = GB-hours / 1000 × Wh/TB-h / 1000 × replication
 *   network  = GB × kWh/GB
 * kWh = IT × PUE; location-based g = kWh × grid; market-based g = location × (1 − carbon-free share).
 * Embodied g = host kg × 1000 × hours / lifetime × vCPUs / host vCPUs (SCI's M = TE × TiR/EL × RR/ToR).
 * Bands: each component's factor bands combine in quadrature in log space (see core/uncertainty.ts).
 */

export interface Coefficients {
  readonly memoryKWhPerGBh: number;
  readonly ssdWhPerTBh: number;
  readonly hddWhPerTBh: number;
  readonly networkKWhPerGB: number;
  /** ln(band.low)² and ln(band.high)² of each coefficient. */
  readonly memoryLn2: readonly [number, number];
  readonly storageLn2: readonly [number, number];
  readonly networkLn2: readonly [number, number];
  readonly ids: { readonly memory: string; readonly ssd: string; readonly hdd: string; readonly network: string };
}


/** Utilisation band of a part as ln² of (P(u_lo)/P(u)) and (P(u_hi)/P(u)), per row in SQL. */
function utilisationLn2(profile: MethodologyProfile, kind: 'cpu' | 'gpu', min: string, max: string): { lo: string; hi: string } {
  const u = kind === 'cpu' ? profile.cpuUtilisation : profile.gpuUtilisation;
  const [ulo, uhi] = kind === 'cpu' ? profile.cpuUtilisationRange : profile.gpuUtilisationRange;
  const curve = profile.cpuCurve;
  const p = (x: number): string => `(${min} + ${num(loadFraction(curve, x))} * (${max} - ${min}))`;
  return {
    lo: `pow(ln(${p(ulo)} / NULLIF(${p(u)}, 0)), 2)`,
    hi: `pow(ln(${p(uhi)} / NULLIF(${p(u)}, 0)), 2)`,
  };
}

export function estimateSql(profile: MethodologyProfile, c: Coefficients): string {
  const lfCpu = num(loadFraction(profile.cpuCurve, profile.cpuUtilisation));
  const lfGpu = num(loadFraction(profile.cpuCurve, profile.gpuUtilisation));
  const life = num(profile.lifetimeHours);
  const base = num(profile.memoryBaselineGBPerVcpu);
  const cpuMin = 'COALESCE(i.cpu_min, d.cpu_min)';
  const cpuMax = 'COALESCE(i.cpu_max, d.cpu_max)';
  const uCpu = utilisationLn2(profile, 'cpu', cpuMin, cpuMax);
  const uGpu = utilisationLn2(profile, 'gpu', 'COALESCE(g.gpu_idle, i.gpu_idle)', 'COALESCE(g.gpu_max, i.gpu_max)');

  const isInst = "u.usage_class = 'compute' AND amount_unit = 'instance-hours' AND i.known";
  // AWS families whose accelerators (Inferentia, Trainium, FPGAs, Gaudi, video transcoders) have no
  // published power figure here: the host is counted, the accelerators are not, and the row says so
  const unmodelledAccelerators = "u.provider = 'aws' AND regexp_matches(u.instance_type, '^(inf[0-9]|trn[0-9]|f[0-9]|dl[0-9]|vt[0-9])[a-z]*\\.')";
  const isVcpu = "u.usage_class = 'compute' AND amount_unit = 'vcpu-hours'";
  const isGpuRow = "u.usage_class = 'gpu' AND g.gpu_id IS NOT NULL";

  return `
INSERT INTO rates BY NAME
WITH e AS (
  SELECT u.class_key, u.usage_class, amount_unit, u.instance_type, 1.0 AS amount,
    r.grid_id, r.g_per_kwh, r.grid_lo2, r.grid_hi2, r.cfe, r.pue_id, r.pue, r.pue_lo2, r.pue_hi2, r.region_known,
    CASE WHEN ${isInst} THEN amount * i.vcpus WHEN ${isVcpu} THEN amount ELSE 0 END AS vcpu_h,
    CASE WHEN ${isInst} THEN amount * i.gpus WHEN ${isGpuRow} THEN amount ELSE 0 END AS gpu_h,
    CASE WHEN ${isInst} THEN amount * greatest(0, i.memory_gb - ${base} * i.vcpus)
         WHEN u.usage_class = 'memory' THEN amount ELSE 0 END AS mem_gbh,
    CASE WHEN u.usage_class = 'storage' THEN amount * COALESCE(s.factor, 1) ELSE 0 END AS stor_gbh,
    CASE WHEN u.usage_class = 'network' THEN amount ELSE 0 END AS net_gb,
    ${cpuMin} AS cpu_min, ${cpuMax} AS cpu_max, COALESCE(i.cpu_lo2, d.cpu_lo2) AS cpu_lo2, COALESCE(i.cpu_hi2, d.cpu_hi2) AS cpu_hi2,
    ${uCpu.lo} AS ucpu_lo2, ${uCpu.hi} AS ucpu_hi2,
    COALESCE(g.gpu_idle, i.gpu_idle) AS gpu_idle, COALESCE(g.gpu_max, i.gpu_max) AS gpu_max,
    COALESCE(g.gpu_lo2, i.gpu_lo2, 0) AS gpu_lo2, COALESCE(g.gpu_hi2, i.gpu_hi2, 0) AS gpu_hi2,
    COALESCE(${uGpu.lo}, 0) AS ugpu_lo2, COALESCE(${uGpu.hi}, 0) AS ugpu_hi2,
    u.storage_media, s.repl_id,
    CASE WHEN ${isInst} THEN i.cpu_id WHEN ${isVcpu} THEN d.cpu_id WHEN ${isGpuRow} THEN g.gpu_id END AS power_id,
    CASE
      WHEN ${isInst} THEN i.emb_kg_host * 1000 * amount / ${life} * i.vcpus / i.host_vcpus
      WHEN ${isVcpu} THEN d.emb_kg_host * 1000 * amount / ${life} / d.host_vcpus
      WHEN ${isGpuRow} THEN g.emb_kg * 1000 * amount / ${life}
      ELSE 0 END AS emb_g,
    CASE WHEN ${isInst} THEN i.emb_lo2 WHEN ${isVcpu} THEN d.emb_lo2 WHEN ${isGpuRow} THEN g.emb_lo2 ELSE 0 END AS emb_lo2,
    CASE WHEN ${isInst} THEN i.emb_hi2 WHEN ${isVcpu} THEN d.emb_hi2 WHEN ${isGpuRow} THEN g.emb_hi2 ELSE 0 END AS emb_hi2,
    CASE WHEN ${isInst} THEN i.emb_id WHEN ${isVcpu} THEN d.emb_id WHEN ${isGpuRow} THEN g.emb_id END AS emb_id,
    CASE
      WHEN u.usage_class = 'cost_only' THEN 'cost_only'
      WHEN u.usage_class = 'compute' AND amount_unit = 'instance-hours' AND NOT COALESCE(i.known, false) THEN 'fallback'
      WHEN u.usage_class = 'gpu' AND g.gpu_id IS NULL THEN 'fallback'
      WHEN u.usage_class = 'unclassified' THEN 'fallback'
      -- a documented stand-in factor (below, flagged) makes the row a fallback too
      WHEN NOT r.region_known OR (${isVcpu}) OR (u.usage_class = 'storage' AND s.repl_id IS NULL) OR (${isInst} AND ${unmodelledAccelerators}) THEN 'fallback'
      ELSE 'estimated' END AS status,
    (u.usage_class = 'unclassified' OR (u.usage_class = 'compute' AND u.amount_unit = 'instance-hours' AND NOT COALESCE(i.known, false))
      OR (u.usage_class = 'gpu' AND g.gpu_id IS NULL)) AS cost_ratio,
    list_filter([
      CASE WHEN NOT r.region_known AND u.usage_class <> 'cost_only' THEN 'region_unknown:provider_average_grid' END,
      CASE WHEN u.usage_class = 'compute' AND amount_unit = 'instance-hours' AND NOT COALESCE(i.known, false) THEN 'instance_type_unknown:cost_ratio' END,
      CASE WHEN u.usage_class = 'gpu' AND g.gpu_id IS NULL THEN 'gpu_model_unknown:cost_ratio' END,
      CASE WHEN ${isVcpu} THEN 'cpu_architecture_unknown:provider_average' END,
      CASE WHEN u.usage_class = 'unclassified' THEN 'no_energy_model:cost_ratio' END,
      CASE WHEN u.usage_class = 'storage' AND s.repl_id IS NULL THEN 'replication_unknown:1' END,
      CASE WHEN ${isInst} AND ${unmodelledAccelerators} THEN 'accelerators_not_modelled:host_only' END
    ], x -> x IS NOT NULL) AS flags
  FROM __keys u
  LEFT JOIN __region r ON r.provider IS NOT DISTINCT FROM u.provider AND r.region IS NOT DISTINCT FROM u.region
  LEFT JOIN __inst i ON i.provider IS NOT DISTINCT FROM u.provider AND i.instance_type = u.instance_type
  LEFT JOIN __gpu g ON g.gpu_model = u.gpu_model
  LEFT JOIN __cpu_default d ON d.provider IS NOT DISTINCT FROM u.provider
  LEFT JOIN __repl s ON s.provider IS NOT DISTINCT FROM u.provider AND s.storage_service = u.storage_service
),
k AS (
  SELECT *,
    vcpu_h * (cpu_min + ${lfCpu} * (cpu_max - cpu_min)) / 1000 AS compute_kwh,
    COALESCE(gpu_h * (gpu_idle + ${lfGpu} * (gpu_max - gpu_idle)) / 1000, 0) AS gpu_kwh,
    mem_gbh * ${num(c.memoryKWhPerGBh)} AS memory_kwh,
    stor_gbh / 1000 * (CASE WHEN storage_media = 'hdd' THEN ${num(c.hddWhPerTBh)} ELSE ${num(c.ssdWhPerTBh)} END) / 1000 AS storage_kwh,
    net_gb * ${num(c.networkKWhPerGB)} AS network_kwh
  FROM e
),
b AS (
  SELECT *,
    COALESCE(compute_kwh, 0) AS ck, COALESCE(gpu_kwh, 0) AS gk,
    -- ln² of each component's band, before PUE and grid
    COALESCE(cpu_lo2, 0) + COALESCE(ucpu_lo2, 0) AS c_lo2, COALESCE(cpu_hi2, 0) + COALESCE(ucpu_hi2, 0) AS c_hi2,
    gpu_lo2 + ugpu_lo2 AS g_lo2, gpu_hi2 + ugpu_hi2 AS g_hi2
  FROM k
)
SELECT class_key, $methodology AS methodology, status, flags, cost_ratio,
  ck AS compute_kwh, gk AS gpu_kwh, memory_kwh, storage_kwh, network_kwh,
  (ck + gk + memory_kwh + storage_kwh + network_kwh) * pue AS kwh,
  pue * (ck * exp(-sqrt(c_lo2 + pue_lo2)) + gk * exp(-sqrt(g_lo2 + pue_lo2)) + memory_kwh * exp(-sqrt(${num(c.memoryLn2[0])} + pue_lo2))
    + storage_kwh * exp(-sqrt(${num(c.storageLn2[0])} + pue_lo2)) + network_kwh * exp(-sqrt(${num(c.networkLn2[0])} + pue_lo2))) AS kwh_low,
  pue * (ck * exp(sqrt(c_hi2 + pue_hi2)) + gk * exp(sqrt(g_hi2 + pue_hi2)) + memory_kwh * exp(sqrt(${num(c.memoryLn2[1])} + pue_hi2))
    + storage_kwh * exp(sqrt(${num(c.storageLn2[1])} + pue_hi2)) + network_kwh * exp(sqrt(${num(c.networkLn2[1])} + pue_hi2))) AS kwh_high,
  (ck + gk + memory_kwh + storage_kwh + network_kwh) * pue * g_per_kwh AS operational_g,
  pue * g_per_kwh * (ck * exp(-sqrt(c_lo2 + pue_lo2 + grid_lo2)) + gk * exp(-sqrt(g_lo2 + pue_lo2 + grid_lo2))
    + memory_kwh * exp(-sqrt(${num(c.memoryLn2[0])} + pue_lo2 + grid_lo2)) + storage_kwh * exp(-sqrt(${num(c.storageLn2[0])} + pue_lo2 + grid_lo2))
    + network_kwh * exp(-sqrt(${num(c.networkLn2[0])} + pue_lo2 + grid_lo2))) AS operational_g_low,
  pue * g_per_kwh * (ck * exp(sqrt(c_hi2 + pue_hi2 + grid_hi2)) + gk * exp(sqrt(g_hi2 + pue_hi2 + grid_hi2))
    + memory_kwh * exp(sqrt(${num(c.memoryLn2[1])} + pue_hi2 + grid_hi2)) + storage_kwh * exp(sqrt(${num(c.storageLn2[1])} + pue_hi2 + grid_hi2))
    + network_kwh * exp(sqrt(${num(c.networkLn2[1])} + pue_hi2 + grid_hi2))) AS operational_g_high,
  (ck + gk + memory_kwh + storage_kwh + network_kwh) * pue * g_per_kwh * (1 - COALESCE(cfe, 0)) AS market_g,
  COALESCE(emb_g, 0) AS embodied_g,
  COALESCE(emb_g * exp(-sqrt(emb_lo2)), 0) AS embodied_g_low,
  COALESCE(emb_g * exp(sqrt(emb_hi2)), 0) AS embodied_g_high,
  grid_id AS grid_factor_id, pue_id AS pue_factor_id, power_id AS power_factor_id, emb_id AS embodied_factor_id,
  CASE usage_class WHEN 'memory' THEN ${`'${c.ids.memory}'`} WHEN 'network' THEN ${`'${c.ids.network}'`}
    WHEN 'storage' THEN (CASE WHEN storage_media = 'hdd' THEN ${`'${c.ids.hdd}'`} ELSE ${`'${c.ids.ssd}'`} END) || COALESCE(' ' || repl_id, '') END AS coefficient_id
FROM b`;
}

/**
 * Rows with no energy model of their own (unknown instance types or GPU models, usage in units such as
 * requests, usage lines without a quantity) are estimated from cost: kWh, g and embodied g per unit of
 * cost over the rows of their export (the files ingested together, one batch) that are priced by
 * their own energy model and in footprints (not superseded), of the same provider (all providers
 * when that one has none), with the profile's wide band. So an export split into several files gets
 * the ratio it would get as one file. CCF's 'unknown' rows work the same way; the flag on each row
 * says so.
 */
export function costRatioSql(profile: MethodologyProfile): string {
  return `
INSERT INTO cost_ratios
WITH fb AS (SELECT file_id, COALESCE(batch, 'file:' || file_id) AS b FROM files),
targets AS (SELECT DISTINCT b FROM fb WHERE file_id IN (SELECT file_id FROM __target)),
est AS (
  SELECT fb.b, f.provider, sum(f.kwh) AS kwh, sum(f.operational_g) AS g, sum(f.market_g) AS m, sum(f.embodied_g) AS e, sum(f.cost_basis) AS cost
  FROM footprint f JOIN fb USING (file_id)
  WHERE f.methodology = $methodology AND f.row_status = 'ok' AND f.status IN ('estimated', 'fallback') AND NOT f.cost_ratio AND f.cost_basis > 0
    AND fb.b IN (SELECT b FROM targets)
  GROUP BY ALL
),
batches AS (SELECT b, sum(kwh) AS kwh, sum(g) AS g, sum(m) AS m, sum(e) AS e, sum(cost) AS cost FROM est GROUP BY ALL),
providers AS (SELECT DISTINCT u.file_id, u.provider, fb.b FROM usage u JOIN fb USING (file_id) WHERE u.file_id IN (SELECT file_id FROM __target))
SELECT $methodology, p.file_id, p.provider,
  COALESCE(s.kwh / s.cost, t.kwh / t.cost), COALESCE(s.g / s.cost, t.g / t.cost), COALESCE(s.m / s.cost, t.m / t.cost), COALESCE(s.e / s.cost, t.e / t.cost),
  ${num(profile.costRatioBand.low)}, ${num(profile.costRatioBand.high)}
FROM providers p LEFT JOIN est s ON s.b = p.b AND s.provider IS NOT DISTINCT FROM p.provider JOIN batches t ON t.b = p.b`;
}

