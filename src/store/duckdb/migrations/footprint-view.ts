/**
 * The footprint of every usage row (a group of a file's lines, see migration 6) under every estimated
 * methodology, computed when read: the row's amount (quantity × the class's factor × the hours of the
 * month for per-month units, or the methodology's own factor where its rate has one) times its
 * class's per-unit rates; or its cost times the rate (CCF's unknown usage) or the file's cost ratios.
 * Filters on `methodology`, time and dimensions are pushed down by DuckDB, so a query reads only the
 * usage columns it needs.
 */
const USAGE_COLUMNS = `u.file_id, u.row_no, u.status AS row_status, u.provider, u.billing_account, u.sub_account, u.region, u.service,
    u.service_category, u.resource_id, u.charge_category, u.period_start, u.period_end, u.quantity, u.billed_cost,
    u.effective_cost, u.blended_cost, u.cost_basis, u.currency, u.class_key, u.tags_key, u.line_count, k.usage_class, k.instance_type,
    k.usage_type, k.unit`;

const VALUE_COLUMNS = [
  'compute_kwh', 'gpu_kwh', 'memory_kwh', 'storage_kwh', 'network_kwh', 'kwh', 'kwh_low', 'kwh_high',
  'operational_g', 'operational_g_low', 'operational_g_high', 'market_g', 'embodied_g', 'embodied_g_low', 'embodied_g_high',
] as const;

/**
 * A usage row with no quantity, of a class priced per unit of amount: its amount is unknown, not
 * zero. It is priced from the export's cost ratio where the methodology keeps one (flagged), and gets
 * no estimate otherwise; never a silent zero.
 */
const NO_QUANTITY = '(x.__no_quantity AND r.__by_amount)';

/** A row's amount under a rate: the methodology's own amount per kind where it has one, else the classifier's. */
const AMOUNT = `(COALESCE(x.quantity, 0) * COALESCE(r.amount_factor, x.amount_factor, 0)
    * (CASE WHEN COALESCE(r.per_month, x.per_month) THEN 24 * dayofmonth(last_day(x.period_start)) ELSE 1 END))`;

type ValueColumn = (typeof VALUE_COLUMNS)[number];

/**
 * Value from a rate: per unit of amount; per unit of the row's blended cost (unblended where absent)
 * for rates that say so; or, for cost-ratio classes, from the file's ratio (per unit of cost).
 */
function rawValue(col: ValueColumn): string {
  const ratioCol: Partial<Record<string, string>> = {
    kwh: 'c.kwh', kwh_low: 'c.kwh * c.band_low', kwh_high: 'c.kwh * c.band_high',
    operational_g: 'c.operational_g', operational_g_low: 'c.operational_g * c.band_low', operational_g_high: 'c.operational_g * c.band_high',
    market_g: 'c.market_g', embodied_g: 'c.embodied_g', embodied_g_low: 'c.embodied_g * c.band_low', embodied_g_high: 'c.embodied_g * c.band_high',
  };
  const ratio = ratioCol[col];
  const perCost = `WHEN r.per_cost THEN COALESCE(x.blended_cost, x.billed_cost, 0) * COALESCE(r.${col}, 0)`;
  const fromRate = `${AMOUNT} * COALESCE(r.${col}, 0)`;
  return `CASE ${ratio ? `WHEN r.cost_ratio OR ${NO_QUANTITY} THEN COALESCE(x.cost_basis * ${ratio}, 0) ` : ''}${perCost} ELSE ${fromRate} END`;
}

/**
 * A column of the view. A negative amount or cost (a correction, a refund of usage) turns a low
 * bound into the larger figure: the bounds are the lesser and greater of the two, so that
 * low ≤ value ≤ high holds for every row, and for every sum of rows.
 */
function value(col: ValueColumn): string {
  if (col.endsWith('_low') || col.endsWith('_high')) {
    const base = col.replace(/_(low|high)$/, '');
    const [low, high] = [rawValue(`${base}_low` as ValueColumn), rawValue(`${base}_high` as ValueColumn)];
    return `${col.endsWith('_low') ? 'least' : 'greatest'}(${low}, ${high}) AS ${col}`;
  }
  return `${rawValue(col)} AS ${col}`;
}

/** The view's SELECT (installed as `footprint`). */
export const footprintViewSql = `
SELECT x.* EXCLUDE (amount_factor, per_month, __no_quantity), m.methodology, ${AMOUNT} AS amount,
  CASE WHEN x.row_status = 'rejected' THEN 'rejected'
       WHEN (r.cost_ratio OR ${NO_QUANTITY}) AND c.kwh IS NULL THEN 'unclassified'
       WHEN ${NO_QUANTITY} THEN 'fallback'
       ELSE COALESCE(r.status, 'unclassified') END AS status,
  list_concat(COALESCE(r.flags, []),
    CASE WHEN ${NO_QUANTITY} THEN ['quantity_missing:cost_ratio'] ELSE [] END,
    CASE WHEN (r.cost_ratio OR ${NO_QUANTITY}) AND c.kwh IS NULL THEN ['cost_ratio_unavailable'] ELSE [] END) AS flags,
  COALESCE(r.cost_ratio OR ${NO_QUANTITY}, false) AS cost_ratio,
  ${VALUE_COLUMNS.map(value).join(',\n  ')},
  r.grid_factor_id, r.pue_factor_id, r.power_factor_id, r.embodied_factor_id, r.coefficient_id
FROM (
  SELECT ${USAGE_COLUMNS}, k.amount_factor, k.per_month,
    u.quantity IS NULL AND k.usage_class IN ('compute', 'gpu', 'memory', 'storage', 'network') AS __no_quantity
  FROM usage u LEFT JOIN class_keys k ON k.class_key = u.class_key
) x
CROSS JOIN (SELECT methodology FROM estimates WHERE kind = 'rates') m
LEFT JOIN (SELECT *, status IN ('estimated', 'fallback') AND NOT cost_ratio AND NOT COALESCE(per_cost, false) AS __by_amount FROM rates) r
  ON r.methodology = m.methodology AND r.class_key = x.class_key
LEFT JOIN cost_ratios c ON c.methodology = m.methodology AND c.file_id = x.file_id AND c.provider IS NOT DISTINCT FROM x.provider`;
