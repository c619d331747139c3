import { pick, prng } from '../core/random.js';

/**
 * The synthetic organisation behind `greenops demo` and the benchmarks: a catalogue of resources
 * (what runs where, for which team, at what price), each later expanded into one FOCUS row per
 * charge period. Prices are rounded public on-demand list prices; quantities are plausible, not real.
 */
export interface DemoResource {
  readonly provider: 'AWS' | 'Microsoft' | 'Google Cloud';
  readonly account: string;
  readonly subAccount: string;
  readonly region: string;
  readonly serviceName: string;
  readonly serviceCategory: string;
  readonly resourceId: string;
  readonly resourceType: string;
  readonly skuId: string;
  readonly description: string;
  readonly unit: string;
  /** Quantity per hour of the charge period (instances, GB stored, GB moved per hour …). */
  readonly perHour: number;
  readonly unitPrice: number;
  readonly chargeCategory: 'Usage' | 'Purchase' | 'Tax' | 'Credit';
  readonly tags: Readonly<Record<string, string>>;
}

interface Kind {
  readonly weight: number;
  make(ctx: Ctx): Omit<DemoResource, 'account' | 'subAccount' | 'tags' | 'resourceId'> & { idPrefix: string };
}

interface Ctx {
  readonly rnd: () => number;
  readonly provider: DemoResource['provider'];
  readonly region: string;
}

const REGIONS: Record<DemoResource['provider'], readonly string[]> = {
  AWS: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'eu-north-1', 'ap-northeast-1'],
  Microsoft: ['eastus', 'westeurope', 'swedencentral', 'northeurope'],
  'Google Cloud': ['us-central1', 'europe-west4', 'europe-north1', 'asia-southeast1'],
};

const TEAMS = [
  { team: 'ml-research', apps: ['llm-pretrain', 'llm-finetune', 'eval-harness'] },
  { team: 'ml-platform', apps: ['inference-api', 'embeddings', 'feature-store'] },
  { team: 'search', apps: ['search-api', 'indexer'] },
  { team: 'payments', apps: ['checkout', 'ledger'] },
  { team: 'data-eng', apps: ['etl-pipeline', 'warehouse', 'lakehouse'] },
  { team: 'web', apps: ['website', 'cms'] },
];

const AWS_TYPES = {
  train: [['p4d.24xlarge', 32.77], ['p5.48xlarge', 98.32], ['p3.16xlarge', 24.48]],
  infer: [['g5.xlarge', 1.006], ['g5.2xlarge', 1.212], ['g6.xlarge', 0.805], ['g4dn.xlarge', 0.526], ['inf2.xlarge', 0.758]],
  general: [['m6i.large', 0.096], ['m6i.2xlarge', 0.384], ['c6i.xlarge', 0.17], ['r6i.xlarge', 0.252], ['m5.large', 0.096], ['m7g.xlarge', 0.163], ['t3.medium', 0.0416]],
  db: [['db.r6g.xlarge', 0.43], ['db.m5.large', 0.171]],
} as const;

const AZURE_TYPES = {
  train: [['Standard_ND96asr_v4', 27.2], ['Standard_ND96isr_H100_v5', 98.32]],
  infer: [['Standard_NC24ads_A100_v4', 3.673], ['Standard_NC4as_T4_v3', 0.526]],
  general: [['Standard_D4s_v5', 0.192], ['Standard_E4s_v5', 0.252], ['Standard_D2s_v3', 0.096], ['Standard_F8s_v2', 0.338]],
} as const;

const GCP_TYPES = {
  train: [['a2-highgpu-8g', 29.39], ['a3-highgpu-8g', 88.25]],
  infer: [['g2-standard-8', 0.854], ['a2-highgpu-1g', 3.67]],
  general: [['n2-standard-4', 0.194], ['e2-standard-8', 0.268], ['c3-standard-8', 0.334], ['n2d-standard-8', 0.338]],
} as const;

function typesFor(provider: DemoResource['provider']) {
  return provider === 'AWS' ? AWS_TYPES : provider === 'Microsoft' ? AZURE_TYPES : GCP_TYPES;
}

const SERVICE: Record<DemoResource['provider'], { vm: string; storage: string; block: string; db: string; net: string }> = {
  AWS: { vm: 'Amazon Elastic Compute Cloud', storage: 'Amazon Simple Storage Service', block: 'Amazon Elastic Compute Cloud', db: 'Amazon Relational Database Service', net: 'Amazon Elastic Compute Cloud' },
  Microsoft: { vm: 'Virtual Machines', storage: 'Storage Accounts', block: 'Storage', db: 'Azure Database for PostgreSQL', net: 'Bandwidth' },
  'Google Cloud': { vm: 'Compute Engine', storage: 'Cloud Storage', block: 'Compute Engine', db: 'Cloud SQL', net: 'Networking' },
};

function vm(group: 'train' | 'infer' | 'general', weight: number): Kind {
  return {
    weight,
    make: ({ rnd, provider, region }) => {
      const types = typesFor(provider);
      const options = group in types ? types[group as keyof typeof types] : types.general;
      const [name, price] = pick(rnd, options as ReadonlyArray<readonly [string, number]>);
      const fleet = group === 'train' ? 1 + Math.floor(rnd() * 4) : 1 + Math.floor(rnd() * 6);
      return {
        provider, region, idPrefix: provider === 'AWS' ? 'i-' : 'vm-',
        serviceName: SERVICE[provider].vm, serviceCategory: 'Compute', resourceType: 'Virtual machine',
        skuId: `${provider.slice(0, 3).toUpperCase()}-${name}`,
        description: provider === 'AWS' ? `$${price} per On Demand Linux ${name} Instance Hour` : provider === 'Microsoft' ? `Virtual Machines ${name}` : `${name} instance running in ${region}`,
        unit: 'Hours', perHour: fleet * (0.6 + 0.4 * rnd()), unitPrice: price, chargeCategory: 'Usage',
      };
    },
  };
}

const KINDS: readonly Kind[] = [
  vm('train', 3),
  vm('infer', 6),
  vm('general', 24),
  {
    weight: 4,
    make: ({ rnd, provider, region }) => {
      const [name, price] = provider === 'AWS' ? pick(rnd, AWS_TYPES.db) : ['vCore', 0.1];
      return {
        provider, region, idPrefix: 'db-', serviceName: SERVICE[provider].db, serviceCategory: 'Databases', resourceType: 'Database',
        skuId: `DB-${name}`, description: provider === 'AWS' ? `RDS ${name} instance hour (InstanceUsage:${name})` : `${SERVICE[provider].db} - vCPU`,
        unit: provider === 'AWS' ? 'Hours' : 'vCPU-Hours', perHour: provider === 'AWS' ? 1 : 4 + Math.floor(rnd() * 12), unitPrice: price, chargeCategory: 'Usage',
      };
    },
  },
  {
    weight: 10,
    make: ({ rnd, provider, region }) => {
      const object = rnd() < 0.5;
      const gbMonth = Math.round(200 + rnd() * (object ? 200_000 : 8_000));
      const description = object
        ? provider === 'AWS' ? '$0.023 per GB - first 50 TB / month of storage used (TimedStorage-ByteHrs)' : provider === 'Microsoft' ? 'Hot LRS Data Stored (Blob)' : 'Standard Storage (Cloud Storage) in region'
        : provider === 'AWS' ? '$0.08 per GB-month of General Purpose (gp3) provisioned storage' : provider === 'Microsoft' ? 'Premium SSD Managed Disks - P30 LRS Disk' : 'SSD backed PD Capacity (pd-ssd)';
      return {
        provider, region, idPrefix: object ? 'bucket-' : 'vol-', serviceName: object ? SERVICE[provider].storage : SERVICE[provider].block,
        serviceCategory: 'Storage', resourceType: object ? 'Bucket' : 'Disk', skuId: object ? 'OBJ' : 'BLK', description,
        unit: provider === 'Google Cloud' ? 'GiB-month' : provider === 'Microsoft' ? 'GB/Month' : 'GB-Mo',
        // per hour of the period, in GB-months: the bill prorates a month's GB over its hours
        perHour: gbMonth / 730, unitPrice: object ? 0.021 : 0.08, chargeCategory: 'Usage',
      };
    },
  },
  {
    weight: 5,
    make: ({ rnd, provider, region }) => {
      const out = rnd() < 0.7;
      return {
        provider, region, idPrefix: 'net-', serviceName: SERVICE[provider].net, serviceCategory: 'Networking', resourceType: 'Network',
        skuId: out ? 'EGRESS' : 'INTERREGION',
        description: out ? '$0.09 per GB - first 10 TB / month data transfer out to the internet' : `$0.02 per GB - data transfer inter-region from ${region}`,
        unit: 'GB', perHour: 5 + rnd() * 400, unitPrice: out ? 0.09 : 0.02, chargeCategory: 'Usage',
      };
    },
  },
  {
    weight: 4,
    make: ({ rnd, provider, region }) => ({
      provider, region, idPrefix: 'q-', serviceName: provider === 'AWS' ? 'Amazon Simple Queue Service' : 'Messaging', serviceCategory: 'Integration', resourceType: 'Queue',
      skuId: 'REQ', description: '$0.40 per million requests', unit: 'Requests', perHour: 10_000 + rnd() * 2_000_000, unitPrice: 0.0000004, chargeCategory: 'Usage',
    }),
  },
  {
    weight: 1,
    make: ({ provider, region }) => ({
      provider, region, idPrefix: 'tax-', serviceName: 'Tax', serviceCategory: 'Other', resourceType: 'Tax', skuId: 'TAX', description: 'Sales tax',
      unit: 'Units', perHour: 1, unitPrice: 1.5, chargeCategory: 'Tax',
    }),
  },
  {
    weight: 1,
    make: ({ provider, region }) => ({
      provider, region, idPrefix: 'ri-', serviceName: SERVICE[provider].vm, serviceCategory: 'Compute', resourceType: 'Commitment', skuId: 'COMMIT',
      description: 'Reserved instance / savings plan recurring fee', unit: 'Units', perHour: 1, unitPrice: 4, chargeCategory: 'Purchase',
    }),
  },
];

const PROVIDERS: ReadonlyArray<[DemoResource['provider'], number]> = [['AWS', 0.6], ['Microsoft', 0.2], ['Google Cloud', 0.2]];

/** Build the deterministic resource catalogue for a seed. */
export function buildCatalogue(seed: number, size = 400): DemoResource[] {
  const rnd = prng(seed);
  const totalWeight = KINDS.reduce((s, k) => s + k.weight, 0);
  const out: DemoResource[] = [];
  for (let n = 0; n < size; n++) {
    let x = rnd();
    const provider = (PROVIDERS.find(([, w]) => (x -= w) < 0) ?? PROVIDERS[0]!)[0];
    let y = rnd() * totalWeight;
    const kind = KINDS.find((k) => (y -= k.weight) < 0) ?? KINDS[0]!;
    const region = pick(rnd, REGIONS[provider]);
    const { idPrefix, ...r } = kind.make({ rnd, provider, region });
    const owner = pick(rnd, TEAMS);
    const env = r.serviceCategory === 'Compute' && /train|gpu|nd96|a3|a2|p4d|p5/i.test(r.description) ? 'prod' : pick(rnd, ['prod', 'prod', 'staging', 'dev']);
    const tags: Record<string, string> = {};
    // Realistic gaps: about one resource in six has no team tag, one in ten no environment, and
    // teams disagree on key spelling.
    if (rnd() > 0.17) tags[rnd() < 0.8 ? 'team' : 'Team'] = owner.team;
    tags[rnd() < 0.7 ? 'app' : 'service'] = pick(rnd, owner.apps);
    if (rnd() > 0.1) tags[rnd() < 0.6 ? 'environment' : 'env'] = env;
    if (rnd() > 0.5) tags['owner'] = `${owner.team}@example.com`;
    const account = provider === 'AWS' ? '111122223333' : provider === 'Microsoft' ? 'contoso-ea-001' : 'billing-01ABCD-23EF45';
    const sub = `${owner.team}-${env}`;
    out.push({ ...r, account, subAccount: sub, resourceId: `${idPrefix}${(n + 1).toString(16).padStart(8, '0')}`, tags });
  }
  return out;
}
