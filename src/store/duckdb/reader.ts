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
 * The table function that streams a file's rows with a 1-based `__rn` data-row number. CSV is read as
 * text (types are checked per cell afterwards, so one bad cell rejects one row, not the file);
 * structurally broken lines go to DuckDB's reject tables, named per scan.
 */
export function readerSql(path: string, kind: FileKind, dialect: CsvDialect, rejectsTable?: string): string {
  if (kind === 'parquet') return `(SELECT file_row_number + 1 AS __rn, * EXCLUDE (file_row_number) FROM read_parquet(${lit(path)}, file_row_number = true))`;
  const rejects = rejectsTable
    ? `, store_rejects = true, rejects_table = ${lit(rejectsTable)}, rejects_scan = ${lit(`${rejectsTable}_scan`)}`
    : '';
  return `(SELECT row_number() OVER () AS __rn, * FROM read_csv(${lit(path)}, ${csvOptions(path, dialect)}${rejects}))`;
}

/** Only the header: for sniffing columns without reading the data. */
export function describeSql(path: string, kind: FileKind, dialect: CsvDialect): string {
  if (kind === 'parquet') return `DESCRIBE SELECT * FROM read_parquet(${lit(path)})`;
  return `DESCRIBE SELECT * FROM read_csv(${lit(path)}, ${csvOptions(path, dialect)})`;
}
