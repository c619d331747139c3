import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attributeEnergy } from './attribution.js';
import { createModelMeter } from './model/meter.js';
import { cpuUsageBetween, createProcfsSampler } from './procfs/sampler.js';
import { createRaplMeter } from './rapl/meter.js';
import type { Meter, Reading } from './types.js';

const burnTree = fileURLToPath(new URL('../../test/fixtures/meters/burn-tree.mjs', import.meta.url));
const ENERGY = '/sys/class/powercap/intel-rapl:0/energy_uj';

function raplSkipReason(): string | undefined {
  try {
    accessSync(ENERGY, constants.R_OK);
    return undefined;
  } catch (e) {
    const code = (e as { code?: string }).code;
    return code === 'ENOENT' ? 'no RAPL on this machine (no /sys/class/powercap/intel-rapl:0)' : `RAPL not readable here (${code ?? 'error'}; root-only since CVE-2020-8694)`;
  }
}

/** Runs a process that burns `ms` of CPU time while the meters and the sampler watch it. */
async function busyPeriod(meters: readonly Meter[], ms: number): Promise<{ readings: Reading[]; share: number }> {
  for (const m of meters) await m.start();
  const child = spawn(process.execPath, [burnTree, 'leaf', String(ms)], { stdio: 'ignore' });
  const closed = once(child, 'close');
  const sampler = createProcfsSampler({ pid: child.pid ?? -1, rootIsOwnChild: true, selfPid: process.pid });
  const a = await sampler.read();
  await closed;
  const b = await sampler.read();
  const readings = (await Promise.all(meters.map((m) => m.stop()))).flat();
  const usage = cpuUsageBetween(a, b);
  return { readings, share: usage.busyCpuSeconds > 0 ? usage.jobCpuSeconds / usage.busyCpuSeconds : 0 };
}

const pkg = (rs: readonly Reading[], meter: string): number => rs.filter((r) => r.meter === meter && r.scope === 'cpu_package').reduce((x, r) => x + r.joules, 0);

describe.skipIf(process.platform !== 'linux')('meters on this machine', () => {
  it('the model reads more than idle power while a job burns CPU, and the job gets a share of it', async () => {
    const { readings, share } = await busyPeriod([createModelMeter()], 800);
    const cpu = readings.find((r) => r.scope === 'cpu_package');
    expect(cpu?.model?.load).toBeGreaterThan(0);
    expect(cpu?.joules).toBeGreaterThan((cpu?.idleWatts ?? 0) * (((cpu?.t1 ?? 0) - (cpu?.t0 ?? 0)) / 1000));
    expect(share).toBeGreaterThan(0);
    const a = attributeEnergy({ readings, cpu: [{ t0: cpu?.t0 ?? 0, t1: cpu?.t1 ?? 0, jobCpuSeconds: share, busyCpuSeconds: 1 }] });
    expect(a.job.cpu_package).toBeGreaterThan(0);
    expect(a.idle.cpu_package).toBeGreaterThan(0);
  });

  const skip = raplSkipReason();
  it.skipIf(skip !== undefined)(`RAPL counter and model agree within the model's band over the same busy period${skip === undefined ? '' : ` (skipped: ${skip})`}`, async () => {
    const { readings } = await busyPeriod([createRaplMeter(), createModelMeter()], 2000);
    const counter = pkg(readings, 'rapl');
    const model = pkg(readings, 'model');
    expect(counter).toBeGreaterThan(0);
    // The model's widest band (unknown CPU: x0.3-3) bounds how far a TDP estimate may sit from a counter.
    expect(model / counter).toBeGreaterThan(0.3 / 2);
    expect(model / counter).toBeLessThan(3 * 2);
  });
});
