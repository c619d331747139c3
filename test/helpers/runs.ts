import type { RunSummary } from '../../src/track/summary.js';

/** A plausible stored run (one hour, a GPU job), with any field replaced. */
export function runSummary(over: Partial<RunSummary> = {}): RunSummary {
  return {
    runId: 'run-aaaa', name: 'train', project: 'llm', tags: { team: 'ml' }, command: ['python', 'train.py'], host: 'h',
    startedAt: '2026-11-23T10:00:00Z', endedAt: '2026-11-23T11:00:00Z', durationSeconds: 3600, exitCode: 0, signal: null, complete: true,
    zone: 'DE', region: null, pue: 1.2,
    energy: { cpu: 0.1, dram: 0.02, gpu: 1.5, itKWh: 1.62, facilityKWh: 1.944, lowKWh: 1.5, highKWh: 1.9, idleKWh: 0.05, otherKWh: 0.01 },
    methods: { cpu: 'counter', gpu: 'sampled' }, gpus: [], phases: [],
    intensity: { meanGCO2ePerKWh: 300, provider: 'static', source: 'x' },
    emissions: { operationalG: 583.2, lowG: 500, highG: 700, embodiedG: 12 },
    cpuShare: 0.4, peakRssBytes: 1e9, samples: 2, notes: [], ...over,
  };
}
