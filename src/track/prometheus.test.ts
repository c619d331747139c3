import { afterEach, describe, expect, it } from 'vitest';
import { exposition, serveMetrics, type LiveMetrics, type MetricsServer } from './prometheus.js';

const live: LiveMetrics = {
  runId: 'r1', name: 'fine "tune"', project: 'llm', energyJoules: { cpu: 1200.5, gpu: 36000 }, idleJoules: 300, powerWatts: 412.25,
  emissionsGrams: 3.5, intensity: 250, gpus: { 'gpu-0': { watts: 300, utilisation: 0.97 }, 'gpu-1': { watts: 60, utilisation: undefined } }, elapsedSeconds: 90,
};

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Prometheus exposition', () => {
  it('writes HELP and TYPE once per family, escaped labels, counters ending in _total', () => {
    const text = exposition(live);
    expect(text).toContain('# TYPE greenops_job_energy_joules_total counter');
    expect(text).toContain('greenops_job_energy_joules_total{run_id="r1",name="fine \\"tune\\"",project="llm",component="gpu"} 36000');
    expect(text).toContain('greenops_job_power_watts{run_id="r1",name="fine \\"tune\\"",project="llm"} 412.25');
    expect(text).toContain('greenops_gpu_utilisation_ratio{run_id="r1",name="fine \\"tune\\"",project="llm",gpu="gpu-0"} 0.97');
    expect(text).not.toContain('gpu="gpu-1"} 0\n');
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) greenops_[a-z_]+ .+|greenops_[a-z_]+\{[^}]*\} [-+0-9.eInfNa]+)$/);
  });

  it('serves /metrics on 127.0.0.1 and 404 elsewhere', async () => {
    let watts = 100;
    server = await serveMetrics(0, () => ({ ...live, powerWatts: watts }));
    const url = `http://127.0.0.1:${server.port}`;
    const first = await fetch(`${url}/metrics`);
    expect(first.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await first.text()).toMatch(/greenops_job_power_watts\{[^}]*\} 100\n/);
    watts = 250;
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/greenops_job_power_watts\{[^}]*\} 250\n/);
    expect((await fetch(`${url}/other`)).status).toBe(404);
  });
});
