/**
 * Flag values with units: durations, power, percentages, plain numbers and UTC instants. Each parser
 * names the flag and shows an example when it refuses a value (`E_USAGE`, exit code 2).
 */
import { GreenopsError, quote } from '../core/errors.js';

const usage = (flag: string, value: string, expected: string): GreenopsError =>
  new GreenopsError('E_USAGE', `${flag} ${quote(value)} is not valid; expected ${expected}`, { data: { column: flag, expected, found: value.slice(0, 60) } });

const UNIT_MINUTES: Readonly<Record<string, number>> = { d: 1440, h: 60, m: 1, s: 1 / 60 };
const COMPACT = /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/i;
// ISO 8601 durations without years or months, whose length in minutes depends on the calendar.
const ISO = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * Minutes in a duration: `4h`, `90m`, `1h30m`, `2d`, `45s`, or ISO 8601 `PT4H`, `P1DT2H`. A bare number
 * is refused: `4` could be hours or minutes. Zero only with `allowZero`.
 *
 * @example parseDuration('1h30m', '--duration') // 90
 * @example parseDuration('PT4H', '--duration') // 240
 */
export function parseDuration(value: string, flag: string, options: { allowZero?: boolean } = {}): number {
  const v = value.trim();
  const m = COMPACT.exec(v) ?? ISO.exec(v);
  const parts = m === null ? [] : m.slice(1, 5);
  if (m === null || v === '' || /^PT?$/i.test(v) || parts.every((p) => p === undefined)) {
    throw usage(flag, value, 'a duration such as 4h, 90m, 1h30m, 2d, 45s or PT4H');
  }
  const minutes = parts.reduce((sum, p, i) => sum + (p === undefined ? 0 : Number(p) * (Object.values(UNIT_MINUTES)[i] ?? 0)), 0);
  if (!Number.isFinite(minutes) || minutes < 0 || (minutes === 0 && options.allowZero !== true)) {
    throw usage(flag, value, 'a duration longer than zero, such as 4h');
  }
  return minutes;
}

const POWER_KW: Readonly<Record<string, number>> = { w: 1e-3, kw: 1, mw: 1e3 };

/**
 * Kilowatts in a power: `3.2kW`, `450W`, `1.2MW` (unit case-insensitive, except that `mW`, a
 * milliwatt, is refused rather than read as megawatts).
 *
 * @example parsePower('450W', '--power') // 0.45
 */
export function parsePower(value: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmM]?[wW])$/.exec(value.trim());
  const unit = m?.[2] ?? '';
  const factor = unit.startsWith('m') ? undefined : POWER_KW[unit.toLowerCase()];
  const kW = m === null || factor === undefined ? Number.NaN : Number(m[1]) * factor;
  if (!Number.isFinite(kW) || kW <= 0) throw usage(flag, value, 'a power above zero with its unit, such as 3.2kW, 450W or 1.2MW');
  return kW;
}

/**
 * A fraction from `5%` or `0.05`. A bare number above 1 is refused: `5` could mean 5 % or 500 %.
 *
 * @example parsePercent('5%', '--forecast-error') // 0.05
 * @example parsePercent('0.1', '--forecast-error') // 0.1
 */
export function parsePercent(value: string, flag: string): number {
  const v = value.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(v);
  const frac = pct === null && /^\d+(?:\.\d+)?$/.test(v) ? Number(v) : Number.NaN;
  const out = pct === null ? frac : Number(pct[1]) / 100;
  if (!Number.isFinite(out) || (pct === null && out > 1)) throw usage(flag, value, 'a percentage such as 5% or a fraction such as 0.05');
  return out;
}

/**
 * A finite number ≥ 0 (or > 0 with `positive`), naming the unit in the message.
 *
 * @example parseNumber('150', '--threshold', 'gCO2e/kWh, e.g. 150') // 150
 */
export function parseNumber(value: string, flag: string, expected: string, options: { positive?: boolean; integer?: boolean } = {}): number {
  const n = /^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value.trim()) ? Number(value) : Number.NaN;
  const bad = !Number.isFinite(n) || n < 0 || (options.positive === true && n === 0) || (options.integer === true && !Number.isInteger(n));
  if (bad) throw usage(flag, value, expected);
  return n;
}

/**
 * A whole number written in digits, at least `min` (default 0): a count such as `--limit` or an id such
 * as `--file`. Exponents, signs and fractions are refused, and so is anything past 2^53.
 *
 * @example parseWhole('50', '--limit', 'a whole number ≥ 0') // 50
 */
export function parseWhole(value: string, flag: string, expected: string, options: { min?: number } = {}): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < (options.min ?? 0)) throw usage(flag, value, expected);
  return n;
}

/**
 * Epoch ms of an ISO 8601 time: a date (`2024-06-01`, midnight UTC) or a date-time; without `Z` or an
 * offset it is read as UTC, the zone every greenops time is written in.
 *
 * @example parseUtc('2024-06-01T08:00', '--earliest') // Date.UTC(2024, 5, 1, 8)
 */
export function parseUtc(value: string, flag: string): number {
  const v = value.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(v);
  const text = m === null ? '' : `${m[1]}T${m[2] ?? '00:00'}${m[3] ?? 'Z'}`;
  const ms = m === null ? Number.NaN : Date.parse(text);
  // Date.parse rolls 2024-02-30 over into March; an impossible date is a typo, not a wish.
  const day = m === null ? Number.NaN : Date.parse(`${m[1]}T00:00Z`);
  const real = Number.isFinite(day) && new Date(day).toISOString().slice(0, 10) === m?.[1];
  if (!real || !Number.isFinite(ms)) throw usage(flag, value, 'an ISO 8601 time in UTC such as 2024-06-01T08:00Z or 2024-06-01');
  return ms;
}
