import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultProfile } from '../../core/methodology.js';
import { loadFraction } from '../../core/power.js';
import { combineBands } from '../../core/uncertainty.js';
import { coefficient, lookupCpuArch, lookupEmbodied, lookupGpu, lookupGrid, lookupInstance, lookupPue, lookupReplication } from '../../factors/index.js';
import { billingSources } from '../../sources/index.js';
import { FOCUS_HEADER, scratchDir, writeFocus, type FocusRow } from '../../../test/helpers/focus.js';
import { openDuckStore, type DuckStore } from './index.js';
import { defaultAttribution } from '../../analysis/attribution.js';

let store: DuckStore;
let dir: string;
beforeEach(async () => {
  dir = scratchDir();
  store = await openDuckStore(':memory:');
});
afterEach(() => store.close());

interface Fp {
  resource_id: string;
  status: string;
  flags: string[];
  compute_kwh: number;
  gpu_kwh: number;
  memory_kwh: number;
  storage_kwh: number;
  network_kwh: number;
  kwh: number;
  kwh_low: number;
  kwh_high: number;
  operational_g: number;
  operational_g_low: number;
  operational_g_high: number;
  market_g: number;
  embodied_g: number;
  grid_factor_id: string;
  power_factor_id: string | null;
  embodied_factor_id: string | null;
}

async function estimateRows(rows: FocusRow[]): Promise<Map<string, Fp>> {
  const path = writeFocus(dir, 'e.csv', rows);
  await store.ingest(path, { candidates: billingSources });
  await store.estimate(defaultProfile);
  const out = await store.db.all<Fp & Record<string, unknown>>('SELECT * FROM footprint');
  return new Map(out.map((r) => [r.resource_id, r]));
}

const lf = loadFraction('teads', 0.5);
const must = <T>(x: T | undefined, what: string): T => {
  if (x === undefined) throw new Error(`missing factor ${what}`);
  return x;
};

describe('default estimator', () => {
  it('computes an m5.large hour from the factor tables (compute, memory, PUE, grid, embodied)', async () => {
    const fp = await estimateRows([{ ResourceId: 'a' }]);
    const r = must(fp.get('a'), 'row');
    const it = must(lookupInstance('aws', 'm5.large'), 'm5.large');
    const cpu = must(lookupCpuArch(it.cpuArch, 'aws'), 'cpu');
    const pue = lookupPue('aws', 'us-east-1').pue;
    const grid = must(lookupGrid('aws', 'us-east-1'), 'grid').gCO2ePerKWh;
    const computeKwh = (it.vcpus * (cpu.minWattsPerVcpu + lf * (cpu.maxWattsPerVcpu - cpu.minWattsPerVcpu))) / 1000;
    // 8 GB for 2 vCPUs: exactly the 2 GB/vCPU baseline × 2 = 4 GB is in the CPU figure, 4 GB is charged
    const memoryKwh = (it.memoryGB - 2 * it.vcpus) * coefficient('memory').value;
    expect(r.status).toBe('estimated');
    expect(r.compute_kwh).toBeCloseTo(computeKwh, 12);
    expect(r.memory_kwh).toBeCloseTo(memoryKwh, 12);
    expect(r.kwh).toBeCloseTo((computeKwh + memoryKwh) * pue, 12);
    expect(r.operational_g).toBeCloseTo((computeKwh + memoryKwh) * pue * grid, 9);
    expect(r.market_g).toBeCloseTo(r.operational_g, 9);
    const host = must(lookupEmbodied('aws', 'm5'), 'embodied').kgCO2ePerHost;
    expect(r.embodied_g).toBeCloseTo((host * 1000 * 1) / 35_040 * (2 / 96), 9);
    // Bands: CPU coefficient, utilisation (10–90 % around 50 %) and PUE, in quadrature in log space
    const p = (u: number): number => cpu.minWattsPerVcpu + loadFraction('teads', u) * (cpu.maxWattsPerVcpu - cpu.minWattsPerVcpu);
    const utilisation = { low: p(0.1) / p(0.5), high: p(0.9) / p(0.5) };
    const pueBand = lookupPue('aws', 'us-east-1').band;
    const computeBand = combineBands([cpu.band, utilisation, pueBand]);
    const memoryBand = combineBands([coefficient('memory').band, pueBand]);
    expect(r.kwh_low).toBeCloseTo(pue * (computeKwh * computeBand.low + memoryKwh * memoryBand.low), 12);
    expect(r.kwh_high).toBeCloseTo(pue * (computeKwh * computeBand.high + memoryKwh * memoryBand.high), 12);
    expect(r.kwh_low).toBeLessThan(r.kwh);
    expect(r.kwh_high).toBeGreaterThan(r.kwh);
    expect(r.operational_g_low).toBeLessThan(r.operational_g);
    expect(r.grid_factor_id).toBe('grid:aws:us-east-1');
    expect(r.power_factor_id).toBe(cpu.id);
    expect(r.embodied_factor_id).toBe('embodied:aws:m5');
  });

  it('gives an m5.24xlarge-hour 48× the embodied of an m5.large-hour (SCI share of host, not CCF\'s quirk)', async () => {
    const fp = await estimateRows([
      { ResourceId: 'small' },
      { ResourceId: 'big', ChargeDescription: '$4.608 per On Demand Linux m5.24xlarge Instance Hour' },
    ]);
    const ratio = must(fp.get('big'), 'big').embodied_g / must(fp.get('small'), 'small').embodied_g;
    expect(ratio).toBeCloseTo(48, 9);
  });

  it('adds GPU power for GPU instance types', async () => {
    const fp = await estimateRows([{ ResourceId: 'p4d', ChargeDescription: '$32.77 per On Demand Linux p4d.24xlarge Instance Hour', ConsumedQuantity: 2 }]);
    const r = must(fp.get('p4d'), 'p4d');
    const it = must(lookupInstance('aws', 'p4d.24xlarge'), 'p4d');
    const gpu = must(lookupGpu(must(it.gpuModel, 'gpu model')), 'gpu');
    expect(r.gpu_kwh).toBeCloseTo((2 * it.gpus * (gpu.idleWatts + lf * (gpu.maxWatts - gpu.idleWatts))) / 1000, 12);
    expect(r.gpu_kwh).toBeGreaterThan(r.compute_kwh);
  });

  it('charges storage on allocated bytes times replication, and only egress for network', async () => {
    const fp = await estimateRows([
      { ResourceId: 's3', ServiceName: 'Amazon Simple Storage Service', ChargeDescription: '$0.023 per GB - first 50 TB / month of storage used', ConsumedUnit: 'GB-Mo', ConsumedQuantity: 1000, ServiceCategory: 'Storage' },
      { ResourceId: 'out', ChargeDescription: '$0.09 per GB - first 10 TB / month data transfer out', ConsumedUnit: 'GB', ConsumedQuantity: 500, ServiceCategory: 'Networking' },
      { ResourceId: 'in', ChargeDescription: '$0.00 per GB - data transfer in per month', ConsumedUnit: 'GB', ConsumedQuantity: 500, ServiceCategory: 'Networking' },
    ]);
    const s3 = must(fp.get('s3'), 's3');
    const repl = must(lookupReplication('aws', 's3'), 'repl').factor;
    // 1000 GB-months in August = 744,000 GB-hours = 744 TB-hours, on HDD
    expect(s3.storage_kwh).toBeCloseTo((744 * coefficient('hdd').value * repl) / 1000, 12);
    expect(must(fp.get('out'), 'out').network_kwh).toBeCloseTo(500 * coefficient('network').value, 12);
    expect(must(fp.get('in'), 'in').kwh).toBe(0);
  });

  it('reads running time in hours, minutes or seconds, and a unit with a block size as blocks', async () => {
    const fp = await estimateRows([
      { ResourceId: 'hours' },
      { ResourceId: 'seconds', ConsumedUnit: 'Seconds', ConsumedQuantity: 3600 },
      { ResourceId: 'minutes', ConsumedUnit: 'minutes', ConsumedQuantity: 60 },
      { ResourceId: 'one-hour', ConsumedUnit: '1 Hour', ConsumedQuantity: 1 },
      { ResourceId: 'ten-hours', ConsumedUnit: '10 Hours', ConsumedQuantity: 0.1 },
    ]);
    const hour = must(fp.get('hours'), 'hours');
    expect(hour.status).toBe('estimated');
    for (const id of ['seconds', 'minutes', 'one-hour', 'ten-hours']) {
      const r = must(fp.get(id), id);
      expect([id, r.status, r.flags]).toEqual([id, 'estimated', hour.flags]);
      expect(r.kwh / hour.kwh).toBeCloseTo(1, 12);
      expect(r.embodied_g / hour.embodied_g).toBeCloseTo(1, 12);
    }
  });

  it('reads GCP\'s usage units: seconds of cores and GPUs, byte-seconds of memory and disk, bytes moved', async () => {
    const gcp = { ProviderName: 'Google Cloud', RegionId: 'us-central1', ServiceName: 'Compute Engine' };
    const fp = await estimateRows([
      { ...gcp, ResourceId: 'core-h', ChargeDescription: 'N2 Instance Core running in Americas', ConsumedUnit: 'hour', ConsumedQuantity: 4 },
      { ...gcp, ResourceId: 'core-s', ChargeDescription: 'N2 Instance Core running in Americas', ConsumedUnit: 'seconds', ConsumedQuantity: 4 * 3600 },
      { ...gcp, ResourceId: 'ram-h', ChargeDescription: 'N2 Instance Ram running in Americas', ConsumedUnit: 'gibibyte hour', ConsumedQuantity: 16 },
      { ...gcp, ResourceId: 'ram-s', ChargeDescription: 'N2 Instance Ram running in Americas', ConsumedUnit: 'byte-seconds', ConsumedQuantity: 16 * 2 ** 30 * 3600 },
      { ...gcp, ResourceId: 'gpu-h', ChargeDescription: 'Nvidia Tesla T4 GPU running in Americas', ConsumedUnit: 'hour', ConsumedQuantity: 1 },
      { ...gcp, ResourceId: 'gpu-s', ChargeDescription: 'Nvidia Tesla T4 GPU running in Americas', ConsumedUnit: 'seconds', ConsumedQuantity: 3600 },
      { ...gcp, ResourceId: 'pd-gb', ChargeDescription: 'SSD backed PD Capacity', ConsumedUnit: 'gibibyte month', ConsumedQuantity: 100, ServiceCategory: 'Storage' },
      { ...gcp, ResourceId: 'pd-s', ChargeDescription: 'SSD backed PD Capacity', ConsumedUnit: 'byte-seconds', ConsumedQuantity: 100 * 2 ** 30 * 744 * 3600, ServiceCategory: 'Storage' },
      { ...gcp, ResourceId: 'out-gb', ChargeDescription: 'Network Internet Egress from Americas to Americas', ConsumedUnit: 'gibibyte', ConsumedQuantity: 5, ServiceCategory: 'Networking' },
      { ...gcp, ResourceId: 'out-b', ChargeDescription: 'Network Internet Egress from Americas to Americas', ConsumedUnit: 'bytes', ConsumedQuantity: 5 * 2 ** 30, ServiceCategory: 'Networking' },
    ]);
    for (const [a, b, part] of [['core-h', 'core-s', 'compute_kwh'], ['ram-h', 'ram-s', 'memory_kwh'], ['gpu-h', 'gpu-s', 'gpu_kwh'], ['pd-gb', 'pd-s', 'storage_kwh'], ['out-gb', 'out-b', 'network_kwh']] as const) {
      const x = must(fp.get(a), a);
      const y = must(fp.get(b), b);
      expect([b, y.status]).toEqual([b, x.status]);
      expect(x[part]).toBeGreaterThan(0);
      expect([b, y[part] / x[part]]).toEqual([b, expect.closeTo(1, 9) as unknown as number]);
    }
  });

  it('reads GCP storage and network as its SKUs name them: standard PD on HDD, regional disks and multi-region buckets replicated, zone traffic free, licences cost only', async () => {
    const gcp = { ProviderName: 'Google Cloud', RegionId: 'us-central1', ServiceName: 'Compute Engine', ConsumedUnit: 'gibibyte month', ConsumedQuantity: 100, ServiceCategory: 'Storage' };
    const fp = await estimateRows([
      { ...gcp, ResourceId: 'pd-std', ChargeDescription: 'Storage PD Capacity' },
      { ...gcp, ResourceId: 'pd-ssd', ChargeDescription: 'SSD backed PD Capacity' },
      { ...gcp, ResourceId: 'pd-regional-ssd', ChargeDescription: 'Regional SSD backed PD Capacity' },
      { ...gcp, ResourceId: 'gcs', ServiceName: 'Cloud Storage', ChargeDescription: 'Standard Storage US Regional' },
      { ...gcp, ResourceId: 'gcs-multi', ServiceName: 'Cloud Storage', ChargeDescription: 'Standard Storage US Multi-region' },
      { ...gcp, ResourceId: 'zone', ChargeDescription: 'Network Inter Zone Egress', ConsumedUnit: 'gibibyte', ServiceCategory: 'Networking' },
      { ...gcp, ResourceId: 'licence', ChargeDescription: 'Licensing Fee for Windows Server 2022 Datacenter Edition (CPU cost)', ConsumedUnit: 'seconds', ConsumedQuantity: 3600, ServiceCategory: 'Compute' },
    ]);
    const storage = (id: string): number => must(fp.get(id), id).storage_kwh;
    const repl = (key: string): number => must(lookupReplication('gcp', key), key).factor;
    expect(storage('pd-ssd') / storage('pd-std')).toBeCloseTo((coefficient('ssd').value * repl('persistent-disk')) / (coefficient('hdd').value * repl('persistent-disk')), 9);
    expect(storage('pd-regional-ssd') / storage('pd-ssd')).toBeCloseTo(repl('regional-pd') / repl('persistent-disk'), 9);
    expect(storage('gcs-multi') / storage('gcs')).toBeCloseTo(repl('cloud-storage-multi-region') / repl('cloud-storage'), 9);
    expect(must(fp.get('zone'), 'zone').kwh).toBe(0);
    expect(must(fp.get('licence'), 'licence')).toMatchObject({ status: 'cost_only', kwh: 0 });
  });

  it('reads an Azure managed disk-month as its tier\'s capacity: P on SSD, S on HDD', async () => {
    const disk = { ProviderName: 'Microsoft', RegionId: 'eastus', ServiceName: 'Storage', ServiceCategory: 'Storage', ConsumedUnit: 'Units/Month', ConsumedQuantity: 1 };
    const fp = await estimateRows([
      { ...disk, ResourceId: 'p30', ChargeDescription: 'Premium SSD Managed Disks - P30 LRS - US East' },
      { ...disk, ResourceId: 's30', ChargeDescription: 'Standard HDD Managed Disks - S30 LRS - US East' },
      { ...disk, ResourceId: 'gib', ChargeDescription: 'Premium SSD Managed Disks capacity', ConsumedUnit: 'GiB/Month', ConsumedQuantity: 1024 },
    ]);
    const p30 = must(fp.get('p30'), 'p30');
    expect(p30.status).toBe('estimated');
    // P30 = 1,024 GiB: the same as 1,024 GiB-months of SSD
    expect(p30.storage_kwh).toBeCloseTo(must(fp.get('gib'), 'gib').storage_kwh, 12);
    expect(must(fp.get('s30'), 's30').storage_kwh / p30.storage_kwh).toBeCloseTo(coefficient('hdd').value / coefficient('ssd').value, 9);
  });

  it('does not take lines that merely name a disk tier, a VM size or a machine type for the thing itself', async () => {
    const az = { ProviderName: 'Microsoft', RegionId: 'eastus', ServiceName: 'Storage', ServiceCategory: 'Storage', ConsumedUnit: '1/Month', ConsumedQuantity: 1 };
    const path = writeFocus(dir, 'names.csv', [
      { ...az, ResourceId: 'mount', ChargeDescription: 'Premium SSD Managed Disks - P10 LRS Disk Mount - US East' },
      { ...az, ResourceId: 's10', ChargeDescription: 'Standard HDD Managed Disks - S10 LRS Disk - US East' },
      { ...az, ResourceId: 'e10', ChargeDescription: 'Standard SSD Managed Disks - E10 LRS Disk - US East' },
      { ProviderName: 'Microsoft', RegionId: 'eastus', ServiceName: 'Virtual Machines', ResourceId: 'licence', ChargeDescription: 'Virtual Machines Licenses - Windows Server - 1 Core', x_SkuDetails: '{"ServiceType": "Standard_DS1_v2", "UsageType": "ComputeHR_SW"}' } as never,
      { ProviderName: 'Google Cloud', RegionId: 'us-central1', ServiceName: 'Compute Engine', ResourceId: 'sles', ChargeDescription: 'Licensing Fee for SLES 12 on f1-micro', ConsumedUnit: 'hour' },
      { ProviderName: 'Google Cloud', RegionId: 'us-central1', ServiceName: 'Cloud SQL', ServiceCategory: 'Databases', ResourceId: 'sql', ChargeDescription: 'Cloud SQL for MySQL: Zonal - Standard storage in Americas', ConsumedUnit: 'gibibyte month', ConsumedQuantity: 10 },
      { ProviderName: 'Oracle', RegionId: 'us-ashburn-1', ServiceName: 'Compute', ResourceId: 'arm', ChargeDescription: 'Compute - Ampere A1 - OCPU', ConsumedUnit: 'OCPU Hours' },
      { ProviderName: 'Oracle', RegionId: 'us-ashburn-1', ServiceName: 'Compute', ResourceId: 'x86', ChargeDescription: 'Compute - Standard - E4 - OCPU', ConsumedUnit: 'OCPU Hours' },
      { ProviderName: 'Oracle', RegionId: 'us-ashburn-1', ServiceName: 'Compute', ResourceId: 'mem', ChargeDescription: 'Compute - Standard - E4 - Memory', ConsumedUnit: 'Gigabyte Per Hour', ConsumedQuantity: 16 },
    ], [...FOCUS_HEADER, 'x_SkuDetails']);
    await store.ingest(path, { candidates: billingSources });
    await store.estimate(defaultProfile);
    const rows = new Map((await store.db.all<{ resource_id: string; usage_class: string; storage_media: string | null; storage_service: string | null; compute_kwh: number }>(
      'SELECT f.resource_id, f.usage_class, k.storage_media, k.storage_service, f.compute_kwh FROM footprint f JOIN class_keys k USING (class_key)',
    )).map((r) => [r.resource_id, r]));
    expect(rows.get('mount')?.usage_class).not.toBe('storage');
    expect([rows.get('s10')?.storage_media, rows.get('e10')?.storage_media]).toEqual(['hdd', 'ssd']);
    expect(rows.get('licence')?.usage_class).toBe('cost_only');
    expect(rows.get('sles')?.usage_class).toBe('cost_only');
    expect(rows.get('sql')?.storage_service).toBe('persistent-disk');
    expect((rows.get('arm')?.compute_kwh ?? 0) / (rows.get('x86')?.compute_kwh ?? Number.NaN)).toBeCloseTo(0.5, 12);
    expect(rows.get('mem')?.usage_class).toBe('memory');
  });

  it('reads Azure VM sizes from meters without a version and from the SKU details, and Oracle OCPUs as two vCPUs', async () => {
    const az = { ProviderName: 'Microsoft', RegionId: 'eastus', ServiceName: 'Virtual Machines' };
    const path = writeFocus(dir, 'az.csv', [
      { ...az, ResourceId: 'b2ms', ChargeDescription: 'Virtual Machines BS Series - B2ms - US East' },
      { ...az, ResourceId: 'sku', ChargeDescription: 'Compute usage', x_SkuDetails: '{"ServiceType": "Standard_D4s_v5", "UsageType": "ComputeHR"}' } as never,
      { ProviderName: 'Oracle', RegionId: null, RegionName: 'us-ashburn-1', ResourceId: 'ocpu', ChargeDescription: 'Compute - Standard - E4 - OCPU', ConsumedUnit: 'OCPU Hours', ServiceName: 'Compute' } as never,
      { ProviderName: 'Oracle', RegionId: null, RegionName: 'us-ashburn-1', ResourceId: 'vcpu', ChargeDescription: 'Compute - Standard - E4 - vCPU', ConsumedUnit: 'vCPU Hours', ServiceName: 'Compute' } as never,
    ], [...FOCUS_HEADER, 'x_SkuDetails', 'RegionName']);
    await store.ingest(path, { candidates: billingSources });
    await store.estimate(defaultProfile);
    const rows = new Map((await store.db.all<{ resource_id: string; instance_type: string | null; region: string | null; compute_kwh: number }>('SELECT resource_id, instance_type, region, compute_kwh FROM footprint')).map((r) => [r.resource_id, r]));
    expect(rows.get('b2ms')?.instance_type).toBe('standard_b2ms');
    expect(rows.get('sku')?.instance_type).toBe('standard_d4s_v5');
    expect(rows.get('ocpu')?.region).toBe('us-ashburn-1');
    expect((rows.get('ocpu')?.compute_kwh ?? 0) / (rows.get('vcpu')?.compute_kwh ?? Number.NaN)).toBeCloseTo(2, 12);
  });

  it('uses Google\'s carbon-free share for the market-based figure and regional PUE', async () => {
    const fp = await estimateRows([{ ResourceId: 'g', ProviderName: 'Google Cloud', RegionId: 'europe-west4', ChargeDescription: 'n2-standard-4 instance running in europe-west4' }]);
    const r = must(fp.get('g'), 'g');
    const grid = must(lookupGrid('gcp', 'europe-west4'), 'grid');
    expect(r.kwh).toBeCloseTo((r.compute_kwh + r.memory_kwh) * lookupPue('gcp', 'europe-west4').pue, 12);
    expect(r.market_g).toBeCloseTo(r.operational_g * (1 - must(grid.carbonFreeShare, 'cfe')), 9);
  });

  it('keeps low ≤ value ≤ high for negative amounts (corrections)', async () => {
    const fp = await estimateRows([
      { ResourceId: 'neg', ConsumedQuantity: -5, BilledCost: -0.48, EffectiveCost: -0.48 },
      { ResourceId: 'known', BilledCost: 1, EffectiveCost: 1 },
    ]);
    const r = must(fp.get('neg'), 'neg');
    expect(r.kwh).toBeCloseTo(-5 * must(fp.get('known'), 'known').kwh, 12);
    expect(r.kwh_low).toBeLessThan(r.kwh);
    expect(r.kwh_high).toBeGreaterThan(r.kwh);
    expect(r.operational_g_low).toBeLessThan(r.operational_g);
    expect(r.operational_g_high).toBeGreaterThan(r.operational_g);
  });

  it('flags an unknown region and uses the provider average, never zero', async () => {
    const fp = await estimateRows([{ ResourceId: 'x', RegionId: 'moon-central-1' }]);
    const r = must(fp.get('x'), 'x');
    expect(r.status).toBe('fallback');
    expect(r.flags).toContain('region_unknown:provider_average_grid');
    expect(r.grid_factor_id).toBe('grid:aws:default');
    expect(r.operational_g).toBeGreaterThan(0);
  });

  it('estimates unknown instance types and request units from cost, flagged', async () => {
    const fp = await estimateRows([
      { ResourceId: 'known', BilledCost: 1, EffectiveCost: 1 },
      { ResourceId: 'odd', ChargeDescription: 'per On Demand Linux zz9.large Instance Hour', BilledCost: 2, EffectiveCost: 2 },
      { ResourceId: 'req', ChargeDescription: 'per million requests', ConsumedUnit: 'Requests', ConsumedQuantity: 1e6, BilledCost: 0.5, EffectiveCost: 0.5 },
    ]);
    const known = must(fp.get('known'), 'known');
    const odd = must(fp.get('odd'), 'odd');
    const req = must(fp.get('req'), 'req');
    expect(odd.status).toBe('fallback');
    expect(odd.flags).toContain('instance_type_unknown:cost_ratio');
    expect(odd.kwh).toBeCloseTo(known.kwh * 2, 12);
    expect(req.flags).toContain('no_energy_model:cost_ratio');
    expect(req.kwh).toBeCloseTo(known.kwh * 0.5, 12);
    expect(odd.kwh_high / odd.kwh).toBeCloseTo(defaultProfile.costRatioBand.high, 9);
  });

  it('accounts each file by what the methodology made of its rows, fallbacks apart', async () => {
    const known = writeFocus(dir, 'known.csv', [{ ResourceId: 'a' }, { ResourceId: 'mars', RegionId: 'mars-north-1' }, { ResourceId: 'zz', ChargeDescription: 'per On Demand Linux zz9.large Instance Hour' }]);
    const alone = writeFocus(dir, 'alone.csv', [{ ResourceId: 'zz2', ChargeDescription: 'per On Demand Linux zz9.mega Instance Hour', BillingAccountId: '999' }]);
    // two exports, ingested apart
    const k = await store.ingest(known, { candidates: billingSources });
    const a = await store.ingest(alone, { candidates: billingSources });
    await store.estimate(defaultProfile);
    const outcomes = await store.outcomes('default');
    const pick = (id: number | undefined) => outcomes.find((o) => o.fileId === id);
    // the unknown region is priced with the provider's average grid, the unknown type from the file's cost ratio
    expect(pick(k.fileId)).toMatchObject({ rowsRead: 3, estimated: 1, fallback: 2, unclassified: 0 });
    // a file with nothing to take a cost ratio from leaves its unknown type without an estimate, and says so
    expect(pick(a.fileId)).toMatchObject({ rowsRead: 1, estimated: 0, fallback: 0, unclassified: 1 });
    expect((await store.outcomes('default', [a.fileId])).map((o) => o.fileId)).toEqual([a.fileId]);
    const byFlags = await store.footprint({ by: ['status', 'flags'], methodology: 'default' }, defaultAttribution);
    expect(byFlags.map((r) => [r['status'], r['flags'], r['rows']])).toEqual(expect.arrayContaining([
      ['fallback', 'region_unknown:provider_average_grid', 1],
      ['fallback', 'instance_type_unknown:cost_ratio', 1],
      ['unclassified', 'cost_ratio_unavailable no_energy_model:cost_ratio', 1],
      ['estimated', null, 1],
    ]));
  });

  it('takes the cost ratio over the whole export: split into files ingested together, it prices as one file', async () => {
    const rows: FocusRow[] = [
      { ResourceId: 'a', BilledCost: 1, EffectiveCost: 1 },
      { ResourceId: 'b', RegionId: 'eu-west-1', BilledCost: 2, EffectiveCost: 2 },
      { ResourceId: 'zz', ChargeDescription: 'per On Demand Linux zz9.large Instance Hour', BilledCost: 4, EffectiveCost: 4 },
    ];
    const kwhOf = async (): Promise<number | undefined> =>
      (await store.db.all<{ kwh: number }>("SELECT kwh FROM footprint WHERE resource_id = 'zz' AND row_status = 'ok'"))[0]?.kwh;
    await store.ingest(writeFocus(dir, 'whole.csv', rows), { candidates: billingSources });
    await store.estimate(defaultProfile);
    const whole = await kwhOf();
    store.close();
    store = await openDuckStore(':memory:');
    await store.ingestAll([writeFocus(dir, 'p1.csv', rows.slice(0, 2)), writeFocus(dir, 'p2.csv', rows.slice(2))], { candidates: billingSources });
    await store.estimate(defaultProfile);
    expect(whole).toBeGreaterThan(0);
    expect(await kwhOf()).toBeCloseTo(whole ?? Number.NaN, 12);
  });

  it('prices a usage line without a quantity from the file\'s cost ratio, flagged, never as zero, and apart from lines with one', async () => {
    // 'a' and 'noqty' are the same kind of charge on the same day: stored apart all the same
    const fp = await estimateRows([
      { ResourceId: 'a', BilledCost: 1, EffectiveCost: 1 },
      { ResourceId: 'a', ConsumedQuantity: null, BilledCost: 3, EffectiveCost: 3 },
      { ResourceId: 'b', BilledCost: 1, EffectiveCost: 1 },
    ]);
    const rows = await store.db.all<Fp & Record<string, unknown> & { quantity: number | null; cost_ratio: boolean }>("SELECT * FROM footprint WHERE resource_id = 'a' ORDER BY quantity NULLS LAST");
    expect(rows.map((r) => [r.quantity, r.status, r.cost_ratio])).toEqual([[1, 'estimated', false], [null, 'fallback', true]]);
    const b = must(fp.get('b'), 'b');
    const noQty = must(rows[1], 'no quantity');
    expect(noQty.flags).toContain('quantity_missing:cost_ratio');
    // the ratio is taken over the two lines priced by their own model (cost 1 each), the line without a quantity left out
    expect(noQty.kwh).toBeCloseTo(3 * b.kwh, 12);
    expect(noQty.kwh_high).toBeGreaterThan(noQty.kwh);
  });

  it('never adds costs in different currencies: the group names them and leaves its cost empty', async () => {
    await estimateRows([{ ResourceId: 'us', BilledCost: 1, EffectiveCost: 1 }, { ResourceId: 'eu', BillingCurrency: 'EUR', BilledCost: 2, EffectiveCost: 2 }]);
    const total = await store.footprint({ by: [], methodology: 'default' }, defaultAttribution);
    expect(total.map((r) => [r['cost'], r['currency'], r['rows']])).toEqual([[null, 'EUR+USD', 2]]);
    const byCurrency = await store.footprint({ by: ['currency'], methodology: 'default' }, defaultAttribution);
    expect(byCurrency.map((r) => [r['currency'], r['cost']]).sort()).toEqual([['EUR', 2], ['USD', 1]]);
  });

  it('re-estimates from stored usage without the raw file', async () => {
    const path = writeFocus(dir, 'gone.csv', [{ ResourceId: 'a' }]);
    await store.ingest(path, { candidates: billingSources });
    await store.estimate(defaultProfile);
    const before = await store.db.all<{ kwh: number }>('SELECT kwh FROM footprint');
    const { rmSync } = await import('node:fs');
    rmSync(path);
    await store.estimate(defaultProfile);
    const after = await store.db.all<{ kwh: number }>('SELECT kwh FROM footprint');
    expect(after).toEqual(before);
  });
});
