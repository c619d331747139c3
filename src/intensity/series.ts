/**
 * Helpers every provider shares: query checks, clipping to the asked period, merging pages into one
 * sorted, non-overlapping list, and finding the holes a provider left.
 */
import { GreenopsError } from '../core/errors.js';
import { isoZ, MINUTE_MS } from './time.js';
import type { IntensityPoint, IntensityQuery, IntensitySeries } from './types.js';

/** Longest period one query may ask for: ten years of hourly points is ~88k objects. */
export const MAX_QUERY_DAYS = 3660;

/**
 * The query's bounds in epoch ms; `E_INPUT_VALUE` when they are not dates, `to` is not after
 * `from`, or the period is longer than `MAX_QUERY_DAYS`.
 *
 * @example checkQuery({ zone: 'DE', from: new Date('2024-01-01Z'), to: new Date('2024-01-02Z') }) // { from, to }
 */
export function checkQuery(query: IntensityQuery): { from: number; to: number } {
  const from = query.from.getTime();
  const to = query.to.getTime();
  const bad = (why: string): GreenopsError =>
    new GreenopsError('E_INPUT_VALUE', `intensity query for ${JSON.stringify(query.zone)}: ${why}`, {
      data: { expected: 'from < to, both valid dates, at most 3660 days apart' },
    });
  if (typeof query.zone !== 'string' || query.zone.trim() === '') throw bad('zone is empty');
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw bad('from and to must be valid dates');
  if (to <= from) throw bad(`to (${isoZ(to)}) must be after from (${isoZ(from)})`);
  if (to - from > MAX_QUERY_DAYS * 1440 * MINUTE_MS) throw bad(`period longer than ${MAX_QUERY_DAYS} days`);
  return { from, to };
}

/** @example startMs({ start: '2024-01-01T00:00:00Z', durationMinutes: 60, … }) // 1704067200000 */
export const startMs = (p: IntensityPoint): number => Date.parse(p.start);
/** End of a point's interval, epoch ms. @example endMs(hourFromMidnight) - startMs(hourFromMidnight) // 3600000 */
export const endMs = (p: IntensityPoint): number => Date.parse(p.start) + p.durationMinutes * MINUTE_MS;

/**
 * The points whose interval overlaps [from, to).
 *
 * @example clipPoints(series.points, query.from.getTime(), query.to.getTime())
 */
export function clipPoints(points: readonly IntensityPoint[], from: number, to: number): IntensityPoint[] {
  return points.filter((p) => startMs(p) < to && endMs(p) > from);
}

/**
 * Sorted by start, one point per interval: where two share a start the `actual` one wins over a
 * `forecast` (then the first given); a point overlapping the one before it is dropped.
 *
 * @example mergePoints([...pastRangePage1, ...pastRangePage2, ...forecast])
 */
export function mergePoints(points: readonly IntensityPoint[]): IntensityPoint[] {
  const rank = (p: IntensityPoint): number => (p.kind === 'actual' ? 0 : 1);
  const sorted = points
    .map((p, i) => ({ p, i, s: startMs(p) }))
    .sort((a, b) => a.s - b.s || rank(a.p) - rank(b.p) || a.i - b.i);
  const out: IntensityPoint[] = [];
  let end = -Infinity;
  for (const { p, s } of sorted) {
    if (s < end) continue;
    out.push(p);
    end = endMs(p);
  }
  return out;
}

export interface Gap {
  readonly from: string;
  readonly to: string;
}

/**
 * The parts of [query.from, query.to) no point covers.
 *
 * @example coverageGaps(series, query) // [{ from: '2024-03-31T02:00:00Z', to: '2024-03-31T03:00:00Z' }]
 */
export function coverageGaps(series: IntensitySeries, query: IntensityQuery): Gap[] {
  const gaps: Gap[] = [];
  let cursor = query.from.getTime();
  const to = query.to.getTime();
  for (const p of series.points) {
    const s = startMs(p);
    if (s >= to) break;
    if (s > cursor) gaps.push({ from: isoZ(cursor), to: isoZ(s) });
    cursor = Math.max(cursor, endMs(p));
  }
  if (cursor < to) gaps.push({ from: isoZ(cursor), to: isoZ(to) });
  return gaps;
}

/**
 * The series itself when it covers the whole query; `E_SERIES_GAP` listing the first holes otherwise.
 *
 * @example requireCoverage(await provider.series(q), q)
 */
export function requireCoverage(series: IntensitySeries, query: IntensityQuery): IntensitySeries {
  const gaps = coverageGaps(series, query);
  if (gaps.length === 0) return series;
  const shown = gaps.slice(0, 3).map((g) => `${g.from}–${g.to}`).join(', ');
  const more = gaps.length > 3 ? ` and ${gaps.length - 3} more` : '';
  throw new GreenopsError('E_SERIES_GAP', `${series.provider} has no intensity for ${series.zone} over ${shown}${more}`, {
    data: { zone: series.zone, provider: series.provider, gaps },
  });
}

/**
 * `E_PROVIDER` when the caller has already given up.
 *
 * @example throwIfAborted(options?.signal, 'electricitymaps')
 */
export function throwIfAborted(signal: AbortSignal | undefined, provider: string): void {
  if (signal?.aborted === true) {
    throw new GreenopsError('E_PROVIDER', `${provider}: request aborted`, { cause: signal.reason });
  }
}

/**
 * [from, to) cut into consecutive pieces of at most `maxMs` (APIs cap the range of one request).
 *
 * @example chunks(0, 25, 10) // [[0, 10], [10, 20], [20, 25]]
 */
export function chunks(from: number, to: number, maxMs: number): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  for (let s = from; s < to; s += maxMs) out.push([s, Math.min(to, s + maxMs)]);
  return out;
}
