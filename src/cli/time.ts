import { GreenopsError, quote } from '../core/errors.js';

/** Accept an ISO 8601 date or date-time (UTC unless an offset is given); return it normalised, or throw naming the flag. */
export function parseTime(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const v = /^\d{4}-\d{2}(-\d{2})?$/.test(value) ? (value.length === 7 ? `${value}-01` : value) + 'T00:00:00Z' : value;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new GreenopsError('E_USAGE', `${flag} ${JSON.stringify(value)} is not a date; expected ISO 8601 such as 2026-08-01 or 2026-08-01T12:00:00Z`);
  return new Date(t).toISOString().replace('T', ' ').replace('Z', '');
}

/** `--from` (inclusive) and `--to` (exclusive), normalised; a period that ends before it starts is a usage error, not an empty result. */
export function parsePeriod(from: string | undefined, to: string | undefined): { from?: string; to?: string } {
  const f = parseTime(from, '--from');
  const t = parseTime(to, '--to');
  // Normalised times (YYYY-MM-DD HH:MM:SS.sss) sort as text.
  if (f !== undefined && t !== undefined && f >= t) {
    throw new GreenopsError('E_USAGE', `--from ${quote(from)} is not before --to ${quote(to)}: the period is empty (--to is exclusive)`);
  }
  return { ...(f === undefined ? {} : { from: f }), ...(t === undefined ? {} : { to: t }) };
}
