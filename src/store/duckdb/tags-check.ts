import { quote } from '../../core/errors.js';
import { ident, unreadableTagsSql } from '../../sources/sql.js';
import type { Db } from './connection.js';

/** Accepted rows whose tags could not be read (they are stored untagged), for the file's warning. */
export interface UnreadableTags {
  readonly rows: number;
  /** The first such row's number, counting the rows the reader kept (see `shiftedRowNo`). */
  readonly firstRow: number;
  readonly value: string;
}

/**
 * Rows whose tags are there but not a JSON object. The distinct tag sets (`__tagsets`, a few hundred
 * rows) say whether there are any; only then is the file read again, its tag columns only and
 * numbered, to count them and name the first. Rows rejected for a bad cell (numbered in `__groups`)
 * are not counted: nothing of them is stored.
 */
export async function findUnreadableTags(db: Db, tagColumns: readonly string[], numberedReader: () => string): Promise<UnreadableTags | undefined> {
  const sets = await db.all<{ n: number }>(`SELECT count(*) AS n FROM __tagsets WHERE ${unreadableTagsSql('tags_raw')}`);
  if ((sets[0]?.n ?? 0) === 0 || tagColumns.length === 0) return undefined;
  const same = tagColumns.map((c, i) => `r.${ident(c)} IS NOT DISTINCT FROM t.__c${i}`).join(' AND ');
  const rows = await db.all<{ n: number; first_row: number | null; value: string | null }>(
    `SELECT count(*) AS n, min(r.__rn) AS first_row, arg_min(left(t.tags_raw, 200), r.__rn) AS value
       FROM ${numberedReader()} AS r JOIN (SELECT * FROM __tagsets WHERE ${unreadableTagsSql('tags_raw')}) AS t ON ${same}
      WHERE r.__rn NOT IN (SELECT __row_no FROM __groups WHERE __row_no IS NOT NULL)`,
  );
  const r = rows[0];
  return r && r.n > 0 && r.first_row !== null ? { rows: r.n, firstRow: r.first_row, value: r.value ?? '' } : undefined;
}

/**
 * The file's row number of the `rowNo`-th row a CSV reader kept, given the row numbers of the lines it
 * left out (malformed lines, sorted): the row sits after every left-out row k with (row_k − k) < rowNo.
 */
export function shiftedRowNo(rowNo: number, leftOut: readonly number[]): number {
  return rowNo + leftOut.filter((r, i) => r - (i + 1) < rowNo).length;
}

/** The warning a file carries for its unreadable tags. */
export function unreadableTagsWarning(u: UnreadableTags, columns: readonly string[], firstRow: number): string {
  const rows = u.rows === 1 ? '1 row' : `${u.rows.toLocaleString('en-US')} rows`;
  return `${columns.join(', ')} unreadable in ${rows} (not a JSON object): read as untagged; first: row ${firstRow}, ${quote(u.value, 80)}`;
}
