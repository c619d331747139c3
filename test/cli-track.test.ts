import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/store/duckdb/connection.js';
import { greenops, greenopsAsync } from './helpers/cli.js';
import { fakeElectricityMaps, gridValue } from './helpers/fake-grid-servers.js';
import { scratchDir } from './helpers/focus.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TSX = import.meta.resolve('tsx');
const FAKE_GPU_BIN = fileURLToPath(new URL('./fixtures/meters/bin', import.meta.url));

async function storedRuns(dir: string): Promise<Array<{ run_id: string; name: string; complete: boolean; exit_code: number | null; cpu_kwh: number; gpu_kwh: number; emissions_g: number; summary: string }>> {
  const db = await openDb(join(dir, '.greenops', 'greenops.duckdb'));
  try {
    return await db.all('SELECT run_id, name, complete, exit_code, cpu_kwh, gpu_kwh, emissions_g, CAST(summary AS VARCHAR) AS summary FROM runs ORDER BY started_at');
  } finally {
    db.close();
  }
}

const burn = (ms: number): string[] => ['node', '-e', `const t=Date.now()+${ms}; while(Date.now()<t){}`];

describe('greenops track', () => {
  it('measures a real CPU-bound command without counters, says how, stores the run and passes on its exit code', async () => {
    const dir = scratchDir();
    const r = greenops(['track', '--name', 'burn', '--project', 'p', '--zone', 'DE', '--interval', '200ms', '--', ...burn(1500)], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/cpu [0-9.]+ (m?Wh|kWh) \[model\]/);
    expect(r.stderr).toMatch(/gpu 0 Wh \[not measured\]/);
    expect(r.stderr).toMatch(/nvidia-smi not found on PATH/);
    expect(r.stderr).toMatch(/at \d+ gCO2e\/kWh in DE/);
    const [run] = await storedRuns(dir);
    expect(run).toMatchObject({ name: 'burn', complete: true, exit_code: 0 });
    expect(run?.cpu_kwh).toBeGreaterThan(0);
    const summary = JSON.parse(run?.summary ?? '{}') as { cpuShare: number; samples: number };
    expect(summary.cpuShare).toBeGreaterThan(0.3); // the burn, not an idle sibling, used the CPU
    expect(summary.samples).toBeGreaterThanOrEqual(3);

    expect(greenops(['track', '--', 'node', '-e', 'process.exit(3)'], dir).code).toBe(3);
    const missing = greenops(['track', '--', 'no-such-command-xyz'], dir);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/cannot run "no-such-command-xyz": command not found/);
  });

  it('reads GPUs through nvidia-smi and records the phases the job marks', async () => {
    const dir = scratchDir();
    const script = join(dir, 'job.mjs');
    writeFileSync(script, [
      "const phase = (n) => fetch(process.env.GREENOPS_PHASE_URL, { method: 'POST', body: n });",
      "await phase('load'); await new Promise((r) => setTimeout(r, 700));",
      "await phase('train'); await new Promise((r) => setTimeout(r, 900));",
    ].join('\n'));
    const r = greenops(['track', '--zone', 'FR', '--interval', '250ms', '--', 'node', script], dir, { PATH: `${FAKE_GPU_BIN}:${process.env['PATH'] ?? ''}`, CUDA_VISIBLE_DEVICES: '0' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/gpu [0-9.]+ (m?Wh|kWh) \[sampled\]/);
    expect(r.stderr).toMatch(/gpu-0 NVIDIA H100 80GB HBM3: [0-9.]+ (Wh|kWh).*mean 250 W/);
    expect(r.stderr).toMatch(/phases\n(  \(before the first phase\): .*\n)? {2}load: .*\n {2}train: /);
    const [run] = await storedRuns(dir);
    expect(run?.gpu_kwh).toBeGreaterThan(0);
  });

  it('keeps a run whose tracker is SIGKILLed and stores it, marked incomplete, with the next command', async () => {
    const dir = scratchDir();
    const child = spawn(process.execPath, ['--import', TSX, `${ROOT}src/cli/main.ts`, 'track', '--name', 'killed', '--interval', '200ms', '--', ...burn(20_000)], {
      cwd: dir, env: { ...process.env, CI: '1', GREENOPS_DB: '' }, stdio: 'ignore',
    });
    const runs = join(dir, '.greenops', 'runs');
    // Wait until the journal has samples on disk (flushed every 2 s), then kill the tracker outright.
    for (let i = 0; i < 200 && !(existsSync(runs) && readdirSync(runs).length > 0); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 3000));
    expect(child.exitCode, 'the tracker ended before it could be killed').toBeNull();
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
    const next = greenops(['files'], dir);
    expect(next.code, next.stderr).toBe(0);
    const [run] = await storedRuns(dir);
    expect(run).toMatchObject({ name: 'killed', complete: false, exit_code: null });
    expect(run?.cpu_kwh).toBeGreaterThan(0);
    expect(JSON.parse(run?.summary ?? '{}').notes).toEqual(expect.arrayContaining([expect.stringMatching(/tracker stopped before the job ended/)]));
  });

  it('serves live Prometheus metrics while the job runs', async () => {
    const dir = scratchDir();
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, ['--import', TSX, `${ROOT}src/cli/main.ts`, 'track', '--name', 'scraped', '--interval', '200ms', '--metrics-port', String(port), '--', ...burn(4000)], {
      cwd: dir, env: { ...process.env, CI: '1', GREENOPS_DB: '' }, stdio: 'ignore',
    });
    let text = '';
    for (let i = 0; i < 60 && !/greenops_job_energy_joules_total\{[^}]*component="cpu"\} [1-9]/.test(text); i++) {
      await new Promise((r) => setTimeout(r, 200));
      text = await fetch(`http://127.0.0.1:${port}/metrics`).then((x) => x.text(), () => '');
    }
    expect(text).toMatch(/# TYPE greenops_job_energy_joules_total counter/);
    expect(text).toMatch(/greenops_job_energy_joules_total\{run_id="[^"]+",name="scraped",project="",component="cpu"\} [1-9][0-9.e+-]*/);
    expect(text).toMatch(/greenops_job_emissions_grams_total\{[^}]*\} [0-9.e+-]+/);
    if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
  });

  it('uses the configured provider\'s intensity for the hours the job ran', async () => {
    const dir = scratchDir();
    const server = await fakeElectricityMaps({ now: new Date(), token: 't0ken' });
    try {
      writeFileSync(join(dir, 'greenops.config.json'), JSON.stringify({ intensity: { provider: 'electricitymaps', options: { baseUrl: server.url, token: 't0ken', retries: 0 } } }));
      const r = await greenopsAsync(['track', '--zone', 'DE', '--interval', '200ms', '--', ...burn(800)], dir);
      expect(r.code, r.stderr).toBe(0);
      const [run] = await storedRuns(dir);
      const s = JSON.parse(run?.summary ?? '{}') as { intensity: { provider: string; meanGCO2ePerKWh: number }; startedAt: string };
      expect(s.intensity.provider).toBe('electricitymaps');
      const hour = Math.floor(Date.parse(s.startedAt) / 3_600_000) * 3_600_000;
      // The fake's value for the hour the run started in (a run crossing the hour gets a mix of two).
      expect([gridValue(hour), gridValue(hour + 3_600_000)]).toContainEqual(expect.closeTo(s.intensity.meanGCO2ePerKWh, 6));
    } finally {
      await server.close();
    }
  });
});
