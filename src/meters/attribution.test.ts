import { describe, expect, it } from 'vitest';
import { attributeEnergy } from './attribution.js';
import type { Reading } from './types.js';

const r = (meter: string, device: string, scope: Reading['scope'], joules: number, extra: Partial<Reading> = {}): Reading => ({
  meter, method: meter === 'model' ? 'model' : meter === 'rapl' ? 'counter' : 'sampled', scope, device, t0: 0, t1: 10_000, joules, ...extra,
});
const cpu = (jobCpuSeconds: number, busyCpuSeconds: number, t0 = 0, t1 = 10_000) => ({ t0, t1, jobCpuSeconds, busyCpuSeconds });

describe('attributeEnergy', () => {
  it('gives the job its CPU-time share of every package and of DRAM; idle unknown is said', () => {
    const a = attributeEnergy({
      readings: [r('rapl', 'package-0', 'cpu_package', 100), r('rapl', 'package-1', 'cpu_package', 100), r('rapl', 'package-0/dram', 'dram', 20)],
      cpu: [cpu(5, 10)],
    });
    expect(a.job).toEqual({ cpu_package: 100, dram: 10, gpu: 0 });
    expect(a.other).toEqual({ cpu_package: 100, dram: 10, gpu: 0 });
    expect(a.idle).toEqual({ cpu_package: 0, dram: 0, gpu: 0 });
    expect(a.devices[0]).toMatchObject({ share: 0.5, basis: 'cpu-time', idleKnown: false });
    expect(a.notes.join(' ')).toMatch(/rapl\/package-0: idle power unknown/);
  });

  it('reports idle apart where it is known and splits only the rest', () => {
    const a = attributeEnergy({ readings: [r('model', 'cpu', 'cpu_package', 30, { idleWatts: 1 })], cpu: [cpu(2, 8)] });
    expect(a.idle.cpu_package).toBeCloseTo(10, 12);
    expect(a.job.cpu_package).toBeCloseTo(5, 12);
    expect(a.other.cpu_package).toBeCloseTo(15, 12);
    const b = attributeEnergy({ readings: [r('rapl', 'package-0', 'cpu_package', 100)], cpu: [cpu(10, 10)], idleWatts: { 'rapl/package-0': 4 } });
    expect([b.idle.cpu_package, b.job.cpu_package, b.other.cpu_package]).toEqual([40, 60, 0]);
  });

  it('caps the share at 1 and gives 0 when nothing ran', () => {
    expect(attributeEnergy({ readings: [r('rapl', 'package-0', 'cpu_package', 50)], cpu: [cpu(12, 10)] }).job.cpu_package).toBe(50);
    expect(attributeEnergy({ readings: [r('rapl', 'package-0', 'cpu_package', 50)], cpu: [cpu(0, 0)] }).other.cpu_package).toBe(50);
  });

  it('spreads usage intervals that do not line up with the reading over their own time', () => {
    const a = attributeEnergy({ readings: [r('rapl', 'package-0', 'cpu_package', 100)], cpu: [cpu(5, 5, 0, 5_000), cpu(0, 10, 5_000, 15_000)] });
    expect(a.devices[0]?.share).toBeCloseTo(0.5, 12); // job 5 of busy 5 + 10/2
  });

  it('gives the job its share of the GPUs it uses, none of the others, and all of them without share data', () => {
    const readings = [
      r('nvidia-smi', 'gpu-0', 'gpu', 1000, { uuid: 'GPU-a' }),
      r('nvidia-smi', 'gpu-1', 'gpu', 500, { uuid: 'GPU-b' }),
    ];
    const gpu = [{ t0: 0, t1: 10_000, shares: [{ index: 0, uuid: 'GPU-a', share: 0.75, basis: 'sm' }] }];
    const a = attributeEnergy({ readings, cpu: [], gpu, idleWatts: { 'nvidia-smi/gpu-0': 50 } });
    expect(a.devices.map((d) => [d.device, d.idleJoules, d.jobJoules, d.otherJoules, d.basis])).toEqual([
      ['gpu-0', 500, 375, 125, 'sm'],
      ['gpu-1', 0, 0, 500, 'unused'],
    ]);
    expect(attributeEnergy({ readings, cpu: [] }).job.gpu).toBe(1500);
  });

  it('leaves out psys and a model reading of a scope a counter covers, and says so', () => {
    const a = attributeEnergy({
      readings: [r('rapl', 'package-0', 'cpu_package', 100), r('rapl', 'psys', 'node', 500), r('model', 'cpu', 'cpu_package', 77), r('model', 'memory', 'dram', 30)],
      cpu: [cpu(10, 10)],
    });
    expect(a.job).toEqual({ cpu_package: 100, dram: 30, gpu: 0 });
    expect(a.notes.join(' ')).toMatch(/psys: node-wide reading.*not attributed/);
    expect(a.notes.join(' ')).toMatch(/model\/cpu: model reading left out/);
  });

  it('sums a device over several readings with an energy-weighted share', () => {
    const a = attributeEnergy({
      readings: [r('rapl', 'package-0', 'cpu_package', 100), r('rapl', 'package-0', 'cpu_package', 300, { t0: 10_000, t1: 20_000 })],
      cpu: [cpu(10, 10), cpu(0, 10, 10_000, 20_000)],
    });
    expect(a.devices).toHaveLength(1);
    expect(a.devices[0]).toMatchObject({ joules: 400, jobJoules: 100, otherJoules: 300, share: 0.25 });
  });
});
