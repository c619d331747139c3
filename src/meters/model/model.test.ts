import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMeterContract } from '../../../test/fixtures/meters/contract.js';
import type { MeterFs } from '../_io.js';
import { cpuPowerFraction } from './curves.js';
import { createModelMeter } from './meter.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/meters/proc/${name}`, import.meta.url), 'utf8');

/** /proc with a /proc/stat whose busy and idle ticks the test sets. */
function fakeProc(cpuinfo = fixture('cpuinfo-m5large.txt')): { fs: MeterFs; tick(busy: number, idle: number): void } {
  let busy = 0;
  let idle = 0;
  const files = (): Record<string, string> => ({
    '/p/cpuinfo': cpuinfo,
    '/p/meminfo': fixture('meminfo.txt'),
    '/p/stat': `cpu  ${busy} 0 0 ${idle} 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\n`,
  });
  return {
    fs: {
      readText: async (p) => files()[p] ?? Promise.reject(Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' })),
      list: async () => [],
    },
    tick: (b, i) => {
      busy += b;
      idle += i;
    },
  };
}

runMeterContract({
  name: 'model, fake /proc',
  expect: 'running',
  make: async () => {
    const p = fakeProc();
    return { meter: createModelMeter({ procRoot: '/p', fs: p.fs }), drive: async () => p.tick(50, 50) };
  },
});
runMeterContract({
  name: 'model, no /proc/stat',
  expect: 'unavailable',
  make: async () => ({ meter: createModelMeter({ procRoot: '/nonexistent/proc' }) }),
});
runMeterContract({
  name: 'model, this machine',
  expect: 'running',
  skip: process.platform === 'linux' ? undefined : 'needs Linux /proc',
  make: async () => ({ meter: createModelMeter(), drive: () => new Promise((r) => setTimeout(r, 50)) }),
});

describe('CPU power curves', () => {
  it("CodeCarbon's cubic: 10 % of TDP at idle, TDP at full load", () => {
    expect(cpuPowerFraction('codecarbon', 0)).toBe(0.1);
    expect(cpuPowerFraction('codecarbon', 0.5)).toBeCloseTo(0.2125, 12);
    expect(cpuPowerFraction('codecarbon', 1)).toBe(1);
    expect(cpuPowerFraction('codecarbon', 2)).toBe(1);
  });
  it('the Teads shape scaled to TDP at full load', () => {
    expect(cpuPowerFraction('teads', 0)).toBeCloseTo(0.12 / 1.02, 12);
    expect(cpuPowerFraction('teads', 0.5)).toBeCloseTo(0.75 / 1.02, 12);
    expect(cpuPowerFraction('teads', 1)).toBeCloseTo(1, 12);
  });
});

describe('model meter', () => {
  it('gives TDP x curve(load) for the visible slice of the CPU, and 0.375 W/GiB of memory', async () => {
    const p = fakeProc();
    const m = createModelMeter({ procRoot: '/p', fs: p.fs });
    await m.start(0);
    p.tick(500, 500); // load 0.5 over the interval
    const [cpu, ram] = await m.sample(10_000);
    // m5.large: 2 vCPUs = 1 of the 24 cores of a 210 W Xeon 8259CL = 8.75 W; x 0.2125 at 50 % load.
    expect(cpu).toMatchObject({ meter: 'model', method: 'model', scope: 'cpu_package', device: 'cpu', t0: 0, t1: 10_000, idleWatts: 0.875 });
    expect(cpu?.joules).toBeCloseTo(8.75 * 0.2125 * 10, 9);
    expect(cpu?.model).toEqual({ curve: 'codecarbon', factorIds: ['tdp:intel-xeon-platinum-8259cl'], fallback: false, band: { low: 0.5, high: 1.3 }, load: 0.5 });
    expect(ram).toMatchObject({ scope: 'dram', device: 'memory', model: { curve: 'constant', factorIds: ['ram:codecarbon-3w-per-8gb'] } });
    expect(ram?.joules).toBeCloseTo(0.375 * ((8039672 * 1024) / 1024 ** 3) * 10, 9);
    expect(m.notes().join(' ')).toMatch(/Intel Xeon Platinum 8259CL \(exact\), 210 W TDP, scaled to 8.8 W/);
  });

  it('uses the Teads curve when asked, and flags an unknown CPU with the per-logical-CPU default', async () => {
    const p = fakeProc(fixture('cpuinfo-m5large.txt').replaceAll('Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz', 'AMD EPYC'));
    const m = createModelMeter({ procRoot: '/p', fs: p.fs, curve: 'teads', memoryBytes: 0 });
    await m.start(0);
    p.tick(100, 0);
    const out = await m.sample(1000);
    expect(out).toHaveLength(1); // no memory reading for 0 bytes
    expect(out[0]?.joules).toBeCloseTo(3.5 * 2, 9); // 3.5 W per logical CPU at full load
    expect(out[0]?.model).toMatchObject({ curve: 'teads', fallback: true, factorIds: ['tdp:unknown-per-logical-cpu'] });
    expect(m.notes().join(' ')).toMatch(/"AMD EPYC" not in the TDP table/);
  });

  it('takes a CPU model given by the caller over /proc/cpuinfo', async () => {
    const p = fakeProc(fixture('cpuinfo-graviton2.txt'));
    const m = createModelMeter({ procRoot: '/p', fs: p.fs, cpuModel: 'AWS Graviton3' });
    await m.start(0);
    p.tick(0, 100);
    // 2 of 64 Graviton3 cores at idle: 105 W x 2/64 x 0.1
    expect((await m.sample(1000))[0]?.joules).toBeCloseTo(105 * (2 / 64) * 0.1, 9);
  });
});
