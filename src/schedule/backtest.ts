/**
 * Backtest of carbon-aware scheduling on recorded data: one daily job, planned each day on a forecast
 * and judged on what the grid actually did, against running it at its nominal time.
 *
 * Each UTC day the job's nominal start is `atMinutes` after midnight; it must run within
 * [nominal, nominal + flex] (the plan's deadline is the latest END). The forecast is the actual
 * series × (1 + ε), ε ~ N(0, forecastError) drawn per point and per day (each day's plan gets its own
 * forecast), clamped at zero. The chosen window (the earliest optimum) is then averaged on the
 * actual series. saving % = (nominal avg − chosen avg) / nominal avg × 100, per day.
 * Days whose window meets a gap in the data, or runs past its end, are skipped and counted.
 */
import { GreenopsError } from '../core/errors.js';
import { buildIntegral, integralBetween } from './_integral.js';
import { normalSampler, quantile } from './_stats.js';
import { MS_PER_MINUTE, isoUtc, minutesToMs, requirePositive } from './_time.js';
import { prepareSeries } from './series.js';
import { bestWindows } from './window.js';
import type { PreparedSeries, Semantics, SeriesInput } from './types.js';

const DAY_MS = 86_400_000;

export interface BacktestRequest {
  /** What the grid actually did (gaps are allowed: the days they touch are skipped). */
  readonly series: SeriesInput;
  readonly durationMinutes: number;
  /** The job must run within [nominal, nominal + flex]. */
  readonly flexMinutes: number;
  /** Nominal start, minutes after 00:00 UTC (default 0). */
  readonly atMinutes?: number;
  readonly semantics?: Semantics;
  /** Standard deviation of the relative forecast error (0.1 = 10 %); default 0, a perfect forecast. */
  readonly forecastError?: number;
  /** Seed of the forecast noise (default 1). */
  readonly seed?: number;
  /** Only days of this UTC year, and only data of that year. */
  readonly year?: number;
}

export interface BacktestDay {
  readonly nominalStart: string;
  readonly chosenStart: string;
  readonly nominalGCO2ePerKWh: number;
  readonly chosenGCO2ePerKWh: number;
  readonly savingPercent: number;
}

export interface BacktestResult {
  readonly zone: string;
  readonly semantics: Semantics;
  /** First and last nominal start considered. */
  readonly from: string;
  readonly to: string;
  readonly daysPlanned: number;
  readonly daysSkipped: { readonly gap: number; readonly end: number };
  /** Of the per-day savings in %; NaN when no day was planned. */
  readonly savingPercent: { readonly mean: number; readonly p50: number; readonly p90: number; readonly worst: number; readonly best: number };
  readonly meanNominalGCO2ePerKWh: number;
  readonly meanChosenGCO2ePerKWh: number;
  readonly days: readonly BacktestDay[];
}

/**
 * @example
 * const r = backtest({ series, durationMinutes: 240, flexMinutes: 720, forecastError: 0.1 });
 * r.savingPercent.p50; // median daily saving, %
 */
export function backtest(req: BacktestRequest): BacktestResult {
  requirePositive(req.durationMinutes, 'durationMinutes');
  requirePositive(req.flexMinutes, 'flexMinutes');
  const atMinutes = req.atMinutes ?? 0;
  if (!(atMinutes >= 0 && atMinutes < 1440)) {
    throw new GreenopsError('E_USAGE', `atMinutes must be from 0 to 1439 (a time of day), got ${atMinutes}`, { data: { expected: '0..1439', found: String(atMinutes) } });
  }
  const semantics = req.semantics ?? 'step';
  const sigma = req.forecastError ?? 0;
  requirePositive(sigma, 'forecastError', true);
  const p = prepareSeries(req.series, { onGap: 'interpolate' });
  const yearFrom = req.year === undefined ? -Infinity : Date.UTC(req.year, 0, 1);
  const yearTo = req.year === undefined ? Infinity : Date.UTC(req.year + 1, 0, 1);
  const lo = Math.max(p.fromMs, yearFrom);
  const hi = Math.min(p.toMs, yearTo);
  const durationMs = minutesToMs(req.durationMinutes);
  const flexMs = minutesToMs(req.flexMinutes);
  const normal = normalSampler(req.seed ?? 1);
  const actual = (s: number): number => integralBetween(p.integrals[semantics], s, s + durationMs) / (durationMs / MS_PER_MINUTE);

  const days: BacktestDay[] = [];
  const skipped = { gap: 0, end: 0 };
  let first: number | undefined;
  let last: number | undefined;
  for (let day = Math.floor(lo / DAY_MS) * DAY_MS; day < hi; day += DAY_MS) {
    const nominal = day + minutesToMs(atMinutes);
    if (nominal < lo || nominal >= hi) continue;
    first ??= nominal;
    last = nominal;
    const deadline = nominal + flexMs;
    if (deadline > hi) { skipped.end++; continue; }
    const [i0, i1] = span(p, nominal, deadline);
    if (p.filled.subarray(i0, i1).some((f) => f === 1)) { skipped.gap++; continue; }
    // One point more than the window overlaps: under linear semantics the last interval leans on it.
    const forecast = sigma === 0 ? p : noisy(p, i0, Math.min(p.values.length, i1 + 1), sigma, normal);
    const plan = bestWindows({ series: forecast, semantics, durationMinutes: req.durationMinutes, earliest: new Date(nominal), deadline: new Date(deadline) });
    const chosen = Date.parse(plan.optima[0]?.start ?? isoUtc(nominal));
    const n = actual(nominal);
    const c = actual(chosen);
    days.push({ nominalStart: isoUtc(nominal), chosenStart: isoUtc(chosen), nominalGCO2ePerKWh: n, chosenGCO2ePerKWh: c, savingPercent: n === 0 ? 0 : ((n - c) / n) * 100 });
  }
  const savings = days.map((d) => d.savingPercent).sort((a, b) => a - b);
  const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / xs.length);
  return {
    zone: p.zone, semantics,
    from: first === undefined ? '' : isoUtc(first), to: last === undefined ? '' : isoUtc(last),
    daysPlanned: days.length, daysSkipped: skipped,
    savingPercent: { mean: mean(savings), p50: quantile(savings, 0.5), p90: quantile(savings, 0.9), worst: savings[0] ?? Number.NaN, best: savings.at(-1) ?? Number.NaN },
    meanNominalGCO2ePerKWh: mean(days.map((d) => d.nominalGCO2ePerKWh)),
    meanChosenGCO2ePerKWh: mean(days.map((d) => d.chosenGCO2ePerKWh)),
    days,
  };
}

/** Indices [i0, i1) of the points overlapping [fromMs, toMs), by binary search on the starts. */
function span(p: PreparedSeries, fromMs: number, toMs: number): [number, number] {
  const i0 = Math.max(0, firstAtOrAfter(p.startsMs, fromMs + 1) - 1);
  return [i0, firstAtOrAfter(p.startsMs, toMs)];
}

/** The first index whose value is ≥ x (the length when none is). */
function firstAtOrAfter(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Points i0..i1 of `p` with each value × (1 + σ·N(0,1)), at least zero: one day's forecast. */
function noisy(p: PreparedSeries, i0: number, i1: number, sigma: number, normal: () => number): PreparedSeries {
  const startsMs = p.startsMs.slice(i0, i1);
  const endsMs = p.endsMs.slice(i0, i1);
  const values = p.values.slice(i0, i1).map((v) => Math.max(0, v * (1 + sigma * normal())));
  const toMs = endsMs[endsMs.length - 1] ?? 0;
  const points = p.points.slice(i0, i1).map((pt, k) => ({ ...pt, gCO2ePerKWh: values[k] ?? 0, kind: 'forecast' as const }));
  return {
    ...p, points, startsMs, endsMs, values, filled: p.filled.slice(i0, i1), filledPoints: 0, fromMs: startsMs[0] ?? 0, toMs,
    integrals: { step: buildIntegral(startsMs, toMs, values, 'step'), linear: buildIntegral(startsMs, toMs, values, 'linear') },
  };
}
