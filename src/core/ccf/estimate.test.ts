import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingSources } from '../../sources/index.js';
import { openDuckStore, type DuckStore } from '../../store/duckdb/index.js';
import { writeCur, type CurRow } from '../../../test/helpers/aws-cur.js';
import { scratchDir, writeFocus } from '../../../test/helpers/focus.js';
import { ccfProfile } from './profile.js';

/**
 * Golden rows for the `ccf` profile: the worked examples of the CCF 0.15 reverse-engineering notes,
 * each checked by hand and against the library's own output (kWh, and co2e in tonnes).
 */

type Fp = {
  resource_id: string; status: string; flags: string[]; compute_kwh: number; gpu_kwh: number; memory_kwh: number; storage_kwh: number;
  network_kwh: number; kwh: number; operational_g: number; embodied_g: number; grid_factor_id: string | null;
  power_factor_id: string | null; embodied_factor_id: string | null; coefficient_id: string | null;
};

let store: DuckStore;
let dir: string;
beforeEach(async () => {
  dir = scratchDir('greenops-ccf-golden-');
  store = await openDuckStore(':memory:');
});
afterEach(() => store.close());

/** Each line gets its own resource id (`line-N`), so that no two lines are summed into one stored row. */
async function ingest(name: string, rows: readonly CurRow[]): Promise<number> {
  const lines = rows.map((r, i) => ({ ...r, resourceId: `line-${i + 1}` }));
  return (await store.ingest(writeCur(dir, name, lines), { candidates: billingSources })).accounting.fileId;
}

async function footprint(): Promise<Map<number, Fp>> {
  // keyed by the line's position in its file
  const rows = await store.db.all<Fp & { file_id: number; n: number }>(
    `SELECT *, CAST(split_part(resource_id, '-', 2) AS INTEGER) AS n FROM footprint WHERE methodology = 'ccf'`,
  );
  return new Map(rows.map((r) => [r.file_id * 1000 + r.n, r]));
}

function row(fp: Map<number, Fp>, rowNo: number, fileId = 1): Fp {
  const r = fp.get(fileId * 1000 + rowNo);
  if (!r) throw new Error(`no footprint for file ${fileId} row ${rowNo}`);
  return r;
}

/** CCF's kilowattHours and co2e (t); ours: kwh and (operational + embodied) g. */
function expectCcf(r: Fp, kwh: number, co2eT: number): void {
  expect(Math.abs(r.kwh - kwh) / kwh, `kWh of ${r.resource_id}`).toBeLessThan(1e-12);
  expect(Math.abs((r.operational_g + r.embodied_g) / 1e6 - co2eT) / co2eT, `co2e of ${r.resource_id}`).toBeLessThan(1e-12);
}

const at = '2023-03-15T10:00:00Z';
const use1 = { start: at, region: 'us-east-1' } as const;

describe('ccf profile: the worked examples', () => {
  it('reproduces compute, storage, network, Lambda and the unknown-row ratio', async () => {
    await ingest('examples.csv', [
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:m5.large', unit: 'Hrs', amount: 1, cost: 0.096, vcpus: '2' },
      { ...use1, productCode: 'AmazonEC2', usageType: 'BoxUsage:m5.24xlarge', unit: 'Hrs', amount: 1, cost: 4.608 },
      { ...use1, start: '2023-02-01T00:00:00Z', productCode: 'AmazonEC2', usageType: 'USE1-EBS:VolumeUsage.gp2', unit: 'GB-Mo', amount: 100, cost: 10 },
      { ...use1, productCode: 'AmazonS3', usageType: 'USE1-TimedStorage-ByteHrs', unit: 'GB-Mo', amount: 1, cost: 0.023 },
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-DataTransfer-Out-Bytes', unit: 'GB', amount: 1, cost: 0.09 },
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:p3.2xlarge', unit: 'Hrs', amount: 1, cost: 3.06, vcpus: '8' },
      { ...use1, productCode: 'AWSLambda', usageType: 'USE1-Lambda-GB-Second', unit: 'Lambda-GB-Second', amount: 1, cost: 0.0000166667 },
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-NatGateway-Hours', unit: 'Hrs', amount: 1, cost: 0.045 },
    ]);
    await store.estimate(ccfProfile);
    const fp = await footprint();

    // m5.large: CPU 2.455 W × 2 × 1.135 / 1000; memory (384 − 81.32) / 48 GB-h × 0.000392 × 1.135;
    // embodied 1.6103792 t / 35040 / 96 vCPUs, which CCF also adds to kWh as t / EF.
    const m5 = row(fp, 1);
    expectCcf(m5, 0.009641357619553209, 3.6547397914864154e-6);
    expect(m5.memory_kwh).toBeCloseTo(0.0028055913667, 12);
    expect(m5.compute_kwh).toBeCloseTo(0.00557285 + 0.0012629162529, 12);
    expect(m5.embodied_g).toBeCloseTo(0.4787324010654, 9);
    expect(m5).toMatchObject({ status: 'estimated', flags: ['ccf:embodied_in_kwh'], grid_factor_id: 'ccf:ef:us-east-1', power_factor_id: 'ccf:cpu:Skylake', embodied_factor_id: 'ccf:embodied:m5.large', coefficient_id: 'ccf:memory' });
    // no product/vcpu: 96 vCPUs from CCF's table; the same embodied per hour as m5.large
    expectCcf(row(fp, 2), 0.4034281018528866, 1.5292708714127187e-4);
    expect(row(fp, 2).embodied_g).toBeCloseTo(m5.embodied_g, 12);
    // 100 GB-Mo in February 2023: 0.1 TB × 24 × 28 h × 1.2 Wh × 1.135 × replication 2 / 1000
    expectCcf(row(fp, 3), 0.1830528, 6.938964184319999e-5);
    // S3 ByteHrs: the GB-Mo amount divided by 2^40, × 0.65 × 1.135 × 6 / 1000
    expectCcf(row(fp, 4), 4.025878297397867e-15, 1.526085660316312e-18);
    expect(row(fp, 4).flags).toContain('ccf:byte_hours_as_bytes');
    expectCcf(row(fp, 5), 0.001135, 4.30243315e-7);
    // p3.2xlarge: Broadwell CPU + one V100 at 170.5 W
    expectCcf(row(fp, 6), 0.2409277936475236, 9.132825781017312e-5);
    expect(row(fp, 6).gpu_kwh).toBeCloseTo(0.1935175, 12);
    // Lambda GB-seconds as vCPU-seconds at 2.12 W
    expectCcf(row(fp, 7), 6.683888888888889e-7, 2.5336550772222225e-10);
    // NatGateway-Hours: Σ kWh / Σ cost of the Hrs rows (1, 2, 6) × 0.045
    const nat = row(fp, 8);
    expectCcf(nat, 0.0037905559493042703, 1.4368822531468205e-6);
    expect(nat).toMatchObject({ status: 'fallback', flags: ['ccf:unknown_usage_cost_ratio'], coefficient_id: 'ccf:cost_ratio:Hrs' });
    expect(nat.compute_kwh).toBe(nat.kwh);
  });

  it('reproduces the quirks, and stores CCF NaN as flagged zeros', async () => {
    await ingest('quirks.csv', [
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:t3.micro', unit: 'Hrs', amount: 10, cost: 0.104, vcpus: '2' },
      { ...use1, region: 'eu-west-1', productCode: 'AmazonRDS', usageType: 'EU-Multi-AZUsage:db.m5.large', unit: 'Hrs', amount: 24, cost: 8.5, vcpus: '2' },
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:zz9.huge', unit: 'Hrs', amount: 5, cost: 1 },
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:zz9.huge', unit: 'Hrs', amount: 5, cost: 1, vcpus: '4' },
      { ...use1, region: 'xx-nowhere-1', productCode: 'AmazonEC2', usageType: 'BoxUsage:c6i.large', unit: 'Hrs', amount: 1, cost: 0.085, vcpus: '2' },
      { ...use1, productCode: 'AmazonS3', usageType: 'USE1-Requests-Tier1', unit: 'Requests', amount: 1000, cost: 0.005 },
      { ...use1, productCode: 'AmazonECS', usageType: 'USE1-ECS-EC2-vCPU-Hours', unit: 'hours', amount: 1, cost: 0 },
      { ...use1, productCode: 'AmazonRDS', usageType: 'USE1-Aurora:ServerlessUsage', unit: 'ACU-Hr', amount: 4, cost: 0.24 },
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:u-6tb1.metal', unit: 'Hrs', amount: 1, cost: 50, vcpus: '448' },
      { ...use1, productCode: 'AmazonRedshift', usageType: 'USE1-Node:dc2.large', unit: 'Hrs', amount: 1, cost: 0.25 },
      { ...use1, productCode: 'AmazonCloudFront', usageType: 'US-DataTransfer-Out-Bytes', unit: 'GB', amount: 10, cost: 0.85 },
      { ...use1, lineItemType: 'Tax', productCode: 'AmazonEC2', usageType: '', unit: '', amount: 1, cost: 3 },
      // product/vcpu as written by a careless exporter: parseFloat gives CCF NaN (falsy: the table's) and Infinity
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:zz9.huge', unit: 'Hrs', amount: 5, cost: 1, vcpus: 'NaN' },
      { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:m5.large', unit: 'Hrs', amount: 5, cost: 1, vcpus: 'Infinity' },
    ]);
    await store.estimate(ccfProfile);
    const fp = await footprint();
    // burstable: vCPU-h = 2 × 10 % / 50 % × 10 h; no memory; embodied 94 % of the kWh
    expectCcf(row(fp, 1), 0.16201465034638515, 6.141473149215387e-5);
    expect(row(fp, 1)).toMatchObject({ memory_kwh: 0, flags: ['ccf:embodied_in_kwh', 'ccf:burstable_baseline'] });
    // RDS Multi-AZ: replication 2 on CPU and memory, not on embodied
    expectCcf(row(fp, 2), 0.4434055934448341, 1.2353279833373078e-4);
    // unknown type without vCPUs: CCF returns kWh 0 and co2e NaN
    expect(row(fp, 3)).toMatchObject({ status: 'fallback', kwh: 0, operational_g: 0, embodied_g: 0, flags: ['ccf:vcpus_unknown', 'ccf:nan_co2e', 'ccf:processor_average'] });
    expectCcf(row(fp, 4), 0.048124, 1.8242316556e-5);
    // Ice Lake falls back to the average processor; unknown region to CCF's 'Unknown' factor
    expectCcf(row(fp, 5), 0.006852964226961609, 2.691720172638727e-6);
    expect(row(fp, 5)).toMatchObject({ grid_factor_id: 'ccf:ef:Unknown', flags: expect.arrayContaining(['ccf:processor_average', 'ccf:region_unknown_factor']) as unknown });
    // unknown unit: no accumulated ratio, so CCF reports 0
    expect(row(fp, 6)).toMatchObject({ status: 'fallback', kwh: 0, flags: ['ccf:unknown_usage_cost_ratio', 'ccf:unknown_usage_unit', 'ccf:no_ratio_for_unit'] });
    expect(row(fp, 7)).toMatchObject({ status: 'unclassified', kwh: 0, flags: ['ccf:unsupported_usage_type'] });
    // Aurora Serverless: ACU / 4 vCPU-h × 2.12 W × 1.135 × replication 6
    expect(row(fp, 8).kwh).toBeCloseTo(0.0144372, 15);
    // u-6tb1: CCF takes memory GB (6144) as the scope-3 figure
    expect(row(fp, 9).kwh).toBeCloseTo(2.110479420210365, 12);
    expect(row(fp, 9).embodied_g).toBeCloseTo((6144 / 35040 / 448) * 1e6, 6);
    // Redshift: 2 vCPUs / 3600 even for hourly rows
    expectCcf(row(fp, 10), 0.00874114863848725, 3.3134984732427228e-6);
    expect(row(fp, 11)).toMatchObject({ status: 'unclassified', kwh: 0, flags: ['ccf:network_usage_type_unmatched'] });
    expect(row(fp, 12)).toMatchObject({ status: 'cost_only', kwh: 0, flags: ['ccf:not_usage_line_item'] });
    expect(row(fp, 13)).toMatchObject({ status: 'fallback', kwh: 0, flags: ['ccf:vcpus_unknown', 'ccf:nan_co2e', 'ccf:processor_average'] });
    expect(row(fp, 14)).toMatchObject({ status: 'fallback', kwh: 0, operational_g: 0, flags: ['ccf:nan_co2e'] });
  });
});

describe('ccf profile: the unknown-row ratio and its scope', () => {
  const m5 = { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:m5.large', unit: 'Hrs', amount: 1, cost: 0.096, vcpus: '2' };
  const nat = { ...use1, productCode: 'AmazonEC2', usageType: 'USE1-NatGateway-Hours', unit: 'Hrs', amount: 1, cost: 0.045 };

  it('prices unknown usage from every stored row in footprints, as one CCF run over them', async () => {
    const a = await ingest('a.csv', [m5]);
    await store.estimate(ccfProfile);
    // a partial export of the same account and month (else it would supersede a's rows)
    const b = (await store.ingest(writeCur(dir, 'b.csv', [{ ...nat, resourceId: 'line-1' }]), { candidates: billingSources, supersede: false })).accounting.fileId;
    await store.ensureEstimated(ccfProfile);
    expect(row(await footprint(), 1, b).kwh).toBeCloseTo((0.009641357619553209 / 0.096) * 0.045, 15);
    expect(row(await footprint(), 1, a).kwh).toBeCloseTo(0.009641357619553209, 15);
    // A later full export of the month supersedes a: a's rows leave every footprint, and with no known
    // row left, CCF emits nothing for unknown usage.
    const alone = await openDuckStore(':memory:');
    try {
      await alone.ingest(writeCur(dir, 'first.csv', [{ ...m5, resourceId: 'line-1' }]), { candidates: billingSources });
      await alone.ingest(writeCur(dir, 'restated.csv', [{ ...nat, resourceId: 'line-1' }]), { candidates: billingSources });
      await alone.estimate(ccfProfile);
      const rows = await alone.db.all<Fp>("SELECT * FROM footprint WHERE methodology = 'ccf' AND row_status = 'ok'");
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'unclassified', kwh: 0, flags: ['ccf:unknown_usage_cost_ratio', 'ccf:no_known_usage'] });
    } finally {
      alone.close();
    }
  });

  it('stores a ratio over zero cost (CCF: Infinity) as flagged zeros', async () => {
    await ingest('free.csv', [{ ...m5, cost: 0 }, nat]);
    await store.estimate(ccfProfile);
    expect(row(await footprint(), 2)).toMatchObject({ status: 'fallback', kwh: 0, operational_g: 0, flags: ['ccf:unknown_usage_cost_ratio', 'ccf:nan_co2e'] });
  });

  it('leaves rows that are not from an AWS CUR, and rejected rows, without energy', async () => {
    await store.ingest(writeFocus(dir, 'focus.csv', [{}]), { candidates: billingSources });
    await ingest('bad.csv', [{ ...m5, start: 'not a date' }]);
    await store.estimate(ccfProfile);
    const fp = await footprint();
    expect(row(fp, 1, 1)).toMatchObject({ status: 'unclassified', kwh: 0, flags: ['ccf:aws_cur_only'] });
    expect(row(fp, 1, 2)).toMatchObject({ status: 'rejected', kwh: 0, flags: [] });
  });
});
