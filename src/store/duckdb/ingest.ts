import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GreenopsError, isGreenopsError } from '../../core/errors.js';
import type { BillingSource, ColumnInfo } from '../../sources/types.js';
import type { Db, Queries } from './connection.js';
import { distinctKeysSql, groupRowsSql, keyCollisionSql, storeKeysSql, storedColumns, usageRowsSql } from './ingest-sql.js';
import { csvReaderSql, describeSql, fileKind, parquetReaderSql, type CsvDialect } from './reader.js';
import { dropRejects, lenientReadWarnings, lineAccount, swallowingQuote, tableExists, unreadableLine, type LineAccount } from './csv-check.js';
import { isGzip, sha256File, type FileDigest } from './digest.js';
import { refuseAmbiguousNumbers } from './decimal-comma.js';
import type { FileAccounting } from '../types.js';
import { fileAccounting } from './accounting.js';
import { classifyPendingKeys } from './classify.js';
import { supersedeEarlier, type Superseded, type Supersession } from './supersede.js';
import { findUnreadableTags, shiftedRowNo, unreadableTagsWarning, type UnreadableTags } from './tags-check.js';

/**
 * Errors of a strict CSV read that failed past the rows its dialect was sniffed from (e.g. line endings
 * that change from LF to CRLF in concatenated exports): the command is run again reading that file
 * leniently, as a file that fails within the sniffed rows is read from the start.
 */
const strictReadFailures = new WeakMap<GreenopsError, string>();

function isStrictReadFailure(e: unknown): boolean {
  return /state machine reached an invalid state/i.test(e instanceof Error ? e.message : String(e));
}

/** A file whose lines past the sniffed rows are written otherwise than those before (most often their line ends). */
function lineEndingsChange(path: string, cause?: unknown): GreenopsError {
  // the dialect was sniffed from the first 20,480 rows
  return new GreenopsError(
    'E_INPUT_FILE_UNREADABLE',
    `${path}: cannot be read: a line past the first 20,480 rows is written differently from the lines before it (most often line endings that change within the file, LF then CRLF or the other way, as when exports are concatenated); expected one line ending throughout (convert the file, e.g. with dos2unix)`,
    { cause, data: { file: path, expected: 'one line ending throughout' } },
  );
}

function unreadable(path: string, e: unknown): GreenopsError {
  if (isGreenopsError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (isStrictReadFailure(e)) return lineEndingsChange(path, e);
  const first = message.split('\n').find((l) => l.trim() !== '') ?? message;
  return new GreenopsError('E_INPUT_FILE_UNREADABLE', `${path}: cannot be read: ${first.replace(/^[A-Za-z ]+Error: /, '')}`, { cause: e, data: { file: path } });
}

async function describe(db: Queries, path: string, lenient: boolean): Promise<{ columns: ColumnInfo[]; dialect: CsvDialect }> {
  const kind = fileKind(path);
  const attempt = async (dialect: CsvDialect): Promise<ColumnInfo[]> => {
    const rows = await db.all<{ column_name: string; column_type: string }>(describeSql(path, kind, dialect));
    return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
  };
  try {
    const dialect = { lenient: lenient && kind === 'csv' };
    return { columns: await attempt(dialect), dialect };
  } catch (strictError) {
    if (kind !== 'csv') throw unreadable(path, strictError);
    try {
      return { columns: await attempt({ lenient: true }), dialect: { lenient: true } };
    } catch {
      throw await unreadableCsv(db, path, strictError);
    }
  }
}

/** A CSV file no read takes: its first bad line and what was expected there, where a strict read finds one; else DuckDB's message. */
async function unreadableCsv(db: Queries, path: string, strictError: unknown): Promise<GreenopsError> {
  // if the lines cannot be checked either, DuckDB's own message for the file is the one to give
  const bad = await unreadableLine(db, path).catch(() => undefined);
  if (!bad) return unreadable(path, strictError);
  return new GreenopsError('E_INPUT_FILE_UNREADABLE', `${path}: cannot be read: line ${bad.line}: ${bad.reason}`, {
    cause: strictError,
    data: { file: path, line: bad.line, ...(bad.expected ? { expected: bad.expected } : {}) },
  });
}

export interface IngestOptions {
  /** A source, or undefined to detect it from the columns among `candidates`. */
  readonly source?: BillingSource;
  readonly candidates: readonly BillingSource[];
  /**
   * Files ingested together (the parts of one export) share a batch and never supersede each other.
   * Undefined: the file is a batch of its own.
   */
  readonly batch?: string;
  /** False for a partial re-export (e.g. one service): earlier exports of the same periods are kept. Default true. */
  readonly supersede?: boolean;
  /** Paths (as given) to read leniently from the start: their strict read failed past the sniffed rows. */
  readonly lenient?: ReadonlySet<string>;
}

export interface IngestOutcome {
  readonly fileId: number;
  readonly duplicate: boolean;
  readonly accounting: FileAccounting;
  /** Earlier files whose rows this file's billing periods replaced. */
  readonly superseded: readonly Superseded[];
  /** Stored files that reach further into the same billing periods: this file's rows for those were superseded. */
  readonly olderThan: readonly Superseded[];
}

/**
 * Ingest one file: all of it or nothing. The file's SHA-256 makes ingestion idempotent; the insert,
 * the rejects and the file record commit in one transaction, so a failure leaves the store as it was.
 */
export async function ingestFile(db: Db, inputPath: string, options: IngestOptions): Promise<IngestOutcome> {
  const path = resolve(inputPath);
  let bytes: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    bytes = st.size;
  } catch (e) {
    throw new GreenopsError('E_INPUT_FILE_MISSING', `${inputPath}: no such file`, { cause: e, data: { file: inputPath } });
  }
  if (bytes === 0) throw new GreenopsError('E_INPUT_FILE_EMPTY', `${inputPath}: the file is empty (0 bytes); expected a header row and data rows`, { data: { file: inputPath } });

  // The same bytes are the same size: a file of a size never stored is hashed while DuckDB reads it
  // (and, once read, is still a duplicate if its content is stored, compressed or not); otherwise the
  // hash decides first whether to read it at all.
  const kind = fileKind(path);
  const hashing = sha256File(path, kind === 'csv');
  hashing.catch(() => undefined);
  const sameSize = await db.all<{ n: number }>('SELECT count(*) AS n FROM files WHERE bytes = $1', [bytes]);
  if ((sameSize[0]?.n ?? 0) > 0) {
    const known = await storedTwin(db, await hashing);
    if (known !== undefined) return { fileId: known, duplicate: true, accounting: await fileAccounting(db, known), superseded: [], olderThan: [] };
  }

  // how the file reads is probed outside the transaction: a failed attempt must not abort it
  const probe = await db.probe();
  const { columns, dialect } = await describe(probe, path, options.lenient?.has(inputPath) ?? false);
  const source = options.source ?? options.candidates.find((s) => s.detect(columns));
  if (!source) {
    throw new GreenopsError('E_INPUT_FORMAT_UNKNOWN', `${inputPath}: unrecognised billing export; expected one of ${options.candidates.map((s) => s.title).join(', ')} (found columns ${columns.slice(0, 6).map((c) => c.name).join(', ')}${columns.length > 6 ? ', …' : ''})`, { data: { file: inputPath } });
  }
  const mapped = source.map(columns, inputPath);
  const mapping = dialect.lenient ? { ...mapped, warnings: [...mapped.warnings, ...(await lenientReadWarnings(probe, path, columns.map((c) => c.name)))] } : mapped;
  let rejectsTable = `greenops_rejects_${process.pid}_${Date.now()}`;

  let supersession: Supersession = { replaced: [], olderThan: [] };
  const stored = await db.transaction(async (): Promise<{ id: number; duplicate: boolean }> => {
    // numbered inside the transaction (a sequence is not transactional): a file that fails uses up no number
    const id = (await db.all<{ id: number }>('SELECT COALESCE(max(file_id), 0) + 1 AS id FROM files'))[0]?.id;
    if (id === undefined) throw new GreenopsError('E_STORE', 'could not number the file');
    const used = storedColumns(columns.map((c) => c.name), mapping);
    let badTags: UnreadableTags | undefined;
    const descriptive = [...new Set([...used.kind, ...used.tags, ...used.row])];
    let account: LineAccount = { fit: 'unknown', refused: 0 };
    try {
      // One pass over the rows checks and groups them; everything after reads the groups. Rows are
      // read unnumbered (numbering a CSV serialises its read): only when some cell is bad is the file
      // read again, numbered, for the rejected rows.
      let csvDialect = dialect;
      const reader = (numbered: boolean, rejects: string, columns = used.all): string => (kind === 'csv' ? csvReaderSql(path, csvDialect, columns, rejects, numbered) : parquetReaderSql(path, numbered));
      await db.run(`CREATE OR REPLACE TEMP TABLE __groups AS ${groupRowsSql(mapping, reader(false, rejectsTable), descriptive)}`);
      // DuckDB's parallel CSV read starts each thread at a line break; one that falls inside a quoted
      // value spanning lines can read the value's lines as rows of their own (the check that would
      // refuse such a read is off while bad lines are kept). A read that does not account for every
      // line of the file (the header, rows, lines it refused) is done again in one thread; a gzipped
      // file is read in one thread already.
      if (kind === 'csv') {
        const digest = await hashing;
        account = await lineAccount(db, rejectsTable, digest);
        // lines ending in more than one way (concatenated exports: LF then CRLF, whose lines a strict
        // read refuses one by one, or CRLF then LF, whose lines it takes into one) where a strict read
        // refused lines: read the file leniently, which takes any line end (a strict one-thread read
        // of such a file can loop in DuckDB). A value holding another line end (an LF in a CRLF file)
        // is refused nothing and read as it is.
        if (account.refused > 0 && digest.mixedLineEnds && !dialect.lenient) {
          const error = lineEndingsChange(inputPath);
          strictReadFailures.set(error, inputPath);
          throw error;
        }
        if (account.fit !== 'exact' && !isGzip(path)) {
          csvDialect = { ...dialect, sequential: true };
          await dropRejects(db, rejectsTable);
          rejectsTable = `${rejectsTable}_s`;
          await db.run(`CREATE OR REPLACE TEMP TABLE __groups AS ${groupRowsSql(mapping, reader(false, rejectsTable), descriptive)}`);
          account = await lineAccount(db, rejectsTable, digest);
        }
        if (account.fit === 'more') throw splitLines(inputPath);
      }
      const twin = await storedTwin(db, await hashing);
      if (twin !== undefined) {
        await db.run('DROP TABLE __groups');
        await dropRejects(db, rejectsTable);
        return { id: twin, duplicate: true };
      }
      const bad = await db.all<{ n: number }>('SELECT count(*) AS n FROM __groups WHERE __reject_column IS NOT NULL');
      if ((bad[0]?.n ?? 0) > 0) {
        await db.run('DELETE FROM __groups WHERE __reject_column IS NOT NULL');
        await db.run(`INSERT INTO __groups BY NAME ${groupRowsSql(mapping, reader(true, `${rejectsTable}_n`), descriptive, 'rejected')}`);
        await dropRejects(db, `${rejectsTable}_n`);
        await refuseAmbiguousNumbers(db, inputPath, mapping, () => reader(true, `${rejectsTable}_d`));
        await dropRejects(db, `${rejectsTable}_d`);
      }
      for (const sql of distinctKeysSql(mapping, used)) await db.run(sql);
      badTags = await findUnreadableTags(db, used.tags, () => reader(true, `${rejectsTable}_t`, used.tags));
      await dropRejects(db, `${rejectsTable}_t`);
      await db.run(`INSERT INTO usage BY NAME ${usageRowsSql(mapping, used)}`, { file_id: id });
      await db.run('DROP TABLE __groups');
    } catch (e) {
      const error = unreadable(inputPath, e);
      if (kind === 'csv' && !dialect.lenient && isStrictReadFailure(e)) strictReadFailures.set(error, inputPath);
      throw error;
    }
    const collision = await db.all(keyCollisionSql);
    if (collision.length > 0) throw new GreenopsError('E_STORE', `${inputPath}: two different kinds of charge share one 64-bit key; please report this`);
    for (const sql of storeKeysSql) await db.run(sql);
    await classifyPendingKeys(db);
    await db.run('DROP TABLE IF EXISTS __kinds');
    await db.run('DROP TABLE IF EXISTS __tagsets');
    const leftOut = kind === 'csv' ? await recordStructuralRejects(db, id, rejectsTable, inputPath, account.fit === 'fewer') : [];
    const warnings = [...mapping.warnings, ...(badTags ? [unreadableTagsWarning(badTags, used.tags, shiftedRowNo(badTags.firstRow, leftOut))] : [])];
    const counts = await db.all<{ n: number; r: number }>("SELECT sum(line_count) AS n, COALESCE(sum(line_count) FILTER (WHERE status = 'rejected'), 0) AS r FROM usage WHERE file_id = $1", [id]);
    const n = counts[0]?.n ?? 0;
    if (n === 0) throw new GreenopsError('E_INPUT_FILE_EMPTY', `${inputPath}: no data rows after the header; expected at least one charge`, { data: { file: inputPath } });
    await db.run(
      `INSERT INTO files (file_id, sha256, path, format, format_version, bytes, ingested_at, rows_read, rows_rejected, warnings, batch)
       VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $8, $9::VARCHAR[], $10)`,
      [id, (await hashing).sha256, path, source.id, mapping.formatVersion, bytes, n, counts[0]?.r ?? 0, JSON.stringify(warnings), options.batch ?? null],
    );
    if (options.supersede !== false) supersession = await supersedeEarlier(db, id, options.batch ?? null);
    return { id, duplicate: false };
  });
  const { id: fileId, duplicate } = stored;
  return { fileId, duplicate, accounting: await fileAccounting(db, fileId), superseded: supersession.replaced, olderThan: supersession.olderThan };
}

/** The stored file with the same content (or, for a gzipped file, the same compressed bytes, as earlier versions identified it). */
async function storedTwin(db: Queries, digest: FileDigest): Promise<number | undefined> {
  const rows = await db.all<{ file_id: number }>('SELECT file_id FROM files WHERE sha256 = $1 OR sha256 = $2 ORDER BY file_id LIMIT 1', [digest.sha256, digest.rawSha256 ?? digest.sha256]);
  return rows[0]?.file_id;
}

/** A read that made more records than the file has lines: some line was split (a lone CR inside it). */
function splitLines(path: string): GreenopsError {
  return new GreenopsError(
    'E_INPUT_FILE_UNREADABLE',
    `${path}: cannot be read: the read made more rows than the file has lines, so some line was split in two (most often a carriage return, CR, alone inside a value); expected lines ending in LF or CRLF throughout, with any CR inside a quoted value`,
    { data: { file: path, expected: 'lines ending in LF or CRLF, a CR only inside a quoted value' } },
  );
}

/**
 * Ingest the parts of one export: every file or none. They share a batch (they never supersede each
 * other) and one transaction, so a failure in any part leaves the store as it was, and running the
 * same command again after fixing that part stores each file once.
 */
export async function ingestFiles(
  db: Db,
  paths: readonly string[],
  options: IngestOptions,
  /** Called as each file is stored, with its place in `paths` (a batch read again starts from 0). */
  onFile?: (outcome: IngestOutcome, index: number) => void,
): Promise<IngestOutcome[]> {
  const batch = options.batch ?? randomUUID();
  return withLenientRetry(db, options, (opts) =>
    db.transaction(async () => {
      const outcomes: IngestOutcome[] = [];
      for (const [index, p] of paths.entries()) {
        const outcome = await ingestFile(db, p, { ...opts, batch });
        outcomes.push(outcome);
        onFile?.(outcome, index);
      }
      return outcomes;
    }),
  );
}

/** One file on its own, read again leniently if its strict read fails past the sniffed rows. */
export function ingestOne(db: Db, path: string, options: IngestOptions): Promise<IngestOutcome> {
  return withLenientRetry(db, options, (opts) => ingestFile(db, path, opts));
}

/**
 * Run an ingestion; if a file's strict read failed past the rows its dialect was sniffed from, run it
 * again (its transaction was rolled back) reading that file leniently. Only an outermost transaction
 * can start again: inside another, the failure is reported.
 */
async function withLenientRetry<T>(db: Db, options: IngestOptions, run: (options: IngestOptions) => Promise<T>): Promise<T> {
  const lenient = new Set(options.lenient ?? []);
  for (;;) {
    const outermost = !db.inTransaction;
    try {
      return await run({ ...options, lenient });
    } catch (e) {
      const path = isGreenopsError(e) ? strictReadFailures.get(e) : undefined;
      if (!outermost || path === undefined || lenient.has(path)) throw e;
      lenient.add(path);
    }
  }
}

/**
 * Lines DuckDB could not split into the header's columns never reach the mapping; they are kept as
 * rejected usage rows with DuckDB's message. Accepted rows were numbered without them, so their row
 * numbers are shifted back into place: the j-th accepted row sits after every rejected line k with
 * (line_k − k) < j. Returns the rejected lines' row numbers, in order.
 */
async function recordStructuralRejects(db: Db, fileId: number, table: string, inputPath: string, linesShort: boolean): Promise<number[]> {
  if (!(await tableExists(db, table))) return [];
  const rejects = await db.all<{ row_no: number; column_name: string | null; error_type: string; error_message: string; csv_line: string | null }>(
    `SELECT DISTINCT ON (line) line - 1 AS row_no, column_name, error_type::VARCHAR AS error_type, error_message, csv_line FROM "${table}" ORDER BY line, error_type = 'UNQUOTED VALUE' DESC`,
  );
  await dropRejects(db, table);
  if (rejects.length === 0) return [];
  for (const r of rejects) {
    const swallowed = swallowingQuote({ errorType: r.error_type, line: r.row_no + 1, text: r.csv_line }, linesShort);
    if (swallowed) {
      throw new GreenopsError('E_INPUT_FILE_UNREADABLE', `${inputPath}: cannot be read: line ${swallowed.line}: ${swallowed.reason}`, {
        data: { file: inputPath, line: swallowed.line, expected: swallowed.expected },
      });
    }
  }
  await db.run(`CREATE TEMP TABLE __rej AS SELECT unnest($1::BIGINT[]) AS row_no, generate_subscripts($1::BIGINT[], 1) AS k`, [JSON.stringify(rejects.map((r) => r.row_no))]);
  await db.run(
    `UPDATE usage SET row_no = usage.row_no + (SELECT count(*) FROM __rej WHERE __rej.row_no - __rej.k < usage.row_no) WHERE file_id = $1`,
    [fileId],
  );
  await db.run('DROP TABLE __rej');
  for (const r of rejects) {
    await db.run(
      `INSERT INTO usage (file_id, row_no, status, reject_column, reject_reason, reject_value) VALUES ($1, $2, 'rejected', $3, $4, $5)`,
      [fileId, r.row_no, r.column_name ?? '(line)', `malformed CSV line: ${r.error_message}`, (r.csv_line ?? '').slice(0, 200)],
    );
  }
  return rejects.map((r) => r.row_no);
}
