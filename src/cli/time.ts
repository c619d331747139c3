import { GreenopsError } from '../core/errors.js';

/** Accept an ISO 8601 date or date-time (UTC unless an offset is given); return it normalised, or throw naming the flag. */
export function parseTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const v = /^\d{4}-\d{2}(-\d{2})?$/.test(value) ? (value.length === 7 ? `${value}-01` : value) + 'T00:00:00Z' : value;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new GreenopsError('E_USAGE', `${flag} ${JSON.stringify(value)} is not a date; expected ISO 8601 such as 2026-08-01 or 2026-08-01T12:00:00Z`);
  return new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}
