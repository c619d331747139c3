/**
 * Averages over fixed periods and rolling windows: the Carbon Aware SDK's
 * `/emissions/average-carbon-intensity` and the `forecastData` of `/emissions/forecasts/current`.
 */
import { GreenopsError } from '../core/errors.js';
import { integralBetween, rateAt } from './_integral.js';
import { powerShape } from './_power.js';
import { requireCoverage, scan, windowOf } from './_scan.js';
import { MS_PER_MINUTE, isoUtc, minutesToMs, parseInstant, requirePositive } from './_time.js';
import { prepareSeries } from './series.js';
import type { GapPolicy, Instant, SeriesInput, Semantics, Window } from './types.js';

export interface AverageOptions {
  readonly onGap?: GapPolicy;
}

/**
 * Average intensity over [from, to]: time-weighted over the overlapping intervals (`step`) or the
 * trapezoid integral of the interpolated line (`linear`). The series must cover the period
 * (`E_SERIES_GAP` says what it covers). Input order does not matter: the series is sorted first.
 *
 * @example
 * // 10, 20, 30, 40 at 5-minute steps from 00:00
 * averageOver(series, '2020-01-01T00:04:00Z', '2020-01-01T00:20:00Z', 'step').averageGCO2ePerKWh; // 28.75
 */
export function averageOver(series: SeriesInput, from: Instant, to: Instant, semantics: Semantics = 'step', options: AverageOptions = {}): Window {
  const fromMs = parseInstant(from, 'from');
  const toMs = parseInstant(to, 'to');
  if (toMs <= fromMs) {
    throw new GreenopsError('E_USAGE', `to (${isoUtc(toMs)}) must be after from (${isoUtc(fromMs)})`, { data: { from: isoUtc(fromMs), to: isoUtc(toMs) } });
  }
  const p = prepareSeries(series, options);
  requireCoverage(p, fromMs, toMs);
  const integral = integralBetween(p.integrals[semantics], fromMs, toMs);
  return { start: isoUtc(fromMs), end: isoUtc(toMs), averageGCO2ePerKWh: (integral * MS_PER_MINUTE) / (toMs - fromMs) };
}

export interface RollingOptions extends AverageOptions {
  /** Default `step`, the Carbon Aware SDK's semantics. */
  readonly semantics?: Semantics;
}

/**
 * Average of every `windowMinutes` window starting at `from + k·tick` (tick defaults to the series'
 * shortest step; `from`/`to` default to the series' own start and end) that lies inside [from, to]
 * and is fully covered by data; windows the data does not cover are left out, as the SDK does.
 *
 * @example
 * // 10, 20, 30, 40 at 5-minute steps from 00:00
 * rollingAverages(series, 10, 4).map((w) => w.averageGCO2ePerKWh); // [15, 23, 31]
 * rollingAverages(series, 5, undefined, '2020-01-01T00:02:00Z', '2020-01-01T00:20:00Z'); // 14, 24, 34
 */
export function rollingAverages(series: SeriesInput, windowMinutes: number, tickMinutes?: number, from?: Instant, to?: Instant, options: RollingOptions = {}): Window[] {
  requirePositive(windowMinutes, 'windowMinutes');
  if (tickMinutes !== undefined) requirePositive(tickMinutes, 'tickMinutes');
  const p = prepareSeries(series, options);
  const fromMs = from === undefined ? p.fromMs : parseInstant(from, 'from');
  const toMs = Math.min(to === undefined ? p.toMs : parseInstant(to, 'to'), p.toMs);
  const tickMs = Math.max(1, minutesToMs(tickMinutes ?? p.stepMinutes));
  const windowMs = minutesToMs(windowMinutes);
  // Anchor the grid at `from`, then skip the windows that start before the data does.
  const k0 = Math.max(0, Math.ceil((p.fromMs - fromMs) / tickMs));
  const kEnd = Math.floor((toMs - windowMs - fromMs) / tickMs);
  const count = Math.max(0, kEnd - k0 + 1);
  const shape = powerShape(undefined, windowMs / MS_PER_MINUTE);
  const r = scan(p, options.semantics ?? 'step', fromMs + k0 * tickMs, tickMs, count, shape);
  return Array.from({ length: count }, (_, k) => windowOf(r, k, shape));
}

/**
 * Intensity at one instant: the point's value (`step`) or the interpolated line (`linear`). At a
 * point's start it is that point's value; from the last point's start to its end, the last value.
 *
 * @example
 * // CATS: 40 at 09:00, 50 at 09:30
 * intensityAt(series, '2024-01-01T09:15:00Z', 'linear'); // 45
 */
export function intensityAt(series: SeriesInput, at: Instant, semantics: Semantics = 'step', options: AverageOptions = {}): number {
  const tMs = parseInstant(at, 'at');
  const p = prepareSeries(series, options);
  requireCoverage(p, tMs, tMs);
  return rateAt(p.integrals[semantics], tMs);
}
