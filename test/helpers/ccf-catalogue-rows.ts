import { createRequire } from 'node:module';
import { pick, prng } from '../../src/core/random.js';
import type { CurRow } from './aws-cur.js';

/**
 * Seeded CUR line items drawn from Cloud Carbon Footprint's own catalogue (the instance tables and
 * emission factors of @cloud-carbon-footprint/aws 0.15.0, a dev dependency) rather than from a list
 * chosen here: every EC2, RDS, ElastiCache, MSK and Redshift type CCF knows, under usage-type
 * prefixes and services it may or may not expect, units it does and does not know, every region it
 * has a factor for and regions it has none for (empty, `global`, `Unknown`) while the usage type
 * names a billing region, vCPUs written several ways, zero amounts and negative costs.
 */

type Tables = Record<'EC2_INSTANCE_TYPES' | 'REDSHIFT_INSTANCE_TYPES', Record<string, Record<string, unknown>>>
  & Record<'RDS_INSTANCE_TYPES' | 'CACHE_NODE_TYPES' | 'MSK_INSTANCE_TYPES' | 'INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING' | 'GPU_INSTANCES_TYPES', Record<string, unknown>>;

function catalogue(): { ec2: string[]; other: string[]; gpu: string[]; rds: string[]; cache: string[]; msk: string[]; redshift: string[]; regions: string[] } {
  const require = createRequire(import.meta.url);
  const t = require('@cloud-carbon-footprint/aws/dist/lib/AWSInstanceTypes') as Tables;
  const ef = (require('@cloud-carbon-footprint/aws/dist/domain/AwsFootprintEstimationConstants') as { AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH: Record<string, number> }).AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH;
  const sized = (table: Record<string, Record<string, unknown>>): string[] => Object.entries(table).flatMap(([family, sizes]) => Object.keys(sizes).map((s) => `${family}.${s}`));
  return {
    ec2: sized(t.EC2_INSTANCE_TYPES),
    other: Object.keys(t.INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING),
    gpu: Object.keys(t.GPU_INSTANCES_TYPES),
    rds: Object.keys(t.RDS_INSTANCE_TYPES),
    cache: Object.keys(t.CACHE_NODE_TYPES),
    msk: Object.keys(t.MSK_INSTANCE_TYPES),
    redshift: sized(t.REDSHIFT_INSTANCE_TYPES),
    regions: [...Object.keys(ef), '', '', 'global', 'Unknown', 'us-gov-east-1', 'il-central-1'],
  };
}

const PREFIXES = ['', '', 'USE1-', 'EUC1-', 'APS2-', 'UGW1-', 'CAN1-'];
const VCPUS = ['', '', '', '1', '2', '4', '48', '0', '0.5', '128', ' 8', '1e1'];
const UNITS = ['Hrs', 'Hours', 'hours', 'NodeHour', 'vCPU-Hours', 'vCPU-hour', 'ACU-Hr', 'seconds', 'second', 'GB-Mo', 'GB-month', 'GB', 'GB-Hours',
  'TB-Mo', 'Lambda-GB-Second', 'DPU-Hour', 'Requests', 'IOs', 'Count', 'Queries', 'ReadCapacityUnit-Hrs', 'LCU-Hrs', 'Units'];
const STORAGE_SERVICES = ['AmazonS3', 'AmazonEC2', 'AmazonRDS', 'AmazonEFS', 'AmazonFSx', 'AmazonDynamoDB', 'AWSBackup', 'AmazonCloudFront', 'AmazonECR',
  'AmazonKinesis', 'AWSLambda', 'AmazonES', 'AmazonOpenSearchService'];
const OTHER_USAGE = ['TimedStorage-ByteHrs', 'TimedStorage-GDA-ByteHrs', 'EBS:VolumeUsage.gp3', 'EBS:VolumeUsage.io2', 'EBS:VolumeUsage.st1',
  'EBS:SnapshotArchiveStorage', 'DataTransfer-Out-Bytes', 'CloudFront-Out-Bytes', 'DataTransfer-xAZ-In-Bytes', 'AWS-Out-ABytes-use1', 'Storage',
  'ES:gp3-Storage', 'WarmStorage', 'BackupUsage', 'TimedStorage-SIA-SmObjects', 'Lambda-GB-Second', 'Requests-Tier2', 'ChargedBackupUsage',
  'ShardHour', 'Aurora:StorageIOUsage', 'RDS:GP3-Storage', 'RDS:PIOPS-Storage-IO2', 'USE1-USW2-AWS-Out-Bytes', 'EBS-USW2-EBS-AWS-Out-Bytes'];
const MONTHS = ['2022-02', '2023-03', '2024-02', '2024-06', '2025-11'];

/** `n` usage line items (Usage, DiscountedUsage, SavingsPlanCoveredUsage), each with its own resource id `r-<index>`. */
export function ccfCatalogueRows(n: number, seed: number): CurRow[] {
  const c = catalogue();
  const rnd = prng(seed);
  const kind = (): Pick<CurRow, 'productCode' | 'usageType' | 'unit'> & { vcpus: string } => {
    const prefix = pick(rnd, PREFIXES);
    const vcpus = pick(rnd, VCPUS);
    const r = rnd();
    if (r < 0.35) {
      const type = rnd() < 0.5 ? pick(rnd, c.ec2) : rnd() < 0.5 ? pick(rnd, c.other) : pick(rnd, c.gpu);
      const how = pick(rnd, ['BoxUsage:', 'SpotUsage:', 'DedicatedUsage:', 'HeavyUsage:', 'UnusedBox:', 'Reservation:', 'Train:ml.', 'Host:ml.', 'Notebk:ml.']);
      return { productCode: pick(rnd, ['AmazonEC2', 'AmazonEC2', 'AmazonECS', 'AmazonEMR', 'AmazonSageMaker']), usageType: prefix + how + type, unit: pick(rnd, ['Hrs', 'Hrs', 'Hours', 'hours', 'NodeHour', 'seconds']), vcpus };
    }
    if (r < 0.48) return { productCode: pick(rnd, ['AmazonRDS', 'AmazonDocDB', 'AmazonNeptune']), usageType: prefix + pick(rnd, ['InstanceUsage:', 'Multi-AZUsage:', 'InstanceUsageIOOptimized:']) + pick(rnd, c.rds), unit: pick(rnd, ['Hrs', 'Hours', 'ACU-Hr']), vcpus };
    if (r < 0.56) return { productCode: 'AmazonElastiCache', usageType: prefix + pick(rnd, ['NodeUsage:', 'ServerlessUsage:']) + pick(rnd, c.cache), unit: pick(rnd, ['NodeHour', 'Hrs']), vcpus };
    if (r < 0.61) return { productCode: 'AmazonMSK', usageType: prefix + pick(rnd, c.msk), unit: pick(rnd, ['Hrs', 'seconds']), vcpus };
    if (r < 0.67) return { productCode: 'AmazonRedshift', usageType: prefix + pick(rnd, ['Node:', 'RMS:', 'Serverless:']) + pick(rnd, c.redshift), unit: pick(rnd, ['Hrs', 'seconds', 'Hours']), vcpus };
    return { productCode: pick(rnd, STORAGE_SERVICES), usageType: prefix + pick(rnd, OTHER_USAGE), unit: pick(rnd, UNITS), vcpus };
  };
  return Array.from({ length: n }, (_, i) => {
    const k = kind();
    const amount = rnd() < 0.05 ? 0 : Number((10 ** (rnd() * 8 - 3)).toPrecision(7));
    const cost = rnd() < 0.03 ? -1.5 : rnd() < 0.05 ? 0 : Number((amount * 10 ** (rnd() * 4 - 4)).toPrecision(6));
    const start = `${pick(rnd, MONTHS)}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:00:00Z`;
    return {
      ...k, lineItemType: pick(rnd, ['Usage', 'Usage', 'Usage', 'DiscountedUsage', 'SavingsPlanCoveredUsage']), start, amount, cost,
      blendedCost: rnd() < 0.3 ? Number((cost * 0.8).toPrecision(6)) : cost, region: pick(rnd, c.regions), resourceId: `r-${i}`,
    };
  });
}
