import type { Attribution, TagDimension } from './attribution.js';
import { tagDimensionSql } from './attribution.js';

/**
 * Tag coverage: for each attribution dimension, the share of cost and of emissions (location-based
 * operational + embodied) on charges that carry it. Cost-only rows count toward cost, not emissions.
 */
export function coverageSql(attribution: Attribution): string {
  const dims: TagDimension[] = ['team', 'service', 'environment', 'owner'];
  const parts = dims.map((d) => `SELECT '${d}' AS dimension,
      sum(CASE WHEN ${tagDimensionSql(attribution, d)} IS NOT NULL THEN u.effective_cost ELSE 0 END) / NULLIF(sum(u.effective_cost), 0) AS cost_share,
      sum(CASE WHEN ${tagDimensionSql(attribution, d)} IS NOT NULL THEN f.operational_g + f.embodied_g ELSE 0 END) / NULLIF(sum(f.operational_g + f.embodied_g), 0) AS co2e_share,
      sum(CASE WHEN ${tagDimensionSql(attribution, d)} IS NULL THEN u.effective_cost ELSE 0 END) AS untagged_cost,
      sum(CASE WHEN ${tagDimensionSql(attribution, d)} IS NULL THEN f.operational_g + f.embodied_g ELSE 0 END) / 1000 AS untagged_co2e_kg
    FROM footprint f JOIN usage u USING (file_id, row_no)
    WHERE f.methodology = $methodology AND u.status = 'ok'`);
  return parts.join('\nUNION ALL\n');
}

/** The largest spenders missing any required tag, by provider, account, service and resource. */
export function untaggedSql(attribution: Attribution): string {
  const missing = attribution.required.map((d) => `${tagDimensionSql(attribution, d)} IS NULL`).join(' OR ') || 'false';
  const which = attribution.required.map((d) => `CASE WHEN ${tagDimensionSql(attribution, d)} IS NULL THEN '${d}' END`).join(', ');
  return `
SELECT u.provider, u.billing_account AS account, u.service, COALESCE(u.resource_id, '(no resource id)') AS resource,
  list_distinct(list_filter(flatten(list([${which || 'NULL'}])), x -> x IS NOT NULL)) AS missing_tags,
  sum(u.effective_cost) AS cost, sum(f.operational_g + f.embodied_g) / 1000 AS co2e_kg
FROM footprint f JOIN usage u USING (file_id, row_no)
WHERE f.methodology = $methodology AND u.status = 'ok' AND (${missing})
GROUP BY 1, 2, 3, 4
ORDER BY cost DESC NULLS LAST
LIMIT $limit`;
}
