import { chmodSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runMeterContract } from '../../../test/fixtures/meters/contract.js';
import type { Reading } from '../types.js';
import { jobGpuShares, queryGpuProcesses } from './apps.js';
import { createNvidiaMeter, type NvidiaMeter, type NvidiaMeterOptions } from './meter.js';

// The fake replays synthetic timestamps exactly `-lms` apart (see test/fixtures/meters/fake-nvidia-smi.mjs).
const fakeBin = fileURLToPath(new URL('../../../test/fixtures/meters/bin', import.meta.url));
chmodSync(`${fakeBin}/nvidia-smi`, 0o755); // in case a checkout lost the mode
const PERIOD = 50;
const env = (extra: Record<string, string> = {}): Record<string, string | undefined> => ({ ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ''}`, ...extra });
const meter = (o: Partial<NvidiaMeterOptions> = {}, extra: Record<string, string> = {}): NvidiaMeter =>
  createNvidiaMeter({ intervalMs: PERIOD, env: env(extra), ...o });

/** Waits, however long it takes, until the fake has exited after its last batch. */
async function untilEnded(m: NvidiaMeter): Promise<void> {
  while (m.status().state === 'running') await sleep(PERIOD);
}
const byDevice = (rs: readonly Reading[], device: string): Reading[] => rs.filter((r) => r.device === device);
const total = (rs: readonly Reading[]): number => rs.reduce((a, r) => a + r.joules, 0);

runMeterContract({
  name: 'nvidia-smi, three GPUs (fake)',
  expect: 'running',
  make: async () => {
    const m = meter();
    // Two more batches of the three GPUs, however long the fake takes to start.
    const drive = async (): Promise<void> => {
      const from = m.lineCounts().parsed;
      while (m.lineCounts().parsed < from + 6 && m.status().state === 'running') await sleep(PERIOD);
    };
    return { meter: m, drive };
  },
});
runMeterContract({
  name: 'nvidia-smi not on PATH',
  expect: 'unavailable',
  make: async () => ({ meter: createNvidiaMeter({ env: { PATH: '/nonexistent' } }) }),
});
runMeterContract({
  name: 'nvidia-smi without a driver',
  expect: 'unavailable',
  make: async () => ({ meter: meter({}, { FAKE_SMI_FAIL: 'driver' }) }),
});

describe('nvidia-smi meter (fake nvidia-smi)', () => {
  it('integrates each GPU by the trapezoid rule, bridges [N/A], models a GPU without power, counts bad lines', async () => {
    const m = meter({}, { FAKE_SMI_BATCHES: '6' });
    expect(await m.start()).toEqual({ state: 'running' });
    await untilEnded(m);
    const r = [...(await m.sample()), ...(await m.stop())];
    // GPU 0: 250 W for 5 periods.
    expect(total(byDevice(r, 'gpu-0'))).toBeCloseTo(250 * 0.25, 9);
    // GPU 1: 100, 110, [N/A], 130, 140, 150 W at 0, 50, (100), 150, 200, 250 ms.
    expect(total(byDevice(r, 'gpu-1'))).toBeCloseTo(((100 + 110) / 2) * 0.05 + ((110 + 130) / 2) * 0.1 + ((130 + 140) / 2) * 0.05 + ((140 + 150) / 2) * 0.05, 9);
    // GPU 2 (T4, power [Not Supported]): the CCF line at 50 % between 8 and 71 W.
    const t4 = byDevice(r, 'gpu-2');
    expect(total(t4)).toBeCloseTo(39.5 * 0.25, 9);
    expect(t4[0]).toMatchObject({ method: 'model', idleWatts: 8, model: { curve: 'linear', factorIds: ['gpu:t4'], fallback: false } });
    expect(byDevice(r, 'gpu-0')[0]).toMatchObject({ method: 'sampled', scope: 'gpu', uuid: 'GPU-aaaaaaaa-1111-2222-3333-444444444444', name: 'NVIDIA H100 80GB HBM3', utilisation: 0.97, memoryTotalBytes: 81559 * 1048576 });
    expect(m.malformedLines()).toBe(1);
    expect(m.notes().join(' ')).toMatch(/1 malformed line.*Unable to determine the device handle/);
    expect(m.notes().join(' ')).toMatch(/GPU 2 \(Tesla T4\) reports no power.draw/);
  });

  it('reports a process exit once; the readings before it are kept', async () => {
    const m = meter({}, { FAKE_SMI_BATCHES: '3', FAKE_SMI_EXIT_CODE: '1' });
    await m.start();
    await untilEnded(m);
    const st = m.status();
    expect(st.state === 'ended' && st.reason).toMatch(/^nvidia-smi exited \(code 1\)/);
    expect(total(byDevice(await m.sample(), 'gpu-0'))).toBeCloseTo(250 * 0.1, 9);
    expect(await m.sample()).toEqual([]);
    expect(await m.stop()).toEqual([]);
    expect(m.status()).toEqual(st);
  });

  it('gives contiguous intervals across samples', async () => {
    const m = meter({ visibleDevices: '0' });
    await m.start();
    const all: Reading[] = [];
    while (byDevice(all, 'gpu-0').length < 3) {
      await sleep(PERIOD * 2);
      all.push(...(await m.sample()));
    }
    all.push(...(await m.stop()));
    const g0 = byDevice(all, 'gpu-0');
    expect(g0.length).toBeGreaterThan(1);
    g0.slice(1).forEach((x, i) => expect(x.t0).toBe(g0[i]?.t1));
    expect(total(g0)).toBeCloseTo(250 * (((g0.at(-1)?.t1 ?? 0) - (g0[0]?.t0 ?? 0)) / 1000), 6);
    expect(new Set(all.map((x) => x.device))).toEqual(new Set(['gpu-0']));
  });

  it('reads only the GPUs CUDA_VISIBLE_DEVICES gives the job: UUID, index list cut at a bad entry, MIG', async () => {
    const devicesOf = async (visibleDevices: string, extra: Record<string, string> = {}): Promise<{ selected: number[]; notes: string }> => {
      const m = meter({ visibleDevices }, extra);
      await m.start();
      await m.stop();
      return { selected: m.gpus().filter((g) => g.selected).map((g) => g.index), notes: m.notes().join(' ') };
    };
    expect((await devicesOf('GPU-bbbbbbbb')).selected).toEqual([1]);
    expect((await devicesOf('2,9,0')).selected).toEqual([2]);
    const mig = await devicesOf('MIG-22222222-aaaa-bbbb-cccc-000000000000', { FAKE_SMI_MIG: '1' });
    expect(mig.selected).toEqual([0]);
    expect(mig.notes).toMatch(/not per MIG instance/);
    expect(await meter({ visibleDevices: '' }).start()).toMatchObject({ state: 'unavailable' });
  });

  it('finds the GPUs the job uses from --query-compute-apps and pmon', async () => {
    const [a, b] = ['GPU-aaaaaaaa-1111-2222-3333-444444444444', 'GPU-bbbbbbbb-1111-2222-3333-444444444444'];
    const e = env({ FAKE_SMI_APPS: `4242:${a}:3000;5151:${a}:1000;4243:${b}:[N/A]`, FAKE_SMI_PMON: '0:4242:45:10;0:5151:15:2' });
    const q = await queryGpuProcesses({ env: e });
    expect(q.error).toBeUndefined();
    const m = meter();
    await m.start();
    await m.stop();
    const shares = jobGpuShares({ jobPids: new Set([4242, 4243]), apps: q.apps, pmon: q.pmon, gpus: m.gpus() });
    expect(shares.map((s) => [s.index, Number(s.share.toFixed(9)), s.basis])).toEqual([[0, 0.75, 'sm'], [1, 1, 'exclusive']]);
    expect(await queryGpuProcesses({ env: { PATH: '/nonexistent' } })).toMatchObject({ apps: [], error: expect.any(String) });
  });
});
