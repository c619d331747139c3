import type { Attribution, TagDimension } from './attribution.js';
import { tagDimensionsCte } from './footprint-query.js';

/**
 * Tag coverage: for each attribution dimension and billing currency, the share of cost and of
 * emissions (location-based operational + embodied) on charges that carry it. The cost share is of
 * spend (effective cost, commitments amortized, never below zero per group of lines), so credits and
 * refunds cannot take it past 100 % and a commitment counts once; the untagged cost is the net
 * effective cost, as footprints report it.
 * Costs in different currencies are never added, so an export billed in two currencies gets a row per
 * currency and dimension. Cost-only rows count toward cost, not emissions.
 */
export function coverageSql(attribution: Attribution): string {
  const dims: TagDimension[] = ['team', 'app', 'environment', 'owner'];
  const parts = dims.map((d, i) => `SELECT ${i} AS ord, '${d}' AS dimension,
      sum(CASE WHEN t.${d} IS NOT NULL THEN f.spend ELSE 0 END) / NULLIF(sum(f.spend), 0) AS cost_share,
      sum(CASE WHEN t.${d} IS NOT NULL THEN f.operational_g + f.embodied_g ELSE 0 END) / NULLIF(sum(f.operational_g + f.embodied_g), 0) AS co2e_share,
      sum(CASE WHEN t.${d} IS NULL THEN f.effective_cost ELSE 0 END) AS untagged_cost, f.currency,
      sum(CASE WHEN t.${d} IS NULL THEN f.operational_g + f.embodied_g ELSE 0 END) / 1000 AS untagged_co2e_kg
    FROM f LEFT JOIN t USING (tags_key) GROUP BY f.currency`);
  return `WITH ${tagDimensionsCte(attribution)}, f AS MATERIALIZED (SELECT tags_key, currency, effective_cost, greatest(effective_cost, 0) AS spend, operational_g, embodied_g FROM footprint WHERE methodology = $methodology AND row_status = 'ok')
SELECT * EXCLUDE (ord) FROM (
${parts.join('\nUNION ALL\n')}
) ORDER BY ord, currency NULLS LAST`;
}

/** The columns of coverageSql's and untaggedSql's rows, in order (for a header when there are none). */
export const COVERAGE_COLUMNS = ['dimension', 'cost_share', 'co2e_share', 'untagged_cost', 'currency', 'untagged_co2e_kg'] as const;
export const UNTAGGED_COLUMNS = ['provider', 'account', 'service', 'resource', 'missing_tags', 'cost', 'currency', 'co2e_kg'] as const;

const UNTAGGED_KEYS = "f.provider, f.billing_account AS account, f.service, COALESCE(f.resource_id, '(no resource id)') AS resource";

/** Rows of methodology `$methodology` missing any required tag. */
function untaggedRows(attribution: Attribution): string {
  const missing = attribution.required.map((d) => `t.${d} IS NULL`).join(' OR ') || 'false';
  return `FROM footprint f LEFT JOIN t USING (tags_key)
WHERE f.methodology = $methodology AND f.row_status = 'ok' AND (${missing})`;
}

/** The largest spenders missing any required tag, by provider, account, service and resource; `$limit` NULL for all. */
export function untaggedSql(attribution: Attribution): string {
  const which = attribution.required.map((d) => `CASE WHEN t.${d} IS NULL THEN '${d}' END`).join(', ');
  return `
WITH ${tagDimensionsCte(attribution)}
SELECT ${UNTAGGED_KEYS},
  list_distinct(list_filter(flatten(list([${which || 'NULL'}])), x -> x IS NOT NULL)) AS missing_tags,
  sum(f.effective_cost) AS cost, f.currency, sum(f.operational_g + f.embodied_g) / 1000 AS co2e_kg
${untaggedRows(attribution)}
-- a spender billed in two currencies is listed once per currency: its costs are never added
GROUP BY 1, 2, 3, 4, f.currency
ORDER BY cost DESC NULLS LAST
LIMIT $limit`;
}

/** How many spenders untaggedSql finds before its limit. */
export function untaggedCountSql(attribution: Attribution): string {
  return `
WITH ${tagDimensionsCte(attribution)}
SELECT count(*)::BIGINT AS spenders FROM (SELECT ${UNTAGGED_KEYS}, f.currency
${untaggedRows(attribution)}
GROUP BY 1, 2, 3, 4, 5)`;
}
