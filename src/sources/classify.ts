import { lit } from './sql.js';
import { instanceTypeFromText } from './instance-type.js';
import { USAGE_TYPE_REGION_PREFIXES } from './aws-cur/regions.js';

/**
 * One classifier for every billing format. Sources normalise their columns into canonical fields
 * (charge category, unit, usage type, description, service, instance type); this turns those into an
 * energy class and an amount in the class's canonical unit, as SQL over the relation `t` (class keys
 * with the helper columns of `classifyInputsSql`, each computed once per key: a text predicate that
 * several rules test is one column, so its pattern is compiled and matched once).
 *
 * Classes: compute (instance-hours or vCPU-hours), gpu (GPU-hours), memory (GB-hours), storage
 * (GB-hours of allocated bytes, SSD or HDD), network (GB moved between regions or to the internet),
 * cost_only (purchases, taxes, credits, refunds, unused commitments: money, no energy), and
 * unclassified (usage whose unit has no energy model: requests, API calls, events …; kept, counted,
 * listed, and estimated by the documented cost-ratio fallback).
 */

const unitKey = 't.__u';
const text = 't.__text';
const desc = 't.__desc';

const HOURS = ['h', 'hr', 'hrs', 'hour', 'hours', 'instancehour', 'instancehours', 'nodehour', 'nodehours', 'consumedhours'];
// GCP's usage unit for cores, GPUs and per-second billing ("seconds"); some exports write minutes
const SECONDS = ['sec', 'secs', 'second', 'seconds'];
const MINUTES = ['min', 'mins', 'minute', 'minutes'];
/** Units of running time: a resource's hours, seconds or minutes. */
const TIME = [...HOURS, ...SECONDS, ...MINUTES];
const VCPU_HOURS = ['vcpuhours', 'vcpuhour', 'vcpuhrs', 'corehours', 'corehour'];
// Oracle's OCPU: one physical core, two vCPUs (x86)
const OCPU_HOURS = ['ocpuhours', 'ocpuhour', 'ocpuperhour'];
const VCPU_SECONDS = ['vcpuseconds', 'vcpusecond', 'coreseconds', 'coresecond'];
const VCPU_TIME = [...VCPU_HOURS, ...VCPU_SECONDS, ...OCPU_HOURS];
const GB_HOURS = ['gbhours', 'gbhour', 'gbhrs', 'gibhours', 'gibhour', 'gibibytehour', 'gibibytehours', 'gigabytehours', 'gb/hour', 'gib/hour', 'gbperhour', 'gigabyteperhour'];
const TB_HOURS = ['tbhours', 'tbhour', 'tibhours', 'tibhour', 'tb/hour', 'tib/hour'];
// GCP's usage unit for memory and disk capacity
const BYTE_SECONDS = ['byteseconds', 'bytesecond'];
/** Units of capacity held over time (memory or storage). */
const CAPACITY_TIME = [...GB_HOURS, ...TB_HOURS, ...BYTE_SECONDS];
const GB_SECONDS = ['gbseconds', 'lambdagbseconds', 'lambdagbsecond', 'gbsecond', 'gibseconds'];
const GB_MONTHS = ['gbmo', 'gbmonth', 'gbmonths', 'gb/month', 'gb/mo', 'gib/month', 'gibmonth', 'gibmonths', 'gibibytemonth', 'gibibytemonths', 'gigabytemonth', 'gigabytemonths', '1gb/month'];
const TB_MONTHS = ['tbmo', 'tbmonth', 'tbmonths', 'tb/month', 'tibmonth', 'tibmonths', 'tib/month'];
const GB = ['gb', 'gib', 'gigabyte', 'gigabytes', 'gibibyte', 'gibibytes'];
const TB = ['tb', 'tib', 'terabyte', 'terabytes'];
// GCP's usage unit for data moved
const BYTES = ['byte', 'bytes'];
/** Units of data moved. */
const DATA = [...GB, ...TB, ...BYTES];

function inList(expr: string, values: readonly string[]): string {
  return `${expr} IN (${values.map(lit).join(', ')})`;
}

/**
 * A unit may name a block size before the unit ("1 Hour", "10 Hours", "1000 GB", as Azure's units of
 * measure and FOCUS's unit format write it): the quantity then counts blocks. The block is read apart
 * (`__block`) and the unit key is what follows it.
 */
const BLOCK = '^\\s*([0-9]+)\\s+';
const blockSize = 't.__block';

/** GiB-based units carry 2^30 bytes; we account in GB (10^9). */
const binaryExpr = `(${unitKey} LIKE 'gib%' OR ${unitKey} LIKE 'tib%')`;
const binary = 't.__binary';
const GIB = 1.073741824;


/**
 * GPU-hour SKUs carry no instance type (GCP bills GPUs separately: "Nvidia Tesla T4 GPU running in
 * Americas"); the model is read from the text.
 */
const gpuModelExpr = `NULLIF(regexp_extract(${desc}, '(?:nvidia|gpu)[ -]+(?:tesla[ -]+)?([a-z]{1,2}[0-9]{1,3}[a-z]?(?:[ -]?(?:40|80|141)gb)?)', 1), '')`;
const gpuModel = 't.__gpu_model';
const isGpuSkuExpr = `(${gpuModel} IS NOT NULL AND (${desc} LIKE '%gpu%'))`;
const isGpuSku = 't.__is_gpu_sku';

/** Per-core SKUs (GCP "N2 Instance Core", Azure/Fargate vCPU units). */
const isCoreSkuExpr = `(${desc} SIMILAR TO '.*(instance core|vcpu|cpu credit|core running|custom core|predefined core).*')`;
const isCoreSku = 't.__is_core_sku';
const isRamSkuExpr = `(${desc} SIMILAR TO '.*(instance ram|memory|ram running|custom ram|predefined ram|gb-hours? of memory).*')`;
const isRamSku = 't.__is_ram_sku';

/**
 * Block and object storage media: what is flash first (EBS gp2/gp3/io1/io2, SSD disks, and the services
 * CCF counts on SSD: DynamoDB, EFS, Aurora storage), then what is spinning disk; anything else is SSD.
 */
const ssdExpr = `(${text} SIMILAR TO '.*(volumeusage\\.(gp2|gp3|io1|io2|piops)|(gp2|gp3|piops)-storage|\\bssd\\b|dynamodb|elastic file|\\befs\\b|aurora:storageusage|pd-balanced|balanced pd|pd-extreme|extreme pd|hyperdisk).*')`;
const ssd = 't.__ssd';
const hddExpr = `(${text} SIMILAR TO '.*(\\bst1\\b|\\bsc1\\b|hdd|magnetic|glacier|archive|coldline|nearline|cold storage|deep archive|standard[ -]?ia|onezone|intelligent|timedstorage|\\bs3\\b|blob|object storage|cloud storage|pd-standard|standard persistent disk|storage pd capacity|storage pd snapshot|standard hdd|tape|backup|snapshot|simple storage service|amazon s3|log storage).*')`;
const hdd = 't.__hdd';

/**
 * Azure managed disks are billed per disk-month of a size tier ("Premium SSD Managed Disks - P30 LRS",
 * "S30 LRS Disk"): the tier's capacity in GiB (Azure's published sizes; P, E and S tiers of one number
 * share it), so a disk-month is that many GiB-months.
 */
const AZURE_DISK_GIB: Readonly<Record<number, number>> = {
  1: 4, 2: 8, 3: 16, 4: 32, 6: 64, 10: 128, 15: 256, 20: 512, 30: 1024, 40: 2048, 50: 4096, 60: 8192, 70: 16384, 80: 32767,
};
const DISK_MONTHS = ['units/month', 'unit/month', '1/month', '/month', 'month', 'months'];
const azureDiskTier = `TRY_CAST(NULLIF(regexp_extract(${desc}, '(?:^|[^a-z0-9])[pes]([0-9]{1,2}) (?:lrs|zrs)(?:[^a-z0-9]|$)', 1), '') AS INTEGER)`;
// the disk itself, not a shared disk's mount fee, its operations or its bursting
const azureDiskLine = `(${desc} LIKE '%disk%' AND NOT ${desc} SIMILAR TO '.*(mount|operations|burst|transactions).*')`;
const azureDiskGibExpr = `CASE WHEN t.provider = 'azure' AND ${azureDiskLine} AND ${inList(unitKey, DISK_MONTHS)} THEN CASE ${azureDiskTier} ${Object.entries(AZURE_DISK_GIB).map(([n, gib]) => `WHEN ${n} THEN ${gib}`).join(' ')} END END`;
const azureDiskGib = 't.__disk_gib';
/** A standard (S) tier is HDD; premium (P) and standard SSD (E) tiers are SSD. */
const azureDiskHdd = `regexp_matches(${desc}, '(?:^|[^a-z0-9])s[0-9]{1,2} (?:lrs|zrs)(?:[^a-z0-9]|$)')`;

/** AWS inter-region usage types name both ends (`USW2-EBS-USW2-EBS-AWS-Out-Bytes`); the same region at both ends is intra-region. */
const awsRegionTokens = `regexp_extract_all(lower(coalesce(t.usage_type, '')), '(?:^|-)(${Object.keys(USAGE_TYPE_REGION_PREFIXES).filter((p) => p.length > 2).map((p) => p.toLowerCase()).join('|')})-', 1)`;
const awsSameRegion = `(len(${awsRegionTokens}) >= 2 AND ${awsRegionTokens}[1] = ${awsRegionTokens}[2])`;

/** Egress that crosses a region boundary or leaves the provider; intra-region and inbound move no extra energy in this model. */
const inboundExpr = `(${desc} SIMILAR TO '.*(data transfer in\\b|-in-bytes|in-bytes|datatransfer-in|ingress|inbound|transfer in per|\\bin from\\b).*')`;
const inbound = 't.__inbound';
// bytes through a VPC endpoint or a transit gateway (what leaves the region is billed on its own
// transfer line), and transfer between zones of one region, count as intra-region
const intraRegionExpr = `(${desc} SIMILAR TO '.*(regional data transfer|intra[- ]?region|between (ec2 )?azs|intra[- ]?zone|inter[- ]?zone|same region|-regional-bytes|within the same|vpcendpoint-bytes|transitgateway-bytes|-xaz-).*' OR ${awsSameRegion})`;
const intraRegion = 't.__intra_region';
// bytes a service scans, ingests or processes are work, not transfer: no energy model of their own
// (as CCF: NAT gateway bytes, data scanned), priced by the cost ratio
const notTransfer = `${desc} SIMILAR TO '.*(natgateway-bytes|dataprocessing-bytes|datascanned|data scanned|logs-bytes|log data ingested).*'`;
const isTransferExpr = `((${text} SIMILAR TO '.*(data transfer|datatransfer|-bytes|egress|bandwidth|network|transfer out|internet|interregion|inter-region|cloudfront|cdn|peering).*' OR t.service_category = 'Networking') AND NOT (${notTransfer}))`;
const isTransfer = 't.__is_transfer';

/**
 * Fees charged per unit of usage that is billed (and counted) on its own line: extended support,
 * licences, marketplace software. Counting them would count the same hardware twice.
 */
const isFeeExpr = `(${desc} SIMILAR TO '.*(extended support|softwareusage|software usage|marketplace|licensing fee|virtual machines licenses).*' OR (${desc} SIMILAR TO '.*(license fee|licence fee|premium support|support plan).*' AND t.instance_type IS NULL))`;
const isFee = 't.__is_fee';

/**
 * AWS charges that name an instance or storage but run nothing of their own: each with why it carries
 * cost, not energy. The instance's own hours are billed (and counted) on their line.
 */
const CHARGE_ONLY: ReadonlyArray<readonly [pattern: string, reason: string]> = [
  ['ebsoptimized', 'EBS-optimized fee: the instance is counted on its own line'],
  ['cpucredits', "CPU credits of a burstable instance: the instance is counted on its own line (at the model's 50 % load)"],
  ['earlydelete', 'early-delete fee: the data is no longer stored'],
  ['unusedbox|unusedded', 'unused capacity reservation: nothing ran'],
];
const usageTypeKey = "lower(coalesce(t.usage_type, ''))";
const chargeOnlyExpr = `(${usageTypeKey} SIMILAR TO '.*(${CHARGE_ONLY.map(([p]) => p).join('|')}).*')`;
const chargeOnly = 't.__charge_only';

function replicationKey(): string {
  // services before S3, whose `TimedStorage` usage type DynamoDB and EFS share
  return `CASE
    WHEN ${text} LIKE '%snapshot%' THEN 'ebs-snapshot'
    WHEN t.provider = 'aws' AND (${text} SIMILAR TO '.*(dynamodb).*') THEN 'dynamodb'
    WHEN t.provider = 'aws' AND (${text} SIMILAR TO '.*(elastic file|\\befs\\b).*') THEN 'efs'
    WHEN t.provider = 'aws' AND (${text} SIMILAR TO '.*(aurora).*') THEN 'aurora'
    WHEN t.provider = 'aws' AND (${text} SIMILAR TO '.*(onezone|-zia-|reducedredundancy|-rrs-).*') THEN 's3-one-zone'
    WHEN t.provider = 'aws' AND (${text} SIMILAR TO '.*(\\bs3\\b|simple storage|timedstorage|glacier).*') THEN 's3'
    WHEN t.provider = 'aws' AND (${text} SIMILAR TO '.*(relational database|\\brds\\b).*') THEN 'rds'
    WHEN t.provider = 'aws' AND (${text} SIMILAR TO '.*(elastic compute cloud|provisioned storage|volumeusage|\\bebs\\b|volume).*') THEN 'ebs'
    WHEN t.provider = 'gcp' AND (${text} SIMILAR TO '.*(cloud storage|nearline|coldline|archive|standard storage).*') AND NOT ${text} LIKE '%cloud sql%' THEN
      CASE WHEN ${text} SIMILAR TO '.*(multi-?region).*' THEN 'cloud-storage-multi-region' WHEN ${text} SIMILAR TO '.*(dual-?region).*' THEN 'cloud-storage-dual-region' ELSE 'cloud-storage' END
    WHEN t.provider = 'gcp' AND (${text} SIMILAR TO '.*(regional).*') THEN 'regional-pd'
    WHEN t.provider = 'gcp' THEN 'persistent-disk'
    WHEN t.provider = 'azure' AND (${text} SIMILAR TO '.*(\\bgrs\\b|ra-grs|gzrs|geo).*') THEN 'grs'
    WHEN t.provider = 'azure' AND (${text} SIMILAR TO '.*(cosmos).*') THEN 'cosmos'
    WHEN t.provider = 'azure' THEN 'lrs'
    ELSE 'default' END`;
}

/**
 * Class keys (`from`, aliased `t`) with the helper columns the class expressions read: unit key and
 * lower-cased texts first, then every text predicate used by more than one rule.
 */
export function classifyInputsSql(from: string): string {
  const texts = `SELECT t.*, regexp_replace(regexp_replace(lower(coalesce(t.unit, '')), ${lit(BLOCK)}, ''), '[^a-z0-9/]', '', 'g') AS __u,
    COALESCE(TRY_CAST(regexp_extract(coalesce(t.unit, ''), ${lit(BLOCK)}, 1) AS DOUBLE), 1) AS __block,
    lower(concat_ws(' ', t.usage_type, t.charge_description, t.service, t.resource_type)) AS __text,
    lower(concat_ws(' ', t.usage_type, t.charge_description)) AS __desc
  FROM ${from} t`;
  const predicates = `SELECT t.*, ${binaryExpr} AS __binary, ${gpuModelExpr} AS __gpu_model, ${isCoreSkuExpr} AS __is_core_sku,
    ${isRamSkuExpr} AS __is_ram_sku, ${hddExpr} AS __hdd, ${inboundExpr} AS __inbound, ${intraRegionExpr} AS __intra_region,
    ${isTransferExpr} AS __is_transfer, ${isFeeExpr} AS __is_fee, ${ssdExpr} AS __ssd, ${chargeOnlyExpr} AS __charge_only, ${azureDiskGibExpr} AS __disk_gib
  FROM (${texts}) t`;
  return `SELECT t.*, ${isGpuSkuExpr} AS __is_gpu_sku FROM (${predicates}) t`;
}

export interface ClassColumns {
  readonly usage_class: string;
  readonly class_reason: string;
  readonly gpu_model: string;
  readonly storage_media: string;
  readonly storage_service: string;
  readonly amount_factor: string;
  readonly per_month: string;
  readonly amount_unit: string;
}

/** The instance type: a billed column where there is one, else the first found in the usage type or description. */
export function instanceTypeSql(): string {
  return `COALESCE(t.instance_type_hint, ${instanceTypeFromText('t.usage_type')}, ${instanceTypeFromText('t.charge_description')})`;
}

/** Bump when the rules below change: stored classes are then recomputed (from stored keys, never raw files). */
export const CLASSIFIER_VERSION = '2';

/**
 * SQL expressions for the classification columns, over a relation `t` of class keys. Per-month
 * quantities (GB-months) are prorated over the hours of the charge's month when a row is read: AWS
 * and Azure bill GB-months against the real month.
 */
export function classifySql(): ClassColumns {
  const u = unitKey;
  const cls = `CASE
    WHEN t.charge_category IS NULL OR t.charge_category NOT IN ('usage') THEN 'cost_only'
    WHEN ${isFee} OR (t.provider = 'aws' AND ${chargeOnly}) THEN 'cost_only'
    WHEN ${inList(u, TIME)} AND t.instance_type IS NOT NULL THEN 'compute'
    WHEN ${inList(u, TIME)} AND ${isGpuSku} THEN 'gpu'
    WHEN ${inList(u, VCPU_TIME)} OR (${inList(u, TIME)} AND ${isCoreSku}) THEN 'compute'
    WHEN ${inList(u, GB_SECONDS)} THEN 'compute'
    WHEN (${inList(u, CAPACITY_TIME)} AND NOT (${text} SIMILAR TO '.*(storage|disk|volume|pd capacity|snapshot).*' OR t.service_category = 'Storage')) OR (${inList(u, TIME)} AND ${isRamSku}) THEN 'memory'
    WHEN ${azureDiskGib} IS NOT NULL THEN 'storage'
    WHEN ${inList(u, GB_MONTHS)} OR ${inList(u, TB_MONTHS)} OR ${inList(u, CAPACITY_TIME)} THEN
      CASE WHEN ${text} SIMILAR TO '.*(performance units?).*' OR (${text} SIMILAR TO '.*(iops|throughput|requests).*' AND NOT ${text} SIMILAR TO '.*(storage|volumeusage|timedstorage).*') THEN 'unclassified' ELSE 'storage' END
    WHEN ${inList(u, DATA)} AND ${isTransfer} THEN 'network'
    ELSE 'unclassified' END`;
  const reason = `CASE
    WHEN t.charge_category IS NULL THEN 'no charge category'
    WHEN t.charge_category = 'unused_commitment' THEN 'unused commitment: paid capacity, nothing ran'
    WHEN t.charge_category <> 'usage' THEN t.charge_category || ': carries cost, not energy'
    WHEN ${isFee} THEN 'fee on usage already counted (support, licence, marketplace software)'
    ${CHARGE_ONLY.map(([p, r]) => `WHEN t.provider = 'aws' AND ${usageTypeKey} SIMILAR TO ${lit(`.*(${p}).*`)} THEN ${lit(r)}`).join('\n    ')}
    WHEN ${inList(u, GB_SECONDS)} THEN 'function GB-seconds: vCPU share from memory (1,769 MB per vCPU)'
    WHEN ${inList(u, DATA)} AND ${isTransfer} AND ${inbound} THEN 'inbound transfer: no energy counted'
    WHEN ${inList(u, DATA)} AND ${isTransfer} AND ${intraRegion} THEN 'intra-region transfer (between zones, through an endpoint or transit gateway): no energy counted'
    WHEN t.unit IS NULL THEN 'no unit'
    ELSE NULL END`;
  const gib = `(CASE WHEN ${binary} THEN ${GIB} ELSE 1 END)`;
  const tb = `1000 * (CASE WHEN ${binary} THEN ${GIB} * 1024 / 1000 ELSE 1 END)`;
  const moved = `(${inbound} OR ${intraRegion})`;
  // a unit with a block size ("10 Hours", "1000 GB") counts blocks: × the block; an RDS Multi-AZ
  // instance-hour runs a standby instance too: × 2
  const standby = `(CASE WHEN t.provider = 'aws' AND ${usageTypeKey} LIKE '%multi-azusage%' AND ${inList(u, TIME)} AND t.instance_type IS NOT NULL THEN 2 ELSE 1 END)`;
  const amountFactor = `${blockSize} * ${standby} * CASE
    WHEN ${inList(u, GB_SECONDS)} THEN ${gib} / 3600.0 / 1.769
    WHEN ${azureDiskGib} IS NOT NULL THEN ${azureDiskGib} * ${GIB}
    WHEN ${inList(u, GB_MONTHS)} THEN ${gib}
    WHEN ${inList(u, TB_MONTHS)} THEN ${tb}
    WHEN ${inList(u, GB_HOURS)} THEN ${gib}
    WHEN ${inList(u, TB_HOURS)} THEN ${tb}
    -- an OCPU is a physical core: two vCPUs on x86, one on Arm (Ampere)
    WHEN ${inList(u, OCPU_HOURS)} THEN CASE WHEN ${desc} SIMILAR TO '.*(ampere|\\ba1\\b|\\ba2\\b|arm).*' THEN 1 ELSE 2 END
    WHEN ${inList(u, BYTE_SECONDS)} THEN 1 / 3.6e12
    WHEN ${inList(u, SECONDS)} OR ${inList(u, VCPU_SECONDS)} THEN 1 / 3600.0
    WHEN ${inList(u, MINUTES)} THEN 1 / 60.0
    WHEN ${inList(u, TB)} THEN CASE WHEN ${moved} THEN 0 ELSE 1000 END
    WHEN ${inList(u, GB)} THEN CASE WHEN ${moved} THEN 0 ELSE ${gib} END
    WHEN ${inList(u, BYTES)} THEN CASE WHEN ${moved} THEN 0 ELSE 1e-9 END
    ELSE 1 END`;
  const perMonth = `(${inList(u, GB_MONTHS)} OR ${inList(u, TB_MONTHS)} OR ${azureDiskGib} IS NOT NULL)`;
  const amountUnit = `CASE
    WHEN ${inList(u, GB_SECONDS)} THEN 'vcpu-hours'
    WHEN ${inList(u, TIME)} AND t.instance_type IS NOT NULL THEN 'instance-hours'
    WHEN ${inList(u, TIME)} AND ${isGpuSku} THEN 'gpu-hours'
    WHEN ${inList(u, VCPU_TIME)} OR (${inList(u, TIME)} AND ${isCoreSku}) THEN 'vcpu-hours'
    WHEN ${inList(u, GB_MONTHS)} OR ${inList(u, TB_MONTHS)} OR ${inList(u, CAPACITY_TIME)} OR (${inList(u, TIME)} AND ${isRamSku}) OR ${azureDiskGib} IS NOT NULL THEN 'gb-hours'
    WHEN ${inList(u, DATA)} THEN 'gb'
    ELSE t.unit END`;
  return {
    usage_class: cls,
    class_reason: reason,
    gpu_model: `CASE WHEN ${isGpuSku} THEN ${gpuModel} ELSE NULL END`,
    storage_media: `CASE WHEN ${azureDiskGib} IS NOT NULL THEN CASE WHEN ${azureDiskHdd} THEN 'hdd' ELSE 'ssd' END WHEN ${ssd} THEN 'ssd' WHEN ${hdd} THEN 'hdd' ELSE 'ssd' END`,
    storage_service: replicationKey(),
    amount_factor: amountFactor,
    per_month: perMonth,
    amount_unit: amountUnit,
  };
}
