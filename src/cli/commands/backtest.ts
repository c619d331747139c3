import { basename } from 'node:path';
import type { Command } from 'commander';
import { GreenopsError, quote } from '../../core/errors.js';
import { readGridFile, type IntensitySeries } from '../../intensity/index.js';
import { pointsOf } from '../../intensity/file/index.js';
import { render, type Row } from '../../report/format.js';
import { backtest, type BacktestResult } from '../../schedule/backtest.js';
import type { Semantics } from '../../schedule/index.js';
import { parseFormat, type CliContext } from '../context.js';
import { zoneKey } from '../intensity-files.js';
import { loadSeries } from '../intensity-source.js';
import { parseDuration, parseNumber, parsePercent } from '../units.js';

interface BacktestFlags {
  zone?: string;
  duration: string;
  flex: string;
  year?: string;
  at: string;
  forecastError: string;
  seed: string;
  semantics: string;
  intensityFile?: string[];
  provider?: string;
  format: string;
}

/**
 * `greenops backtest`: replay recorded hourly data, plan one daily job each day, and report what
 * moving it saved against its nominal time (one row per zone).
 *
 * @example greenops backtest --duration 4h --flex 12h --forecast-error 10% --intensity-file data/*.csv
 */
export function registerBacktest(program: Command, ctx: () => CliContext): void {
  program
    .command('backtest')
    .description('replay recorded grid data: plan a daily job each day and report the saving distribution against its nominal time')
    .option('--zone <zone>', 'only this zone (default: every zone in the files)')
    .requiredOption('--duration <d>', 'job length: 4h, 90m')
    .requiredOption('--flex <d>', 'the job must run (start and end) within this long after its nominal start: 12h')
    .option('--year <yyyy>', 'only days and data of this UTC year (default: all the data holds)')
    .option('--at <hh:mm>', 'nominal start each day, UTC', '00:00')
    .option('--forecast-error <pct>', 'standard deviation of the relative forecast error: 0%, 10%', '0%')
    .option('--seed <n>', 'seed of the forecast noise', '1')
    .option('--semantics <s>', 'step | linear', 'step')
    .option('--intensity-file <paths...>', 'recorded series (Electricity Maps exports, EIA-930 files, time,zone,gco2e_per_kwh)')
    .option('--provider <id>', 'without files: fetch the year from this provider (needs --zone and --year)')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (f: BacktestFlags) => {
      const c = ctx();
      const format = parseFormat(f.format);
      const semantics: Semantics = f.semantics === 'step' || f.semantics === 'linear' ? f.semantics : badUsage('--semantics', f.semantics, 'step or linear');
      const year = f.year === undefined ? undefined : parseNumber(f.year, '--year', 'a year such as 2024', { integer: true, positive: true });
      const forecastError = parsePercent(f.forecastError, '--forecast-error');
      const params = {
        durationMinutes: parseDuration(f.duration, '--duration'),
        flexMinutes: parseDuration(f.flex, '--flex'),
        atMinutes: timeOfDay(f.at),
        semantics, forecastError,
        seed: parseNumber(f.seed, '--seed', 'an integer such as 1', { integer: true }),
        ...(year === undefined ? {} : { year }),
      };
      if (params.flexMinutes < params.durationMinutes) badUsage('--flex', f.flex, `at least the job's duration (${f.duration})`);
      const series = await recorded(f, year, c);
      const results = series.map((s) => backtest({ ...params, series: s }));
      if (format === 'json') {
        c.out(JSON.stringify({ parameters: params, results: results.map(({ days: _days, ...summary }) => summary) }, null, 2));
        return;
      }
      c.out(render(format === 'table' ? fixedWidth(results.map(row)) : results.map(row), format));
      if (format === 'table') {
        c.out(`\n${f.duration} job, nominal start ${f.at} UTC daily, must end within ${f.flex} of it; ${semantics} semantics;`);
        c.out(`forecast = actual × (1 + ε), ε ~ N(0, ${(forecastError * 100).toFixed(1)} %) per hour and day, seed ${params.seed};`);
        c.out('saving % = (nominal − chosen) / nominal average gCO2e/kWh on the actual data, per day; p90: 90th percentile of daily savings; worst: the lowest.');
      }
    });
}

function row(r: BacktestResult): Row {
  const y0 = r.from.slice(0, 4);
  const y1 = r.to.slice(0, 4);
  const pct = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
  return {
    zone: r.zone, year: y0 === y1 ? y0 : `${y0}–${y1}`, days: r.daysPlanned, skipped: r.daysSkipped.gap + r.daysSkipped.end,
    'mean %': pct(r.savingPercent.mean), 'p50 %': pct(r.savingPercent.p50), 'p90 %': pct(r.savingPercent.p90),
    'worst %': pct(r.savingPercent.worst), 'best %': pct(r.savingPercent.best),
    'nominal (gCO2e/kWh)': pct(r.meanNominalGCO2ePerKWh), 'chosen (gCO2e/kWh)': pct(r.meanChosenGCO2ePerKWh),
  };
}

/** Every zone of every file (each file read once), or the year fetched from a provider. */
async function recorded(f: BacktestFlags, year: number | undefined, c: CliContext): Promise<IntensitySeries[]> {
  const files = f.intensityFile ?? [];
  if (files.length === 0) {
    if (f.zone === undefined || year === undefined) throw new GreenopsError('E_USAGE', 'give --intensity-file <paths…>, or --zone and --year to fetch the year from the provider', { data: { column: '--intensity-file' } });
    const [s] = await loadSeries({ zones: [f.zone], ...(f.provider === undefined ? {} : { provider: f.provider }), from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) }, c.config, { warn: c.err });
    return s === undefined ? [] : [s.series];
  }
  const out: IntensitySeries[] = [];
  for (const path of files) {
    const parsed = await readGridFile(path);
    const zones = [...new Set(parsed.rows.map((r) => r.zone))].filter((z) => f.zone === undefined || z.toUpperCase() === zoneKey(f.zone));
    for (const zone of zones) {
      out.push({ zone, points: pointsOf(parsed.rows, zone, basename(path)), provider: 'file', fetchedAt: new Date().toISOString(), source: `${parsed.description}: ${basename(path)}` });
    }
  }
  if (out.length === 0 && f.zone !== undefined) throw new GreenopsError('E_ZONE_UNKNOWN', `no intensity file has rows for zone ${quote(f.zone)}`, { data: { found: f.zone } });
  return out;
}

/** One decimal everywhere, right-aligned by padding (the shared formatter gives small numbers three significant digits). */
function fixedWidth(rows: readonly Row[]): Row[] {
  const text = (v: unknown): unknown => (typeof v === 'number' ? v.toFixed(1) : v === null ? '—' : v);
  const cols = Object.keys(rows[0] ?? {}).filter((k) => rows.every((r) => typeof r[k] === 'number' || r[k] === null) && k !== 'days' && k !== 'skipped');
  const width = (k: string): number => Math.max(...rows.map((r) => String(text(r[k])).length));
  return rows.map((r) => ({ ...r, ...Object.fromEntries(cols.map((k) => [k, String(text(r[k])).padStart(width(k))])) }));
}

function timeOfDay(value: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  const minutes = m === null ? Number.NaN : Number(m[1]) * 60 + Number(m[2]);
  if (!(minutes >= 0 && minutes < 1440) || Number(m?.[2]) > 59) badUsage('--at', value, 'a UTC time of day such as 00:00 or 18:30');
  return minutes;
}

function badUsage(flag: string, value: string, expected: string): never {
  throw new GreenopsError('E_USAGE', `${flag} ${quote(value)} is not valid; expected ${expected}`, { data: { column: flag, expected } });
}
