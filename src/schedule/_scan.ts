/**
 * The sliding-window scan shared by window search, region planning and chunking: candidate starts
 * first + k·tick, each window's integral from two (or, with a power profile, m + 1) forward-only
 * indices into the cumulative integral. O(points + candidates·segments), never O(points·window).
 */
import { GreenopsError, quote } from '../core/errors.js';
import { locate } from './_integral.js';
import type { PowerShape } from './_power.js';
import { MS_PER_MINUTE, isoUtc } from './_time.js';
import type { IntegralTable, PreparedSeries, Semantics, Window } from './types.js';

/** Relative tolerance under which two candidates count as tied optima. */
export const TIE_TOLERANCE = 1e-9;

/** `E_SERIES_GAP` (kind `coverage`) unless the series covers [fromMs, toMs], saying what it does cover. */
export function requireCoverage(p: PreparedSeries, fromMs: number, toMs: number): void {
  if (fromMs >= p.fromMs && toMs <= p.toMs) return;
  throw new GreenopsError('E_SERIES_GAP', `Series for zone ${quote(p.zone)} covers ${isoUtc(p.fromMs)} to ${isoUtc(p.toMs)}, but ${isoUtc(fromMs)} to ${isoUtc(toMs)} is needed`, {
    data: { zone: p.zone, kind: 'coverage', coveredFrom: isoUtc(p.fromMs), coveredTo: isoUtc(p.toMs), neededFrom: isoUtc(fromMs), neededTo: isoUtc(toMs) },
  });
}

export interface ScanResult {
  readonly firstMs: number;
  readonly tickMs: number;
  readonly durationMs: number;
  readonly count: number;
  /** ∫ intensity over each candidate window, g·min/kWh. */
  readonly integral: Float64Array;
  /** Σ_j kW_j · ∫ over segment j, kW·g·min/kWh (equals `integral` without power). */
  readonly weighted: Float64Array;
}

/** Integrals of the windows starting at firstMs + k·tickMs, k < count. Coverage is the caller's. */
export function scan(p: PreparedSeries, semantics: Semantics, firstMs: number, tickMs: number, count: number, shape: PowerShape): ScanResult {
  const table = p.integrals[semantics];
  const x0 = (firstMs - table.originMs) / MS_PER_MINUTE;
  const tick = tickMs / MS_PER_MINUTE;
  const integral = new Float64Array(count);
  const weighted = shape.weights.length === 1 ? slide(table, x0, tick, shape, integral) : slideProfile(table, x0, tick, shape, integral);
  const minutes = shape.offsets[shape.offsets.length - 1] as number;
  return { firstMs, tickMs, durationMs: Math.round(minutes * MS_PER_MINUTE), count, integral, weighted };
}

// The hot loops below read typed arrays at indices kept in range by construction, hence `as number`.

/** Two edges, two forward-only interval indices: F(end) − F(start) per window. */
function slide(table: IntegralTable, x0: number, tick: number, shape: PowerShape, out: Float64Array): Float64Array {
  const { t, a, b, c } = table;
  const last = a.length - 1;
  const d = shape.offsets[1] as number;
  let i0 = locate(table, x0);
  let i1 = locate(table, x0 + d);
  for (let k = 0; k < out.length; k++) {
    // Multiply rather than accumulate so that the last candidate's start does not drift.
    const s = x0 + k * tick;
    const e = s + d;
    while (i0 < last && (t[i0 + 1] as number) <= s) i0++;
    while (i1 < last && (t[i1 + 1] as number) <= e) i1++;
    const u0 = s - (t[i0] as number);
    const u1 = e - (t[i1] as number);
    out[k] = (c[i1] as number) + u1 * ((a[i1] as number) + (b[i1] as number) * u1 * 0.5) - ((c[i0] as number) + u0 * ((a[i0] as number) + (b[i0] as number) * u0 * 0.5));
  }
  const kW = shape.weights[0] as number;
  return kW === 1 ? out : out.map((v) => v * kW);
}

/** m + 1 edges for an m-segment power profile: Σ kW_j × (F(edge_j+1) − F(edge_j)). */
function slideProfile(table: IntegralTable, x0: number, tick: number, shape: PowerShape, integral: Float64Array): Float64Array {
  const { t, a, b, c } = table;
  const { offsets, weights } = shape;
  const m = weights.length;
  const last = a.length - 1;
  const weighted = new Float64Array(integral.length);
  const at = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) at[j] = locate(table, x0 + (offsets[j] as number));
  for (let k = 0; k < integral.length; k++) {
    const s = x0 + k * tick;
    let w = 0;
    let f0 = 0;
    let prev = 0;
    for (let j = 0; j <= m; j++) {
      const x = s + (offsets[j] as number);
      let i = at[j] as number;
      while (i < last && (t[i + 1] as number) <= x) i++;
      at[j] = i;
      const u = x - (t[i] as number);
      const f = (c[i] as number) + u * ((a[i] as number) + (b[i] as number) * u * 0.5);
      if (j === 0) f0 = f;
      else w += (weights[j - 1] as number) * (f - prev);
      prev = f;
    }
    integral[k] = prev - f0;
    weighted[k] = w;
  }
  return weighted;
}

/** The value a search minimises: total emissions with a profile, else the window integral (∝ average). */
export function objective(r: ScanResult, shape: PowerShape): Float64Array {
  return shape.profile ? r.weighted : r.integral;
}

/** Indices of every candidate within the relative tie tolerance of the minimum, in time order. */
export function optimaIndices(values: Float64Array): number[] {
  let best = Infinity;
  for (let k = 0; k < values.length; k++) if ((values[k] as number) < best) best = values[k] as number;
  const tol = TIE_TOLERANCE * Math.max(Math.abs(best), Number.MIN_VALUE);
  const out: number[] = [];
  for (let k = 0; k < values.length; k++) if ((values[k] as number) - best <= tol) out.push(k);
  return out;
}

/** A window from its start and integrals; emissions and energy only when power was given. */
export function makeWindow(startMs: number, durationMs: number, integral: number, weighted: number, shape: PowerShape): Window {
  const minutes = durationMs / MS_PER_MINUTE;
  const timeAverage = integral / minutes;
  const base = { start: isoUtc(startMs), end: isoUtc(startMs + durationMs) };
  if (shape.energyKWh === undefined) return { ...base, averageGCO2ePerKWh: timeAverage };
  const emissionsG = weighted / 60;
  // With a profile the honest average is energy-weighted: the intensity the job's kWh actually met.
  const average = shape.profile && shape.energyKWh > 0 ? emissionsG / shape.energyKWh : timeAverage;
  return { ...base, averageGCO2ePerKWh: average, energyKWh: shape.energyKWh, emissionsG };
}

/** The window of candidate k of a scan. */
export function windowOf(r: ScanResult, k: number, shape: PowerShape): Window {
  return makeWindow(r.firstMs + k * r.tickMs, r.durationMs, r.integral[k] ?? 0, r.weighted[k] ?? 0, shape);
}
