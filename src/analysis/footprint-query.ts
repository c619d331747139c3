import { GreenopsError } from '../core/errors.js';
import type { Attribution, TagDimension } from './attribution.js';
import { tagDimensionSql } from './attribution.js';

/** Dimensions a footprint can be grouped by. */
export const DIMENSIONS = [
  'provider', 'account', 'subaccount', 'region', 'service', 'category', 'resource', 'instance_type', 'class',
  'usage_type', 'unit', 'charge_category', 'team', 'app', 'environment', 'owner', 'day', 'week', 'month', 'file', 'status', 'flags', 'currency',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const TAG_DIMS: Partial<Record<Dimension, TagDimension>> = { team: 'team', app: 'app', environment: 'environment', owner: 'owner' };

/** SQL of a dimension over the footprint view `f` and the tag dimensions `t` (see tagDimensionsCte). */
export function dimensionSql(dim: Dimension): string {
  const tag = TAG_DIMS[dim];
  if (tag) return `t.${tag}`;
  switch (dim) {
    case 'provider': return 'f.provider';
    case 'account': return 'f.billing_account';
    case 'subaccount': return 'f.sub_account';
    case 'region': return 'f.region';
    case 'service': return 'f.service';
    case 'category': return 'f.service_category';
    case 'resource': return 'f.resource_id';
    case 'instance_type': return 'f.instance_type';
    case 'class': return 'f.usage_class';
    case 'usage_type': return 'f.usage_type';
    case 'unit': return 'f.unit';
    case 'charge_category': return 'f.charge_category';
    case 'day': return "strftime(date_trunc('day', f.period_start), '%Y-%m-%d')";
    case 'week': return "strftime(date_trunc('week', f.period_start), '%Y-%m-%d')";
    case 'month': return "strftime(date_trunc('month', f.period_start), '%Y-%m')";
    // grouped by id (two files may share a path), shown with the path it was ingested from
    case 'file': return "fi.path || ' (#' || f.file_id || ')'";
    case 'status': return 'f.status';
    case 'currency': return 'f.currency';
    // the set of a row's flags, as one value, so that no row is counted twice
    case 'flags': return "NULLIF(array_to_string(list_sort(f.flags), ' '), '')";
    default: return 'NULL';
  }
}

/** Attribution dimensions per distinct tag set (small), joined to rows by `tags_key`. */
export function tagDimensionsCte(attribution: Attribution): string {
  const dims: TagDimension[] = ['team', 'app', 'environment', 'owner'];
  return `t AS (SELECT tags_key, ${dims.map((d) => `${tagDimensionSql(attribution, d, 'ts')} AS ${d}`).join(', ')} FROM tag_sets ts)`;
}

export function parseDimensions(list: readonly string[]): Dimension[] {
  const dims = list.map((d) => {
    const key = d.trim().toLowerCase().replace(/-/g, '_');
    if (!(DIMENSIONS as readonly string[]).includes(key)) {
      throw new GreenopsError('E_USAGE', `unknown dimension ${JSON.stringify(d)}; expected one of ${DIMENSIONS.join(', ')}`, { data: { found: d, expected: DIMENSIONS.join(', ') } });
    }
    return key as Dimension;
  });
  const twice = dims.find((d, i) => dims.indexOf(d) !== i);
  if (twice !== undefined) throw new GreenopsError('E_USAGE', `dimension ${JSON.stringify(twice)} is given twice; expected each dimension once`, { data: { found: twice } });
  return dims;
}

export interface FootprintQuery {
  readonly by: readonly Dimension[];
  readonly methodology: string;
  /** Inclusive start: an ISO date, or a date-time at midnight UTC (billing usage is kept per day). */
  readonly from?: string;
  /** Exclusive end, likewise. */
  readonly to?: string;
  /** At most this many groups, largest emissions first; all when absent. */
  readonly limit?: number;
}

/**
 * Billing usage is stored per UTC day (lines of one day and kind of charge are summed), so a period
 * filter must fall on a day boundary; anything finer would cut a day's group in two.
 */
function dayBoundary(value: string | undefined, name: string): string | null {
  if (value === undefined) return null;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
  if (Number.isNaN(t) || t % 86_400_000 !== 0) {
    throw new GreenopsError('E_USAGE', `${name} ${JSON.stringify(value)}: billing usage is kept per day (UTC); expected a date such as 2026-08-01, or midnight UTC`, { data: { found: value, expected: 'a date (YYYY-MM-DD)' } });
  }
  return new Date(t).toISOString().slice(0, 10);
}

const CURRENCIES = 'list(DISTINCT f.currency) FILTER (WHERE f.currency IS NOT NULL)';

type Params = Record<string, string | number | null>;

/** The rows a footprint query reads (its FROM and WHERE) and their parameters, shared by the groups and their count. */
function selection(q: FootprintQuery): { from: string; params: Params } {
  const files = q.by.includes('file') ? ' LEFT JOIN files fi ON fi.file_id = f.file_id' : '';
  const from = `FROM footprint f LEFT JOIN t USING (tags_key)${files}
WHERE f.methodology = $methodology AND f.row_status = 'ok'
  AND ($from::TIMESTAMP IS NULL OR f.period_start >= $from::TIMESTAMP)
  AND ($to::TIMESTAMP IS NULL OR f.period_start < $to::TIMESTAMP)`;
  return { from, params: { methodology: q.methodology, from: dayBoundary(q.from, '--from'), to: dayBoundary(q.to, '--to') } };
}

/** The dimension columns and the GROUP BY (by position) of a query. */
function grouping(q: FootprintQuery): { dims: string[]; groupBy: string } {
  return {
    dims: q.by.map((d) => `${dimensionSql(d)} AS "${d}"`),
    groupBy: q.by.length ? `GROUP BY ${q.by.map((_, i) => i + 1).join(', ')}` : '',
  };
}

/** What each footprint group reports, after its dimensions: column name and SQL over the group's rows `f`. */
const MEASURES: ReadonlyArray<readonly [name: string, sql: string]> = [
  ['rows', 'sum(f.line_count)::BIGINT'],
  // costs in different currencies are never added: such a group's cost is empty and its currency lists them
  // (one distinct aggregate, bound once for both columns)
  ['cost', `CASE WHEN len(${CURRENCIES}) > 1 THEN NULL ELSE sum(f.effective_cost) END`],
  ['currency', `NULLIF(array_to_string(list_sort(${CURRENCIES}), '+'), '')`],
  ['energy_kwh', 'sum(f.kwh)'], ['energy_kwh_low', 'sum(f.kwh_low)'], ['energy_kwh_high', 'sum(f.kwh_high)'],
  ['co2e_kg', 'sum(f.operational_g + f.embodied_g) / 1000'],
  ['co2e_kg_low', 'sum(f.operational_g_low + f.embodied_g_low) / 1000'],
  ['co2e_kg_high', 'sum(f.operational_g_high + f.embodied_g_high) / 1000'],
  ['operational_kg', 'sum(f.operational_g) / 1000'],
  ['market_kg', 'sum(f.market_g) / 1000'],
  ['embodied_kg', 'sum(f.embodied_g) / 1000'],
  ['fallback_rows', "COALESCE(sum(f.line_count) FILTER (WHERE f.status = 'fallback'), 0)::BIGINT"],
];

/** The columns of a footprint query's rows, in order (for a header when no group is found). */
export function footprintColumns(by: readonly Dimension[]): string[] {
  return [...by, ...MEASURES.map(([name]) => name)];
}

/** Aggregated footprint rows: one per group, largest emissions first. Values are parameters. */
export function footprintSql(q: FootprintQuery, attribution: Attribution): { sql: string; params: Params } {
  const { dims, groupBy } = grouping(q);
  const { from, params } = selection(q);
  const sql = `
WITH ${tagDimensionsCte(attribution)}
SELECT ${[...dims, ...MEASURES.map(([name, expr]) => `${expr} AS ${name}`)].join(',\n  ')}
${from}
${groupBy}
ORDER BY co2e_kg DESC NULLS LAST
LIMIT $limit`;
  // LIMIT NULL is no limit
  return { sql, params: { ...params, limit: q.limit ?? null } };
}

/** How many groups footprintSql finds before its limit (one without dimensions): to say when a listing is cut. */
export function footprintGroupsSql(q: FootprintQuery, attribution: Attribution): { sql: string; params: Params } {
  const { dims, groupBy } = grouping(q);
  const { from, params } = selection(q);
  const sql = `
WITH ${tagDimensionsCte(attribution)}
SELECT count(*)::BIGINT AS groups FROM (SELECT ${[...dims, 'count(*)'].join(', ')}
${from}
${groupBy})`;
  return { sql, params };
}
