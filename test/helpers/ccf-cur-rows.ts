import { pick, prng } from '../../src/core/random.js';
import type { CurRow } from './aws-cur.js';

/**
 * Seeded, varied legacy-CUR line items for the CCF reference test: every CCF path (compute with
 * and without product/vcpu, burstable, GPU, Redshift, MSK, Aurora Serverless, Fargate, Glue,
 * SageMaker's three-part types, storage SSD/HDD/ByteHrs, networking, Lambda, unknown usage types and
 * units, unsupported and dropped rows, NaN rows), several regions (one CCF does not know) and months.
 */

type Kind = { service: string; usageType: string; unit: string; amount: [number, number]; vcpus?: readonly string[] };

const BOX_TYPES = [
  'm5.large', 'm5.24xlarge', 'm5.metal', 'c5.xlarge', 'c5.12xlarge', 'r5.2xlarge', 'c6i.large', 'c6i.metal', 'm6g.large',
  'a1.large', 'p3.2xlarge', 'p3.16xlarge', 'p4d.24xlarge', 'g4dn.xlarge', 'g4dn.12xlarge', 'g5.xlarge', 'g5g.metal',
  'g4ad.4xlarge', 'p2.xlarge', 't2.micro', 't3.micro', 't3a.large', 't4g.medium', 't3.2xlarge', 'u-6tb1.metal',
  'u-12tb1.112xlarge', 'z1d.large', 'm5zn.large', 'x1e.xlarge', 'i3.large', 'd2.xlarge', 'c1.medium', 'm4.large',
  'h1.2xlarge', 'inf1.xlarge', 'zz9.huge', 'm5.huge', 'm5.xl',
];
const BOX_PREFIXES = ['BoxUsage:', 'SpotUsage:', 'EBSOptimized:', 'DedicatedUsage:'];
const HOURS: [number, number] = [0.25, 744];
const GB_MONTHS: [number, number] = [0.001, 5000];
const GB: [number, number] = [0.0001, 20000];

const OTHER: readonly Kind[] = [
  { service: 'AmazonRDS', usageType: 'InstanceUsage:db.m5.large', unit: 'Hrs', amount: HOURS, vcpus: ['', '2'] },
  { service: 'AmazonRDS', usageType: 'Multi-AZUsage:db.r5.xlarge', unit: 'Hrs', amount: HOURS, vcpus: ['', '4'] },
  { service: 'AmazonRDS', usageType: 'InstanceUsage:db.t3.micro', unit: 'Hrs', amount: HOURS, vcpus: ['2'] },
  { service: 'AmazonRDS', usageType: 'Aurora:ServerlessUsage', unit: 'ACU-Hr', amount: [1, 500] },
  { service: 'AmazonRDS', usageType: 'Aurora:ServerlessV2Usage', unit: 'ACU-Hr', amount: [1, 500] },
  { service: 'AmazonRDS', usageType: 'RDS:GP2-Storage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonRDS', usageType: 'RDS:StorageUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonRDS', usageType: 'Aurora:StorageUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonRDS', usageType: 'RDS:ChargedBackupUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonRDS', usageType: 'RDS:Multi-AZ-StorageUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonEC2', usageType: 'EBS:VolumeUsage.gp2', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonEC2', usageType: 'EBS:VolumeUsage.gp3', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonEC2', usageType: 'EBS:VolumeUsage.st1', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonEC2', usageType: 'EBS:VolumeUsage.sc1', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonEC2', usageType: 'EBS:VolumeUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonEC2', usageType: 'EBS:SnapshotUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonEC2', usageType: 'EBS:VolumeIOUsage', unit: 'IOs', amount: [1e3, 1e8] },
  { service: 'AmazonEC2', usageType: 'EBS:VolumeP-IOPS.piops', unit: 'IOPS-Mo', amount: [100, 1e4] },
  { service: 'AmazonEC2', usageType: 'DataTransfer-Out-Bytes', unit: 'GB', amount: GB },
  { service: 'AmazonEC2', usageType: 'DataTransfer-In-Bytes', unit: 'GB', amount: GB },
  { service: 'AmazonEC2', usageType: 'DataTransfer-Regional-Bytes', unit: 'GB', amount: GB },
  { service: 'AmazonEC2', usageType: 'USW2-AWS-Out-Bytes', unit: 'GB', amount: GB },
  { service: 'AmazonEC2', usageType: 'USW2-AWS-In-Bytes', unit: 'GB', amount: GB },
  { service: 'AmazonEC2', usageType: 'NatGateway-Hours', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonEC2', usageType: 'NatGateway-Bytes', unit: 'GB', amount: GB },
  { service: 'AmazonEC2', usageType: 'ElasticIP:IdleAddress', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonEC2', usageType: 'CPUCredits:t3', unit: 'vCPU-Hours', amount: [1, 100] },
  { service: 'AmazonEC2', usageType: 'HostBoxUsage:m5', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonS3', usageType: 'TimedStorage-ByteHrs', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonS3', usageType: 'TimedStorage-SIA-ByteHrs', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonS3', usageType: 'TimedStorage-ZIA-ByteHrs', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonS3', usageType: 'TimedStorage-GlacierByteHrs', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonS3', usageType: 'TimedStorage-INT-FA-ByteHrs', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonS3', usageType: 'Requests-Tier1', unit: 'Requests', amount: [1, 1e7] },
  { service: 'AmazonS3', usageType: 'DataTransfer-Out-Bytes', unit: 'GB', amount: GB },
  { service: 'AmazonCloudFront', usageType: 'DataTransfer-Out-Bytes', unit: 'GB', amount: GB },
  { service: 'AWSLambda', usageType: 'Lambda-GB-Second', unit: 'Lambda-GB-Second', amount: [1, 1e7] },
  { service: 'AWSLambda', usageType: 'Lambda-GB-Second-ARM', unit: 'Lambda-GB-Second', amount: [1, 1e7] },
  { service: 'AWSLambda', usageType: 'Request', unit: 'Requests', amount: [1, 1e7] },
  { service: 'AWSLambda', usageType: 'Lambda-Provisioned-GB-Second', unit: 'Lambda-GB-Second', amount: [1, 1e6] },
  { service: 'AWSELB', usageType: 'LoadBalancerUsage', unit: 'Hrs', amount: HOURS },
  { service: 'AWSELB', usageType: 'LCUUsage', unit: 'LCU-Hrs', amount: [1, 1000] },
  { service: 'AmazonElastiCache', usageType: 'NodeUsage:cache.r5.large', unit: 'NodeHour', amount: HOURS },
  { service: 'AmazonElastiCache', usageType: 'NodeUsage:cache.m5.large', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonElastiCache', usageType: 'NodeUsage:cache.t3.micro', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonElastiCache', usageType: 'ElastiCache:BackupUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonRedshift', usageType: 'Node:dc2.large', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonRedshift', usageType: 'Node:ra3.xlplus', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonRedshift', usageType: 'Node:ra3.4xlarge', unit: 'seconds', amount: [60, 2.6e6] },
  { service: 'AmazonRedshift', usageType: 'PaidSnapshots', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonECS', usageType: 'Fargate-vCPU-Hours:perCPU', unit: 'hours', amount: HOURS },
  { service: 'AmazonECS', usageType: 'Fargate-GB-Hours', unit: 'hours', amount: HOURS },
  { service: 'AmazonECS', usageType: 'ECS-EC2-vCPU-Hours', unit: 'hours', amount: HOURS },
  { service: 'AmazonMSK', usageType: 'Kafka.m5.large', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonMSK', usageType: 'Kafka.t3.small', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonMSK', usageType: 'Kafka.Storage.GP2', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AWSGlue', usageType: 'ETL-DPU-Hour', unit: 'DPU-Hour', amount: [0.1, 100] },
  { service: 'AmazonSimpleDB', usageType: 'BoxUsage', unit: 'Hrs', amount: [0.1, 100] },
  { service: 'AmazonDynamoDB', usageType: 'TimedStorage-ByteHrs', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonDynamoDB', usageType: 'ReadCapacityUnit-Hrs', unit: 'ReadCapacityUnit-Hrs', amount: HOURS },
  { service: 'AmazonEFS', usageType: 'TimedStorage-ByteHrs', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonEFS', usageType: 'TimedStorage-Z-ByteHrs', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonSageMaker', usageType: 'Notebk:ml.t3.medium', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonSageMaker', usageType: 'Host:ml.m5.large', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonSageMaker', usageType: 'Train:ml.p3.2xlarge', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonDocDB', usageType: 'InstanceUsage:db.r5.large', unit: 'Hrs', amount: HOURS },
  { service: 'AmazonDocDB', usageType: 'StorageUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonDocDB', usageType: 'BackupUsage', unit: 'GB-Mo', amount: GB_MONTHS },
  { service: 'AmazonCloudWatch', usageType: 'CW:Requests', unit: 'Requests', amount: [1, 1e6] },
  { service: 'AmazonAthena', usageType: 'DataScannedInTB', unit: 'Terabytes', amount: [0.001, 10] },
];

/** Region, its usage-type prefix. */
const REGIONS: ReadonlyArray<readonly [string, string]> = [
  ['us-east-1', 'USE1-'], ['us-east-1', ''], ['us-west-2', 'USW2-'], ['eu-west-1', 'EU-'], ['eu-north-1', 'EUN1-'],
  ['ap-northeast-1', 'APN1-'], ['sa-east-1', 'SAE1-'], ['af-south-1', 'AFS1-'], ['xx-nowhere-1', ''],
];

const MONTHS = ['2023-01', '2023-02', '2023-04', '2023-07', '2023-12', '2024-02', '2024-03'];

function between(rnd: () => number, [lo, hi]: [number, number]): number {
  return Number((lo * (hi / lo) ** rnd()).toPrecision(8)); // log-uniform
}

/** `n` usage line items (plus a few taxes and credits CCF never reads). */
export function ccfCurRows(n: number, seed = 20241213): CurRow[] {
  const rnd = prng(seed);
  const rows: CurRow[] = [];
  for (let i = 0; i < n; i++) {
    const [region, prefix] = pick(rnd, REGIONS);
    const start = `${pick(rnd, MONTHS)}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}T${String(Math.floor(rnd() * 24)).padStart(2, '0')}:00:00Z`;
    const box = rnd() < 0.4;
    const kind: Kind = box
      ? { service: 'AmazonEC2', usageType: pick(rnd, BOX_PREFIXES) + pick(rnd, BOX_TYPES), unit: 'Hrs', amount: HOURS, vcpus: ['', '', '2', '4', '8', '96', '0'] }
      : pick(rnd, OTHER);
    const amount = between(rnd, kind.amount);
    // one in twelve rows is free (cost 0): CCF's ratio divides by summed cost
    const cost = rnd() < 1 / 12 ? 0 : Number((amount * between(rnd, [0.00001, 2])).toPrecision(6));
    // one in four rows has a blended cost unlike its unblended cost (organisation-wide averaged rates)
    const blendedCost = rnd() < 1 / 4 ? Number((cost * between(rnd, [0.5, 1.5])).toPrecision(6)) : cost;
    rows.push({ start, productCode: kind.service, usageType: prefix + kind.usageType, unit: kind.unit, amount, cost, blendedCost, region, vcpus: kind.vcpus ? pick(rnd, kind.vcpus) : '' });
  }
  rows.push({ lineItemType: 'Tax', start: '2023-02-01T00:00:00Z', productCode: 'AmazonEC2', usageType: '', unit: '', amount: 1, cost: 12.5, region: '' });
  rows.push({ lineItemType: 'Credit', start: '2023-02-01T00:00:00Z', productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:m5.large', unit: 'Hrs', amount: 0, cost: -5, region: 'us-east-1' });
  rows.push({ start: '2023-04-10T00:00:00Z', productCode: 'AmazonRoute53', usageType: 'DNS-Queries', unit: 'Queries', amount: 1e6, cost: 0.4, region: 'global' });
  return rows;
}
