// Tests may read the shared reference data; the factor modules themselves may not (see eslint.config.js).
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuSources } from './cpu.js';
import { cpuModelKey, cpuTdpFactors, cpuTdpForHost, cpuTdpSources, lookupCpuTdp, ramWattsPerGB, scaledTdpWatts } from './cpu-tdp.js';

const sourceIds = new Set([...cpuTdpSources, ...cpuSources].map((s) => s.id));

describe('CPU TDP table', () => {
  it('cites a listed source for every entry, with positive watts and cores, unique ids and a band around 1', () => {
    for (const f of [...cpuTdpFactors, cpuTdpForHost(undefined).factor, ramWattsPerGB]) {
      expect(sourceIds.has(f.source), f.id).toBe(true);
      expect(f.band.low).toBeLessThanOrEqual(1);
      expect(f.band.high).toBeGreaterThanOrEqual(1);
      expect(f.year).toBeGreaterThan(2000);
    }
    for (const f of cpuTdpFactors) expect(f.tdpWatts > 0 && Number.isInteger(f.cores) && f.cores > 0, f.id).toBe(true);
    expect(new Set(cpuTdpFactors.map((f) => f.id)).size).toBe(cpuTdpFactors.length);
    expect(new Set(cpuTdpFactors.map((f) => cpuModelKey(f.model))).size).toBe(cpuTdpFactors.length);
  });

  it('covers Intel Xeon and Core, AMD EPYC and Ryzen, Apple M-series, AWS Graviton and custom cloud SKUs', () => {
    for (const name of ['Xeon Platinum 8259CL', 'Xeon Platinum 8488C', 'Core i7-1165G7', 'EPYC 7R13', 'EPYC 9R14', 'EPYC 7B13', 'Ryzen 9 5950X', 'Apple M3 Max', 'AWS Graviton3']) {
      expect(lookupCpuTdp(name), name).toBeDefined();
    }
  });

  const csv = new URL('../../../shared/data/instances/codecarbon_cpu_power.csv', import.meta.url);
  it.skipIf(!existsSync(csv))("matches CodeCarbon's cpu_power.csv for every entry sourced from it (skipped without ../shared/data)", () => {
    const rows = new Map(readFileSync(csv, 'utf8').split('\n').map((l) => l.split(',')).map(([n = '', w = '']) => [n.trim(), Number(w)]));
    const direct = cpuTdpFactors.filter((f) => f.source === 'codecarbon-cpu-power' && f.note === undefined);
    expect(direct.length).toBeGreaterThan(60);
    for (const f of direct) expect(rows.get(f.model), f.model).toBe(f.tdpWatts);
    expect(rows.get('Apple M1')).toBe(10);
    for (const f of cpuTdpFactors.filter((x) => x.note?.startsWith('No published TDP; proxy: ') === true)) {
      const like = /proxy: (.+?) \(/.exec(f.note ?? '')?.[1] ?? '';
      expect(rows.get(`${like.startsWith('EPYC') ? 'AMD' : 'Intel'} ${like}`), f.model).toBe(f.tdpWatts);
    }
  });
});

describe('CPU model name matching', () => {
  it('matches /proc/cpuinfo model names as clouds and laptops print them', () => {
    const cases: ReadonlyArray<[string, string, string]> = [
      ['Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz', 'Intel Xeon Platinum 8259CL', 'exact'],
      ['Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz', 'Intel Xeon E5-2686 v4', 'exact'],
      ['Intel(R) Xeon(R) Platinum 8480+', 'Intel Xeon Platinum 8480+', 'exact'],
      ['Intel(R) Core(TM) i7-1165G7 @ 2.80GHz', 'Intel Core i7-1165G7', 'exact'],
      ['Intel(R) Core(TM) Ultra 7 155H', 'Intel Core Ultra 7 155H', 'exact'],
      ['AMD EPYC 7R13 Processor', 'AMD EPYC 7R13', 'exact'],
      ['AMD EPYC 7763 64-Core Processor', 'AMD EPYC 7763', 'exact'],
      ['AMD Ryzen 9 5950X 16-Core Processor', 'AMD Ryzen 9 5950X', 'exact'],
      ['Apple M1 Pro', 'Apple M1 Pro', 'exact'],
      ['ARM Neoverse-N1', 'AWS Graviton2', 'alias'],
      ['Intel(R) Xeon(R) Gold 6148F CPU @ 2.40GHz', 'Intel Xeon Gold 6148', 'base-sku'],
      ['8259CL', 'Intel Xeon Platinum 8259CL', 'exact'],
    ];
    for (const [input, model, matched] of cases) expect(lookupCpuTdp(input), input).toMatchObject({ factor: { model }, matched });
  });

  it('does not guess: a hidden model number or an unknown part gives no match', () => {
    for (const n of ['Intel(R) Xeon(R) CPU @ 2.20GHz', 'AMD EPYC', 'QEMU Virtual CPU version 2.5+', 'Intel Xeon Gold 9999', '']) expect(lookupCpuTdp(n), n).toBeUndefined();
    expect(lookupCpuTdp('Ryzen 9 5950X')?.matched).toBe('exact'); // 'amd' absent: unique part number
  });

  it('falls back to a flagged per-logical-CPU default with a wide band', () => {
    const fb = cpuTdpForHost('Intel(R) Xeon(R) CPU @ 2.20GHz');
    expect(fb.matched).toBe('fallback');
    expect(fb.factor).toMatchObject({ id: 'tdp:unknown-per-logical-cpu', tdpWatts: 3.5, band: { low: 0.3, high: 3 } });
    expect(scaledTdpWatts(fb.factor, { logicalCpus: 4, threadsPerCore: 2, packages: 1 })).toBe(14);
    expect(cpuTdpForHost(undefined).factor.note).toMatch(/not reported/);
  });
});

describe('scaled TDP', () => {
  const f = (n: string) => lookupCpuTdp(n)?.factor ?? cpuTdpForHost(undefined).factor;
  it('takes the visible share of the cores, at most every package', () => {
    expect(scaledTdpWatts(f('8259CL'), { logicalCpus: 2, threadsPerCore: 2, packages: 1 })).toBeCloseTo(8.75, 12); // m5.large
    expect(scaledTdpWatts(f('8259CL'), { logicalCpus: 96, threadsPerCore: 2, packages: 2 })).toBe(420); // m5.metal
    expect(scaledTdpWatts(f('EPYC 9R14'), { logicalCpus: 2, threadsPerCore: 1, packages: 1 })).toBeCloseTo(7.5, 12); // m7a.large, no SMT
    expect(scaledTdpWatts(f('Apple M1'), { logicalCpus: 64, threadsPerCore: 1, packages: 1 })).toBe(10);
  });
  it('keeps the memory model at 3 W per 8 GB', () => {
    expect(ramWattsPerGB.wattsPerGB).toBe(0.375);
  });
});
