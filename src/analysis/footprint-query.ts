import { GreenopsError } from '../core/errors.js';
import type { Attribution, TagDimension } from './attribution.js';
import { tagDimensionSql } from './attribution.js';

/** Dimensions a footprint can be grouped by. */
export const DIMENSIONS = [
  'provider', 'account', 'subaccount', 'region', 'service', 'category', 'resource', 'instance_type', 'class',
  'team', 'app', 'environment', 'owner', 'day', 'week', 'month', 'file', 'status',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const TAG_DIMS: Partial<Record<Dimension, TagDimension>> = { team: 'team', app: 'service', environment: 'environment', owner: 'owner' };

export function dimensionSql(dim: Dimension, attribution: Attribution): string {
  const tag = TAG_DIMS[dim];
  if (tag) return tagDimensionSql(attribution, tag);
  switch (dim) {
    case 'provider': return 'u.provider';
    case 'account': return 'u.billing_account';
    case 'subaccount': return 'u.sub_account';
    case 'region': return 'u.region';
    case 'service': return 'u.service';
    case 'category': return 'u.service_category';
    case 'resource': return 'u.resource_id';
    case 'instance_type': return 'u.instance_type';
    case 'class': return 'u.usage_class';
    case 'day': return "strftime(date_trunc('day', u.period_start), '%Y-%m-%d')";
    case 'week': return "strftime(date_trunc('week', u.period_start), '%Y-%m-%d')";
    case 'month': return "strftime(date_trunc('month', u.period_start), '%Y-%m')";
    case 'file': return 'u.file_id';
    case 'status': return 'f.status';
    default: return 'NULL';
  }
}

export function parseDimensions(list: readonly string[]): Dimension[] {
  return list.map((d) => {
    const key = d.trim().toLowerCase().replace(/-/g, '_');
    if (!(DIMENSIONS as readonly string[]).includes(key)) {
      throw new GreenopsError('E_USAGE', `unknown dimension ${JSON.stringify(d)}; expected one of ${DIMENSIONS.join(', ')}`, { data: { found: d, expected: DIMENSIONS.join(', ') } });
    }
    return key as Dimension;
  });
}

export interface FootprintQuery {
  readonly by: readonly Dimension[];
  readonly methodology: string;
  /** Inclusive start, ISO date or date-time (UTC). */
  readonly from?: string;
  /** Exclusive end. */
  readonly to?: string;
  readonly limit?: number;
}

/** Aggregated footprint rows: one per group, largest emissions first. Values are parameters. */
export function footprintSql(q: FootprintQuery, attribution: Attribution): { sql: string; params: Record<string, string | number | null> } {
  const dims = q.by.map((d) => `${dimensionSql(d, attribution)} AS "${d}"`);
  const groupBy = q.by.length ? `GROUP BY ${q.by.map((_, i) => i + 1).join(', ')}` : '';
  const sql = `
SELECT ${[...dims,
    'count(*)::BIGINT AS rows',
    'sum(u.effective_cost) AS cost',
    'sum(f.kwh) AS energy_kwh', 'sum(f.kwh_low) AS energy_kwh_low', 'sum(f.kwh_high) AS energy_kwh_high',
    'sum(f.operational_g + f.embodied_g) / 1000 AS co2e_kg',
    'sum(f.operational_g_low + f.embodied_g_low) / 1000 AS co2e_kg_low',
    'sum(f.operational_g_high + f.embodied_g_high) / 1000 AS co2e_kg_high',
    'sum(f.operational_g) / 1000 AS operational_kg',
    'sum(f.market_g) / 1000 AS market_kg',
    'sum(f.embodied_g) / 1000 AS embodied_kg',
    "count(*) FILTER (WHERE f.status = 'fallback')::BIGINT AS fallback_rows",
  ].join(',\n  ')}
FROM footprint f JOIN usage u USING (file_id, row_no)
WHERE f.methodology = $methodology AND u.status = 'ok'
  AND ($from::TIMESTAMP IS NULL OR u.period_start >= $from::TIMESTAMP)
  AND ($to::TIMESTAMP IS NULL OR u.period_start < $to::TIMESTAMP)
${groupBy}
ORDER BY co2e_kg DESC NULLS LAST
LIMIT $limit`;
  return { sql, params: { methodology: q.methodology, from: q.from ?? null, to: q.to ?? null, limit: q.limit ?? 1000 } };
}
