import { describe, expect, it } from 'vitest';
import type { Reading } from '../meters/types.js';
import type { JournalContents } from './journal.js';
import { summariseRun, type RunIntensity } from './summary.js';
import type { RunHeader, SampleRecord } from './types.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');

const header: RunHeader = {
  type: 'run', v: 1, id: 'r1', name: 'train', project: 'llm', tags: { team: 'ml' }, command: ['python', 'train.py'], cwd: '/w', host: 'h',
  trackerPid: 1, bootId: null, startedAt: new Date(T0).toISOString(), intervalMs: 1000, zone: 'DE', region: null, pue: 1.5,
  meters: [{ id: 'nvidia-smi', status: { state: 'running' } }, { id: 'rapl', status: { state: 'unavailable', reason: 'no powercap' } }],
  machine: { cpuModel: 'x', cpus: 8, memoryBytes: 16e9, gpus: ['NVIDIA A100'] },
};

function sample(i: number, extra: Reading[] = []): SampleRecord {
  const t0 = T0 + i * 1000;
  const t1 = t0 + 1000;
  return {
    type: 'sample', t0, t1, rssBytes: 1e9 + i,
    cpu: { jobCpuSeconds: 2, busyCpuSeconds: 4, totalCpuSeconds: 8 },
    gpuShares: [{ index: 0, uuid: 'GPU-a', share: 1, basis: 'exclusive' }],
    readings: [
      { meter: 'model', method: 'model', scope: 'cpu_package', device: 'cpu', t0, t1, joules: 100, model: { curve: 'codecarbon', factorIds: ['tdp:x'], fallback: false, band: { low: 0.8, high: 1.3 } } },
      { meter: 'nvidia-smi', method: 'sampled', scope: 'gpu', device: 'gpu-0', uuid: 'GPU-a', name: 'NVIDIA A100', t0, t1, joules: 300, utilisation: 0.9 },
      ...extra,
    ],
  };
}

const flat: RunIntensity = { at: () => 200, provider: 'static', source: 'factor DE 2024', band: { low: 0.9, high: 1.1 } };

function journal(over: Partial<JournalContents> = {}): JournalContents {
  return {
    path: '/x.jsonl', header, samples: [sample(0), sample(1)], phases: [{ type: 'phase', t: T0 + 500, name: 'epoch 1' }],
    end: { type: 'end', t: T0 + 2000, exitCode: 0, signal: null, notes: [] }, malformedLines: 0, ...over,
  };
}

describe('summariseRun', () => {
  it('attributes energy by component, applies PUE and intensity, and keeps idle and other processes apart', () => {
    const s = summariseRun(journal(), flat);
    expect(s.energy.cpu).toBeCloseTo((2 * 100 * 0.5) / 3.6e6, 15); // half the busy CPU time was the job's
    expect(s.energy.gpu).toBeCloseTo(600 / 3.6e6, 15);
    expect(s.energy.otherKWh).toBeCloseTo(100 / 3.6e6, 15);
    expect(s.energy.facilityKWh).toBeCloseTo(s.energy.itKWh * 1.5, 15);
    expect(s.emissions.operationalG).toBeCloseTo((700 / 3.6e6) * 1.5 * 200, 12);
    expect(s.intensity.meanGCO2ePerKWh).toBeCloseTo(200, 9);
    expect(s.methods).toEqual({ cpu: 'model', gpu: 'sampled' });
    expect(s.gpus).toEqual([expect.objectContaining({ device: 'gpu-0', uuid: 'GPU-a', share: 1, basis: 'exclusive', meanWatts: 300, meanUtilisation: 0.9 })]);
    expect(s.emissions.lowG).toBeLessThan(s.emissions.operationalG);
    expect(s.emissions.highG).toBeGreaterThan(s.emissions.operationalG);
    expect(s.complete).toBe(true);
    expect(s.durationSeconds).toBe(2);
    expect(s.notes).toContain('rapl: no powercap');
  });

  it('splits energy across phases by time, including the stretch before the first marker', () => {
    const s = summariseRun(journal(), flat);
    expect(s.phases.map((p) => [p.name, Math.round(p.kWh * 3.6e6)])).toEqual([['(before the first phase)', 175], ['epoch 1', 525]]);
    const total = s.phases.reduce((a, p) => a + p.gCO2e, 0);
    expect(total).toBeCloseTo(s.emissions.operationalG, 12);
  });

  it('uses the intensity of the hours the job ran', () => {
    const hourly: RunIntensity = { ...flat, at: (t0) => (t0 < T0 + 1000 ? 100 : 300) };
    const s = summariseRun(journal(), hourly);
    expect(s.emissions.operationalG).toBeCloseTo((350 / 3.6e6) * 1.5 * 100 + (350 / 3.6e6) * 1.5 * 300, 12);
  });

  it('marks a run whose tracker died as incomplete, and gives the embodied share of the machine', () => {
    const s = summariseRun(journal({ end: undefined }), flat, { hostKg: 1000, gpuKg: 150, lifetimeHours: 35040, band: { low: 0.5, high: 2 }, source: 'IF generic' });
    expect(s.complete).toBe(false);
    expect(s.endedAt).toBe(new Date(T0 + 2000).toISOString().replace('.000', ''));
    expect(s.notes.some((n) => /stopped before the job ended/.test(n))).toBe(true);
    expect(s.emissions.embodiedG).toBeCloseTo(((1000 * 0.5 + 150 * 1) * 1000 * (2 / 3600)) / 35040, 12);
    expect([s.emissions.embodiedLowG, s.emissions.embodiedHighG]).toEqual([s.emissions.embodiedG * 0.5, s.emissions.embodiedG * 2]);
  });

  it('gives the job modelled memory power by the memory it holds, measured DRAM energy by its CPU time', () => {
    const model: Reading = { meter: 'model', method: 'model', scope: 'dram', device: 'memory', t0: T0, t1: T0 + 1000, joules: 160, model: { curve: 'constant', factorIds: ['ram'], fallback: false, band: { low: 0.5, high: 2 } } };
    const s = summariseRun(journal({ samples: [{ ...sample(0, [model]), rssBytes: 2e9 }] }), flat);
    expect(s.energy.dram).toBeCloseTo((160 * (2e9 / 16e9)) / 3.6e6, 15);
    const rapl: Reading = { meter: 'rapl', method: 'counter', scope: 'dram', device: 'package-0/dram', t0: T0, t1: T0 + 1000, joules: 20 };
    const m = summariseRun(journal({ samples: [{ ...sample(0, [rapl, model]), rssBytes: 2e9 }] }), flat);
    expect(m.energy.dram).toBeCloseTo((20 * 0.5) / 3.6e6, 15); // the counter wins, split by CPU time
  });

  it('drops a model reading where a counter covers the same scope', () => {
    const rapl: Reading = { meter: 'rapl', method: 'counter', scope: 'cpu_package', device: 'package-0', t0: T0, t1: T0 + 1000, joules: 40 };
    const s = summariseRun(journal({ samples: [sample(0, [rapl])] }), flat);
    expect(s.methods.cpu).toBe('counter');
    expect(s.energy.cpu).toBeCloseTo(20 / 3.6e6, 15);
  });
});
