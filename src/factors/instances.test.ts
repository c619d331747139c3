// Tests may read the shared reference data; the factor modules themselves may not (see eslint.config.js).
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuArchFactors } from './cpu.js';
import { gpuFactors } from './gpu.js';
import { instanceSources, instanceTypes, lookupInstance } from './instances.js';

const sourceIds = new Set(instanceSources.map((s) => s.id));

describe('instance type table', () => {
  it('has sane, sourced rows', () => {
    for (const t of instanceTypes) {
      expect(sourceIds.has(t.source), t.name).toBe(true);
      expect(t.name, t.name).toBe(t.name.toLowerCase());
      expect(Number.isInteger(t.vcpus) && t.vcpus > 0, t.name).toBe(true);
      expect(Number.isFinite(t.memoryGB) && t.memoryGB > 0, t.name).toBe(true);
      expect(t.hostVcpus, t.name).toBeGreaterThanOrEqual(t.vcpus);
      expect(t.gpus >= 0 && Number.isFinite(t.gpus), t.name).toBe(true);
      expect(t.gpus > 0, t.name).toBe(t.gpuModel !== undefined);
      expect(t.year).toBeGreaterThan(2000);
    }
  });

  it('has one row per provider and name', () => {
    const keys = instanceTypes.map((t) => `${t.provider}:${t.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('references only GPU models and CPU architectures that exist', () => {
    const gpus = new Set(gpuFactors.map((g) => g.model));
    const archs = new Set(cpuArchFactors.map((c) => c.arch));
    for (const t of instanceTypes) {
      if (t.gpuModel !== undefined) expect(gpus.has(t.gpuModel), `${t.name} ${t.gpuModel}`).toBe(true);
      expect(archs.has(t.cpuArch), `${t.name} ${t.cpuArch}`).toBe(true);
    }
  });

  it('covers the families bills mention most', () => {
    const names = [
      ['aws', 't3.micro'], ['aws', 'm5.large'], ['aws', 'm6i.large'], ['aws', 'm7g.large'], ['aws', 'c7i.large'],
      ['aws', 'r7g.large'], ['aws', 'x1e.xlarge'], ['aws', 'i3.large'], ['aws', 'g4dn.xlarge'], ['aws', 'g5.xlarge'],
      ['aws', 'g6e.xlarge'], ['aws', 'p3.2xlarge'], ['aws', 'p5.48xlarge'], ['aws', 'p5e.48xlarge'],
      ['azure', 'standard_d2s_v3'], ['azure', 'standard_d2ads_v5'], ['azure', 'standard_e8s_v5'], ['azure', 'standard_f4s_v2'],
      ['azure', 'standard_b2ms'], ['azure', 'standard_nc4as_t4_v3'], ['azure', 'standard_nv36ads_a10_v5'],
      ['gcp', 'e2-medium'], ['gcp', 'n1-standard-1'], ['gcp', 'n2d-highcpu-224'], ['gcp', 'c3-standard-22'],
      ['gcp', 'm1-ultramem-40'], ['gcp', 't2d-standard-1'], ['gcp', 'a2-ultragpu-8g'], ['gcp', 'g2-standard-24'],
    ] as const;
    for (const [p, n] of names) expect(lookupInstance(p, n), n).toBeDefined();
  });
});

describe('spot values', () => {
  it('m5.large: 2 vCPU, 8 GB on a 96-vCPU host; m5.24xlarge takes the whole host (48x the share)', () => {
    const small = lookupInstance('aws', 'm5.large');
    const whole = lookupInstance('aws', 'm5.24xlarge');
    expect(small).toMatchObject({ vcpus: 2, memoryGB: 8, hostVcpus: 96, cpuArch: 'skylake', family: 'm5', gpus: 0 });
    expect(whole).toMatchObject({ vcpus: 96, hostVcpus: 96 });
    const share = (t: typeof small): number => (t ? t.vcpus / t.hostVcpus : Number.NaN);
    expect(share(whole) / share(small)).toBe(48);
  });

  it('p4d.24xlarge: 8 x A100 40 GB SXM4, 96 vCPU, 1,152 GB', () => {
    expect(lookupInstance('aws', 'p4d.24xlarge')).toMatchObject({ vcpus: 96, memoryGB: 1152, gpus: 8, gpuModel: 'a100-sxm4-40gb', hostVcpus: 96 });
  });

  it('standard_nc24ads_a100_v4: 24 vCPU, 1 x A100 80 GB (PCIe)', () => {
    expect(lookupInstance('azure', 'standard_nc24ads_a100_v4')).toMatchObject({ vcpus: 24, memoryGB: 220, gpus: 1, gpuModel: 'a100-pcie-80gb' });
  });

  it('a2-highgpu-1g: 12 vCPU, 85 GB, 1 x A100 40 GB', () => {
    expect(lookupInstance('gcp', 'a2-highgpu-1g')).toMatchObject({ vcpus: 12, memoryGB: 85, gpus: 1, gpuModel: 'a100-sxm4-40gb' });
  });

  it('a3-highgpu-8g: 208 vCPU, 8 x H100', () => {
    expect(lookupInstance('gcp', 'a3-highgpu-8g')).toMatchObject({ vcpus: 208, gpus: 8, gpuModel: 'h100-sxm5-80gb' });
  });

  it('ND A100 v4 and ND H100 v5: 96 vCPU, 8 SXM GPUs', () => {
    expect(lookupInstance('azure', 'Standard_ND96asr_v4')).toMatchObject({ vcpus: 96, gpus: 8, gpuModel: 'a100-sxm4-40gb' });
    expect(lookupInstance('azure', 'Standard_ND96isr_H100_v5')).toMatchObject({ vcpus: 96, gpus: 8, gpuModel: 'h100-sxm5-80gb' });
  });

  it('NVadsA10 v5: fractional GPUs on the small sizes', () => {
    expect(lookupInstance('azure', 'Standard_NV6ads_A10_v5')?.gpus).toBeCloseTo(1 / 6, 12);
  });
});

describe('lookupInstance', () => {
  it('is case-insensitive and strips AWS managed-service prefixes to the base type', () => {
    expect(lookupInstance('aws', 'M5.Large')?.name).toBe('m5.large');
    expect(lookupInstance('aws', 'db.m5.large')?.name).toBe('m5.large');
    expect(lookupInstance('aws', 'ml.p4d.24xlarge')?.name).toBe('p4d.24xlarge');
    expect(lookupInstance('aws', 'cache.r6g.large')?.name).toBe('r6g.large');
    expect(lookupInstance('aws', 'r5.large.search')?.name).toBe('r5.large');
    expect(lookupInstance('aws', 'm5.huge')).toBeUndefined();
  });

  it('accepts Azure ARM names, meter names and pricing-tier suffixes', () => {
    for (const n of ['Standard_D2s_v3', 'standard_d2s_v3', 'D2s v3', 'D2s v3 Spot', 'd2s v3 low priority']) {
      expect(lookupInstance('azure', n)?.name, n).toBe('standard_d2s_v3');
    }
    expect(lookupInstance('azure', 'NC24ads A100 v4')?.name).toBe('standard_nc24ads_a100_v4');
    expect(lookupInstance('azure', 'B1ms')?.name).toBe('standard_b1ms');
  });

  it('accepts GCP machine-type URLs', () => {
    expect(lookupInstance('gcp', 'N2-Standard-4')?.name).toBe('n2-standard-4');
    expect(lookupInstance('gcp', 'projects/p/zones/us-central1-a/machineTypes/a2-highgpu-1g')?.name).toBe('a2-highgpu-1g');
  });

  it('keeps providers apart', () => {
    expect(lookupInstance('gcp', 'm5.large')).toBeUndefined();
    expect(lookupInstance('other', 'm5.large')).toBeUndefined();
  });
});

// Conformance with CCF's instance files (shared reference data; absent in a fresh clone, then skipped).
const dataDir = new URL('../../../shared/data/instances/', import.meta.url);
const awsCsv = new URL('ccf_aws-instances.csv', dataDir);
const gcpCsv = new URL('ccf_gcp-instances.csv', dataDir);
const azureCsv = new URL('ccf_azure-instances.csv', dataDir);

/** Minimal CSV reader: quoted fields may hold commas (CCF writes decimals as "0,29"). */
function readCsv(file: URL): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const cols = split(head ?? '');
  return lines.map((l) => {
    const cells = split(l);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

const num = (s: string | undefined): number => Number((s ?? '').replace(',', '.'));

describe.skipIf(!existsSync(awsCsv))('conformance with CCF aws-instances.csv', () => {
  it('matches vCPUs, memory, platform vCPUs and GPU count of every EC2 type both tables have', () => {
    let compared = 0;
    for (const row of readCsv(awsCsv)) {
      const name = row['Instance type'] ?? '';
      // Managed-service rows (db., cache., .elasticsearch) are variants of EC2 types, not our rows.
      if (/^(db|cache)\.|\.elasticsearch$/.test(name)) continue;
      const t = instanceTypes.find((x) => x.provider === 'aws' && x.name === name);
      if (t === undefined) continue;
      compared += 1;
      const gpus = row['Instance Number of GPU'] === 'N/A' ? 0 : num(row['Instance Number of GPU']);
      expect([t.vcpus, t.memoryGB, t.hostVcpus, t.gpus], name).toEqual([
        num(row['Instance vCPU']),
        num(row['Instance Memory (in GB)']),
        num(row['Platform Total Number of vCPU']),
        gpus,
      ]);
    }
    expect(compared).toBeGreaterThan(350);
  });
});

describe.skipIf(!existsSync(gcpCsv))('conformance with CCF gcp-instances.csv', () => {
  it('matches vCPUs, memory, platform vCPUs and GPUs (except m2, where CCF gives memory in TB)', () => {
    let compared = 0;
    for (const row of readCsv(gcpCsv)) {
      const name = row['Machine type'] ?? '';
      const t = lookupInstance('gcp', name);
      expect(t, name).toBeDefined();
      if (t === undefined || name.startsWith('m2-')) continue;
      compared += 1;
      expect([t.vcpus, t.memoryGB, t.hostVcpus, t.gpus], name).toEqual([
        num(row['Instance vCPUs']),
        num(row['Instance Memory']),
        num(row['Platform vCPUs (highest vCPU possible)']),
        num(row['Instance GPUs']),
      ]);
    }
    expect(compared).toBeGreaterThan(250); // rows, one per listed microarchitecture
  });
});

describe.skipIf(!existsSync(azureCsv))('conformance with CCF azure-instances.csv', () => {
  // Microsoft's size pages list 110 / 440 GiB for these; CCF's csv has 112 / 448.
  const documentedDifferences = new Set(['NC16as T4 v3', 'NC64as T4 v3']);

  it('matches vCPUs, memory and GPUs of every size both tables have (CCF meter names resolve)', () => {
    let compared = 0;
    for (const row of readCsv(azureCsv)) {
      const name = row['Virtual Machine'] ?? '';
      const t = lookupInstance('azure', name);
      if (t === undefined || documentedDifferences.has(name)) continue;
      compared += 1;
      expect([t.vcpus, t.memoryGB, t.gpus], name).toEqual([num(row['Instance vCPUs']), num(row['Instance Memory']), num(row['Instance GPUs'] || '0')]);
    }
    expect(compared).toBeGreaterThan(300);
  });
});
