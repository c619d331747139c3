/**
 * The footprint of every usage row (a group of a file's lines, see migration 6) under every estimated methodology, computed when read:
 * rate-based methodologies multiply the row's canonical amount (quantity × the class's factor × the
 * hours of the month for per-month units) by its class's per-unit rates, or its cost by the file's
 * cost ratios; row-based methodologies read `footprint_rows`. Filters on `methodology`, time and
 * dimensions are pushed down by DuckDB, so a query reads only the usage columns it needs.
 */
const USAGE_COLUMNS = `u.usage_id, u.file_id, u.row_no, u.status AS row_status, u.provider, u.billing_account, u.sub_account, u.region, u.service,
    u.service_category, u.resource_id, u.charge_category, u.period_start, u.period_end, u.quantity, u.billed_cost,
    u.effective_cost, u.currency, u.class_key, u.tags_key, u.line_count, k.usage_class, k.instance_type`;

const VALUE_COLUMNS = [
  'compute_kwh', 'gpu_kwh', 'memory_kwh', 'storage_kwh', 'network_kwh', 'kwh', 'kwh_low', 'kwh_high',
  'operational_g', 'operational_g_low', 'operational_g_high', 'market_g', 'embodied_g', 'embodied_g_low', 'embodied_g_high',
] as const;

/** Value from a rate (per unit of amount) or, for cost-ratio classes, from the file's ratio (per unit of cost). */
function value(col: (typeof VALUE_COLUMNS)[number]): string {
  const ratioCol: Partial<Record<string, string>> = {
    kwh: 'c.kwh', kwh_low: 'c.kwh * c.band_low', kwh_high: 'c.kwh * c.band_high',
    operational_g: 'c.operational_g', operational_g_low: 'c.operational_g * c.band_low', operational_g_high: 'c.operational_g * c.band_high',
    market_g: 'c.market_g', embodied_g: 'c.embodied_g', embodied_g_low: 'c.embodied_g * c.band_low', embodied_g_high: 'c.embodied_g * c.band_high',
  };
  const ratio = ratioCol[col];
  const fromRate = `x.amount * COALESCE(r.${col}, 0)`;
  return ratio ? `CASE WHEN r.cost_ratio THEN COALESCE(x.cost_basis * ${ratio}, 0) ELSE ${fromRate} END AS ${col}` : `${fromRate} AS ${col}`;
}

/** The view's SELECT (installed as `footprint`). */
export const footprintViewSql = `
SELECT x.* EXCLUDE (amount_factor, per_month), m.methodology,
  CASE WHEN x.row_status = 'rejected' THEN 'rejected'
       WHEN r.cost_ratio AND c.kwh IS NULL THEN 'unclassified'
       ELSE COALESCE(r.status, 'unclassified') END AS status,
  CASE WHEN r.cost_ratio AND c.kwh IS NULL THEN list_append(r.flags, 'cost_ratio_unavailable') ELSE COALESCE(r.flags, []) END AS flags,
  ${VALUE_COLUMNS.map(value).join(',\n  ')},
  r.grid_factor_id, r.pue_factor_id, r.power_factor_id, r.embodied_factor_id, r.coefficient_id
FROM (
  SELECT ${USAGE_COLUMNS}, k.amount_factor, k.per_month,
    COALESCE(u.quantity, 0) * COALESCE(k.amount_factor, 0) * (CASE WHEN k.per_month THEN 24 * dayofmonth(last_day(u.period_start)) ELSE 1 END) AS amount,
    u.cost_basis
  FROM usage u LEFT JOIN class_keys k ON k.class_key = u.class_key
) x
CROSS JOIN (SELECT methodology FROM estimates WHERE kind = 'rates') m
LEFT JOIN rates r ON r.methodology = m.methodology AND r.class_key = x.class_key
LEFT JOIN cost_ratios c ON c.methodology = m.methodology AND c.file_id = x.file_id AND c.provider IS NOT DISTINCT FROM x.provider
UNION ALL BY NAME
SELECT ${USAGE_COLUMNS}, 0::DOUBLE AS amount, u.cost_basis, f.methodology, f.status, f.flags,
  ${VALUE_COLUMNS.map((c) => `f.${c}`).join(', ')},
  f.grid_factor_id, f.pue_factor_id, f.power_factor_id, f.embodied_factor_id, f.coefficient_id
FROM footprint_rows f JOIN usage u USING (usage_id) LEFT JOIN class_keys k ON k.class_key = u.class_key`;
