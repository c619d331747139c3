import { GreenopsError, quote } from '../core/errors.js';

/** ISO 8601 as a flag takes it: a month, a date, or a date and time with an optional offset. */
const ISO = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$/;

/** Whether the parts of a date and time name a real instant (no 31 September, no hour 25). */
function isCalendarTime(m: RegExpExecArray): boolean {
  const [year, month, day = 1, hour = 0, minute = 0, second = 0] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => (x === undefined ? undefined : Number(x)));
  if (year === undefined || month === undefined) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 59;
}

/** The text of a matched ISO value as JavaScript parses it: a month's first day, midnight of a date, UTC unless an offset is given. */
function asUtcIso(v: string, m: RegExpExecArray): string {
  if (m[3] === undefined) return `${m[1]}-${m[2]}-01T00:00:00Z`;
  if (m[4] === undefined) return `${v}T00:00:00Z`;
  const t = v.replace(' ', 'T');
  return m[7] === undefined ? `${t}Z` : t;
}

/**
 * Accept an ISO 8601 month, date or date-time (UTC unless an offset is given); return it normalised
 * (YYYY-MM-DD HH:MM:SS.sss, UTC), or throw naming the flag and an `example` of what it takes.
 */
export function parseTime(value: string | undefined, flag: string, example = '2026-08-01 or 2026-08-01T12:00:00Z'): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const m = ISO.exec(v);
  const t = m && isCalendarTime(m) ? Date.parse(asUtcIso(v, m)) : Number.NaN;
  if (Number.isNaN(t)) throw new GreenopsError('E_USAGE', `${flag} ${JSON.stringify(value)} is not a date; expected ISO 8601 such as ${example}`, { data: { found: value, expected: `ISO 8601, such as ${example}` } });
  return new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}

/** `--from` (inclusive) and `--to` (exclusive), normalised; a period that ends before it starts is a usage error, not an empty result. */
export function parsePeriod(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  // billing usage is kept per day: the flags take dates (a time must be midnight UTC, see footprint-query)
  const f = parseTime(from, '--from', '2026-08-01');
  const t = parseTime(to, '--to', '2026-08-01');
  // Normalised times (YYYY-MM-DD HH:MM:SS.sss) sort as text.
  if (f !== undefined && t !== undefined && f >= t) {
    throw new GreenopsError('E_USAGE', `--from ${quote(from)} is not before --to ${quote(to)}: the period is empty (--to is exclusive)`);
  }
  return { ...(f === undefined ? {} : { from: f }), ...(t === undefined ? {} : { to: t }) };
}
