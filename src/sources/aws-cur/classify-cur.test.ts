import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../core/methodology.js';
import { coefficient, lookupPue, lookupReplication } from '../../factors/index.js';
import { openDuckStore, type DuckStore } from '../../store/duckdb/index.js';
import { scratchDir } from '../../../test/helpers/focus.js';
import { awsCurSource } from './index.js';

/** How AWS CUR lines that name the same thing in other words, or run nothing of their own, are read. */

const HEADER = [
  'identity/LineItemId', 'bill/PayerAccountId', 'lineItem/UsageAccountId', 'lineItem/LineItemType', 'lineItem/UsageStartDate', 'lineItem/UsageEndDate',
  'lineItem/ProductCode', 'lineItem/UsageType', 'lineItem/UsageAmount', 'lineItem/CurrencyCode', 'lineItem/UnblendedCost', 'lineItem/LineItemDescription',
  'product/ProductName', 'product/productFamily', 'product/region', 'pricing/unit', 'lineItem/ResourceId',
];

interface Line { id: string; code: string; usageType: string; amount: number; cost: number; description: string; product: string; family: string; unit: string }

const EC2 = { code: 'AmazonEC2', product: 'Amazon Elastic Compute Cloud' };
const LINES: Line[] = [
  { id: 'gp3', ...EC2, usageType: 'USE1-EBS:VolumeUsage.gp3', amount: 1000 / 720, cost: 0.11, description: '$0.08 per GB-month of General Purpose (gp3) provisioned storage', family: 'Storage', unit: 'GB-Mo' },
  { id: 'io2', ...EC2, usageType: 'USE1-EBS:VolumeUsage.io2', amount: 1000 / 720, cost: 0.17, description: '$0.125 per GB-month of Provisioned IOPS SSD (io2) provisioned storage', family: 'Storage', unit: 'GB-Mo' },
  { id: 'st1', ...EC2, usageType: 'USE1-EBS:VolumeUsage.st1', amount: 1000 / 720, cost: 0.06, description: '$0.045 per GB-month of Throughput Optimized HDD (st1) provisioned storage', family: 'Storage', unit: 'GB-Mo' },
  { id: 'dynamodb', code: 'AmazonDynamoDB', product: 'Amazon DynamoDB', usageType: 'USE1-TimedStorage-ByteHrs', amount: 1000 / 720, cost: 0.35, description: '$0.25 per GB-Month of storage used beyond first 25 free GB-Months', family: 'Database Storage', unit: 'GB-Mo' },
  { id: 's3', code: 'AmazonS3', product: 'Amazon Simple Storage Service', usageType: 'USE1-TimedStorage-ByteHrs', amount: 1000 / 720, cost: 0.03, description: '$0.023 per GB - first 50 TB / month of storage used', family: 'Storage', unit: 'GB-Mo' },
  { id: 'box', ...EC2, usageType: 'USE1-BoxUsage:m4.large', amount: 1, cost: 0.1, description: '$0.10 per On Demand Linux m4.large Instance Hour', family: 'Compute Instance', unit: 'Hrs' },
  { id: 'ebs-optimized', ...EC2, usageType: 'USE1-EBSOptimized:m4.large', amount: 1, cost: 0, description: '$0.00 for 500 Mbps per m4.large instance-hour', family: 'EBS-Optimized', unit: 'Hrs' },
  { id: 'credits', ...EC2, usageType: 'USE1-CPUCredits:t3', amount: 2, cost: 0.1, description: '$0.05 per vCPU-Hour for Linux t3 unlimited', family: 'CPU Credits', unit: 'vCPU-Hours' },
  { id: 'unused', ...EC2, usageType: 'USE1-UnusedBox:m5.large', amount: 1, cost: 0.096, description: 'Linux/UNIX (Amazon VPC), m5.large reserved instance applied', family: 'Compute Instance', unit: 'Hrs' },
  { id: 'early-delete', code: 'AmazonS3', product: 'Amazon Simple Storage Service', usageType: 'USW2-EarlyDelete-ByteHrs', amount: 27, cost: 0.1, description: 'Prorated for Glacier Early Delete Fee', family: 'Storage', unit: 'GB-Mo' },
  { id: 'out', ...EC2, usageType: 'USE1-DataTransfer-Out-Bytes', amount: 100, cost: 9, description: '$0.09 per GB - first 10 TB / month data transfer out beyond the global free tier', family: 'Data Transfer', unit: 'GB' },
  { id: 'nat', ...EC2, usageType: 'USE1-NatGateway-Bytes', amount: 100, cost: 4.5, description: '$0.045 per GB Data Processed by NAT Gateways', family: 'NAT Gateway', unit: 'GB' },
  { id: 'xaz', ...EC2, usageType: 'USE1-DataTransfer-xAZ-Out-Bytes', amount: 100, cost: 1, description: '$0.01 per GB - US East (Northern Virginia) data transfer to another AZ', family: 'Data Transfer', unit: 'GB' },
  { id: 'endpoint', code: 'AmazonVPC', product: 'Amazon Virtual Private Cloud', usageType: 'USE1-VpcEndpoint-Bytes', amount: 100, cost: 1, description: '$0.01 per GB - VPC endpoint data processed', family: 'VpcEndpoint', unit: 'GB' },
  { id: 'scanned', code: 'AmazonAthena', product: 'Amazon Athena', usageType: 'USE1-DataScanned-Bytes', amount: 0.1, cost: 0.5, description: '$5.00 per TB scanned', family: 'Data Scanned', unit: 'TB' },
  { id: 'inf1', ...EC2, usageType: 'USE1-BoxUsage:inf1.xlarge', amount: 1, cost: 0.228, description: '$0.228 per On Demand Linux inf1.xlarge Instance Hour', family: 'Compute Instance', unit: 'Hrs' },
  { id: 'rds', code: 'AmazonRDS', product: 'Amazon Relational Database Service', usageType: 'USE1-InstanceUsage:db.r6g.large', amount: 1, cost: 0.225, description: 'USD 0.225 per RDS db.r6g.large Single-AZ instance hour', family: 'Database Instance', unit: 'Hrs' },
  { id: 'rds-multi-az', code: 'AmazonRDS', product: 'Amazon Relational Database Service', usageType: 'USE1-Multi-AZUsage:db.r6g.large', amount: 1, cost: 0.45, description: 'USD 0.45 per RDS db.r6g.large Multi-AZ instance hour', family: 'Database Instance', unit: 'Hrs' },
];

const cell = (v: string | number): string => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

let store: DuckStore;
let rows: Map<string, { usage_class: string; status: string; class_reason: string | null; storage_kwh: number; network_kwh: number; compute_kwh: number; kwh: number; service: string }>;

beforeAll(async () => {
  const dir = scratchDir();
  const path = join(dir, 'cur.csv');
  const body = LINES.map((l, i) => [
    `li-${i}`, '111111111111', '222222222222', 'Usage', '2024-06-10T00:00:00Z', '2024-06-10T01:00:00Z', l.code, l.usageType, l.amount, 'USD', l.cost,
    l.description, l.product, l.family, 'us-east-1', l.unit, l.id,
  ].map(cell).join(','));
  writeFileSync(path, `${[HEADER.join(','), ...body].join('\n')}\n`);
  store = await openDuckStore(':memory:');
  await store.ingest(path, { source: awsCurSource, candidates: [awsCurSource] });
  await store.estimate(defaultProfile);
  const out = await store.db.all<{ resource_id: string } & typeof rows extends Map<string, infer V> ? V & { resource_id: string } : never>(
    'SELECT f.resource_id, f.usage_class, f.status, k.class_reason, f.storage_kwh, f.network_kwh, f.compute_kwh, f.kwh, f.service FROM footprint f JOIN class_keys k USING (class_key)',
  );
  rows = new Map(out.map((r) => [r.resource_id, r]));
});
afterAll(() => store.close());

const row = (id: string) => {
  const r = rows.get(id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};

describe('AWS CUR lines', () => {
  it('counts EBS gp3 and io2 volumes on SSD and st1 on HDD, whatever the product name says', () => {
    const ebs = lookupReplication('aws', 'ebs')?.factor ?? Number.NaN;
    // 1000 GB for one hour = 1 TB-hour (IT energy, before PUE)
    expect(row('gp3').storage_kwh).toBeCloseTo((coefficient('ssd').value * ebs) / 1000, 12);
    expect(row('io2').storage_kwh).toBeCloseTo(row('gp3').storage_kwh, 12);
    expect(row('st1').storage_kwh).toBeCloseTo((coefficient('hdd').value * ebs) / 1000, 12);
  });

  it('gives DynamoDB storage its own media and copies, not S3\'s', () => {
    expect(row('dynamodb').storage_kwh).toBeCloseTo((coefficient('ssd').value * (lookupReplication('aws', 'dynamodb')?.factor ?? Number.NaN)) / 1000, 12);
    expect(row('s3').storage_kwh).toBeCloseTo((coefficient('hdd').value * (lookupReplication('aws', 's3')?.factor ?? Number.NaN)) / 1000, 12);
  });

  it('counts fees that name an instance or storage as cost only, each with why', () => {
    expect(row('box')).toMatchObject({ usage_class: 'compute', status: 'estimated' });
    for (const [id, reason] of [['ebs-optimized', /EBS-optimized fee/], ['credits', /CPU credits/], ['unused', /unused capacity reservation/], ['early-delete', /early-delete fee/]] as const) {
      expect([id, row(id).usage_class, row(id).kwh]).toEqual([id, 'cost_only', 0]);
      expect(row(id).class_reason).toMatch(reason);
    }
  });

  it('counts only transfer out of a region as network; bytes a service processes or scans are work, priced by cost', () => {
    expect(row('out').network_kwh).toBeCloseTo(100 * coefficient('network').value, 12);
    expect(row('out').kwh).toBeCloseTo(100 * coefficient('network').value * lookupPue('aws', 'us-east-1').pue, 12);
    for (const id of ['xaz', 'endpoint']) expect([id, row(id).usage_class, row(id).kwh]).toEqual([id, 'network', 0]);
    for (const id of ['nat', 'scanned']) expect([id, row(id).usage_class, row(id).status]).toEqual([id, 'unclassified', 'fallback']);
  });

  it('counts the standby instance of an RDS Multi-AZ deployment', () => {
    expect(row('rds-multi-az').compute_kwh).toBeCloseTo(2 * row('rds').compute_kwh, 12);
    expect(row('rds').compute_kwh).toBeGreaterThan(0);
  });

  it('says when an instance\'s accelerators have no power figure: the host is counted, flagged, a fallback', async () => {
    const [r] = await store.db.all<{ status: string; flags: string[]; compute_kwh: number }>("SELECT status, flags, compute_kwh FROM footprint WHERE resource_id = 'inf1'");
    expect(r).toMatchObject({ status: 'fallback', flags: ['accelerators_not_modelled:host_only'] });
    expect(r?.compute_kwh).toBeGreaterThan(0);
    expect(row('box').status).toBe('estimated');
  });

  it('names the service by its product name', () => {
    expect(row('gp3').service).toBe('Amazon Elastic Compute Cloud');
  });
});
