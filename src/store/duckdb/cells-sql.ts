import type { TypedField } from '../../sources/types.js';
import { lit } from '../../sources/sql.js';

/**
 * How a typed cell is parsed, and why a row whose cell does not parse is rejected. These run on every
 * row of the file inside the one grouped pass, so each check takes a cheap path for the forms exports
 * actually write and keeps regular expressions for the rows that miss it.
 */

export type Kind = 'timestamp' | 'number';

export const EXPECT: Record<Kind, string> = {
  timestamp: 'expected an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)',
  number: 'expected a number',
};

/**
 * Charges dated outside these years (UTC) are rejected: such a date is a typo or another format misread
 * (`9/1/26` parses as the year 9), and one of them would stretch every report over centuries.
 */
export const YEARS = { from: 2000, to: 2099 } as const;

const NUMERIC_TYPES = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)\b/;
const TIME_TYPES = /^(TIMESTAMP|DATE)\b/;

/**
 * The shapes most exports write (FOCUS and CUR `…T00:00:00Z`, database dumps `… 00:00:00`, Athena
 * `…T00:00:00.000Z`). A cell of one of them is parsed by the cast alone, which checks its digits; the
 * cast also reads a space-padded hour or a one-digit second padded out to the shape, as written.
 */
const COMMON_SHAPES = ['____-__-__T__:__:__Z', '____-__-__ __:__:__', '____-__-__T__:__:__.___Z'];

/** ISO 8601 as exports write it: a date, or a date and time (fraction optional) with an optional `Z` or UTC offset. */
const ISO_8601 = '[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?)?';

function timestampSql(field: TypedField): string {
  const type = field.type?.toUpperCase() ?? '';
  // Parquet timestamps arrive typed (with a zone, they are stored as UTC: the session zone is UTC).
  if (TIME_TYPES.test(type)) return `CAST(${field.sql} AS TIMESTAMP)`;
  const v = `CAST(${field.sql} AS VARCHAR)`;
  const plain = `TRY_CAST(${v} AS TIMESTAMP)`;
  // A UTC offset ("+02:00", "-0500") needs the zone-aware parser, ~30× slower; the plain cast would
  // ignore it. In an ISO 8601 cell an offset is a '+' anywhere, or a '-' after the 'T' or space.
  const zoned = `CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AS TIMESTAMP)`;
  const offset = `${v} LIKE '%+%' OR ${v} LIKE '%T%-%' OR ${v} LIKE '% %-%'`;
  return `CASE WHEN ${COMMON_SHAPES.map((s) => `${v} LIKE ${lit(s)}`).join(' OR ')} THEN ${plain}
    WHEN NOT regexp_full_match(${v}, ${lit(ISO_8601)}) THEN NULL
    WHEN ${offset} THEN ${zoned} ELSE ${plain} END`;
}

/**
 * Numbers whose one separator sits between groups of three digits: "3,197" (read with ',' between
 * thousands) and "1.000" (read with '.' as the decimal point). In a file that shows elsewhere that its
 * ',' is a decimal point, or also that its '.' groups thousands ("1.234,5"), they could be 1000× off
 * (see decimal-comma.ts).
 */
export const COMMA_GROUPED = '\\s*-?[$€£]?\\s*-?[1-9][0-9]{0,2}(,[0-9]{3})+\\s*';
export const DOT_GROUPED = '\\s*-?[$€£]?\\s*-?[1-9][0-9]{0,2}(\\.[0-9]{3})+\\s*';
/** A cell grouping thousands with '.' and a decimal ',' ("1.234,5"): the European way. */
export const EUROPEAN_GROUPING = '.*[0-9]\\.[0-9]{3},[0-9].*';

/** Why a cell that reads as a number with a decimal comma ("0,096") is rejected. */
export const DECIMAL_COMMA = "expected a number with '.' as the decimal point";

/** Text money may carry a currency sign and ',' thousands separators, in their one unambiguous form. */
const GROUPED_NUMBER = '\\s*-?[$€£]?\\s*-?[1-9][0-9]{0,2}(,[0-9]{3})+(\\.[0-9]+)?\\s*|\\s*-?[$€£]\\s*-?[0-9]+(\\.[0-9]+)?\\s*';

function numberSql(field: TypedField): string {
  const type = field.type?.toUpperCase() ?? '';
  if (NUMERIC_TYPES.test(type)) return `CAST(${field.sql} AS DOUBLE)`;
  // "$10,000.00" is read as 10000; "0,096" or "12,5" (a decimal comma) and "10 EUR" are not numbers.
  const text = `CAST(${field.sql} AS VARCHAR)`;
  return `COALESCE(TRY_CAST(${field.sql} AS DOUBLE), CASE WHEN regexp_full_match(${text}, ${lit(GROUPED_NUMBER)}) THEN TRY_CAST(regexp_replace(${text}, '[$€£,\\s]', '', 'g') AS DOUBLE) END)`;
}

/** SQL of a typed field's value: TIMESTAMP or DOUBLE, NULL where the cell does not parse. */
export function typedSql(field: TypedField, kind: Kind): string {
  return kind === 'timestamp' ? timestampSql(field) : numberSql(field);
}

/** Whether a TIMESTAMP expression falls within `YEARS`. */
export function inYearsSql(expr: string): string {
  return `(${expr} >= TIMESTAMP '${YEARS.from}-01-01' AND ${expr} < TIMESTAMP '${YEARS.to + 1}-01-01')`;
}

/** A TIMESTAMP expression, NULL outside `YEARS` (the expression is evaluated once: DuckDB shares common subexpressions). */
export function withinYearsSql(expr: string): string {
  return `CASE WHEN ${inYearsSql(expr)} THEN ${expr} END`;
}

export interface Check {
  readonly name: string;
  readonly field: TypedField;
  readonly kind: Kind;
}

/** A reason to reject a row: when it applies (SQL over `c.__raw_<name>` and `c.__<name>`), its column, reason and value. */
export interface Failure {
  readonly when: string;
  readonly column: string;
  readonly reason: string;
  readonly value: string;
}

/** Why a cell that is there did not parse; the first whose condition (SQL after `AND`, or none) holds. */
function unparsed(c: Check): Array<{ and: string; reason: string }> {
  if (c.kind === 'timestamp') return [{ and: '', reason: EXPECT.timestamp }];
  // a cell that would be a number with ',' as its decimal point (and '.' between thousands) has one
  const european = `TRY_CAST(replace(replace(CAST(c.__raw_${c.name} AS VARCHAR), '.', ''), ',', '.') AS DOUBLE)`;
  return [
    { and: ` AND contains(CAST(c.__raw_${c.name} AS VARCHAR), ',') AND ${european} IS NOT NULL`, reason: DECIMAL_COMMA },
    { and: '', reason: EXPECT.number },
  ];
}

/**
 * The reasons to reject a row, in the order they are tried (a row is rejected for the first that
 * applies). The `period_end` check also refuses an end before the `period_start` check's value.
 */
export function cellFailures(checks: readonly Check[]): Failure[] {
  const failures: Failure[] = [];
  const value = (name: string): string => `left(CAST(c.__raw_${name} AS VARCHAR), 200)`;
  const start = checks.find((c) => c.name === 'period_start');
  for (const c of checks) {
    const at = { column: c.field.column, value: value(c.name) };
    if (c.field.required) failures.push({ when: `c.__raw_${c.name} IS NULL`, column: c.field.column, reason: `missing value; ${EXPECT[c.kind]}`, value: 'NULL' });
    for (const u of unparsed(c)) failures.push({ ...at, when: `c.__raw_${c.name} IS NOT NULL AND c.__${c.name} IS NULL${u.and}`, reason: u.reason });
    // "NaN" and "Infinity" parse as numbers, and would poison every sum they enter
    if (c.kind === 'number') failures.push({ ...at, when: `NOT isfinite(c.__${c.name})`, reason: 'expected a finite number' });
    if (c.kind === 'timestamp') failures.push({ ...at, when: `NOT ${inYearsSql(`c.__${c.name}`)}`, reason: `expected a date-time in the years ${YEARS.from} to ${YEARS.to}` });
    if (c.name === 'period_end' && start) {
      failures.push({ ...at, when: 'c.__period_end < c.__period_start', reason: `before ${start.field.column}: expected an end at or after the start` });
    }
  }
  return failures;
}
