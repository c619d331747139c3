/**
 * Energy coefficients of memory, storage and network, and the replication factors of managed
 * storage services. All Cloud Carbon Footprint defaults: coarse, so their bands are wide.
 */
import { GreenopsError, quote } from '../core/errors.js';
import type { Band, CoefficientFactor, CoefficientName, Provider, ReplicationFactor, SourceRef } from './types.js';

export const coefficientSources: readonly SourceRef[] = [
  {
    id: 'ccf-methodology',
    title: 'Cloud Carbon Footprint methodology: memory, storage (SSD/HDD) and networking coefficients; replication factors',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2021,
    url: 'https://www.cloudcarbonfootprint.org/docs/methodology',
    license: 'Apache-2.0',
  },
  {
    id: 'ccf-replication-constants',
    title: 'Cloud Carbon Footprint {Aws,Gcp,Azure}FootprintEstimationConstants.ts: REPLICATION_FACTORS',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint/tree/0656d55594b69d74ce35ff18019be36140beaa50/packages',
    license: 'Apache-2.0',
  },
];

/** Each is one published point estimate from a handful of studies: a factor of two either way. */
const COARSE: Band = { low: 0.5, high: 2 };
/** Network energy intensity estimates span more than an order of magnitude across studies and years. */
const NETWORK: Band = { low: 0.2, high: 5 };

const table: Readonly<Record<CoefficientName, CoefficientFactor>> = {
  memory: {
    id: 'coef:memory',
    name: 'memory',
    value: 0.000392,
    unit: 'kWh/GB-h',
    source: 'ccf-methodology',
    year: 2021,
    band: COARSE,
    note: 'CCF: 0.392 W per GB of DRAM (Crucial / Micron figures).',
  },
  ssd: {
    id: 'coef:ssd',
    name: 'ssd',
    value: 1.2,
    unit: 'Wh/TB-h',
    source: 'ccf-methodology',
    year: 2021,
    band: COARSE,
    note: 'Per TB allocated, times the service replication factor.',
  },
  hdd: {
    id: 'coef:hdd',
    name: 'hdd',
    value: 0.65,
    unit: 'Wh/TB-h',
    source: 'ccf-methodology',
    year: 2021,
    band: COARSE,
    note: 'Per TB allocated, times the service replication factor.',
  },
  network: {
    id: 'coef:network',
    name: 'network',
    value: 0.001,
    unit: 'kWh/GB',
    source: 'ccf-methodology',
    year: 2021,
    band: NETWORK,
    note: 'Inter-region and internet egress only.',
  },
};

/** Memory, SSD, HDD and network coefficients. */
export const coefficientFactors: readonly CoefficientFactor[] = Object.values(table);

/**
 * One coefficient by name.
 *
 * @example coefficient('memory').value // 0.000392 (kWh per GB-hour)
 */
export function coefficient(name: CoefficientName): CoefficientFactor {
  const f = (table as Partial<Record<string, CoefficientFactor>>)[name];
  if (f === undefined) throw new GreenopsError('E_FACTOR_UNKNOWN', `no coefficient named ${quote(name)}`);
  return f;
}

/** A replication factor is a count, but which copies CCF counts is a judgement. */
const REPL_BAND: Band = { low: 0.5, high: 1.5 };

function repl(provider: Provider, service: string, factor: number, note?: string, source = 'ccf-replication-constants'): ReplicationFactor {
  const f = { id: `repl:${provider}:${service}`, provider, service, factor, source, year: 2023, band: REPL_BAND };
  return note === undefined ? f : { ...f, note };
}

/** Copies kept of each stored byte, per managed storage service. */
export const replicationFactors: readonly ReplicationFactor[] = [
  repl(
    'aws',
    's3',
    6,
    "Per greenops METHODOLOGY-FACTS (CCF methodology docs). CCF's code at 0656d55 uses 3 for S3 Standard; the band reaches it.",
    'ccf-methodology',
  ),
  repl('aws', 's3-one-zone', 2, 'S3 One Zone-IA and Reduced Redundancy.'),
  repl('aws', 'ebs', 2),
  repl('aws', 'ebs-snapshot', 3),
  repl('aws', 'efs', 3),
  repl('aws', 'efs-one-zone', 2),
  repl('aws', 'rds-multi-az', 2),
  repl(
    'aws',
    'rds',
    2,
    'greenops: RDS storage whose Multi-AZ status the bill does not show. Single-AZ RDS sits on EBS (2 copies); CCF gives Multi-AZ 2 too.',
  ),
  repl('aws', 'rds-backup', 3),
  repl('aws', 'aurora', 6),
  repl('aws', 'dynamodb', 2),
  repl('aws', 'documentdb', 2),
  repl('aws', 'documentdb-backup', 3),
  repl('aws', 'elasticache-backup', 3),
  repl('aws', 'ecr', 3),
  repl('aws', 'simpledb', 2),
  repl('gcp', 'cloud-storage', 2, 'Single-region bucket.'),
  repl('gcp', 'cloud-storage-dual-region', 4),
  repl('gcp', 'cloud-storage-multi-region', 6),
  repl('gcp', 'regional-pd', 2, 'Regional persistent disk.'),
  repl('gcp', 'persistent-disk', 1, 'Zonal persistent disk: CCF applies its default of 1.'),
  repl('gcp', 'filestore', 2),
  repl('gcp', 'cloud-sql-ha', 2),
  repl('gcp', 'memorystore-redis', 2),
  repl('gcp', 'spanner', 4, 'Single-region instance.'),
  repl('gcp', 'spanner-multi-region', 6),
  repl('gcp', 'gke-regional', 3, 'Regional GKE cluster (CCF KUBERNETES_ENGINE).'),
  repl('azure', 'lrs', 3),
  repl('azure', 'zrs', 3),
  repl('azure', 'grs', 6),
  repl('azure', 'gzrs', 6),
  repl('azure', 'disks', 3, 'Managed disks.'),
  repl('azure', 'mysql', 3),
  repl('azure', 'sql-db', 3),
  repl('azure', 'cosmos', 4),
  repl('azure', 'redis', 2),
  ...(['aws', 'gcp', 'azure', 'oracle', 'other'] as const).map((p) =>
    repl(p, 'default', 1, 'Service not identified: one copy counted (CCF DEFAULT).'),
  ),
];

/** Other spellings of the keys above, per provider. */
const aliases: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws: {
    'amazon-s3': 's3',
    's3-standard': 's3',
    glacier: 's3',
    's3-onezone': 's3-one-zone',
    'ebs-snapshots': 'ebs-snapshot',
    snapshot: 'ebs-snapshot',
    'rds-multiaz': 'rds-multi-az',
    'multi-az': 'rds-multi-az',
    'rds-aurora': 'aurora',
    'amazon-dynamodb': 'dynamodb',
  },
  gcp: {
    gcs: 'cloud-storage',
    'cloud-storage-single-region': 'cloud-storage',
    'regional-persistent-disk': 'regional-pd',
    pd: 'persistent-disk',
    gke: 'gke-regional',
    'kubernetes-engine': 'gke-regional',
    // Snapshots live in Cloud Storage; greenops counts a single-region bucket.
    snapshot: 'cloud-storage',
    'ebs-snapshot': 'cloud-storage',
  },
  azure: {
    'ra-grs': 'grs',
    'ra-gzrs': 'gzrs',
    'managed-disks': 'disks',
    'cosmos-db': 'cosmos',
    cosmosdb: 'cosmos',
    // Managed-disk snapshots are stored LRS.
    snapshot: 'lrs',
    'ebs-snapshot': 'lrs',
  },
};

/**
 * Replication factor of a storage service. Keys are case-insensitive; spaces and underscores read as
 * hyphens, and a leading provider name is ignored ('Azure GRS' = 'grs').
 *
 * @example
 * lookupReplication('aws', 'S3')?.factor // 6
 * lookupReplication('azure', 'azure-grs')?.factor // 6
 */
export function lookupReplication(provider: Provider, service: string): ReplicationFactor | undefined {
  let key = service.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (key.startsWith(`${provider}-`)) key = key.slice(provider.length + 1);
  key = aliases[provider]?.[key] ?? key;
  return replicationFactors.find((r) => r.provider === provider && r.service === key);
}
