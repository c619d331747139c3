import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scratchDir } from '../../../test/helpers/focus.js';
import { openDb, type Db } from './connection.js';

let db: Db;
beforeEach(async () => { db = await openDb(':memory:'); });
afterEach(() => db.close());

describe('Db.append', () => {
  it('writes every supported type, NULL for absent values, across several data chunks', async () => {
    await db.run('CREATE TEMP TABLE __t (s VARCHAR, d DOUBLE, b BOOLEAN, i INTEGER, big BIGINT, key UBIGINT, tags VARCHAR[])');
    const rows = Array.from({ length: 5000 }, (_, n) => ({
      s: `row ${n}`, d: n / 3, b: n % 2 === 0, i: n, big: n * 1_000_000_007, key: (18446744073709551615n - BigInt(n)).toString(),
      tags: n % 3 === 0 ? [] : ['a', `t${n}`],
    }));
    rows.push({ s: 'nulls' } as never);
    await db.append('__t', rows);
    const [sum] = await db.all<{ n: number; d: number; evens: number; tags: number; maxKey: string; lastBig: number }>(
      `SELECT count(*) AS n, sum(d) AS d, count(*) FILTER (WHERE b) AS evens, sum(len(tags)) AS tags,
        CAST(max(key) AS VARCHAR) AS maxKey, max(big) AS lastBig FROM __t`,
    );
    expect(sum?.d).toBeCloseTo(rows.slice(0, 5000).reduce((a, r) => a + r.d, 0), 6);
    expect({ ...sum, d: 0 }).toEqual({ n: 5001, d: 0, evens: 2500, tags: 2 * (5000 - 1667), maxKey: '18446744073709551615', lastBig: 4999 * 1_000_000_007 });
    const [last] = await db.all('SELECT * FROM __t WHERE s = $1', ['nulls']);
    expect(last).toEqual({ s: 'nulls', d: null, b: null, i: null, big: null, key: null, tags: null });
  });

  it('writes nothing of a failed append, and converts nothing silently', async () => {
    await db.run('CREATE TEMP TABLE __v (k UBIGINT, b BOOLEAN, tags VARCHAR[])');
    const rows = Array.from({ length: 3000 }, (_, n) => ({ k: String(n), b: true, tags: ['x', null] }));
    await expect(db.append('__v', rows.map((r, n) => (n === 2500 ? { ...r, k: 'abc' } : r)))).rejects.toThrow(/__v\.k: expected an integer/);
    expect(await db.all('SELECT count(*) AS n FROM __v')).toEqual([{ n: 0 }]);
    await expect(db.append('__v', [{ k: '1', b: 'false' }])).rejects.toThrow(/__v\.b: expected a boolean/);
    await db.append('__v', rows.slice(0, 2));
    expect(await db.all('SELECT k, b, tags FROM __v ORDER BY k')).toEqual([{ k: 0, b: true, tags: ['x', null] }, { k: 1, b: true, tags: ['x', null] }]);
  });

  it('refuses a column type it cannot write', async () => {
    await db.run('CREATE TEMP TABLE __u (t TIMESTAMP)');
    await expect(db.append('__u', [{ t: '2024-01-01' }])).rejects.toThrow(/__u\.t: type TIMESTAMP is not supported/);
  });
});

describe('openDb on an existing file', () => {
  const csv = 'BillingAccountId,BilledCost\n111,0.5\n';

  it('refuses one that is not a DuckDB database, whatever its name, and leaves it as it was', async () => {
    const dir = scratchDir();
    // DuckDB itself opens the data-file names as an in-memory database with views over the file
    for (const name of ['bill.csv', 'bill.tsv', 'bill.parquet', 'bill.json', 'bill.csv.gz', 'bill.duckdb', 'bill', 'empty.duckdb']) {
      const path = join(dir, name);
      const text = name.startsWith('empty') ? '' : csv;
      writeFileSync(path, text);
      await expect(openDb(path), name).rejects.toMatchObject({ code: 'E_STORE', message: expect.stringContaining(`${path}: the file exists but is not a DuckDB database`) });
      expect(readFileSync(path, 'utf8'), name).toBe(text);
    }
    mkdirSync(join(dir, 'folder.duckdb'));
    await expect(openDb(join(dir, 'folder.duckdb'))).rejects.toThrow(/folder\.duckdb: it is a directory; point --db or GREENOPS_DB at a DuckDB file/);
  });

  it('opens a DuckDB database whatever its name, and creates one at a new path', async () => {
    const path = join(scratchDir(), 'store.csv');
    const created = await openDb(path);
    await created.run('CREATE TABLE kept (n INTEGER)');
    await created.run('INSERT INTO kept VALUES (7)');
    created.close();
    expect(readFileSync(path).toString('latin1', 8, 12)).toBe('DUCK');
    const again = await openDb(path);
    try {
      expect(await again.all('SELECT n FROM kept')).toEqual([{ n: 7 }]);
    } finally {
      again.close();
    }
  });
});
