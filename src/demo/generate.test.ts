import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../store/duckdb/connection.js';
import { scratchDir } from '../../test/helpers/focus.js';
import { generateFocus } from './generate.js';

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
});
afterAll(() => db.close());

describe('demo generator', () => {
  it('writes exactly the rows asked for, charges within one UTC day, spread over the whole period', async () => {
    for (const rows of [1_000, 4_000, 20_000, 36_800, 100_000]) {
      const path = join(scratchDir(), `demo-${rows}.parquet`);
      await generateFocus(db, { rows, seed: 7, path, format: 'parquet' });
      const [r] = await db.all<{ n: number; crossing: number; first: string; last: string; days: number }>(
        `SELECT count(*)::INTEGER AS n,
           count(*) FILTER (WHERE date_trunc('day', ChargePeriodStart) <> date_trunc('day', ChargePeriodEnd - INTERVAL 1 MICROSECOND))::INTEGER AS crossing,
           strftime(min(ChargePeriodStart), '%Y-%m-%d') AS first, strftime(max(ChargePeriodEnd), '%Y-%m-%d') AS last,
           count(DISTINCT date_trunc('day', ChargePeriodStart))::INTEGER AS days
         FROM read_parquet('${path}')`,
      );
      expect({ rows, n: r?.n, crossing: r?.crossing, first: r?.first, days: r?.days }).toEqual({ rows, n: rows, crossing: 0, first: '2026-08-01', days: 92 });
      // the last periods reach into the last month of the three
      expect(r?.last && r.last >= '2026-10-01').toBe(true);
    }
  });
});
