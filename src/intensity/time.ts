/**
 * Instants for grid signals. Every series is in UTC: a timestamp is accepted only with a `Z` or an
 * offset (or, for files whose header says UTC, without one), so that daylight-saving changes can
 * never shift, duplicate or drop an interval.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/**
 * ISO 8601 UTC with a `Z`, to the second (milliseconds only when not zero).
 *
 * @example isoZ(Date.UTC(2024, 2, 31, 1)) // '2024-03-31T01:00:00Z'
 */
export function isoZ(ms: number): string {
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, 19)}Z` : s;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Epoch milliseconds of `YYYY-MM-DD[T ]hh:mm[:ss[.fff]]` followed by `Z` or `±hh[:mm]`; undefined when
 * the text is not such a timestamp, names an impossible date, or has no zone and `assumeUtc` is false.
 *
 * @example parseInstant('2024-03-31T02:00:00+01:00') // Date.UTC(2024, 2, 31, 1)
 * @example parseInstant('2024-01-01 00:00:00', true) // Date.UTC(2024, 0, 1)
 */
export function parseInstant(text: string, assumeUtc = false): number | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  if (zone === undefined && !assumeUtc) return undefined;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const local = Date.UTC(...fields);
  const back = new Date(local);
  const valid =
    back.getUTCFullYear() === fields[0] && back.getUTCMonth() === fields[1] && back.getUTCDate() === fields[2] &&
    back.getUTCHours() === fields[3] && back.getUTCMinutes() === fields[4] && back.getUTCSeconds() === fields[5];
  if (!valid) return undefined;
  const ms = frac === '' ? 0 : Math.round(Number(`0${frac}`) * 1000);
  return local + ms - offsetMinutes(zone) * MINUTE_MS;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/**
 * Start of the `stepMinutes` slot containing `ms` (slots aligned on the Unix epoch, i.e. on UTC).
 *
 * @example isoZ(floorTo(Date.parse('2024-01-01T10:45Z'), 60)) // '2024-01-01T10:00:00Z'
 */
export function floorTo(ms: number, stepMinutes: number): number {
  const step = stepMinutes * MINUTE_MS;
  return Math.floor(ms / step) * step;
}

/**
 * End of the `stepMinutes` slot ending at or after `ms`.
 *
 * @example isoZ(ceilTo(Date.parse('2024-01-01T10:45Z'), 30)) // '2024-01-01T11:00:00Z'
 */
export function ceilTo(ms: number, stepMinutes: number): number {
  const step = stepMinutes * MINUTE_MS;
  return Math.ceil(ms / step) * step;
}
