import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { greenops, greenopsAsync } from './helpers/cli.js';
import { fakeElectricityMaps, HOUR, type FakeServer } from './helpers/fake-grid-servers.js';
import { scratchDir } from './helpers/focus.js';

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A plain `time,zone,gco2e_per_kwh` file of hourly values from `startMs`. */
function series(dir: string, name: string, startMs: number, values: readonly (number | null)[], zone = 'DE'): string {
  const lines = ['time,zone,gco2e_per_kwh'];
  values.forEach((v, i) => { if (v !== null) lines.push(`${iso(startMs + i * HOUR)},${zone},${v}`); });
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const JUNE = Date.UTC(2024, 5, 1);
// Cleanest 04:00–06:00 UTC; everything else 200 or more.
const DAY = [300, 280, 260, 240, 40, 60, 200, 220, 240, 260, 280, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300];

describe('greenops plan', () => {
  it('finds the known best window in a file, with the run-now counterfactual and the saving', () => {
    const cwd = scratchDir();
    const file = series(cwd, 'de.csv', JUNE, DAY);
    const table = greenops(['plan', '--duration', '2h', '--earliest', '2024-06-01T00:00Z', '--deadline', '12h', '--intensity-file', file, '--power', '1kW'], cwd);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/best\s+2024-06-01T04:00:00Z\s+2024-06-01T06:00:00Z\s+50\s+2\s+100/);
    expect(table.stdout).toMatch(/run now\s+2024-06-01T00:00:00Z\s+2024-06-01T02:00:00Z\s+290\s+2\s+580/);
    expect(table.stdout).toMatch(/saving against running now: 240 gCO2e\/kWh \(82\.76 %\), 480 gCO2e/);
    expect(table.stdout).toMatch(/semantics: step/);
    expect(table.stdout).not.toContain('.greenops'); // no store for a file plan
    expect(existsSync(join(cwd, '.greenops'))).toBe(false);
    const json = JSON.parse(greenops(['plan', '--duration', '2h', '--earliest', '2024-06-01T00:00Z', '--deadline', '12h', '--intensity-file', file, '--format', 'json', '--semantics', 'linear'], cwd).stdout);
    expect(json.method).toBe('bestWindows');
    expect(json.result.semantics).toBe('linear');
    expect(json.result.runNow.start).toBe('2024-06-01T00:00:00Z');
    expect(json.series[0]).toMatchObject({ zone: 'DE', provider: 'file' });
  });

  it('refuses a deadline before earliest start + duration, giving the earliest possible end', () => {
    const r = greenops(['plan', '--duration', '4h', '--zone', 'DE', '--earliest', '2024-06-01T08:00Z', '--by', '2024-06-01T10:00Z'], scratchDir());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot end by 2024-06-01T10:00:00Z: the earliest possible end is 2024-06-01T12:00:00Z \[E_SCHEDULE_INFEASIBLE\]/);
  });

  it('lists close matches for an unknown zone or region, and refuses bad flags with exit 2', () => {
    const cwd = scratchDir();
    const zone = greenops(['plan', '--duration', '4h', '--zone', 'SE-SE9'], cwd);
    expect(zone.code).toBe(1);
    expect(zone.stderr).toMatch(/unknown grid zone or cloud region "SE-SE9"; close matches: .*SE-SE3/);
    const region = greenops(['intensity', 'aws:eu-nort-1'], cwd);
    expect(region.code).toBe(1);
    expect(region.stderr).toMatch(/close matches: .*aws:eu-north-1/);
    const usage = greenops(['plan', '--duration', '4', '--zone', 'DE'], cwd);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--duration "4" is not valid; expected a duration such as 4h/);
  });

  it('refuses a gap, and with --fill-gaps interpolates it and says so', () => {
    const cwd = scratchDir();
    const file = series(cwd, 'gap.csv', JUNE, DAY.map((v, i) => (i === 3 ? null : v)));
    const args = ['plan', '--duration', '2h', '--earliest', '2024-06-01T00:00Z', '--deadline', '12h', '--intensity-file', file];
    const refused = greenops(args, cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/gap from 2024-06-01T03:00:00Z to 2024-06-01T04:00:00Z; pass --fill-gaps/);
    const filled = greenops([...args, '--fill-gaps'], cwd);
    expect(filled.code).toBe(0);
    expect(filled.stdout).toMatch(/note: 1 point\(s\) in the period were filled by interpolation \(estimated\)/);
  });
});

describe('greenops run', () => {
  const FUTURE = Date.UTC(2030, 0, 1);
  const command = ['python', 'train.py', '--name', 'my "big" run', "it's"];

  it('prints each scheduler form for the planned start', () => {
    const cwd = scratchDir();
    const file = series(cwd, 'de.csv', FUTURE, DAY);
    const base = ['run', '--earliest', '2030-01-01T00:00Z', '--within', '12h', '--duration', '2h', '--intensity-file', file];
    const at = greenops([...base, '--emit', 'at', '--', ...command], cwd);
    expect(at.code).toBe(0);
    expect(at.stderr).toMatch(/start at 2030-01-01T04:00:00Z in DE: best window/);
    expect(at.stdout).toContain(`TZ=UTC at -t 203001010400.00 <<'GREENOPS_JOB'\npython train.py --name 'my "big" run' 'it'\\''s'\nGREENOPS_JOB`);
    expect(greenops([...base, '--emit', 'sbatch', '--', ...command], cwd).stdout).toMatch(/TZ=UTC sbatch --begin=2030-01-01T04:00:00 --wrap='python train.py --name '\\''my "big" run'\\'' '\\''it'\\''\\'\\'''\\''s'\\'''/);
    const cron = greenops([...base, '--emit', 'cron', '--', 'echo', '100%'], cwd).stdout;
    expect(cron).toMatch(/cron runs in the machine's time zone/);
    expect(cron).toMatch(/CRON_TZ=UTC\n0 4 1 1 \* \[ "\$\(date -u \+\\%Y\)" = 2030 \] && echo 100\\%/);
    const k8s = greenops([...base, '--emit', 'k8s', '--image', 'ghcr.io/acme/train:1', '--', ...command], cwd);
    expect(k8s.stdout).toMatch(/apiVersion: batch\/v1\nkind: Job/);
    expect(k8s.stdout).toContain('t=1893470400;');
    expect(greenops([...base, '--emit', 'k8s', '--', 'x'], cwd).stderr).toMatch(/--emit k8s needs --image/);
    expect(greenops([...base, '--emit', 'mail', '--', 'x'], cwd).code).toBe(2);
  });

  it('--dry-run prints the plan and the wait, and runs nothing', () => {
    const cwd = scratchDir();
    const file = series(cwd, 'de.csv', FUTURE, DAY);
    const marker = join(cwd, 'ran');
    const r = greenops(['run', '--earliest', '2030-01-01T00:00Z', '--within', '12h', '--duration', '2h', '--intensity-file', file, '--dry-run', '--', 'touch', marker], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/best\s+2030-01-01T04:00:00Z/);
    expect(r.stdout).toMatch(/would wait \d+d \d\d:\d\d:\d\d until 2030-01-01T04:00:00Z, then run: touch \S+ran/);
    expect(existsSync(marker)).toBe(false);
  });

  it('starts at once when now is best, passes on the exit code, and 127 for an unknown command', () => {
    const cwd = scratchDir();
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    const file = series(cwd, 'now.csv', hour - HOUR, [10, 10, ...Array.from({ length: 20 }, () => 300)]);
    const base = ['run', '--within', '6h', '--duration', '1m', '--intensity-file', file, '--no-track', '--'];
    const r = greenops([...base, process.execPath, '-e', 'console.log("zone", process.env.GREENOPS_ZONE); process.exit(3)'], cwd);
    expect(r.stdout).toBe('zone DE\n');
    expect(r.code).toBe(3);
    expect(r.stderr).not.toMatch(/waiting/);
    const missing = greenops([...base, 'no-such-command-xyz'], cwd);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/cannot run "no-such-command-xyz": command not found/);
  });

  it('waits for a start two seconds away with plain lines, then runs the command under the tracker', () => {
    const cwd = scratchDir();
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    const file = series(cwd, 'flat.csv', hour - HOUR, Array.from({ length: 8 }, () => 100));
    const earliest = iso(Math.ceil(Date.now() / 1000) * 1000 + 2000);
    const r = greenops(['run', '--earliest', earliest, '--within', '1h', '--duration', '1m', '--intensity-file', file, '--', process.execPath, '-e', 'process.exit(5)'], cwd);
    expect(r.stderr).toMatch(new RegExp(`greenops: waiting 00:00:0\\d until ${earliest} in DE \\(Ctrl-C to cancel\\)`));
    expect(r.code).toBe(5);
    // Under the tracker: its summary, and a journal of the run.
    expect(r.stderr).toMatch(/^energy /m);
    expect(readdirSync(join(cwd, '.greenops', 'runs')).filter((f) => f.endsWith('.jsonl'))).toHaveLength(1);
  });

  it('Ctrl-C during the wait exits 130 and never starts the command', async () => {
    const cwd = scratchDir();
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    const file = series(cwd, 'flat.csv', hour - HOUR, Array.from({ length: 8 }, () => 100));
    const marker = join(cwd, 'ran');
    let sent = false;
    const r = await greenopsAsync(['run', '--earliest', iso(Date.now() + 60 * 60_000), '--within', '2h', '--duration', '1m', '--intensity-file', file, '--no-track', '--', 'touch', marker], cwd, (err, kill) => {
      if (!sent && err.includes('waiting')) {
        sent = true;
        kill('SIGINT');
      }
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/cancelled before the start \(SIGINT\); touch \S+ was not run/);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('greenops backtest', () => {
  it('reports the exact saving on a year whose cleanest hour is always 04:00', () => {
    const cwd = scratchDir();
    const start = Date.UTC(2023, 0, 1);
    const values = Array.from({ length: 8760 }, (_, i) => 20 + 10 * Math.abs((i % 24) - 4));
    const file = series(cwd, 'v.csv', start, values, 'FR');
    const args = ['backtest', '--duration', '4h', '--flex', '12h', '--intensity-file', file];
    const table = greenops(args, cwd);
    expect(table.code).toBe(0);
    // nominal 00:00–04:00 averages 45, the best 4 h (02:00–06:00) 30: a third saved every day
    expect(table.stdout).toMatch(/FR\s+2023\s+365\s+0\s+33\.3\s+33\.3\s+33\.3\s+33\.3\s+33\.3\s+45\.0\s+30\.0/);
    const json = JSON.parse(greenops([...args, '--year', '2023', '--forecast-error', '10%', '--format', 'json'], cwd).stdout);
    expect(json.parameters).toMatchObject({ durationMinutes: 240, flexMinutes: 720, forecastError: 0.1, atMinutes: 0, seed: 1 });
    expect(json.results[0].daysPlanned).toBe(365);
    expect(json.results[0].savingPercent.mean).toBeLessThanOrEqual(100 / 3 + 1e-9);
  });
});

describe('live provider through the config', () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('plans on Electricity Maps, then bridges its failure with the store\'s cache, and without a cache with the static factor', async () => {
    server = await fakeElectricityMaps({ now: new Date(), token: 'secret-token' });
    const config = JSON.stringify({ intensity: { provider: 'electricitymaps', options: { baseUrl: server.url, token: 'secret-token', retries: 0 } } });
    const cwd = scratchDir();
    writeFileSync(join(cwd, 'greenops.config.json'), config);
    const args = ['plan', '--zone', 'DE', '--duration', '2h', '--deadline', '12h', '--format', 'json'];
    const live = await greenopsAsync(args, cwd);
    expect(live.stderr).toBe('');
    expect(JSON.parse(live.stdout).series[0]).toMatchObject({ provider: 'electricitymaps', zone: 'DE' });

    // One answer: the forecast is one request, and retries are off.
    server.queue('/v3/carbon-intensity', { status: 500 });
    const cached = await greenopsAsync(args, cwd);
    expect(cached.code).toBe(0);
    expect(cached.stderr).toMatch(/warning: electricitymaps failed for DE \(E_PROVIDER: Electricity Maps: HTTP 500 .*\); using points of electricitymaps cached earlier/);
    expect(JSON.parse(cached.stdout).series[0].fallback).toMatchObject({ requested: 'electricitymaps', used: 'cache' });

    // The fake forecast reaches 72 h ahead: a run allowed 96 h plans within the forecast, not refuses.
    const horizon = await greenopsAsync(['run', '--zone', 'DE', '--within', '96h', '--duration', '1h', '--dry-run'], cwd);
    expect(horizon.code).toBe(0);
    expect(horizon.stderr).toMatch(/warning: the intensity data ends at \S+Z, before the deadline; planning within it/);
    expect(horizon.stdout).toMatch(/would wait/);

    const fresh = scratchDir();
    writeFileSync(join(fresh, 'greenops.config.json'), config);
    server.queue('/v3/carbon-intensity', { raw: '<html>oops</html>' });
    const fallback = await greenopsAsync(['plan', '--zone', 'DE', '--duration', '2h', '--deadline', '12h'], fresh);
    expect(fallback.code).toBe(0);
    expect(fallback.stderr).toMatch(/warning: electricitymaps failed for DE \(E_PROVIDER: Electricity Maps returned invalid JSON.*\); using the static annual factor/);
    expect(fallback.stdout).toMatch(/best\s+\S+Z/);
    expect(`${fallback.stdout}${fallback.stderr}${cached.stderr}`).not.toContain('secret-token');
  });
});

describe('greenops intensity', () => {
  it('lists a period of a file with a sparkline', () => {
    const cwd = scratchDir();
    const file = series(cwd, 'de.csv', JUNE, DAY);
    const r = greenops(['intensity', 'DE', '--intensity-file', file, '--from', '2024-06-01T00:00Z', '--to', '2024-06-01T08:00Z'], cwd);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2024-06-01T04:00:00Z\s+60\s+40\s+actual/);
    expect(r.stdout).toMatch(/DE █▇▇▆▁▂▅▆ {2}min 40, mean 200, max 300 gCO2e\/kWh/);
  });
});
