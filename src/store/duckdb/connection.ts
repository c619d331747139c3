import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DuckDBDataChunk, DuckDBInstance, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { GreenopsError } from '../../core/errors.js';
import { migrations, views } from './migrations/index.js';

export type Params = readonly DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface DuckOptions {
  /** DuckDB's own memory ceiling; it spills to disk beyond it. */
  readonly memoryLimit?: string;
  readonly threads?: number;
  /** How long to keep retrying while another process holds the file. */
  readonly busyTimeoutMs?: number;
  /** Called after each statement run through `run` or `all`, with its duration: for profiling. */
  readonly trace?: (sql: string, seconds: number) => void;
}

/** Statements and queries over one connection: parameterised SQL only. */
export interface Queries {
  all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]>;
  run(sql: string, params?: Params): Promise<void>;
}

/** A thin, typed wrapper over one DuckDB connection: parameterised SQL only. */
export interface Db extends Queries {
  /**
   * Append rows to a table through DuckDB's appender, a column at a time: a column a row lacks is
   * NULL. Types: VARCHAR, DOUBLE, BOOLEAN, INTEGER, BIGINT, UBIGINT (from a number, decimal string or
   * bigint) and VARCHAR[].
   */
  append(table: string, rows: readonly object[]): Promise<void>;
  /** Run `fn` in one transaction; nested calls join the outermost, which alone commits or rolls back. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether a transaction of this connection is open (work now joins it). */
  readonly inTransaction: boolean;
  /**
   * A second connection to the same database, outside any transaction of this one: for statements
   * that may fail without harm (probing how a file reads), since a failed statement aborts the
   * transaction it runs in.
   */
  probe(): Promise<Queries>;
  close(): void;
  readonly path: string;
}

function toJs(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value;
}

async function createInstance(path: string, options: DuckOptions): Promise<DuckDBInstance> {
  const config: Record<string, string> = {};
  if (options.memoryLimit) config['memory_limit'] = options.memoryLimit;
  if (options.threads) config['threads'] = String(options.threads);
  if (path !== ':memory:') assertDuckDbFile(path);
  const deadline = Date.now() + (options.busyTimeoutMs ?? 5_000);
  for (let attempt = 0; ; attempt++) {
    try {
      return await DuckDBInstance.create(path, config);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const busy = /lock|Conflicting/i.test(message);
      if (!busy) throw new GreenopsError('E_STORE', `Cannot open the database ${path}: ${message}`, { cause: e });
      if (Date.now() > deadline) {
        throw new GreenopsError('E_STORE_BUSY', `The database ${path} is in use by another process (is \`greenops serve\` running?). Try again, or point --db at another file.`, { cause: e, data: { file: path } });
      }
      await sleep(Math.min(50 * 2 ** attempt, 500));
    }
  }
}

/**
 * Refuse an existing file that is not a DuckDB database, whatever its name. DuckDB opens an existing
 * .csv, .tsv, .parquet or .json file (gzipped too) as an in-memory database with views over it
 * (duckdb/duckdb#17415, DuckDB 1.3): a store pointed at one would take writes and keep none. A DuckDB
 * file has the magic bytes "DUCK" at offset 8, after its header checksum.
 */
function assertDuckDbFile(path: string): void {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) return;
  if (st.isDirectory()) {
    throw new GreenopsError('E_STORE', `Cannot open the database ${path}: it is a directory; point --db or GREENOPS_DB at a DuckDB file (e.g. ${path.replace(/\/+$/, '')}/greenops.duckdb) or at a new path`, { data: { file: path } });
  }
  const head = Buffer.alloc(12);
  let read = 0;
  if (st.isFile()) {
    try {
      const fd = openSync(path, 'r');
      try {
        read = readSync(fd, head, 0, head.length, 0);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      throw new GreenopsError('E_STORE', `Cannot open the database ${path}: ${e instanceof Error ? e.message : String(e)}`, { cause: e, data: { file: path } });
    }
  }
  if (read < head.length || head.toString('latin1', 8, 12) !== 'DUCK') {
    throw new GreenopsError('E_STORE', `Cannot open the database ${path}: the file exists but is not a DuckDB database (it is left untouched); point --db or GREENOPS_DB at a DuckDB file or at a new path`, { data: { file: path } });
  }
}

function queriesOver(conn: DuckDBConnection, options: DuckOptions): Queries {
  return {
    async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
      const t0 = options.trace ? performance.now() : 0;
      const reader = await conn.runAndReadAll(sql, params as DuckDBValue[] | Record<string, DuckDBValue> | undefined);
      options.trace?.(sql, (performance.now() - t0) / 1000);
      return reader.getRowObjectsJS().map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toJs(v)])) as T);
    },
    async run(sql: string, params?: Params): Promise<void> {
      const t0 = options.trace ? performance.now() : 0;
      await conn.run(sql, params as DuckDBValue[] | Record<string, DuckDBValue> | undefined);
      options.trace?.(sql, (performance.now() - t0) / 1000);
    },
  };
}

/** Open (creating if needed) a DuckDB file and bring its schema up to date. ':memory:' works too. */
export async function openDb(path: string, options: DuckOptions = {}): Promise<Db> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await createInstance(path, options);
  const conn: DuckDBConnection = await instance.connect();
  await conn.run("SET TimeZone = 'UTC'");
  let depth = 0;
  let probing: { conn: DuckDBConnection; queries: Queries } | undefined;
  const db: Db = {
    path,
    ...queriesOver(conn, options),
    async probe(): Promise<Queries> {
      if (!probing) {
        const second = await instance.connect();
        await second.run("SET TimeZone = 'UTC'");
        probing = { conn: second, queries: queriesOver(second, options) };
      }
      return probing.queries;
    },
    async append(table, rows): Promise<void> {
      // the table's columns and types, from an empty result (the catalog views cost ~10 ms)
      const shape = await conn.runAndReadAll(`SELECT * FROM "${table.replaceAll('"', '""')}" LIMIT 0`);
      const names = shape.columnNames();
      const cells = shape.columnTypes().map((t, i) => cellOf(t, `${table}.${names[i] ?? '?'}`));
      const appender = await conn.createAppender(table);
      try {
        // a data chunk is filled from JavaScript arrays and crosses into DuckDB once per column
        for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
          const slice = rows.slice(start, start + CHUNK_ROWS) as ReadonlyArray<Record<string, unknown>>;
          const chunk = DuckDBDataChunk.create(cells.map((c) => c.type), slice.length);
          chunk.setColumns(names.map((name, i) => slice.map((row) => {
            const v = row[name];
            return v === undefined || v === null ? null : (cells[i] as Cell).value(v);
          })));
          appender.appendDataChunk(chunk);
        }
        appender.flushSync();
      } catch (e) {
        // nothing of a failed append is written
        appender.clear();
        throw e;
      } finally {
        appender.closeSync();
      }
    },
    get inTransaction(): boolean {
      return depth > 0;
    },
    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      // inside another transaction, the work joins it: it commits or rolls back with the outermost
      if (depth > 0) {
        depth++;
        try {
          return await fn();
        } finally {
          depth--;
        }
      }
      await db.run('BEGIN TRANSACTION');
      depth = 1;
      try {
        const result = await fn();
        await db.run('COMMIT');
        return result;
      } catch (e) {
        // DuckDB may already have ended a failed transaction: the first error is the one to report
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        depth = 0;
      }
    },
    close(): void {
      probing?.conn.closeSync();
      conn.closeSync();
      instance.closeSync();
    },
  };
  await migrate(db);
  return db;
}

/** DuckDB's standard vector size: the most rows a data chunk holds. */
const CHUNK_ROWS = 2048;

interface Cell { readonly type: DuckDBType; readonly value: (v: unknown) => DuckDBValue }

/** A column type `append` can write, and how a JavaScript value becomes one of its cells (strictly: no coercion). */
function cellOf(type: DuckDBType, where: string): Cell {
  const wrong = (v: unknown, expected: string): never => {
    throw new GreenopsError('E_STORE', `Cannot append to ${where}: expected ${expected}, got ${typeof v} ${String(v).slice(0, 40)}`);
  };
  const text = (v: unknown): string => (typeof v === 'string' ? v : wrong(v, 'a string'));
  const number = (v: unknown): number => (typeof v === 'number' ? v : wrong(v, 'a number'));
  const big = (v: unknown): bigint => {
    if (typeof v === 'bigint') return v;
    if ((typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?[0-9]+$/.test(v))) return BigInt(v);
    return wrong(v, 'an integer');
  };
  switch (type.toString()) {
    case 'VARCHAR': return { type, value: text };
    case 'DOUBLE': case 'INTEGER': return { type, value: number };
    case 'BOOLEAN': return { type, value: (v) => (typeof v === 'boolean' ? v : wrong(v, 'a boolean')) };
    case 'BIGINT': case 'UBIGINT': return { type, value: big };
    case 'VARCHAR[]': return {
      type,
      value: (v) => (Array.isArray(v) ? listValue(v.map((x: unknown) => (x === null || x === undefined ? null : text(x)))) : wrong(v, 'a list of strings')),
    };
    default: throw new GreenopsError('E_STORE', `Cannot append to ${where}: type ${type.toString()} is not supported`);
  }
}

async function migrate(db: Db): Promise<void> {
  await db.run('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)');
  const done = new Set((await db.all<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await db.transaction(async () => {
      await db.run(m.sql);
      await db.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [m.id, m.name]);
    });
  }
  const installed = new Map((await db.all<{ name: string; sha256: string }>('SELECT name, sha256 FROM schema_views')).map((v) => [v.name, v.sha256]));
  for (const v of views) {
    const sha256 = createHash('sha256').update(v.sql).digest('hex');
    if (installed.get(v.name) === sha256) continue;
    await db.transaction(async () => {
      await db.run(`CREATE OR REPLACE VIEW ${v.name} AS ${v.sql}`);
      await db.run('INSERT OR REPLACE INTO schema_views VALUES ($1, $2)', [v.name, sha256]);
    });
  }
}
