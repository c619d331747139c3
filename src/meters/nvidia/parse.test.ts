import { describe, expect, it } from 'vitest';
import { parseComputeApps, parsePmon, jobGpuShares, visibleGpuShares } from './apps.js';
import { parseGpuList, resolveVisibleGpus } from './devices.js';
import { createTrapezoid } from './integrate.js';
import { parseGpuLine, parseSmiTimestamp } from './parse.js';

const T0 = new Date(2024, 4, 1, 12, 0, 0, 0).getTime();

describe('nvidia-smi --query-gpu lines', () => {
  it('reads a full line, in W, 0..1 and bytes', () => {
    expect(parseGpuLine('2024/05/01 12:00:00.250, 3, GPU-1a2b3c4d-0000-1111-2222-333344445555, NVIDIA H100 80GB HBM3, 312.45, 700.00, 87, 40000, 81559')).toEqual({
      t: T0 + 250, index: 3, uuid: 'GPU-1a2b3c4d-0000-1111-2222-333344445555', name: 'NVIDIA H100 80GB HBM3',
      powerW: 312.45, powerLimitW: 700, utilisation: 0.87, memoryUsedBytes: 40000 * 1048576, memoryTotalBytes: 81559 * 1048576,
    });
  });
  it('turns [N/A], [Not Supported] and other bracketed placeholders into missing values', () => {
    const s = parseGpuLine('2024/05/01 12:00:00.000, 0, GPU-ab, Tesla T4, [Not Supported], [N/A], [Unknown Error], 0, 15360');
    expect(s).toMatchObject({ powerW: undefined, powerLimitW: undefined, utilisation: undefined, memoryUsedBytes: 0 });
  });
  it('rejects malformed lines', () => {
    for (const bad of [
      'Unable to determine the device handle for GPU0000:3B:00.0: Unknown Error',
      '2024/05/01 12:00:00.000, 0, GPU-ab, Tesla T4, 70.1, 70, 3, 0',
      '2024/05/01 12:00:00.000, x, GPU-ab, Tesla T4, 70.1, 70, 3, 0, 1',
      '2024/05/01 12:00:00.000, 0, ab, Tesla T4, 70.1, 70, 3, 0, 1',
      '2024/05/01 12:00:00.000, 0, GPU-ab, Tesla T4, lots, 70, 3, 0, 1',
      '2024/05/01 12:00:00.000, 0, GPU-ab, Tesla T4, -5, 70, 3, 0, 1',
      '05/01/2024 12:00:00, 0, GPU-ab, Tesla T4, 5, 70, 3, 0, 1',
      '2024/05/01 12:00:00.000, 0, GPU-ab, Tesla T4, 70.1, 70, 3, 0, 1, 9',
    ]) expect(parseGpuLine(bad), bad).toBeUndefined();
  });
  it('reads timestamps with 0 to 3 decimals as local time', () => {
    expect(parseSmiTimestamp('2024/05/01 12:00:00')).toBe(T0);
    expect(parseSmiTimestamp('2024/05/01 12:00:00.5')).toBe(T0 + 500);
    expect(parseSmiTimestamp('yesterday')).toBeUndefined();
  });
});

const LIST = [
  'GPU 0: NVIDIA A100-SXM4-80GB (UUID: GPU-5a2e0f4c-aaaa-bbbb-cccc-000000000000)',
  '  MIG 3g.40gb     Device  0: (UUID: MIG-8d0f1111-aaaa-bbbb-cccc-000000000000)',
  '  MIG 3g.40gb     Device  1: (UUID: MIG-GPU-5a2e0f4c-aaaa-bbbb-cccc-000000000000/2/0)',
  'GPU 1: NVIDIA A100-SXM4-80GB (UUID: GPU-77770000-aaaa-bbbb-cccc-000000000000)',
  'GPU 2: NVIDIA L4 (UUID: GPU-99990000-aaaa-bbbb-cccc-000000000000)',
].join('\n');

describe('GPU list and CUDA_VISIBLE_DEVICES', () => {
  const gpus = parseGpuList(LIST);
  const pick = (spec: string | undefined): number[] => [...resolveVisibleGpus(spec, gpus).indices];
  it('lists GPUs with their MIG instances', () => {
    expect(gpus.map((g) => [g.index, g.name, g.mig.length])).toEqual([[0, 'NVIDIA A100-SXM4-80GB', 2], [1, 'NVIDIA A100-SXM4-80GB', 0], [2, 'NVIDIA L4', 0]]);
  });
  it('selects by index, UUID prefix, and stops at the first entry that matches nothing, as CUDA does', () => {
    expect(pick(undefined)).toEqual([0, 1, 2]);
    expect(pick('')).toEqual([]);
    expect(pick('2,0')).toEqual([2, 0]);
    expect(pick('GPU-7777')).toEqual([1]);
    expect(pick('1,7,0')).toEqual([1]);
    expect(pick('GPU-, 1')).toEqual([]); // a prefix that fits several GPUs is not unique
    expect(resolveVisibleGpus('1,7,0', gpus).notes.join(' ')).toMatch(/'7' matches no GPU/);
  });
  it('maps MIG ids (R470+ and legacy R450) to the parent GPU and says power is per physical GPU', () => {
    const v = resolveVisibleGpus('MIG-8d0f1111', gpus);
    expect([...v.indices]).toEqual([0]);
    expect(v.notes.join(' ')).toMatch(/MIG instance of GPU 0.*not per MIG instance/);
    expect(pick('MIG-GPU-5a2e0f4c-aaaa-bbbb-cccc-000000000000/2/0')).toEqual([0]);
  });
  it('warns that indices follow PCI order on a mixed-GPU host', () => {
    expect(resolveVisibleGpus('2', gpus).notes.join(' ')).toMatch(/CUDA_DEVICE_ORDER=PCI_BUS_ID/);
    expect(resolveVisibleGpus('GPU-9999', gpus).notes).toEqual([]);
  });
});

describe('trapezoid integration', () => {
  it('integrates exactly, carries the last point into the next interval, ignores samples out of order', () => {
    const tz = createTrapezoid();
    expect(tz.take()).toBeUndefined();
    tz.add({ t: 0, watts: 100, utilisation: 0 });
    expect(tz.take()).toBeUndefined();
    tz.add({ t: 1000, watts: 300, utilisation: 1 });
    expect(tz.add({ t: 500, watts: 9999 })).toBe(false);
    expect(tz.take()).toEqual({ t0: 0, t1: 1000, joules: 200, utilisation: 0.5, points: 2 });
    tz.add({ t: 3000, watts: 100 });
    expect(tz.take()).toEqual({ t0: 1000, t1: 3000, joules: 400, utilisation: undefined, points: 1 });
  });
});

describe('GPU processes and shares', () => {
  const gpus = parseGpuList(LIST);
  const [a, b] = ['GPU-5a2e0f4c-aaaa-bbbb-cccc-000000000000', 'GPU-77770000-aaaa-bbbb-cccc-000000000000'];
  const apps = parseComputeApps(`100, ${a}, 3000\n200, ${a}, 1000\n100, ${b}, 500\n300, ${b}, [N/A]\n\nNo running processes found\n`);
  it('parses compute apps, with [N/A] memory as missing', () => {
    expect(apps).toHaveLength(4);
    expect(apps[3]).toEqual({ pid: 300, gpuUuid: b, usedMemoryBytes: undefined });
  });
  it('parses pmon by its header, old and new column sets', () => {
    const newer = '# gpu         pid   type     sm    mem    enc    dec    jpg    ofa    command\n# Idx           #    C/G      %      %      %      %      %      %    name\n    0        100     C     60     10      -      -      -      -    python\n    0          -     -      -      -      -      -      -      -    -\n';
    expect(parsePmon(newer)).toEqual([{ gpuIndex: 0, pid: 100, sm: 0.6, mem: 0.1 }]);
    expect(parsePmon('# gpu pid type sm mem enc dec command\n# Idx # C/G % % % % name\n 1 200 C - - - - x\n')).toEqual([{ gpuIndex: 1, pid: 200, sm: undefined, mem: undefined }]);
    expect(parsePmon('nothing')).toEqual([]);
  });
  it('splits a shared GPU by SM share, else memory share, else evenly; a sole user gets it all', () => {
    const pmon = parsePmon('# gpu pid type sm mem command\n 0 100 C 30 1 p\n 0 200 C 10 1 p\n');
    const round = (xs: ReturnType<typeof jobGpuShares>) => xs.map((x) => ({ ...x, share: Number(x.share.toFixed(12)) }));
    expect(round(jobGpuShares({ jobPids: new Set([100]), apps, pmon, gpus }))).toEqual([
      { index: 0, uuid: a, share: 0.75, basis: 'sm' },
      { index: 1, uuid: b, share: 1, basis: 'memory' }, // 300 has no known memory: 500 of 500
    ]);
    expect(jobGpuShares({ jobPids: new Set([100]), apps, gpus })[0]).toEqual({ index: 0, uuid: a, share: 0.75, basis: 'memory' });
    expect(jobGpuShares({ jobPids: new Set([300]), apps: parseComputeApps(`100, ${b}, [N/A]\n300, ${b}, [N/A]\n`), gpus })).toEqual([{ index: 1, uuid: b, share: 0.5, basis: 'processes' }]);
    expect(jobGpuShares({ jobPids: new Set([200]), apps: apps.filter((x) => x.pid === 200), gpus })).toEqual([{ index: 0, uuid: a, share: 1, basis: 'exclusive' }]);
    expect(jobGpuShares({ jobPids: new Set([999]), apps, gpus })).toEqual([]);
    expect(visibleGpuShares(gpus.map((g) => ({ ...g, selected: g.index === 2 })))).toEqual([{ index: 2, uuid: gpus[2]?.uuid, share: 1, basis: 'visible-devices' }]);
  });
});
