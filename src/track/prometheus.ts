/**
 * Live metrics of a tracked job in the Prometheus text exposition format (version 0.0.4), served on
 * 127.0.0.1 by `greenops track --metrics-port`. Counters end in `_total`; every series carries the
 * run's id, name and project so several trackers can be scraped together.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GreenopsError } from '../core/errors.js';

export interface LiveMetrics {
  readonly runId: string;
  readonly name: string;
  readonly project: string | null;
  /** Job energy so far by component (cpu, dram, gpu, …), joules, after attribution and before PUE. */
  readonly energyJoules: Readonly<Record<string, number>>;
  /** Idle energy of the machine not attributed to the job, joules. */
  readonly idleJoules: number;
  /** Job power over the last interval, watts. */
  readonly powerWatts: number;
  /** Operational emissions so far (PUE and grid intensity applied), grams CO2e. */
  readonly emissionsGrams: number;
  /** Grid intensity applied to the last interval, gCO2e/kWh. */
  readonly intensity: number;
  /** Per GPU (device id): power in watts and utilisation 0..1 of the last interval. */
  readonly gpus: Readonly<Record<string, { readonly watts: number; readonly utilisation: number | undefined }>>;
  readonly elapsedSeconds: number;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(base: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}): string {
  const all = { ...base, ...extra };
  return `{${Object.entries(all).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

function num(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  return String(n);
}

/**
 * @example
 * exposition(m) // '# HELP greenops_job_energy_joules_total …\n# TYPE … counter\ngreenops_job_energy_joules_total{run_id="…",component="gpu"} 5400\n…'
 */
export function exposition(m: LiveMetrics): string {
  const base = { run_id: m.runId, name: m.name, project: m.project ?? '' };
  const out: string[] = [];
  const family = (name: string, type: 'counter' | 'gauge', help: string, rows: Array<[Record<string, string>, number]>): void => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [extra, value] of rows) out.push(`${name}${labels(base, extra)} ${num(value)}`);
  };
  family('greenops_job_energy_joules_total', 'counter', 'Energy attributed to the job, by component, before PUE.', Object.entries(m.energyJoules).map(([component, j]) => [{ component }, j]));
  family('greenops_job_idle_energy_joules_total', 'counter', 'Idle power of the devices the job ran on, over the run (not attributed to the job).', [[{}, m.idleJoules]]);
  family('greenops_job_power_watts', 'gauge', 'Power attributed to the job over the last sampling interval.', [[{}, m.powerWatts]]);
  family('greenops_job_emissions_grams_total', 'counter', 'Operational emissions of the job so far, gCO2e (PUE and grid intensity applied).', [[{}, m.emissionsGrams]]);
  family('greenops_grid_intensity_grams_per_kwh', 'gauge', 'Grid carbon intensity applied to the last interval, gCO2e/kWh.', [[{}, m.intensity]]);
  family('greenops_gpu_power_watts', 'gauge', 'Power of each GPU the job uses, last interval.', Object.entries(m.gpus).map(([gpu, g]) => [{ gpu }, g.watts]));
  family('greenops_gpu_utilisation_ratio', 'gauge', 'Utilisation of each GPU the job uses, 0..1, last interval.', Object.entries(m.gpus).filter(([, g]) => g.utilisation !== undefined).map(([gpu, g]) => [{ gpu }, g.utilisation ?? 0]));
  family('greenops_job_elapsed_seconds', 'gauge', 'Seconds since the job started.', [[{}, m.elapsedSeconds]]);
  return `${out.join('\n')}\n`;
}

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serve `GET /metrics` on 127.0.0.1 (port 0: any free port); anything else is 404. */
export async function serveMetrics(port: number, current: () => LiveMetrics, host = '127.0.0.1'): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found; metrics are at /metrics\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(exposition(current()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new GreenopsError('E_USAGE', `cannot serve metrics on ${host}:${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}; choose another --metrics-port`, { cause: e })));
    server.listen(port, host, () => resolve());
  });
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
