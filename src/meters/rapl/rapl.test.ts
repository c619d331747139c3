import { chmodSync, mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFakeSysfs, twoSocketXeon, type FakeSysfs, type FakeZone } from '../../../test/fixtures/meters/fake-sysfs.js';
import { runMeterContract } from '../../../test/fixtures/meters/contract.js';
import { nodeFs, type MeterFs } from '../_io.js';
import { createRaplMeter } from './meter.js';
import { counterDeltaUj, discoverZones } from './zones.js';

const trees: FakeSysfs[] = [];
const tree = (zones: readonly FakeZone[]): FakeSysfs => {
  const t = makeFakeSysfs(zones);
  trees.push(t);
  return t;
};
afterEach(() => trees.splice(0).forEach((t) => t.remove()));

/** A file system that denies energy_uj like a non-root user on kernel >= 5.10, whoever runs the test. */
const denyingFs: MeterFs = {
  list: nodeFs.list,
  readText: async (p) => {
    if (p.endsWith('/energy_uj')) throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
    return nodeFs.readText(p);
  },
};

runMeterContract({
  name: 'rapl, two-socket Xeon',
  expect: 'running',
  make: async () => {
    const t = makeFakeSysfs(twoSocketXeon);
    let step = 1;
    const drive = async (): Promise<void> => {
      step++;
      t.setEnergy('intel-rapl:0', 1_000_000 * step);
      t.setEnergy('intel-rapl:1', 2_000_000 * step);
    };
    return { meter: createRaplMeter({ root: t.root }), drive, cleanup: () => t.remove() };
  },
});
runMeterContract({ name: 'rapl, no powercap', expect: 'unavailable', make: async () => ({ meter: createRaplMeter({ root: '/nonexistent/powercap' }) }) });
runMeterContract({
  name: 'rapl, root-only counters',
  expect: 'unavailable',
  make: async () => {
    const t = makeFakeSysfs(twoSocketXeon);
    return { meter: createRaplMeter({ root: t.root, fs: denyingFs }), cleanup: () => t.remove() };
  },
});

describe('RAPL zones', () => {
  it('counts every package and its DRAM; psys, core and the MMIO duplicate are left out', async () => {
    const t = tree(twoSocketXeon);
    const { zones, notes } = await discoverZones(t.root, nodeFs);
    expect(zones.map((z) => `${z.device}:${z.kind}`)).toEqual([
      'package-0:package', 'package-0/dram:dram', 'package-1:package', 'package-1/dram:dram', 'psys:psys',
    ]);
    expect(notes.join(' ')).toMatch(/mmio/);
    expect(notes.join(' ')).toMatch(/core\/uncore/);
  });

  it('corrects a counter wrap with max_energy_range_uj', () => {
    expect(counterDeltaUj(100, 250, 1000)).toBe(150);
    expect(counterDeltaUj(900, 50, 1000)).toBe(150);
    expect(counterDeltaUj(900, 50, undefined)).toBeUndefined();
  });
});

describe('RAPL meter', () => {
  it('reads joules per package and DRAM over each interval, never psys by default', async () => {
    const t = tree(twoSocketXeon);
    const m = createRaplMeter({ root: t.root });
    expect(await m.start(1_000)).toEqual({ state: 'running' });
    t.setEnergy('intel-rapl:0', 1_000_000 + 50_000_000); // +50 J
    t.setEnergy('intel-rapl:0:0', 500_000 + 5_000_000); // +5 J
    t.setEnergy('intel-rapl:1', 2_000_000 + 30_000_000); // +30 J
    t.setEnergy('intel-rapl:2', 99_000_000); // psys moves, must not appear
    const r = await m.sample(2_000);
    expect(r.map((x) => [x.device, x.scope, x.joules, x.watts, x.method])).toEqual([
      ['package-0', 'cpu_package', 50, 50, 'counter'],
      ['package-0/dram', 'dram', 5, 5, 'counter'],
      ['package-1', 'cpu_package', 30, 30, 'counter'],
      ['package-1/dram', 'dram', 0, 0, 'counter'],
    ]);
    expect(r.every((x) => x.t0 === 1_000 && x.t1 === 2_000)).toBe(true);
    expect(m.notes().join(' ')).toMatch(/psys .*ignored/);
  });

  it('reports psys on its own with scope node when asked', async () => {
    const t = tree(twoSocketXeon);
    const m = createRaplMeter({ root: t.root, psys: 'report' });
    await m.start(0);
    t.setEnergy('intel-rapl:2', 9_000_000 + 120_000_000);
    const psys = (await m.sample(1_000)).filter((x) => x.scope === 'node');
    expect(psys).toMatchObject([{ device: 'psys', joules: 120 }]);
  });

  it('handles a wrap between samples', async () => {
    const max = 262_143_328_850;
    const t = tree([{ id: 'intel-rapl:0', name: 'package-0', energyUj: max - 1_000_000, maxRangeUj: max }]);
    const m = createRaplMeter({ root: t.root });
    await m.start(0);
    t.setEnergy('intel-rapl:0', 3_000_000);
    expect((await m.sample(1_000))[0]?.joules).toBeCloseTo(4, 9);
  });

  it('drops an interval that goes backwards without a known range, and says so', async () => {
    const t = tree([{ id: 'intel-rapl:0', name: 'package-0', energyUj: 5_000_000 }]);
    const m = createRaplMeter({ root: t.root });
    await m.start(0);
    t.setEnergy('intel-rapl:0', 1_000_000);
    expect(await m.sample(1_000)).toEqual([]);
    t.setEnergy('intel-rapl:0', 3_000_000);
    expect((await m.sample(2_000))[0]).toMatchObject({ joules: 2, t0: 1_000 });
    expect(m.notes().join(' ')).toMatch(/backwards/);
  });

  it('reads an AMD Zen layout (package and core only) and multi-die package names', async () => {
    const t = tree([
      { id: 'intel-rapl:0', name: 'package-0-die-0', energyUj: 0, maxRangeUj: 1e12 },
      { id: 'intel-rapl:0:0', name: 'core', energyUj: 0, maxRangeUj: 1e12 },
      { id: 'intel-rapl:1', name: 'package-0-die-1', energyUj: 0, maxRangeUj: 1e12 },
    ]);
    const m = createRaplMeter({ root: t.root });
    await m.start(0);
    t.setEnergy('intel-rapl:1', 7_000_000);
    expect((await m.sample(1_000)).map((x) => [x.device, x.joules])).toEqual([['package-0-die-0', 0], ['package-0-die-1', 7]]);
  });

  it('skips a zone whose energy_uj is missing or a directory, keeping the others', async () => {
    const t = tree([
      { id: 'intel-rapl:0', name: 'package-0', energyUj: 0, maxRangeUj: 1e12 },
      { id: 'intel-rapl:0:0', name: 'dram', maxRangeUj: 1e12 },
      { id: 'intel-rapl:1', name: 'package-1', maxRangeUj: 1e12 },
    ]);
    mkdirSync(t.path('intel-rapl:1', 'energy_uj'));
    const m = createRaplMeter({ root: t.root });
    expect((await m.start()).state).toBe('running');
    expect((await m.stop()).map((x) => x.device)).toEqual(['package-0']);
    expect(m.notes().join(' ')).toMatch(/package-0\/dram unreadable \(ENOENT\).*package-1 unreadable \(EISDIR\)/);
  });

  it('is unavailable with a how-to-grant-access message when energy_uj is root-only (injected EACCES)', async () => {
    const t = tree(twoSocketXeon);
    const st = await createRaplMeter({ root: t.root, fs: denyingFs }).start();
    if (st.state !== 'unavailable') throw new Error(st.state);
    expect(st.reason).toMatch(/root only/);
    expect(st.reason).toMatch(/chmod o\+r/);
    expect(st.reason).toMatch(/udev/);
    expect(st.reason).toMatch(/run as root/);
  });

  const isRoot = process.getuid?.() === 0;
  it.skipIf(isRoot)('is unavailable when energy_uj is mode 000 on disk (skipped as root: root bypasses file modes)', async () => {
    const t = tree(twoSocketXeon);
    chmodSync(t.path('intel-rapl:0', 'energy_uj'), 0o000);
    const st = await createRaplMeter({ root: t.root }).start();
    expect(st.state === 'unavailable' && st.reason.includes('root only')).toBe(true);
  });

  it('is unavailable when there is no package zone', async () => {
    const t = tree([{ id: 'intel-rapl:0', name: 'psys', energyUj: 0 }]);
    expect(await createRaplMeter({ root: t.root }).start()).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/no RAPL package/) });
  });
});
