/**
 * One benchmark measurement in its own process, so that peak RSS belongs to it alone.
 * Usage: node dist-bench/bench/pipeline.js <greenops|raw|raw-wide> <file> [memoryLimit] [trace]
 * (`trace`: each statement's seconds and the peak RSS so far, on stderr)
 * Prints one JSON line: { seconds, maxRssMB, rows }.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDuckStore } from '../src/store/duckdb/index.js';
import { billingSources } from '../src/sources/index.js';
import { focusSource } from '../src/sources/focus/index.js';
import { defaultProfile } from '../src/core/methodology.js';
import { defaultAttribution } from '../src/analysis/attribution.js';
import { lit } from '../src/sources/sql.js';

const [mode, file, memoryLimit = '1GB', trace] = process.argv.slice(2);
if (!mode || !file) throw new Error('usage: pipeline.ts <greenops|raw|raw-wide> <file> [memoryLimit]');

async function greenopsRun(path: string): Promise<number> {
  const db = join(tmpdir(), `greenops-bench-${process.pid}.duckdb`);
  rmSync(db, { force: true });
  const store = await openDuckStore(db, {
    memoryLimit,
    ...(trace ? { trace: (sql: string, s: number) => process.stderr.write(`${s.toFixed(3)}s rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MB ${sql.replace(/\s+/g, ' ').slice(0, 100)}\n`) } : {}),
  });
  try {
    const r = await store.ingest(path, { source: focusSource, candidates: billingSources });
    await store.ensureEstimated(defaultProfile);
    const rows = await store.footprint({ by: ['team', 'service', 'region', 'month'], methodology: 'default', limit: 100_000 }, defaultAttribution);
    if (rows.length === 0) throw new Error('no result');
    return r.accounting.rowsRead;
  } finally {
    store.close();
    rmSync(db, { force: true });
    rmSync(`${db}.wal`, { force: true });
  }
}

/** Columns greenops reads from a FOCUS export to place, classify and attribute a charge. */
const FOOTPRINT_KEYS = ['ProviderName', 'BillingAccountId', 'SubAccountId', 'RegionId', 'ServiceName', 'ServiceCategory', 'ResourceId', 'ResourceType', 'ChargeCategory', 'ChargeDescription', 'ConsumedUnit', 'BillingCurrency', 'Tags'];

/**
 * The practical floor, in one scan of the file, nothing stored. `raw`: grouped by service, region and
 * month over two measures. `raw-wide`: the columns a footprint needs, grouped at the grain greenops
 * stores (day, kind of charge, resource, account, tags), with the same sums.
 */
async function rawRun(path: string, wide: boolean): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: memoryLimit });
  const conn = await instance.connect();
  const reader = path.endsWith('.parquet') ? `read_parquet(${lit(path)})` : `read_csv(${lit(path)}, header = true)`;
  const groupSql = wide
    ? `SELECT ${FOOTPRINT_KEYS.map((k) => `"${k}"`).join(', ')}, date_trunc('day', ChargePeriodStart::TIMESTAMP), BillingPeriodStart, count(*) AS n,
         sum(ConsumedQuantity::DOUBLE), sum(BilledCost::DOUBLE), sum(EffectiveCost::DOUBLE), min(ChargePeriodStart), max(ChargePeriodEnd) FROM ${reader} GROUP BY ALL`
    : `SELECT ServiceName, RegionId, date_trunc('month', ChargePeriodStart::TIMESTAMP), count(*) AS n, sum(EffectiveCost::DOUBLE), sum(ConsumedQuantity::DOUBLE) FROM ${reader} GROUP BY ALL`;
  const r = await conn.runAndReadAll(`SELECT count(*) AS groups, sum(n) AS n FROM (${groupSql})`);
  conn.closeSync();
  instance.closeSync();
  const row = r.getRowObjectsJS()[0];
  if (!row || Number(row['groups']) === 0) throw new Error('no groups');
  return Number(row['n']);
}

const started = process.hrtime.bigint();
const rows = mode === 'greenops' ? await greenopsRun(file) : await rawRun(file, mode === 'raw-wide');
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(`${JSON.stringify({ mode, file, rows, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
