import {
  BYTE_HOURS_USAGE_TYPES, CCF_CONSTANTS, CCF_INSTANCE_TYPES, CCF_REPLICATION, CCF_UNITS, CCF_UNKNOWN_PROCESSOR,
  CCF_UNKNOWN_REGION_FACTOR, HDD_USAGE_TYPES, NETWORKING_USAGE_TYPES, SSD_SERVICES, SSD_USAGE_TYPES,
  UNKNOWN_USAGE_TYPES, UNSUPPORTED_USAGE_TYPES, VCPU_HOURS_USAGE_TYPES, ccfProcessorWatts,
} from './tables.js';
import { CCF_EF, CCF_FAMILY_MEMORY, CCF_MSK, CCF_TYPES, type CcfTypeRow } from './lookups.js';

/**
 * How Cloud Carbon Footprint 0.15 reads one kind of charge of an AWS CUR, and what one unit of its
 * amount costs in energy and emissions. Pure. Fields read: lineItem/ProductCode → serviceCode,
 * UsageType, pricing/unit → unit, product/vcpu → vcpus, region. Paths below are inside
 * @cloud-carbon-footprint/aws 0.15.0 `dist/` unless they name another package. CCF reads the CUR
 * through Athena (lib/CostAndUsageReports.js getUsage): product_region, line_item_product_code,
 * line_item_usage_type, pricing_unit, product_vcpu, SUM(usage amount), SUM(cost) for line items of
 * type Usage, DiscountedUsage and SavingsPlanCoveredUsage. Every formula is linear in the amount, so
 * a kind's figures for one unit, times a row's amount, are CCF's figures for that row.
 *
 * Per unit of amount (CostAndUsageReports.js getEstimateByUsageUnit, core estimators; W = avg watts at 50 %):
 *   compute  cpu = W × vCPU-h × PUE × RF / 1000 (+ same for GPUs when the usage type names a GPU type),
 *            memory = GB-h above the family's per-chip memory × 0.000392 × PUE × RF,
 *            embodied t = scope3 / 35040 / largest vCPUs × hours.
 *            CCF adds embodied to kWh as t / EF of the row's region: kilowattHours = cpu + memory +
 *            embodied/EF, co2e = (cpu + memory) × EF + embodied.
 *   seconds  (Lambda GB-seconds) cpu with vCPU-h = amount / 3600; no memory, no embodied.
 *   storage  TB-h × (1.2 SSD | 0.65 HDD) × PUE × RF / 1000.    network  GB × 0.001 × PUE.
 * NaN stands for CCF's NaN (an `undefined` from one of its tables times the amount), as in CCF.
 */

/** The columns of a stored kind of charge that CCF reads. */
export interface CcfKindInput {
  readonly provider: string | null;
  readonly serviceCode: string | null;
  readonly chargeCategory: string | null;
  readonly usageType: string | null;
  readonly unit: string | null;
  /** product/region as billed (CCF's Athena query reads product_region), not the region greenops places the line in. */
  readonly region: string | null;
  readonly vcpus: number | null;
}

/** Whether CCF reads a kind at all: only AWS CUR usage line items. */
export type CcfScope = 'not_cur' | 'not_usage' | 'cur';

export function ccfScope(k: CcfKindInput): CcfScope {
  if (k.provider !== 'aws' || k.serviceCode === null) return 'not_cur';
  if (k.chargeCategory !== 'usage') return 'not_usage';
  return 'cur';
}

export type CcfKindName = 'compute' | 'seconds' | 'ssd' | 'hdd' | 'network' | 'unknown' | 'unsupported' | 'storage_unmatched' | 'network_unmatched';
export type VcpuRule = 'glue' | 'simpledb' | 'aurora_serverless' | 'amount' | 'burstable' | 'table' | 'report';

/** Kinds CCF reports a figure for. */
export const PRODUCING: readonly CcfKindName[] = ['compute', 'seconds', 'ssd', 'hdd', 'network'];

export interface CcfKind {
  readonly svc: string;
  /** The usage type as read, and after parseInstanceTypeFromUsageType's 'xl' → 'xlarge' mutation. */
  readonly ut0: string;
  readonly ut: string;
  /** The unit after cleanUsageUnit. */
  readonly unit: string;
  readonly kind: CcfKindName;
  readonly vcpuRule: VcpuRule;
  /** Replication factor. */
  readonly rf: number;
  readonly isGpu: boolean;
  readonly cpuLabel: string;
  readonly gpuLabel: string;
  /** CCF used its 'Unknown' processor average for this type (true when the type is not tabled). */
  readonly cpuAverage: boolean;
  /** The region when CCF has its factor. */
  readonly efRegion: string | undefined;
  /** tCO2e per kWh. */
  readonly ef: number;
  /** The type getDataFromInstanceType reads (the last two parts of the parsed instance type). */
  readonly lastTwo: string | undefined;
  /** A row's CCF amount is its quantity times this (Redshift's seconds are hours to CCF). */
  readonly amountFactor: number;
  /** Per GB-month: a row's amount is spread over the hours of its month. */
  readonly perMonth: boolean;
  readonly byteHours: boolean;
  // One unit of amount:
  readonly cpuKwh: number;
  readonly gpuKwh: number;
  readonly memKwh: number;
  readonly storageKwh: number;
  readonly networkKwh: number;
  readonly embT: number;
  /** cpu + gpu kWh. */
  readonly kc: number;
  /** CostAndUsageReports.js `if (memoryFootprint.co2e || embodiedEmissions.co2e)`: memory and embodied are added. */
  readonly extra: boolean;
  /** kWh as CCF reports it (NaN for kinds it reports nothing for). */
  readonly ccfKwh: number;
  /** Operational and embodied tCO2e as CCF reports them. */
  readonly ccfOpT: number;
  readonly ccfEmbT: number;
  /** accumulateKilowattHours: feeds the unknown-usage ratio of its unit. */
  readonly accumulate: boolean;
  readonly produced: boolean;
}

/** common/helpers/helpers.js `containsAny`: `list.some(x => new RegExp('\\b' + x + '\\b').test(s))`, unescaped as there (a '.' matches any character). */
function wordTest(list: readonly string[]): (s: string) => boolean {
  if (!list.length) return () => false;
  const re = new RegExp(`\\b(?:${list.join('|')})\\b`);
  return (s) => re.test(s);
}
const includesAny = (s: string, list: readonly string[]): boolean => list.some((x) => s.includes(x));
const endsWithAny = (s: string, list: readonly string[]): boolean => list.some((x) => s.endsWith(x));

/** KNOWN_USAGE_UNITS: a unit outside them makes the row unknown usage. */
export const ALL_UNITS: readonly string[] = Object.values(CCF_UNITS).flat();
const inUnits = (unit: string, list: readonly string[]): boolean => list.includes(unit);
const typesWhere = (f: (k: string) => boolean): string[] => Object.keys(CCF_INSTANCE_TYPES).filter(f);
const isVcpuHours = wordTest(VCPU_HOURS_USAGE_TYPES);
const isBurstable = wordTest(typesWhere((k) => CCF_INSTANCE_TYPES[k]?.burstableBaselinePct !== undefined));
const isGpuType = wordTest(typesWhere((k) => CCF_INSTANCE_TYPES[k]?.gpus !== undefined));
export const UNKNOWN_WATTS = ccfProcessorWatts(['Unknown']).averageWatts;
const GRAVITON2_WATTS = ccfProcessorWatts(['AWS Graviton2']).averageWatts;
const EXT_PREFIX = /^((db|cache|dax|dms|ml|mq|KernelGateway-ml|.+Kafka)\.)/;

/** `s.split(sep).pop()`, without the array (the same for separators that cannot overlap themselves, as all used here). */
const last = (s: string, sep: string): string => { const i = s.lastIndexOf(sep); return i < 0 ? s : s.slice(i + sep.length); };
/** `[family, size] = x.split('.')` as one lookup key ('m5' gives 'm5.', which no table has). */
const firstTwo = (x: string): string => {
  const i = x.indexOf('.');
  if (i < 0) return `${x}.`;
  const j = x.indexOf('.', i + 1);
  return j < 0 ? x : x.slice(0, j);
};
const NO_TYPE: CcfTypeRow = { cpuAverage: true };
const type = (name: string | undefined): CcfTypeRow | undefined => (name === undefined ? undefined : CCF_TYPES.get(name));
/** `undefined × amount` is NaN in CCF. */
const n = (x: number | undefined): number => x ?? Number.NaN;

/** lib/ReplicationFactors.js, over the usage type after the 'xl' → 'xlarge' mutation. */
const replicationRules = new Map(Object.entries(CCF_REPLICATION).map(([service, r]) => [service, {
  rules: r.rules.map((rule) => ({ test: rule.test === 'word' ? wordTest(rule.any) : (s: string) => includesAny(s, rule.any), factor: rule.factor })),
  otherwise: r.otherwise,
}]));
function replication(svc: string, ut: string): number {
  const r = replicationRules.get(svc);
  if (!r) return 1;
  return r.rules.find((rule) => rule.test(ut))?.factor ?? r.otherwise;
}

/**
 * getVCpuHours: the first matching rule wins. The burstable rule overrides the CUR's vCPUs; `!vCpus`
 * treats NULL, 0 and NaN alike.
 */
function vcpuRuleOf(svc: string, ut0: string, reportVcpus: number | null): VcpuRule {
  if (svc === 'AWSGlue') return 'glue';
  if (svc === 'AmazonSimpleDB') return 'simpledb';
  if (ut0.includes('Aurora:ServerlessUsage')) return 'aurora_serverless';
  if (isVcpuHours(ut0)) return 'amount';
  if (isBurstable(ut0)) return 'burstable';
  if (!reportVcpus) return 'table';
  return 'report';
}

/**
 * CostAndUsageReports.getFootprintEstimateFromUsageRow and getEstimateByUsageUnit, in order:
 * unsupported (dropped), unknown by usage type or unit (cost ratio later), then by unit.
 */
function kindOf(svc: string, ut: string, unit: string): CcfKindName {
  if (includesAny(ut, UNSUPPORTED_USAGE_TYPES)) return 'unsupported';
  if (includesAny(ut, UNKNOWN_USAGE_TYPES) || !inUnits(unit, ALL_UNITS)) return 'unknown';
  if (inUnits(unit, CCF_UNITS.compute)) return 'compute';
  if (inUnits(unit, CCF_UNITS.storage)) {
    if (endsWithAny(ut, SSD_USAGE_TYPES) || (endsWithAny(svc, SSD_SERVICES) && !ut.includes('Backup'))) return 'ssd';
    if (endsWithAny(ut, HDD_USAGE_TYPES)) return 'hdd';
    return 'storage_unmatched';
  }
  if (inUnits(unit, CCF_UNITS.seconds)) return 'seconds';
  if (endsWithAny(ut, NETWORKING_USAGE_TYPES) && svc !== 'AmazonCloudFront') return 'network';
  return 'network_unmatched';
}

/** A kind of charge as CCF reads it, and its figures for one unit of amount. Only for scope 'cur'. */
export function readKind(input: CcfKindInput): CcfKind {
  const svc = input.serviceCode ?? '';
  const ut0 = input.usageType ?? '';
  const unit0 = input.unit ?? '';
  // cleanUsageUnit / cleanUsageAmount
  const redshiftSeconds = svc === 'AmazonRedshift' && unit0 === 'seconds';
  const unit = ut0.includes('Fargate-GB-Hours') ? 'GB-Hours' : redshiftSeconds ? 'Hrs' : unit0;
  // extractInstanceTypeFromUsageType: drives vCPU- and GPU-hours
  const ext = last(ut0, ':').replace(EXT_PREFIX, '');
  // parseInstanceTypeFromUsageType mutates the usage type; everything after it sees 'xlarge'
  const ut = ut0.endsWith('xl') ? `${ut0}arge` : ut0;
  const vcpuRule = vcpuRuleOf(svc, ut0, input.vcpus);
  // parseInstanceTypeFromUsageType: a second, different parse, for processors, memory and embodied
  const it = ut.includes('db') ? last(ut, 'db.') : ut.includes('cache') ? last(ut, 'cache.') : ut.includes('Kafka') ? last(ut, 'Kafka.') : last(ut, ':');
  const itParts = it.split('.');
  const lastTwo = itParts.length >= 2 ? `${itParts.at(-2)}.${itParts.at(-1)}` : undefined;

  const e = type(firstTwo(ext));
  const g = type(ext);
  const mskVcpus = CCF_MSK.get(`Kafka${last(ut0, 'Kafka')}`);
  const t = type(it) ?? NO_TYPE;
  const m = type(firstTwo(it));
  const family = CCF_FAMILY_MEMORY.get(itParts[0] ?? '');
  const embodiedTPerHour = type(lastTwo)?.embodiedTPerHour;
  const efRegion = input.region !== null && CCF_EF.has(input.region) ? input.region : undefined;
  const ef = efRegion === undefined ? CCF_UNKNOWN_REGION_FACTOR : (CCF_EF.get(efRegion) as number);

  const kind = kindOf(svc, ut, unit);
  const rf = replication(svc, ut);
  // AWSComputeEstimatesBuilder.isGpuInstance, on the mutated usage type
  const isGpu = isGpuType(ut);
  // getComputeProcessors / getGPUComputeProcessors: Lambda is Graviton2 (…-ARM) or Unknown
  const lambda = svc === 'AWSLambda';
  const arm = ut.endsWith('-ARM');
  const cpuLabel = lambda ? (arm ? 'AWS Graviton2' : 'Unknown') : (t.cpuId ?? 'Unknown');
  const cpuW = lambda ? (arm ? GRAVITON2_WATTS : UNKNOWN_WATTS) : (t.cpuWatts ?? UNKNOWN_WATTS);
  const gpuW = lambda ? UNKNOWN_WATTS : (t.gpuWatts ?? UNKNOWN_WATTS);
  const gpuLabel = lambda ? 'Unknown' : (t.gpuId ?? 'Unknown');
  const pue = CCF_CONSTANTS.pue;
  const byteHours = endsWithAny(ut, BYTE_HOURS_USAGE_TYPES);
  const amt = 1;
  // one unit of CCF's amount; Redshift's seconds are hours to CCF: a row's amount is its quantity / 3600
  const amountFactor = redshiftSeconds ? 1 / 3600 : 1;

  // lib/CostAndUsageReportsRow.js extractVCpuFromInstanceType: MSK by the text after the last 'Kafka';
  // Redshift from its own table divided by 3600 (even for hourly rows: a CCF quirk); else EC2.
  const vcpusOfExt = (): number => (ut0.includes('Kafka') ? n(mskVcpus) : svc === 'AmazonRedshift' ? n(e?.redshiftVcpus) / 3600 : n(e?.vcpus));
  const vcpuHours = (): number => {
    switch (vcpuRule) {
      case 'glue': return CCF_CONSTANTS.glueVcpusPerUsage * amt;
      case 'simpledb': return CCF_CONSTANTS.simpleDbVcpusPerUsage * amt;
      case 'aurora_serverless': return amt / 4;
      case 'amount': return amt;
      case 'burstable': return vcpusOfExt() * (n(e?.burstablePct) / CCF_CONSTANTS.cpuUtilisationPct) * amt;
      case 'table': return vcpusOfExt() * amt;
      case 'report': return (input.vcpus as number) * amt;
    }
  };
  // CostAndUsageReports.getEstimateByUsageUnit sets vCpuHours = amount / 3600 for seconds units
  const vcpuH = kind === 'seconds' ? amt / 3600 : vcpuHours();
  // getGpuHours: GPU_INSTANCES_TYPES[ext] * amount || 0
  const gpuH = g?.gpus !== undefined ? g.gpus * amt : 0;
  // core/memory/helpers.js calculateGigabyteHours via AWSMemoryEstimatesBuilder: only EC2/Redshift
  // families, never burstable types; NaN when the size is in neither table.
  let memGbh = 0;
  if (kind === 'compute' && family !== undefined && t.burstablePct === undefined) {
    const above = family.perChipGb - (t.processorMemoryGb ?? CCF_UNKNOWN_PROCESSOR.memoryGbPerChip);
    if (above > 0) memGbh = above / (family.largestGb / n(m?.memoryGb)) * amt;
  }
  const embT = kind === 'compute' ? (embodiedTPerHour ?? 0) * amt : 0;
  // getUsageAmountInTerabyteHours: *ByteHrs amounts are divided by 2^40 although they are GB-Mo;
  // GB-Mo become TB-hours over the hours of the row's month (a per-month rate: the hours are the row's)
  const tbh = byteHours ? amt / CCF_CONSTANTS.bytesPerTerabyte : amt / 1000;
  const perMonth = (kind === 'ssd' || kind === 'hdd') && !byteHours && unit !== 'GB-Hours';

  const cpuKwh = cpuW * vcpuH * pue * rf / 1000;
  const gpuKwh = isGpu ? gpuW * gpuH * pue * rf / 1000 : 0;
  const memKwh = memGbh * CCF_CONSTANTS.memoryKWhPerGBh * pue * rf;
  const storageKwh = tbh * (kind === 'ssd' ? CCF_CONSTANTS.ssdWhPerTBh : CCF_CONSTANTS.hddWhPerTBh) * pue * rf / 1000;
  const networkKwh = amt * CCF_CONSTANTS.networkKWhPerGB * pue;
  const kc = cpuKwh + gpuKwh;
  // A NaN memory is falsy, so with no embodied it is silently dropped; with embodied it makes kWh and co2e NaN.
  const extra = kind === 'compute' && ((!Number.isNaN(memKwh) && memKwh * ef !== 0) || embT !== 0);

  let ccfKwh = Number.NaN;
  let ccfOpT = Number.NaN;
  if (kind === 'compute') ccfKwh = Number.isNaN(kc) ? 0 : extra ? kc + memKwh + embT / ef : kc;
  else if (kind === 'seconds') ccfKwh = kc;
  else if (kind === 'ssd' || kind === 'hdd') ccfKwh = storageKwh;
  else if (kind === 'network') ccfKwh = networkKwh;
  if (kind === 'compute' || kind === 'seconds') ccfOpT = cpuKwh * ef + gpuKwh * ef + (extra ? memKwh * ef : 0);
  else if (kind === 'ssd' || kind === 'hdd') ccfOpT = storageKwh * ef;
  else if (kind === 'network') ccfOpT = networkKwh * ef;

  return {
    svc, ut0, ut, unit, kind, vcpuRule, rf, isGpu, cpuLabel, gpuLabel, cpuAverage: t.cpuAverage, efRegion, ef, lastTwo,
    amountFactor, perMonth, byteHours, cpuKwh, gpuKwh, memKwh, storageKwh, networkKwh, embT, kc, extra,
    ccfKwh, ccfOpT, ccfEmbT: extra ? embT : 0,
    // accumulateKilowattHours: compute (unless NaN), storage and network feed the unknown ratio;
    // seconds (Lambda) rows never do.
    accumulate: kind === 'ssd' || kind === 'hdd' || kind === 'network' || (kind === 'compute' && !Number.isNaN(kc)),
    produced: PRODUCING.includes(kind),
  };
}
