/**
 * Series preparation: sort, check continuity, optionally fill gaps, and hold the result as numbers.
 * Every later computation (averages, window search, chunks) assumes what this guarantees: points are
 * ascending and each one ends exactly where the next starts.
 */
import { GreenopsError, quote } from '../core/errors.js';
import type { IntensityPoint } from '../intensity/types.js';
import { buildIntegral } from './_integral.js';
import { MS_PER_MINUTE, isoToMs, isoUtc, minutesToMs } from './_time.js';
import type { GapPolicy, PreparedSeries, SeriesInput } from './types.js';

interface Raw { readonly point: IntensityPoint; readonly start: number; readonly end: number; readonly filled: boolean }

/** True when the input was already prepared (so it is not checked twice). */
export function isPrepared(series: SeriesInput): series is PreparedSeries {
  return 'startsMs' in series;
}

/**
 * Sort a series, merge exact duplicates, refuse overlaps, and either refuse or fill gaps.
 *
 * Gap fills use the length of the point before the gap (the last fill is shortened to end at the gap's
 * end) and values on the straight line from the previous point's start value to the next point's
 * start value. Under `linear` semantics the filled series is therefore exactly the line across the
 * gap; under `step` it is a staircase along it. Filled points carry `estimated: true` and are counted
 * in `filledPoints`, so a plan built on them can say so. Mixed point lengths (30 then 60 minutes) are
 * fine: only continuity matters. Overlaps (other than exact duplicates, which are merged and
 * counted) and empty series are `E_SERIES_GAP` too; `data.kind` says which (`gap`, `overlap`,
 * `empty`); malformed points are `E_INPUT_VALUE` with the point's index.
 *
 * @example
 * const p = prepareSeries(series, { onGap: 'interpolate' });
 * if (p.filledPoints > 0) warn(`${p.filledPoints} points of ${p.zone} were interpolated`);
 */
export function prepareSeries(series: SeriesInput, options: { onGap?: GapPolicy } = {}): PreparedSeries {
  if (isPrepared(series)) return series;
  const zone = series.zone;
  const raw = series.points.map((point, i) => toRaw(zone, point, i)).sort((a, b) => a.start - b.start || a.end - b.end);
  if (raw.length === 0) {
    throw new GreenopsError('E_SERIES_GAP', `Series for zone ${quote(zone)} has no points`, { data: { zone, kind: 'empty' } });
  }
  const out: Raw[] = [];
  let duplicates = 0;
  for (const cur of raw) {
    const prev = out[out.length - 1];
    if (prev && cur.start < prev.end) {
      if (cur.start === prev.start && cur.end === prev.end && cur.point.gCO2ePerKWh === prev.point.gCO2ePerKWh) {
        duplicates++;
        continue;
      }
      throw new GreenopsError('E_SERIES_GAP', `Series for zone ${quote(zone)} has overlapping points: ${isoUtc(prev.start)}–${isoUtc(prev.end)} and ${isoUtc(cur.start)}–${isoUtc(cur.end)}`, {
        data: { zone, kind: 'overlap', overlapStart: isoUtc(cur.start), overlapEnd: isoUtc(Math.min(prev.end, cur.end)) },
      });
    }
    if (prev && cur.start > prev.end) {
      if (options.onGap !== 'interpolate') {
        throw new GreenopsError('E_SERIES_GAP', `Series for zone ${quote(zone)} has a gap from ${isoUtc(prev.end)} to ${isoUtc(cur.start)}; pass onGap: 'interpolate' to fill it linearly (filled points are flagged estimated)`, {
          data: { zone, kind: 'gap', gapStart: isoUtc(prev.end), gapEnd: isoUtc(cur.start) },
        });
      }
      out.push(...fillGap(prev, cur));
    }
    out.push(cur);
  }
  return toPrepared(zone, out, duplicates);
}

function toRaw(zone: string, point: IntensityPoint, index: number): Raw {
  const start = isoToMs(point.start);
  const ok = Number.isFinite(start) && Number.isFinite(point.durationMinutes) && point.durationMinutes > 0 && Number.isFinite(point.gCO2ePerKWh);
  if (!ok) {
    throw new GreenopsError('E_INPUT_VALUE', `Series for zone ${quote(zone)}, point ${index}: expected a zoned ISO start, a duration > 0 and a finite gCO2e/kWh, got start ${quote(point.start)}, ${quote(point.durationMinutes)} min, ${quote(point.gCO2ePerKWh)} g/kWh`, {
      data: { zone, row: index, expected: 'start (ISO with Z), durationMinutes > 0, finite gCO2ePerKWh' },
    });
  }
  return { point, start, end: start + minutesToMs(point.durationMinutes), filled: false };
}

function fillGap(prev: Raw, next: Raw): Raw[] {
  const step = prev.end - prev.start;
  const v0 = prev.point.gCO2ePerKWh;
  const slope = (next.point.gCO2ePerKWh - v0) / (next.start - prev.start);
  const fills: Raw[] = [];
  for (let t = prev.end; t < next.start; t += step) {
    const end = Math.min(t + step, next.start);
    const point: IntensityPoint = {
      start: isoUtc(t),
      durationMinutes: (end - t) / MS_PER_MINUTE,
      gCO2ePerKWh: v0 + slope * (t - prev.start),
      kind: prev.point.kind,
      signal: prev.point.signal,
      estimated: true,
    };
    fills.push({ point, start: t, end, filled: true });
  }
  return fills;
}

function toPrepared(zone: string, rows: readonly Raw[], duplicatesMerged: number): PreparedSeries {
  const n = rows.length;
  const startsMs = new Float64Array(n);
  const endsMs = new Float64Array(n);
  const values = new Float64Array(n);
  const filled = new Uint8Array(n);
  let shortest = Infinity;
  let filledPoints = 0;
  rows.forEach((r, i) => {
    startsMs[i] = r.start;
    endsMs[i] = r.end;
    values[i] = r.point.gCO2ePerKWh;
    filled[i] = r.filled ? 1 : 0;
    if (r.filled) filledPoints++;
    // Fills may be shortened to fit their gap, so the tick comes from the provider's own points.
    else shortest = Math.min(shortest, r.end - r.start);
  });
  const toMs = endsMs[n - 1] ?? 0;
  return {
    zone,
    points: rows.map((r) => r.point),
    startsMs,
    endsMs,
    values,
    filled,
    filledPoints,
    duplicatesMerged,
    stepMinutes: shortest / MS_PER_MINUTE,
    fromMs: startsMs[0] ?? 0,
    toMs,
    integrals: { step: buildIntegral(startsMs, toMs, values, 'step'), linear: buildIntegral(startsMs, toMs, values, 'linear') },
  };
}

