import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../store/duckdb/connection.js';
import { loadTable } from '../store/duckdb/resolve.js';
import { lit } from '../sources/sql.js';
import { buildCatalogue } from './catalogue.js';

export interface GenerateOptions {
  readonly rows: number;
  readonly seed: number;
  readonly path: string;
  readonly format: 'csv' | 'csv.gz' | 'parquet';
  /** First day of the period, UTC. */
  readonly start?: string;
  /** Days covered (at one-hour granularity, larger row counts spread over more resources instead). */
  readonly days?: number;
}

export const DEMO_DEFAULTS = { rows: 36_800, seed: 42, start: '2026-08-01', days: 92 } as const;

/**
 * Write a deterministic synthetic FOCUS 1.0 export of exactly `rows` charges. The catalogue (a few
 * hundred to a few thousand resources) is built in JavaScript; the rows are expanded inside DuckDB, so
 * ten million rows take seconds. Each resource gets one row per charge period; periods are whole hours
 * within one UTC day.
 */
export async function generateFocus(db: Db, o: GenerateOptions): Promise<{ resources: number; periodHours: number }> {
  const days = o.days ?? DEMO_DEFAULTS.days;
  const hours = days * 24;
  const size = Math.max(400, Math.ceil(o.rows / hours));
  const catalogue = buildCatalogue(o.seed, size);
  const perResource = Math.ceil(o.rows / size);
  // A charge never crosses midnight (usage is reported per UTC day): its period is a whole day or a
  // divisor of one, and a resource's periods are spread evenly over the days, in slots of that length.
  const fits = Math.max(1, Math.floor(hours / perResource));
  const periodHours = fits >= 24 ? 24 : Math.max(...[1, 2, 3, 4, 6, 8, 12].filter((h) => h <= fits));
  const slots = hours / periodHours;
  // with fewer periods than slots, resources start at staggered slots, so that every day has charges
  const offset = perResource < slots ? `(r.idx * ${slots}) // ${size}` : '0';
  await loadTable(db, '__demo_res', {
    idx: 'INTEGER', provider: 'VARCHAR', account: 'VARCHAR', sub: 'VARCHAR', region: 'VARCHAR', service: 'VARCHAR', category: 'VARCHAR',
    resource_id: 'VARCHAR', resource_type: 'VARCHAR', sku: 'VARCHAR', description: 'VARCHAR', unit: 'VARCHAR', per_hour: 'DOUBLE',
    price: 'DOUBLE', charge_category: 'VARCHAR', tags: 'VARCHAR',
  }, catalogue.map((r, idx) => ({
    idx, provider: r.provider, account: r.account, sub: r.subAccount, region: r.region, service: r.serviceName, category: r.serviceCategory,
    resource_id: r.resourceId, resource_type: r.resourceType, sku: r.skuId, description: r.description, unit: r.unit, per_hour: r.perHour,
    price: r.unitPrice, charge_category: r.chargeCategory, tags: JSON.stringify(r.tags),
  })));
  mkdirSync(dirname(o.path), { recursive: true });
  const start = `TIMESTAMP ${lit(`${o.start ?? DEMO_DEFAULTS.start} 00:00:00`)}`;
  // Deterministic noise in [0, 1) per row: DuckDB's hash of the row number and the seed.
  const noise = `((hash(g.i * 2654435761 + ${Math.trunc(o.seed)}) % 1000000)::DOUBLE / 1000000.0)`;
  const select = `
SELECT
  r.region AS AvailabilityZone,
  round(q.quantity * r.price, 6) AS BilledCost,
  r.account AS BillingAccountId,
  'Demo Org' AS BillingAccountName,
  'USD' AS BillingCurrency,
  date_trunc('month', q.ps) + INTERVAL 1 MONTH AS BillingPeriodEnd,
  date_trunc('month', q.ps) AS BillingPeriodStart,
  r.charge_category AS ChargeCategory,
  NULL AS ChargeClass,
  r.description AS ChargeDescription,
  CASE WHEN r.charge_category = 'Usage' THEN 'Usage-Based' ELSE 'Recurring' END AS ChargeFrequency,
  q.ps + to_hours(${periodHours}) AS ChargePeriodEnd,
  q.ps AS ChargePeriodStart,
  round(q.quantity, 6) AS ConsumedQuantity,
  r.unit AS ConsumedUnit,
  round(q.quantity * r.price, 6) AS ContractedCost,
  round(q.quantity * r.price * CASE WHEN r.provider = 'AWS' AND r.category = 'Compute' THEN 0.8 ELSE 1 END, 6) AS EffectiveCost,
  r.provider AS InvoiceIssuerName,
  round(q.quantity * r.price, 6) AS ListCost,
  r.price AS ListUnitPrice,
  'Standard' AS PricingCategory,
  round(q.quantity, 6) AS PricingQuantity,
  r.unit AS PricingUnit,
  r.provider AS ProviderName,
  r.provider AS PublisherName,
  r.region AS RegionId,
  r.region AS RegionName,
  r.resource_id AS ResourceId,
  r.resource_id AS ResourceName,
  r.resource_type AS ResourceType,
  r.category AS ServiceCategory,
  r.service AS ServiceName,
  r.sku AS SkuId,
  r.sku || '.' || r.region AS SkuPriceId,
  r.sub AS SubAccountId,
  r.sub AS SubAccountName,
  r.tags AS Tags
FROM (SELECT range AS i FROM range(${Math.trunc(o.rows)})) g
JOIN __demo_res r ON r.idx = g.i % ${size}
CROSS JOIN LATERAL (SELECT
    ${start} + to_hours(((((g.i // ${size}) * ${slots}) // ${perResource} + ${offset}) % ${slots} * ${periodHours})::BIGINT) AS ps,
    CASE WHEN r.charge_category = 'Usage' THEN r.per_hour * ${periodHours} * (0.7 + 0.6 * ${noise}) ELSE r.per_hour END AS quantity) q
ORDER BY g.i`;
  const options = o.format === 'parquet' ? "(FORMAT parquet, COMPRESSION zstd)" : o.format === 'csv.gz' ? "(FORMAT csv, HEADER, COMPRESSION gzip)" : '(FORMAT csv, HEADER)';
  await db.run(`COPY (${select}) TO ${lit(o.path)} ${options}`);
  await db.run('DROP TABLE IF EXISTS __demo_res');
  return { resources: size, periodHours };
}
