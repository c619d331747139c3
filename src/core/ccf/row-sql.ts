import {
  BYTE_HOURS_USAGE_TYPES, CCF_CONSTANTS, CCF_INSTANCE_TYPES, CCF_REPLICATION, CCF_UNITS, CCF_UNKNOWN_PROCESSOR,
  CCF_UNKNOWN_REGION_FACTOR, HDD_USAGE_TYPES, NETWORKING_USAGE_TYPES, SSD_SERVICES, SSD_USAGE_TYPES,
  UNKNOWN_USAGE_TYPES, UNSUPPORTED_USAGE_TYPES, VCPU_HOURS_USAGE_TYPES, ccfProcessorWatts,
} from './tables.js';
import { containsAnyWord, endsWithAny, includesAny, inList, num, text } from './sql.js';

/**
 * CTEs that turn the stored kinds of charge (`class_keys`) into CCF's view of a CUR row, as SQL. Columns
 * used: lineItem/ProductCode → service_code, UsageType, pricing/unit → unit, product/vcpu → vcpus,
 * region; per row, UsageAmount → quantity, BlendedCost → blended_cost, UsageStartDate. Paths below are inside
 * @cloud-carbon-footprint/aws 0.15.0 `dist/` unless they name another package. CCF reads the CUR
 * through Athena (lib/CostAndUsageReports.js getUsage): product_region, line_item_product_code,
 * line_item_usage_type, pricing_unit, product_vcpu, SUM(usage amount), SUM(cost) for line items of
 * type Usage, DiscountedUsage and SavingsPlanCoveredUsage. Every formula is linear in the amount and
 * the cost, so estimating each line item gives the same numbers as CCF's grouped rows.
 */

const ALL_UNITS = Object.values(CCF_UNITS).flat();
const keysWhere = (f: (k: string) => boolean): string[] => Object.keys(CCF_INSTANCE_TYPES).filter(f);
const BURSTABLE_TYPES = keysWhere((k) => CCF_INSTANCE_TYPES[k]?.burstableBaselinePct !== undefined);
const GPU_TYPES = keysWhere((k) => CCF_INSTANCE_TYPES[k]?.gpus !== undefined);
export const UNKNOWN_WATTS = ccfProcessorWatts(['Unknown']).averageWatts;
const GRAVITON2_WATTS = ccfProcessorWatts(['AWS Graviton2']).averageWatts;

/** `[family, size] = x.split('.')` as one lookup key ('m5' gives 'm5.', which no table has). */
const firstTwo = (x: string): string => `split_part(${x}, '.', 1) || '.' || split_part(${x}, '.', 2)`;

/** lib/ReplicationFactors.js, over the usage type after the 'xl' → 'xlarge' mutation. */
function replicationSql(): string {
  const services = Object.entries(CCF_REPLICATION).map(([service, r]) => {
    const rules = r.rules.map((rule) => `WHEN ${rule.test === 'word' ? containsAnyWord('ut', rule.any) : includesAny('ut', rule.any)} THEN ${rule.factor}`);
    return `WHEN ${text(service)} THEN ${rules.length ? `CASE ${rules.join(' ')} ELSE ${r.otherwise} END` : String(r.otherwise)}`;
  });
  return `CASE svc ${services.join(' ')} ELSE 1 END`;
}

/**
 * lib/CostAndUsageReportsRow.js extractVCpuFromInstanceType: MSK by the text after the last 'Kafka';
 * Redshift from its own table divided by 3600 (even for hourly rows: a CCF quirk); else EC2.
 */
const vcpusOfExt = `CASE WHEN contains(ut0, 'Kafka') THEN msk_vcpus WHEN svc = 'AmazonRedshift' THEN ext_redshift_vcpus / 3600 ELSE ext_vcpus END`;

/**
 * getVCpuHours: the first matching rule wins. The burstable rule overrides the CUR's vCPUs; `!vCpus`
 * treats NULL, 0 and NaN alike.
 */
const vcpuRule = `CASE
      WHEN svc = 'AWSGlue' THEN 'glue'
      WHEN svc = 'AmazonSimpleDB' THEN 'simpledb'
      WHEN contains(ut0, 'Aurora:ServerlessUsage') THEN 'aurora_serverless'
      WHEN ${containsAnyWord('ut0', VCPU_HOURS_USAGE_TYPES)} THEN 'amount'
      WHEN ${containsAnyWord('ut0', BURSTABLE_TYPES)} THEN 'burstable'
      WHEN report_vcpus IS NULL OR report_vcpus = 0 OR isnan(report_vcpus) THEN 'table'
      ELSE 'report' END`;

/** vCPU-hours by rule. A lookup that finds nothing is NULL here where CCF gets NaN (`undefined * amount`). */
export const vcpuHoursSql = `CASE vcpu_rule
      WHEN 'glue' THEN ${CCF_CONSTANTS.glueVcpusPerUsage} * amt
      WHEN 'simpledb' THEN ${CCF_CONSTANTS.simpleDbVcpusPerUsage} * amt
      WHEN 'aurora_serverless' THEN amt / 4
      WHEN 'amount' THEN amt
      WHEN 'burstable' THEN ${vcpusOfExt} * (ext_burstable_pct / ${CCF_CONSTANTS.cpuUtilisationPct}) * amt
      WHEN 'table' THEN ${vcpusOfExt} * amt
      ELSE report_vcpus * amt END`;

/**
 * CostAndUsageReports.getFootprintEstimateFromUsageRow and getEstimateByUsageUnit, in order:
 * unsupported (dropped), unknown by usage type or unit (cost ratio later), then by unit.
 */
const kindSql = `CASE
      WHEN ${includesAny('ut', UNSUPPORTED_USAGE_TYPES)} THEN 'unsupported'
      WHEN ${includesAny('ut', UNKNOWN_USAGE_TYPES)} OR NOT ${inList('unit', ALL_UNITS)} THEN 'unknown'
      WHEN ${inList('unit', CCF_UNITS.compute)} THEN 'compute'
      WHEN ${inList('unit', CCF_UNITS.storage)} THEN CASE
        WHEN ${endsWithAny('ut', SSD_USAGE_TYPES)} OR (${endsWithAny('svc', SSD_SERVICES)} AND NOT contains(ut, 'Backup')) THEN 'ssd'
        WHEN ${endsWithAny('ut', HDD_USAGE_TYPES)} THEN 'hdd'
        ELSE 'storage_unmatched' END
      WHEN ${inList('unit', CCF_UNITS.seconds)} THEN 'seconds'
      WHEN ${endsWithAny('ut', NETWORKING_USAGE_TYPES)} AND svc <> 'AmazonCloudFront' THEN 'network'
      ELSE 'network_unmatched' END`;

/**
 * CTEs `base` (every kind of charge in the store, with its scope), `kj` (each kind CCF would read,
 * parsed and joined to CCF's tables: `kind`, replication factor, vCPU rule, watts) and `j` (the same,
 * with the amount of one unit: everything CCF computes is linear in the amount, so the profile stores
 * a rate per kind, and a row's figures are its amount times its kind's rate).
 */
export function kindCtes(): string {
  const pue = num(CCF_CONSTANTS.pue);
  return `
base AS (
  SELECT k.class_key,
    CASE WHEN k.provider IS DISTINCT FROM 'aws' OR k.service_code IS NULL THEN 'not_cur'
         WHEN k.charge_category IS DISTINCT FROM 'usage' THEN 'not_usage'
         ELSE 'cur' END AS scope,
    k.service_code AS svc, COALESCE(k.usage_type, '') AS ut0, COALESCE(k.unit, '') AS unit0, k.region, k.vcpus AS report_vcpus
  FROM class_keys k
  WHERE k.class_key IN (SELECT class_key FROM usage)
),
keyed AS (SELECT class_key, svc, ut0, unit0, region, report_vcpus FROM base WHERE scope = 'cur'),
r1 AS (
  SELECT *,
    -- cleanUsageUnit / cleanUsageAmount
    CASE WHEN contains(ut0, 'Fargate-GB-Hours') THEN 'GB-Hours'
         WHEN svc = 'AmazonRedshift' AND unit0 = 'seconds' THEN 'Hrs' ELSE unit0 END AS unit,
    svc = 'AmazonRedshift' AND unit0 = 'seconds' AS redshift_seconds,
    -- extractInstanceTypeFromUsageType: drives vCPU- and GPU-hours
    regexp_replace(string_split(ut0, ':')[-1], '^((db|cache|dax|dms|ml|mq|KernelGateway-ml|.+Kafka)\\.)', '') AS ext,
    -- parseInstanceTypeFromUsageType mutates the usage type; everything after it sees 'xlarge'
    CASE WHEN ends_with(ut0, 'xl') THEN ut0 || 'arge' ELSE ut0 END AS ut,
    ${vcpuRule} AS vcpu_rule
  FROM keyed
),
r2 AS (
  SELECT *,
    -- parseInstanceTypeFromUsageType: a second, different parse, for processors, memory and embodied
    CASE WHEN contains(ut, 'db') THEN string_split(ut, 'db.')[-1]
         WHEN contains(ut, 'cache') THEN string_split(ut, 'cache.')[-1]
         WHEN contains(ut, 'Kafka') THEN string_split(ut, 'Kafka.')[-1]
         ELSE string_split(ut, ':')[-1] END AS it
  FROM r1
),
r3 AS (
  SELECT *,
    -- getDataFromInstanceType reads the LAST two parts ('ml.t3.medium' → t3.medium); an equality key
    -- keeps the join a hash join
    CASE WHEN len(string_split(it, '.')) >= 2 THEN string_split(it, '.')[-2] || '.' || string_split(it, '.')[-1] END AS last_two
  FROM r2
),
r4 AS (
  SELECT r.*,
    e.vcpus AS ext_vcpus, e.redshift_vcpus AS ext_redshift_vcpus, e.burstable_pct AS ext_burstable_pct,
    g.gpus AS ext_gpus, k.vcpus AS msk_vcpus,
    t.cpu_id, t.cpu_watts, t.cpu_average, t.processor_memory_gb, t.burstable_pct AS it_burstable_pct, t.gpu_id, t.gpu_watts,
    m.memory_gb, f.per_chip_gb, f.largest_gb, l.embodied_t_per_hour,
    x.region AS ef_region, COALESCE(x.t_per_kwh, ${num(CCF_UNKNOWN_REGION_FACTOR)}) AS ef
  FROM r3 r
  LEFT JOIN __ccf_type e ON e.type = ${firstTwo('r.ext')}
  LEFT JOIN __ccf_type g ON g.type = r.ext
  LEFT JOIN __ccf_msk k ON k.usage_key = 'Kafka' || string_split(r.ut0, 'Kafka')[-1]
  LEFT JOIN __ccf_type t ON t.type = r.it
  LEFT JOIN __ccf_type m ON m.type = ${firstTwo('r.it')}
  LEFT JOIN __ccf_family f ON f.family = split_part(r.it, '.', 1)
  LEFT JOIN __ccf_type l ON l.type = r.last_two
  LEFT JOIN __ccf_ef x ON x.region = r.region
),
kj AS (
  SELECT *,
    ${kindSql} AS kind,
    ${replicationSql()} AS rf,
    -- AWSComputeEstimatesBuilder.isGpuInstance, on the mutated usage type
    ${containsAnyWord('ut', GPU_TYPES)} AS is_gpu,
    -- getComputeProcessors / getGPUComputeProcessors: Lambda is Graviton2 (…-ARM) or Unknown
    CASE WHEN svc = 'AWSLambda' THEN CASE WHEN ends_with(ut, '-ARM') THEN 'AWS Graviton2' ELSE 'Unknown' END ELSE COALESCE(cpu_id, 'Unknown') END AS cpu_label,
    CASE WHEN svc = 'AWSLambda' THEN (CASE WHEN ends_with(ut, '-ARM') THEN ${num(GRAVITON2_WATTS)} ELSE ${num(UNKNOWN_WATTS)} END)
         ELSE COALESCE(cpu_watts, ${num(UNKNOWN_WATTS)}) END AS cpu_w,
    CASE WHEN svc = 'AWSLambda' THEN ${num(UNKNOWN_WATTS)} ELSE COALESCE(gpu_watts, ${num(UNKNOWN_WATTS)}) END AS gpu_w,
    CASE WHEN svc = 'AWSLambda' THEN 'Unknown' ELSE COALESCE(gpu_id, 'Unknown') END AS gpu_label,
    ${num(CCF_UNKNOWN_PROCESSOR.memoryGbPerChip)} AS unknown_memory_gb,
    ${pue} AS pue,
    ${endsWithAny('ut', BYTE_HOURS_USAGE_TYPES)} AS byte_hours
  FROM r4
),
j AS (
  -- one unit of CCF's amount; Redshift's seconds are hours to CCF: a row's amount is its quantity / 3600
  SELECT kj.*, 1.0 AS amt, CASE WHEN kj.redshift_seconds THEN 1.0 / 3600 ELSE 1.0 END AS amount_factor
  FROM kj
)`;
}
