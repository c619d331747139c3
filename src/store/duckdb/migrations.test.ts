import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../../test/helpers/focus.js';
import { profile } from '../../core/profiles.js';
import { openDuckStore } from './index.js';
import { migrations } from './migrations/index.js';

type Migration = (typeof migrations)[number];

/**
 * A store file as an earlier release left it: `applied` migrations run, one file of `rows` lines and
 * one EC2 instance-hour kind (class key 42), then `fill` writes its usage and results.
 */
async function oldStore(applied: readonly Migration[], rows: number, rejected: number, fill: (conn: DuckDBConnection) => Promise<void>): Promise<string> {
  const path = join(scratchDir('greenops-migrate-'), 'old.duckdb');
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run('CREATE TABLE schema_migrations (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)');
  for (const m of applied) {
    await conn.run(m.sql);
    await conn.run('INSERT INTO schema_migrations VALUES ($1, $2, now())', [m.id, m.name]);
  }
  await conn.run(`INSERT INTO files (sha256, path, format, bytes, ingested_at, rows_read, rows_rejected, warnings)
    VALUES ('x', '/old.csv', 'aws-cur', 10, now(), $1, $2, [])`, [rows, rejected]);
  await conn.run(`INSERT INTO class_keys (class_key, provider, region, service, service_code, charge_category, usage_type, unit)
    VALUES (42, 'aws', 'us-east-1', 'Amazon Elastic Compute Cloud', 'AmazonEC2', 'usage', 'BoxUsage:m5.large', 'Hrs')`);
  await fill(conn);
  // the ccf results were row-level then
  await conn.run(`INSERT INTO estimates VALUES ('ccf', 'rows', 'old', 'old', now())`);
  await conn.run(`INSERT INTO estimated_files VALUES ('ccf', 1)`);
  conn.closeSync();
  instance.closeSync();
  return path;
}

/**
 * A store written before usage was grouped (migrations 1–5, one row per line, ccf results per row)
 * opens, upgrades in place and estimates again what needs it.
 */
describe('upgrading a store from before grouped usage', () => {
  it('keeps every line counted and estimates ccf again', async () => {
    // two lines of one EC2 instance-hour kind, one rejected line, and a ccf result row per line
    const path = await oldStore(migrations.filter((x) => x.id <= 5), 3, 1, async (conn) => {
      await conn.run(`INSERT INTO usage (file_id, row_no, status, provider, region, charge_category, period_start, period_end, quantity, billed_cost, effective_cost, class_key, billing_period)
        VALUES (1, 1, 'ok', 'aws', 'us-east-1', 'usage', '2024-01-01 00:00', '2024-01-01 01:00', 1, 0.1, 0.2, 42, '2024-01-01'),
               (1, 2, 'ok', 'aws', 'us-east-1', 'usage', '2024-01-01 01:00', '2024-01-01 02:00', 1, 0.3, 0.1, 42, '2024-01-01')`);
      await conn.run(`INSERT INTO usage (file_id, row_no, status, reject_column, reject_reason) VALUES (1, 3, 'rejected', 'lineItem/UnblendedCost', 'expected a number')`);
      await conn.run(`INSERT INTO footprint_rows (methodology, file_id, row_no, status, flags, compute_kwh, gpu_kwh, memory_kwh, storage_kwh, network_kwh,
        kwh, kwh_low, kwh_high, operational_g, operational_g_low, operational_g_high, market_g, embodied_g, embodied_g_low, embodied_g_high)
        SELECT 'ccf', 1, row_no, 'estimated', [], 9, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0 FROM range(1, 3) t(row_no)`);
    });

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

/** Migration 6 as first released (row-level ccf results keyed by usage_id; no per-kind amounts on rates). */
const MIGRATION_6_FIRST_FORM = `
CREATE SEQUENCE usage_id_seq START 1;
ALTER TABLE usage ADD COLUMN usage_id BIGINT;
ALTER TABLE usage ADD COLUMN line_count BIGINT DEFAULT 1;
ALTER TABLE usage ADD COLUMN cost_basis DOUBLE;
UPDATE usage SET usage_id = nextval('usage_id_seq'), line_count = 1, cost_basis = greatest(effective_cost, billed_cost, 0);
ALTER TABLE usage ALTER COLUMN usage_id SET DEFAULT nextval('usage_id_seq');
ALTER TABLE usage ALTER COLUMN row_no DROP NOT NULL;
DROP TABLE footprint_rows;
CREATE TABLE footprint_rows (
  methodology VARCHAR NOT NULL, usage_id BIGINT NOT NULL, file_id INTEGER NOT NULL, status VARCHAR NOT NULL, flags VARCHAR[],
  compute_kwh DOUBLE NOT NULL, gpu_kwh DOUBLE NOT NULL, memory_kwh DOUBLE NOT NULL, storage_kwh DOUBLE NOT NULL, network_kwh DOUBLE NOT NULL,
  kwh DOUBLE NOT NULL, kwh_low DOUBLE NOT NULL, kwh_high DOUBLE NOT NULL,
  operational_g DOUBLE NOT NULL, operational_g_low DOUBLE NOT NULL, operational_g_high DOUBLE NOT NULL, market_g DOUBLE NOT NULL,
  embodied_g DOUBLE NOT NULL, embodied_g_low DOUBLE NOT NULL, embodied_g_high DOUBLE NOT NULL,
  grid_factor_id VARCHAR, pue_factor_id VARCHAR, power_factor_id VARCHAR, embodied_factor_id VARCHAR, coefficient_id VARCHAR
);
DELETE FROM estimated_files WHERE methodology IN (SELECT methodology FROM estimates WHERE kind = 'rows');
DELETE FROM estimates WHERE kind = 'rows';
CREATE TABLE schema_views (name VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL);`;

describe('upgrading a store whose migration 6 ran in its first form', () => {
  it('drops the row-level ccf results and usage_id, adds the per-kind amounts, and estimates both methodologies', async () => {
    // one usage row of two lines, with its row-level ccf result keyed by usage_id
    const applied = [...migrations.filter((x) => x.id <= 5), { id: 6, name: 'grouped usage', sql: MIGRATION_6_FIRST_FORM }];
    const path = await oldStore(applied, 2, 0, async (conn) => {
      await conn.run(`INSERT INTO usage (file_id, row_no, status, provider, region, charge_category, period_start, period_end, quantity, billed_cost, effective_cost, class_key, billing_period, line_count, cost_basis)
        VALUES (1, NULL, 'ok', 'aws', 'us-east-1', 'usage', '2024-01-01 00:00', '2024-01-01 02:00', 2, 0.4, 0.3, 42, '2024-01-01', 2, 0.4)`);
      await conn.run(`INSERT INTO footprint_rows SELECT 'ccf', usage_id, 1, 'estimated', [], 9, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 0, 0, 0, NULL, NULL, NULL, NULL, NULL FROM usage`);
    });

    const store = await openDuckStore(path);
    try {
      expect(await store.db.all("SELECT table_name FROM duckdb_tables() WHERE table_name = 'footprint_rows'")).toEqual([]);
      expect(await store.db.all("SELECT column_name FROM duckdb_columns() WHERE table_name = 'usage' AND column_name = 'usage_id'")).toEqual([]);
      expect(await store.db.all("SELECT methodology FROM estimates WHERE kind = 'rows'")).toEqual([]);
      for (const id of ['ccf', 'default'] as const) {
        await store.ensureEstimated(profile(id));
        const [f] = await store.db.all<{ n: number; kwh: number }>('SELECT sum(line_count) AS n, sum(kwh) AS kwh FROM footprint WHERE methodology = $1', [id]);
        expect(f?.n, id).toBe(2);
        expect(f?.kwh, id).toBeGreaterThan(0);
        expect(f?.kwh, id).not.toBe(9);
      }
      // new rows still go in, without the dropped column
      await store.db.run(`INSERT INTO usage (file_id, status, class_key, quantity) VALUES (1, 'ok', 42, 1)`);
    } finally {
      store.close();
    }
  });
});
