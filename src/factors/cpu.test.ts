// Tests may read the shared reference data; the factor modules themselves may not (see eslint.config.js).
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuArchFactors, cpuArchProviderVariants, cpuSources, lookupCpuArch } from './cpu.js';

const sourceIds = new Set(cpuSources.map((s) => s.id));
const all = [...cpuArchFactors, ...cpuArchProviderVariants];

describe('cpu factor table', () => {
  it('cites a listed source, with finite positive watts, idle below max, and a band around 1', () => {
    for (const f of all) {
      expect(sourceIds.has(f.source), f.id).toBe(true);
      expect(Number.isFinite(f.minWattsPerVcpu) && f.minWattsPerVcpu > 0, f.id).toBe(true);
      expect(Number.isFinite(f.maxWattsPerVcpu) && f.maxWattsPerVcpu > f.minWattsPerVcpu, f.id).toBe(true);
      expect(f.band.low).toBeLessThanOrEqual(1);
      expect(f.band.high).toBeGreaterThanOrEqual(1);
      expect(f.year).toBeGreaterThan(2000);
    }
  });

  it('has unique ids of the form cpu:<arch> (cpu:gcp:<arch> for GCP variants)', () => {
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    for (const f of cpuArchFactors) expect(f.id).toBe(`cpu:${f.arch}`);
    for (const f of cpuArchProviderVariants) expect(f.id).toBe(`cpu:${f.provider}:${f.arch}`);
  });

  it('covers the microarchitectures clouds run on', () => {
    const archs = [
      'cascade-lake', 'skylake', 'broadwell', 'haswell', 'coffee-lake', 'sandy-bridge', 'ivy-bridge', 'ice-lake',
      'sapphire-rapids', 'epyc-1st-gen', 'epyc-2nd-gen', 'epyc-3rd-gen', 'epyc-4th-gen', 'graviton', 'graviton2',
      'graviton3', 'aws-average', 'gcp-average', 'azure-average',
    ];
    for (const a of archs) expect(lookupCpuArch(a), a).toBeDefined();
  });

  it('keeps CCF full precision and the provider averages', () => {
    expect(lookupCpuArch('cascade-lake')?.minWattsPerVcpu).toBe(0.6389493581523519);
    expect(lookupCpuArch('cascade-lake')?.maxWattsPerVcpu).toBe(3.9673047343937564);
    expect(lookupCpuArch('aws-average')).toMatchObject({ id: 'cpu:aws-average', minWattsPerVcpu: 0.74, maxWattsPerVcpu: 3.5 });
    expect(lookupCpuArch('gcp-average')).toMatchObject({ minWattsPerVcpu: 0.68, maxWattsPerVcpu: 4.11 });
    expect(lookupCpuArch('azure-average')).toMatchObject({ minWattsPerVcpu: 0.74, maxWattsPerVcpu: 3.54 });
  });

  it('agrees with the METHODOLOGY-FACTS table within its 0.01 W step, except where CCF app and file differ', () => {
    // Haswell (app 1.00/4.74) and Skylake max (app 4.26) differ in CCF itself; see cpu.ts.
    const table: ReadonlyArray<[string, number, number]> = [
      ['cascade-lake', 0.64, 3.97], ['broadwell', 0.71, 3.69], ['coffee-lake', 1.14, 5.42],
      ['sandy-bridge', 2.17, 8.58], ['ivy-bridge', 3.04, 8.25], ['epyc-1st-gen', 0.82, 2.55],
      ['epyc-2nd-gen', 0.47, 1.69], ['graviton2', 0.47, 1.69], ['epyc-3rd-gen', 0.45, 2.02],
    ];
    const within = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) <= 0.01;
    for (const [arch, min, max] of table) {
      const f = lookupCpuArch(arch);
      expect(within(f?.minWattsPerVcpu, min), `${arch} min`).toBe(true);
      expect(within(f?.maxWattsPerVcpu, max), `${arch} max`).toBe(true);
    }
    expect(within(lookupCpuArch('skylake')?.minWattsPerVcpu, 0.65)).toBe(true);
  });
});

describe('lookupCpuArch', () => {
  it('accepts CCF and billing spellings', () => {
    expect(lookupCpuArch('Cascade Lake')?.id).toBe('cpu:cascade-lake');
    expect(lookupCpuArch('Sky Lake')?.id).toBe('cpu:skylake');
    expect(lookupCpuArch('AMD EPYC 2nd Gen')?.id).toBe('cpu:epyc-2nd-gen');
    expect(lookupCpuArch('EPYC 3rd Gen')?.id).toBe('cpu:epyc-3rd-gen');
    expect(lookupCpuArch('AWS Graviton2')?.id).toBe('cpu:graviton2');
    expect(lookupCpuArch('Ice Lake')?.id).toBe('cpu:ice-lake');
    expect(lookupCpuArch('no-such-chip')).toBeUndefined();
  });

  it("maps 'Unknown' to the provider's CCF average, and to nothing without a provider", () => {
    expect(lookupCpuArch('Unknown', 'aws')?.id).toBe('cpu:aws-average');
    expect(lookupCpuArch('unknown', 'azure')?.id).toBe('cpu:azure-average');
    expect(lookupCpuArch('Unknown')).toBeUndefined();
  });

  it("prefers CCF's GCP variant (memory-adjusted max) when asked for GCP", () => {
    expect(lookupCpuArch('skylake', 'gcp')).toMatchObject({ id: 'cpu:gcp:skylake', minWattsPerVcpu: 0.6446044454253452, maxWattsPerVcpu: 3.8984738056304855 });
    expect(lookupCpuArch('skylake', 'aws')?.id).toBe('cpu:skylake');
    expect(lookupCpuArch('coffee-lake', 'gcp')?.id).toBe('cpu:coffee-lake'); // GCP file has none
  });

  it('averages processor mixes as CCF does: mean, or median with Sandy/Ivy Bridge', () => {
    const sky = lookupCpuArch('skylake');
    const bdw = lookupCpuArch('broadwell');
    const mix = lookupCpuArch('skylake+broadwell');
    expect(mix?.minWattsPerVcpu).toBeCloseTo(((sky?.minWattsPerVcpu ?? 0) + (bdw?.minWattsPerVcpu ?? 0)) / 2, 12);
    // n1 mix: median of five. Max watts sorted: 3.69 (BDW), 4.19 (SKL), 6.01 (HSW), 8.25 (IVB), 8.58 (SNB).
    expect(lookupCpuArch('skylake+broadwell+haswell+ivy-bridge+sandy-bridge')?.maxWattsPerVcpu).toBe(lookupCpuArch('haswell')?.maxWattsPerVcpu);
    expect(lookupCpuArch('skylake+broadwell+haswell+ivy-bridge+sandy-bridge', 'gcp')?.maxWattsPerVcpu).toBe(5.9688982156043195);
  });
});

// Conformance with CCF's published coefficients files (shared reference data; absent in a fresh clone).
const useDir = new URL('../../../shared/data/instances/', import.meta.url);
const awsUse = new URL('ccf_coefficients-aws-use.csv', useDir);

function readUse(file: URL): Map<string, [number, number]> {
  const rows = readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1);
  return new Map(
    rows.map((line) => {
      const [, arch = '', min = '', max = ''] = line.split(',');
      return [arch, [Number(min), Number(max)]];
    }),
  );
}

describe.skipIf(!existsSync(awsUse))('conformance with CCF coefficients-*-use.csv', () => {
  const keyOf = (arch: string): string => (arch === 'Sky Lake' ? 'skylake' : arch);

  it('reproduces every AWS row exactly', () => {
    for (const [arch, [min, max]] of readUse(awsUse)) {
      const f = lookupCpuArch(keyOf(arch));
      expect(f?.minWattsPerVcpu, arch).toBe(min);
      expect(f?.maxWattsPerVcpu, arch).toBe(max);
    }
  });

  it('reproduces every GCP and Azure row exactly with the provider given', () => {
    for (const provider of ['gcp', 'azure'] as const) {
      for (const [arch, [min, max]] of readUse(new URL(`ccf_coefficients-${provider}-use.csv`, useDir))) {
        const f = lookupCpuArch(keyOf(arch), provider);
        expect(f?.minWattsPerVcpu, `${provider} ${arch}`).toBe(min);
        expect(f?.maxWattsPerVcpu, `${provider} ${arch}`).toBe(max);
      }
    }
  });
});
