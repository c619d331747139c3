import { GreenopsError, quote } from '../../core/errors.js';
import { lit } from '../../sources/sql.js';
import type { SourceMapping, TypedField } from '../../sources/types.js';
import type { Queries } from './connection.js';
import { COMMA_GROUPED, DECIMAL_COMMA, DOT_GROUPED, EUROPEAN_GROUPING } from './cells-sql.js';

/**
 * A cell such as "3,197" is read as 3197 (',' between thousands), but in a file that also writes
 * "0,126" (',' as the decimal point, rejected) it means 3.197; and "1.000", read as 1, means 1000 in a
 * file that also groups thousands with '.' ("1.234,5"). Read as they are, those rows would be 1000×
 * off, silently. Such a file is refused, naming one cell of each kind. Asked only when some row was
 * rejected for a decimal comma, so it costs nothing on sound files.
 */
export async function refuseAmbiguousNumbers(db: Queries, file: string, mapping: SourceMapping, numberedReader: () => string): Promise<void> {
  const comma = (
    await db.all<{ row: number; column: string; value: string }>(
      'SELECT __row_no AS row, __reject_column AS column, __reject_value AS value FROM __groups WHERE __reject_reason = $1 ORDER BY __row_no LIMIT 1',
      [DECIMAL_COMMA],
    )
  )[0];
  if (!comma) return;
  const european = await db.all('SELECT 1 FROM __groups WHERE __reject_reason = $1 AND regexp_full_match(__reject_value, $2) LIMIT 1', [DECIMAL_COMMA, EUROPEAN_GROUPING]);
  const ambiguous = european.length > 0 ? `(${COMMA_GROUPED})|(${DOT_GROUPED})` : COMMA_GROUPED;
  const f = mapping.fields;
  // only text cells can hold a ','; typed numeric columns (Parquet) are numbers already
  const text = [f.quantity, f.billed_cost, f.effective_cost, f.blended_cost].filter((x: TypedField) => x.sql !== 'NULL' && (!x.type || /^VARCHAR/i.test(x.type)));
  if (text.length === 0) return;
  const cells = text.map((x) => `{'column': ${lit(x.column)}, 'value': CAST(${x.sql} AS VARCHAR)}`).join(', ');
  const grouped = (
    await db.all<{ row: number; column: string; value: string }>(
      `SELECT __rn AS row, cell.column AS column, cell.value AS value
       FROM (SELECT __rn, unnest([${cells}]) AS cell FROM ${numberedReader()})
       WHERE regexp_full_match(cell.value, ${lit(ambiguous)}) ORDER BY __rn LIMIT 1`,
    )
  )[0];
  if (!grouped) return;
  throw new GreenopsError(
    'E_INPUT_FILE_UNREADABLE',
    `${file}: cannot be read: its numbers are written with ',' as the decimal point (row ${comma.row}, ${comma.column}: ${quote(comma.value)}), so ${quote(grouped.value)} (row ${grouped.row}, ${grouped.column}) could be read 1000× off; expected '.' as the decimal point throughout (export the file with '.' as the decimal separator)`,
    { data: { file, row: grouped.row, column: grouped.column, found: grouped.value, expected: "a number with '.' as the decimal point" } },
  );
}
