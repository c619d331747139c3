import { quote } from '../../core/errors.js';
import { ident } from '../../sources/sql.js';
import type { Queries } from './connection.js';
import { checkReadSql, csvDelimiter, csvReaderSql, firstLineSql } from './reader.js';

/**
 * What is wrong with a CSV file that the strict read refused: asked only when it did, reading the file
 * once or twice more. Rows with fewer or more fields than the header, or a line no read can take (an
 * unclosed quote), each with how many and the first. Mixed line endings alone are nothing wrong.
 */

export interface LineProblem {
  readonly kind: 'fewer' | 'more' | 'other';
  /** How many rows have it. */
  readonly rows: number;
  /** The first one's data row (the header is line 1, row 0). */
  readonly row: number;
  /** Fields found on that row, where known. */
  readonly found?: number;
  readonly message: string;
  /** The start of that row as written, where known. */
  readonly text?: string;
}

/** Fields in one CSV line, quotes respected (a doubled quote inside a quoted value toggles twice). */
export function countFields(line: string, delimiter: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

/** Fields in the file's header (its first line), or undefined if the file has no line. */
export async function headerWidth(db: Queries, path: string): Promise<number | undefined> {
  const rows = await db.all<{ line: string | null }>(firstLineSql(path));
  const line = rows[0]?.line;
  return line ? countFields(line, csvDelimiter(path)) : undefined;
}

function tableName(what: string): string {
  return `greenops_${what}_${process.pid}_${Date.now()}`;
}

/** Whether a table (a CSV read's rejects table: made only when the read stores rejects) exists. */
export async function tableExists(db: Queries, table: string): Promise<boolean> {
  const rows = await db.all<{ n: number }>('SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = $1', [table]);
  return (rows[0]?.n ?? 0) > 0;
}

/** Drop a CSV read's rejects table and its scan table. */
export async function dropRejects(db: Queries, table: string): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS "${table}"`);
  await db.run(`DROP TABLE IF EXISTS "${table}_scan"`);
}

/** The lines a read of `width` fields without the sniffer refuses (see `checkReadSql`), by kind, the first of each first. */
export async function refusedLines(db: Queries, path: string, width: number, strict: boolean): Promise<LineProblem[]> {
  const table = tableName('check');
  try {
    await db.run(checkReadSql(path, width, table, strict));
    const rows = await db.all<{ kind: LineProblem['kind']; rows: number; line: number; found: number; message: string; text: string }>(
      `WITH e AS (
         SELECT line, column_idx, error_message, csv_line, CASE error_type WHEN 'MISSING COLUMNS' THEN 'fewer' WHEN 'TOO MANY COLUMNS' THEN 'more' ELSE 'other' END AS kind
         FROM "${table}"),
       first AS (SELECT kind, count(DISTINCT line) AS rows, min(line) AS line FROM e GROUP BY kind)
       SELECT kind, any_value(first.rows) AS rows, line, CASE kind WHEN 'fewer' THEN min(column_idx) ELSE max(column_idx) END AS found,
         first(error_message ORDER BY column_idx) AS message, any_value(csv_line) AS text
       FROM e JOIN first USING (kind, line) GROUP BY kind, line ORDER BY line, kind DESC`,
    );
    return rows.map((r) => ({ kind: r.kind, rows: r.rows, row: r.line - 1, found: r.found, message: r.message, text: r.text }));
  } finally {
    await dropRejects(db, table);
  }
}

/**
 * Rows with more fields than the header's `width`. The lenient read names the fields past the
 * header after their position (`column20` …) when its sniffer saw such a row: the rows with any of
 * them, numbered, are those.
 */
async function longRows(db: Queries, path: string, described: readonly string[], width: number): Promise<LineProblem[]> {
  const extra = described.slice(width);
  if (extra.length === 0) return [];
  const table = tableName('long');
  try {
    const found = `${width} + list_max([${extra.map((c, i) => `CASE WHEN ${ident(c)} IS NOT NULL THEN ${i + 1} END`).join(', ')}])`;
    const rows = await db.all<{ n: number; row: number | null; found: number | null }>(
      `SELECT count(*) AS n, min(__rn) AS row, arg_min(${found}, __rn) AS found
         FROM ${csvReaderSql(path, { lenient: true }, extra, table, true)} WHERE ${extra.map((c) => `${ident(c)} IS NOT NULL`).join(' OR ')}`,
    );
    const r = rows[0];
    return r && r.n > 0 && r.row !== null ? [{ kind: 'more', rows: r.n, row: r.row, found: r.found ?? undefined, message: 'more fields than the header' }] : [];
  } finally {
    await dropRejects(db, table);
  }
}

function rowsHave(n: number): string {
  return n === 1 ? '1 row has' : `${n.toLocaleString('en-US')} rows have`;
}

/** Warnings for a file read leniently: what the lenient read did, and where it first had to. */
export function lenientWarnings(problems: readonly LineProblem[], width: number): string[] {
  return problems.map((p) => {
    const first = `first: row ${p.row}${p.found === undefined ? '' : `, ${p.found} fields`}`;
    if (p.kind === 'fewer') return `${rowsHave(p.rows)} fewer fields than the header's ${width} (${first}): read leniently, the missing trailing fields are empty (check the export)`;
    if (p.kind === 'more') return `${rowsHave(p.rows)} more fields than the header's ${width} (${first}): read leniently, the extra fields are ignored (check the export)`;
    return `${rowsHave(p.rows)} malformed CSV (first: row ${p.row}, ${p.message}): read leniently (check the export)`;
  });
}

/**
 * The warnings of a file only a lenient read takes (its columns as that read described them): none
 * when its rows are otherwise sound, as with mixed line endings; a general one if its lines cannot be
 * checked.
 */
export async function lenientReadWarnings(db: Queries, path: string, described: readonly string[]): Promise<string[]> {
  try {
    const width = await headerWidth(db, path);
    if (width === undefined) return [];
    const problems = [...(await refusedLines(db, path, width, false)), ...(await longRows(db, path, described, width))];
    return lenientWarnings(problems, width);
  } catch (e) {
    return [`the file could not be read strictly, nor its lines checked (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): read leniently (check the export)`];
  }
}

/** Why no read can take a file: its first refused line, in words, with what was expected there. */
export function unreadableReason(problems: readonly LineProblem[]): { line: number; reason: string; expected?: string } | undefined {
  const p = problems[0];
  if (!p) return undefined;
  const line = p.row + 1;
  const text = quote((p.text ?? '').split('\n')[0] ?? '', 80);
  if (/unterminated quote/i.test(p.message)) return { line, reason: `a quoted value is not closed (expected a closing quote "): ${text}`, expected: 'a closing quote (")' };
  return { line, reason: `${p.message}: ${text}` };
}

/**
 * How a CSV read (its groups in `__groups`, the lines it refused in `rejectsTable`) compares with the
 * file's lines (`lines`, of which `blankLines` are empty and skipped): `exact` when it took every
 * other line once (the header, one per row, one per refused line); `fewer` when it made fewer records
 * than that (a quoted value spanning lines, or one that took the lines after it); `more` when it
 * split lines (a carriage return alone inside a line); `unknown` without a count. With how many lines
 * it refused.
 */
export type LineAccount = { readonly fit: 'exact' | 'fewer' | 'more' | 'unknown'; readonly refused: number };

export async function lineAccount(db: Queries, rejectsTable: string, digest: { lines?: number; blankLines?: number }): Promise<LineAccount> {
  const refused = (await tableExists(db, rejectsTable)) ? Number((await db.all<{ n: number }>(`SELECT count(DISTINCT line)::BIGINT AS n FROM "${rejectsTable}"`))[0]?.n ?? 0) : 0;
  if (digest.lines === undefined) return { fit: 'unknown', refused };
  const rows = Number((await db.all<{ n: number }>('SELECT COALESCE(sum(__line_count), 0)::BIGINT AS n FROM __groups'))[0]?.n ?? 0);
  const records = rows + refused + 1;
  const lines = digest.lines - (digest.blankLines ?? 0);
  return { fit: records === lines ? 'exact' : records < lines ? 'fewer' : 'more', refused };
}

/**
 * A line DuckDB rejected for a quote that is never closed on it (`UNQUOTED VALUE`), in a read that made
 * fewer records than the file has lines (`linesShort`), whose kept text runs past its own line (a line
 * break inside it, or DuckDB's 10,000-character cut): the read took the lines after it as part of its
 * value, up to the next quote or the line-size limit, so those rows are neither read nor rejected one
 * by one. Such a file is refused like one whose sniffer met the same line.
 */
export function swallowingQuote(reject: { errorType: string; line: number; text: string | null }, linesShort: boolean): { line: number; reason: string; expected: string } | undefined {
  // a line's own breaks (DuckDB keeps a CRLF line's LF before its text) are not a following line
  const text = (reject.text ?? '').replace(/^[\r\n]+|[\r\n]+$/g, '');
  if (!linesShort || reject.errorType !== 'UNQUOTED VALUE' || !(/[\r\n]/.test(text) || text.length >= 10_000)) return undefined;
  const first = quote(text.split(/\r?\n/)[0] ?? '', 80);
  return {
    line: reject.line,
    reason: `a quoted value is not closed (expected a closing quote "), so the lines after it were read into it: ${first}`,
    expected: 'a closing quote (")',
  };
}

/** The first line no read of the file can take, in words; undefined when a strict read finds none. */
export async function unreadableLine(db: Queries, path: string): Promise<ReturnType<typeof unreadableReason>> {
  const width = await headerWidth(db, path);
  return width === undefined ? undefined : unreadableReason(await refusedLines(db, path, width, true));
}
