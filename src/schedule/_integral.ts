/**
 * Cumulative integral of a series, F(x) = ∫ intensity from the series start to x, so that any
 * window's integral is F(end) − F(start): O(1) per window instead of a pass over its points.
 *
 * Both semantics are one shape: on knot interval [t_i, t_i+1] the intensity is a_i + b_i·(x − t_i).
 * `step`: a_i is the point's value, b_i = 0. `linear`: the line from one point's start value to the
 * next's; after the last point's start there is no later value, so the last value holds flat to the
 * last point's end (our rule: the covered period is then the same under both semantics).
 * Times are minutes from the series start: small numbers keep F precise.
 */
import { MS_PER_MINUTE } from './_time.js';
import type { IntegralTable, Semantics } from './types.js';

/** Build F from ascending, contiguous points (starts, ends in epoch ms). */
export function buildIntegral(startsMs: Float64Array, toMs: number, values: Float64Array, semantics: Semantics): IntegralTable {
  const n = values.length;
  const t = new Float64Array(n + 1);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n + 1);
  const origin = startsMs[0] ?? 0;
  for (let i = 0; i < n; i++) t[i] = ((startsMs[i] ?? 0) - origin) / MS_PER_MINUTE;
  t[n] = (toMs - origin) / MS_PER_MINUTE;
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? 0;
    const next = i + 1 < n ? (values[i + 1] ?? v) : v;
    const len = (t[i + 1] ?? 0) - (t[i] ?? 0);
    const slope = semantics === 'linear' ? (next - v) / len : 0;
    a[i] = v;
    b[i] = slope;
    c[i + 1] = (c[i] ?? 0) + len * (v + (slope * len) / 2);
  }
  return { originMs: origin, t, a, b, c };
}

/** Index of the knot interval holding x: the last i with t_i ≤ x (clamped to the table). */
export function locate(table: IntegralTable, x: number): number {
  const { t } = table;
  let lo = 0;
  let hi = table.a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((t[mid] ?? 0) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function valueIn(table: IntegralTable, i: number, x: number): number {
  const u = x - (table.t[i] ?? 0);
  return (table.c[i] ?? 0) + u * ((table.a[i] ?? 0) + ((table.b[i] ?? 0) * u) / 2);
}

/** ∫ intensity over [fromMs, toMs] in g·min/kWh; the caller checks coverage. */
export function integralBetween(table: IntegralTable, fromMs: number, toMs: number): number {
  const x0 = (fromMs - table.originMs) / MS_PER_MINUTE;
  const x1 = (toMs - table.originMs) / MS_PER_MINUTE;
  return valueIn(table, locate(table, x1), x1) - valueIn(table, locate(table, x0), x0);
}

/** The intensity itself at epoch ms t: the derivative of F (at a knot, the interval that starts there). */
export function rateAt(table: IntegralTable, tMs: number): number {
  const x = (tMs - table.originMs) / MS_PER_MINUTE;
  const i = locate(table, x);
  return (table.a[i] ?? 0) + (table.b[i] ?? 0) * (x - (table.t[i] ?? 0));
}
