import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../../test/helpers/focus.js';
import { profile } from '../../core/profiles.js';
import { openDuckStore } from './index.js';
import { migrations } from './migrations/index.js';

/**
 * A store written before usage was grouped (migrations 1–5, one row per line, ccf results per row)
 * opens, upgrades in place and estimates again what needs it.
 */
describe('upgrading a store from before grouped usage', () => {
  it('keeps every line counted and estimates ccf again', async () => {
    const path = join(scratchDir('greenops-migrate-'), 'old.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)');
    for (const m of migrations.filter((x) => x.id <= 5)) {
      await conn.run(m.sql);
      await conn.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [m.id, m.name]);
    }
    // two lines of one EC2 instance-hour kind, one rejected line, and a ccf result row per line
    await conn.run(`INSERT INTO files (sha256, path, format, bytes, ingested_at, rows_read, rows_rejected, warnings)
      VALUES ('x', '/old.csv', 'aws-cur', 10, now(), 3, 1, [])`);
    await conn.run(`INSERT INTO class_keys (class_key, provider, region, service, service_code, charge_category, usage_type, unit)
      VALUES (42, 'aws', 'us-east-1', 'Amazon Elastic Compute Cloud', 'AmazonEC2', 'usage', 'BoxUsage:m5.large', 'Hrs')`);
    await conn.run(`INSERT INTO usage (file_id, row_no, status, provider, region, charge_category, period_start, period_end, quantity, billed_cost, effective_cost, class_key, billing_period)
      VALUES (1, 1, 'ok', 'aws', 'us-east-1', 'usage', '2024-01-01 00:00', '2024-01-01 01:00', 1, 0.1, 0.2, 42, '2024-01-01'),
             (1, 2, 'ok', 'aws', 'us-east-1', 'usage', '2024-01-01 01:00', '2024-01-01 02:00', 1, 0.3, 0.1, 42, '2024-01-01')`);
    await conn.run(`INSERT INTO usage (file_id, row_no, status, reject_column, reject_reason) VALUES (1, 3, 'rejected', 'lineItem/UnblendedCost', 'expected a number')`);
    await conn.run(`INSERT INTO footprint_rows (methodology, file_id, row_no, status, flags, compute_kwh, gpu_kwh, memory_kwh, storage_kwh, network_kwh,
      kwh, kwh_low, kwh_high, operational_g, operational_g_low, operational_g_high, market_g, embodied_g, embodied_g_low, embodied_g_high)
      SELECT 'ccf', 1, row_no, 'estimated', [], 9, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0 FROM range(1, 3) t(row_no)`);
    await conn.run(`INSERT INTO estimates VALUES ('ccf', 'rows', 'old', 'old', now())`);
    await conn.run(`INSERT INTO estimated_files VALUES ('ccf', 1)`);
    conn.closeSync();
    instance.closeSync();

    const store = await openDuckStore(path);
    try {
      const usage = await store.db.all<{ line_count: number; cost_basis: number }>('SELECT line_count, cost_basis FROM usage ORDER BY row_no');
      expect(usage.map((u) => u.line_count)).toEqual([1, 1, 1]);
      expect(usage.map((u) => u.cost_basis)).toEqual([0.2, 0.3, 0]);
      // the old row-level ccf results are gone; ccf is estimated again, as rates
      expect(await store.db.all("SELECT * FROM estimates WHERE methodology = 'ccf'")).toEqual([]);
      await store.ensureEstimated(profile('ccf'));
      expect((await store.files())[0]).toMatchObject({ rowsRead: 3, rejected: 1, estimated: 2 });
      const ccf = await store.db.all<{ n: number; kwh: number }>("SELECT sum(line_count) AS n, sum(kwh) AS kwh FROM footprint WHERE methodology = 'ccf'");
      expect(ccf[0]?.n).toBe(3);
      expect(ccf[0]?.kwh).toBeGreaterThan(0);
      expect(ccf[0]?.kwh).not.toBe(18);
      // a CUR kind stored before the billed region was kept keeps the region ccf read until then
      expect(await store.db.all('SELECT billed_region FROM class_keys WHERE class_key = 42')).toEqual([{ billed_region: 'us-east-1' }]);
      const [rate] = await store.db.all<{ grid_factor_id: string }>("SELECT grid_factor_id FROM rates WHERE methodology = 'ccf' AND class_key = 42");
      expect(rate?.grid_factor_id).toBe('ccf:ef:us-east-1');
    } finally {
      store.close();
    }
  });
});
