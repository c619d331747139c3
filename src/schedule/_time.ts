/** Instants and durations for the schedule module: UTC only, epoch milliseconds inside. */
import { GreenopsError, quote } from '../core/errors.js';
import type { Instant } from './types.js';

export const MS_PER_MINUTE = 60_000;

// A zone designator is required: `new Date('2024-01-01T00:00')` reads as local time, which would
// silently shift a plan by the host's offset.
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch ms of a zoned ISO 8601 string, or NaN. */
export function isoToMs(value: string): number {
  return ZONED_ISO.test(value) ? Date.parse(value) : Number.NaN;
}

/** Epoch ms of an instant; `E_USAGE` naming the argument when it is not a zoned ISO string or a valid Date. */
export function parseInstant(value: Instant, name: string): number {
  const ms = value instanceof Date ? value.getTime() : isoToMs(value);
  if (!Number.isFinite(ms)) {
    throw new GreenopsError('E_USAGE', `${name} must be an ISO 8601 time with Z or an offset (e.g. 2024-03-31T01:00:00Z), got ${quote(String(value))}`, {
      data: { expected: 'ISO 8601 with zone', found: String(value).slice(0, 60) },
    });
  }
  return ms;
}

/** ISO 8601 UTC with a `Z`, without milliseconds when they are zero (the IntensityPoint style). */
export function isoUtc(ms: number): string {
  const s = new Date(Math.round(ms)).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, -5)}Z` : s;
}

/** Minutes to whole milliseconds, so that window edges compare exactly. */
export function minutesToMs(minutes: number): number {
  return Math.round(minutes * MS_PER_MINUTE);
}

/** `E_USAGE` unless `value` is a finite number > 0 (or ≥ 0 with `allowZero`). */
export function requirePositive(value: number, name: string, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new GreenopsError('E_USAGE', `${name} must be a finite number ${allowZero ? '≥ 0' : '> 0'}, got ${quote(value)}`, {
      data: { expected: allowZero ? '>= 0' : '> 0', found: String(value) },
    });
  }
}
