import { lit } from '../../sources/sql.js';

export type FileKind = 'csv' | 'parquet';

/** Which DuckDB reader a path needs, from its name (gzip is detected by DuckDB from the suffix). */
export function fileKind(path: string): FileKind {
  return /\.parquet$|\.pq$/i.test(path) ? 'parquet' : 'csv';
}

/** Bills are comma-separated; `.tsv` files are tab-separated. The sniffer guesses wrong on wide, sparse headers. */
function delimiter(path: string): string {
  return /\.tsv(\.gz)?$/i.test(path) ? "'\\t'" : "','";
}

export interface CsvDialect {
  /**
   * Lenient: rows with fewer fields than the header are padded with NULLs. Only used when the strict
   * read fails, and always reported as a warning on the file.
   */
  readonly lenient: boolean;
}

function csvOptions(path: string, dialect: CsvDialect): string {
  const base = `all_varchar = true, header = true, delim = ${delimiter(path)}, nullstr = ['NULL', ''], quote = '"', escape = '"', max_line_size = 10000000`;
  return dialect.lenient ? `${base}, null_padding = true, strict_mode = false` : base;
}

/**
 * The table function that streams a file's rows with `__rn`: the 1-based data-row number for Parquet,
 * 0 for CSV (numbered once stored). CSV is read as
 * text (types are checked per cell afterwards, so one bad cell rejects one row, not the file);
 * structurally broken lines go to DuckDB's reject tables, named per scan. Without a rejects table the
 * rows are not numbered (a scan for distinct keys needs no order).
 */
export function readerSql(path: string, kind: FileKind, dialect: CsvDialect, rejectsTable?: string): string {
  if (kind === 'parquet') return `(SELECT file_row_number + 1 AS __rn, * EXCLUDE (file_row_number) FROM read_parquet(${lit(path)}, file_row_number = true))`;
  // Malformed lines are skipped here and reported by the numbered pass, which keeps them.
  if (rejectsTable === undefined) return `read_csv(${lit(path)}, ${csvOptions(path, dialect)}, ignore_errors = true)`;
  // Rows are numbered after they are stored (by insertion order, which DuckDB preserves): a window
  // over the scan would hold the whole file in memory.
  const rejects = `, store_rejects = true, rejects_table = ${lit(rejectsTable)}, rejects_scan = ${lit(`${rejectsTable}_scan`)}`;
  return `(SELECT 0::BIGINT AS __rn, * FROM read_csv(${lit(path)}, ${csvOptions(path, dialect)}${rejects}))`;
}

/** Only the header: for sniffing columns without reading the data. */
export function describeSql(path: string, kind: FileKind, dialect: CsvDialect): string {
  if (kind === 'parquet') return `DESCRIBE SELECT * FROM read_parquet(${lit(path)})`;
  return `DESCRIBE SELECT * FROM read_csv(${lit(path)}, ${csvOptions(path, dialect)})`;
}
