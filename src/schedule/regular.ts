/** Series from bare arrays of values. */
import { GreenopsError, quote } from '../core/errors.js';
import type { IntensityPoint, IntensitySeries } from '../intensity/types.js';
import { isoToMs, isoUtc, minutesToMs, requirePositive } from './_time.js';

/**
 * A series of equal steps from plain numbers: for tests, examples and callers holding a bare array
 * (a forecast API's values). Points are `forecast`/`average`, not estimated, unless told otherwise.
 *
 * @example
 * regularSeries({ zone: 'GB', start: '2020-01-01T00:00:00Z', stepMinutes: 5, values: [10, 20, 30, 40] });
 */
export function regularSeries(spec: {
  zone: string;
  start: string;
  stepMinutes: number;
  values: readonly number[];
  kind?: IntensityPoint['kind'];
  signal?: IntensityPoint['signal'];
}): IntensitySeries {
  requirePositive(spec.stepMinutes, 'stepMinutes');
  const t0 = isoToMs(spec.start);
  if (!Number.isFinite(t0)) throw new GreenopsError('E_USAGE', `start must be ISO 8601 with Z or an offset, got ${quote(spec.start)}`);
  const points = spec.values.map((v, i): IntensityPoint => ({
    start: isoUtc(t0 + i * minutesToMs(spec.stepMinutes)),
    durationMinutes: spec.stepMinutes,
    gCO2ePerKWh: v,
    kind: spec.kind ?? 'forecast',
    signal: spec.signal ?? 'average',
    estimated: false,
  }));
  return { zone: spec.zone, points, provider: 'inline', fetchedAt: spec.start };
}
