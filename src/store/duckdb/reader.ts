import { ident, lit } from '../../sources/sql.js';

export type FileKind = 'csv' | 'parquet';

/** Which DuckDB reader a path needs, from its name (gzip is detected by DuckDB from the suffix). */
export function fileKind(path: string): FileKind {
  return /\.parquet$|\.pq$/i.test(path) ? 'parquet' : 'csv';
}

/** Bills are comma-separated; `.tsv` files are tab-separated. The sniffer guesses wrong on wide, sparse headers. */
export function csvDelimiter(path: string): string {
  return /\.tsv(\.gz)?$/i.test(path) ? '\t' : ',';
}

function delimiter(path: string): string {
  return csvDelimiter(path) === '\t' ? "'\\t'" : "','";
}

export interface CsvDialect {
  /**
   * Lenient: rows with fewer fields than the header are padded with NULLs, extra fields are read into
   * columns no mapping uses, and mixed line endings are taken. Only used when the strict read fails;
   * the file's warnings say which rows it had to pad or cut (see csv-check.ts).
   */
  readonly lenient: boolean;
  /**
   * Read in one thread: for a file whose parallel read did not account for every line (a quoted value
   * spanning lines can be read twice by a thread starting inside it).
   */
  readonly sequential?: boolean;
}

function csvOptions(path: string, dialect: CsvDialect): string {
  const base = `all_varchar = true, header = true, delim = ${delimiter(path)}, nullstr = ['NULL', 'null', ''], quote = '"', escape = '"', max_line_size = 1048576, buffer_size = 8388608`;
  const read = dialect.sequential ? `${base}, parallel = false` : base;
  return dialect.lenient ? `${read}, null_padding = true, strict_mode = false` : read;
}

/**
 * A Parquet file's columns. Unless `numbered`, `__rn` is NULL: rows are numbered only when a bad cell
 * needs its row named, on a second read.
 */
export function parquetReaderSql(path: string, numbered = false): string {
  return numbered
    ? `(SELECT file_row_number + 1 AS __rn, * EXCLUDE (file_row_number) FROM read_parquet(${lit(path)}, file_row_number = true))`
    : `(SELECT NULL::BIGINT AS __rn, * FROM read_parquet(${lit(path)}))`;
}

/**
 * A CSV file's columns `columns`, as text (types are checked per cell afterwards, so one bad cell
 * rejects one row, not the file). Lines DuckDB cannot split into the header's columns are left out and
 * go to the reject tables named after `rejectsTable`. Unless `numbered`, the file is read in parallel
 * and `__rn` is NULL (numbering rows would serialise the read); numbered, `__rn` counts the rows kept,
 * in file order, from 1.
 */
export function csvReaderSql(path: string, dialect: CsvDialect, columns: readonly string[], rejectsTable: string, numbered = false): string {
  const list = columns.length ? columns.map(ident).join(', ') : '*';
  const rejects = `store_rejects = true, rejects_table = ${lit(rejectsTable)}, rejects_scan = ${lit(`${rejectsTable}_scan`)}`;
  return `(SELECT ${numbered ? 'row_number() OVER ()' : 'NULL::BIGINT'} AS __rn, ${list} FROM read_csv(${lit(path)}, ${csvOptions(path, dialect)}, ${rejects}))`;
}

/**
 * The file's first line as it is written (one column, no quoting, no sniffing, whatever its line ends), for counting the
 * header's fields when the sniffer cannot read the file. Compressed files are inflated by DuckDB.
 */
export function firstLineSql(path: string): string {
  return `SELECT line FROM read_csv(${lit(path)}, auto_detect = false, header = false, columns = {'line': 'VARCHAR'}, delim = chr(31), quote = '', escape = '', max_line_size = 1048576, strict_mode = false) LIMIT 1`;
}

/**
 * A read of a CSV file as `width` text columns, without the sniffer (which refuses a file whose lines
 * disagree), keeping every line it cannot read, and why, in `rejectsTable`: to say what is wrong with
 * a file that only a lenient read, or none, can take. Not `strict`, it takes mixed line endings and
 * stray quotes, and refuses only lines with fewer fields (it drops extra ones); `strict`, it also
 * names an unclosed quote.
 */
export function checkReadSql(path: string, width: number, rejectsTable: string, strict: boolean): string {
  const columns = `{${Array.from({ length: width }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`;
  const rejects = `store_rejects = true, rejects_table = ${lit(rejectsTable)}, rejects_scan = ${lit(`${rejectsTable}_scan`)}`;
  return `SELECT count(*) AS n FROM read_csv(${lit(path)}, ${csvOptions(path, { lenient: false })}, auto_detect = false, columns = ${columns}, strict_mode = ${strict}, ${rejects})`;
}

/** Only the header: for sniffing columns without reading the data. */
export function describeSql(path: string, kind: FileKind, dialect: CsvDialect): string {
  if (kind === 'parquet') return `DESCRIBE SELECT * FROM read_parquet(${lit(path)})`;
  return `DESCRIBE SELECT * FROM read_csv(${lit(path)}, ${csvOptions(path, dialect)})`;
}
