import { Columns, ident, lit, requireColumns } from '../sql.js';
import type { BillingSource, ColumnInfo, SourceMapping } from '../types.js';
import { normaliseName, regionDisplayNames } from '../../factors/grid.js';
import { USAGE_TYPE_REGION_PREFIXES } from './regions.js';

/**
 * AWS Cost and Usage Reports: the legacy CSV (`lineItem/UsageType`, `resourceTags/user:team` …) and
 * CUR 2.0 (`line_item_usage_type`, a `resource_tags` MAP, or Athena-style `resource_tags_user_team`
 * columns), in CSV or Parquet. Column names are matched ignoring case and separators.
 */

const REQUIRED: ReadonlyArray<readonly string[]> = [
  ['lineItem/UsageStartDate'],
  ['lineItem/UsageType'],
  ['lineItem/LineItemType'],
  ['lineItem/UnblendedCost', 'lineItem/BlendedCost'],
];

/** LineItemType → canonical charge category. Covered usage (RI, Savings Plans) is usage: it ran. */
function chargeCategory(cols: Columns): string {
  const t = `lower(${cols.text('lineItem/LineItemType')})`;
  return `CASE
    WHEN ${t} IN ('usage', 'discountedusage', 'savingsplancoveredusage') THEN 'usage'
    WHEN ${t} = 'tax' THEN 'tax'
    WHEN ${t} = 'credit' THEN 'credit'
    WHEN ${t} = 'refund' THEN 'refund'
    WHEN ${t} IN ('fee', 'rifee', 'savingsplanupfrontfee', 'savingsplanrecurringfee') THEN 'purchase'
    WHEN ${t} IN ('savingsplannegation', 'edpdiscount', 'bundleddiscount', 'privateratediscount', 'distributordiscount', 'discount') THEN 'adjustment'
    ELSE 'other' END`;
}

function regionExpr(cols: Columns): string {
  const usageType = cols.text('lineItem/UsageType');
  const prefix = `upper(regexp_extract(${usageType}, '^([A-Za-z]{2,3}[0-9]?)-', 1))`;
  const prefixCase = `CASE ${prefix} ${Object.entries(USAGE_TYPE_REGION_PREFIXES).map(([p, r]) => `WHEN ${lit(p)} THEN ${lit(r)}`).join(' ')} ELSE NULL END`;
  const location = cols.text('product/location', 'product/fromLocation');
  // One table of AWS location names (factors/grid.ts), matched as normaliseName() does.
  const names = new Map(Object.entries(regionDisplayNames).map(([l, r]) => [normaliseName(l), r]));
  const normalised = `regexp_replace(lower(strip_accents(${location})), '\\s+', ' ', 'g')`;
  const locationCase = `CASE ${normalised} ${[...names].map(([l, r]) => `WHEN ${lit(l)} THEN ${lit(r)}`).join(' ')} ELSE NULL END`;
  const az = cols.text('lineItem/AvailabilityZone');
  return `lower(COALESCE(
    ${cols.text('product/regionCode', 'product/region_code')},
    CASE WHEN ${cols.text('product/region')} SIMILAR TO '[a-z]{2}(-gov)?-[a-z]+-[0-9]' THEN ${cols.text('product/region')} END,
    ${locationCase},
    NULLIF(regexp_extract(${az}, '^([a-z]{2}(?:-gov)?-[a-z]+-[0-9])[a-z]?$', 1), ''),
    ${prefixCase}))`;
}

/**
 * The product's name ("Amazon Elastic Compute Cloud"): legacy `product/ProductName`, or in CUR 2.0 the
 * `product` column's `product_name` (MAP or JSON text); else the product code ("AmazonEC2").
 */
function productNameExpr(cols: Columns): string {
  const productCol = cols.list.find((c) => /^product$/i.test(c.name));
  const fromProduct = !productCol
    ? 'NULL'
    : productCol.type.startsWith('MAP')
      ? `NULLIF(trim(list_filter(map_entries(${ident(productCol.name)}), e -> e.key = 'product_name')[1].value), '')`
      : `NULLIF(trim(json_extract_string(TRY_CAST(${ident(productCol.name)} AS JSON), '$.product_name')), '')`;
  return `COALESCE(${cols.text('product/ProductName')}, ${fromProduct}, ${cols.text('lineItem/ProductCode')})`;
}

/**
 * User tags as JSON text: legacy `resourceTags/user:k` columns, CUR 2.0 `resource_tags` (MAP or JSON
 * text; keys `user_k`), or flattened `resource_tags_user_k` columns.
 */
function tagsExpr(cols: Columns): string {
  const mapCol = cols.list.find((c) => /^resource_?tags$/i.test(c.name));
  if (mapCol?.type.startsWith('MAP')) {
    return `CAST(to_json(map_from_entries(list_transform(map_entries(${ident(mapCol.name)}), e -> {key: regexp_replace(e.key, '^user_', ''), value: e.value}))) AS VARCHAR)`;
  }
  if (mapCol) return `regexp_replace(${cols.text(mapCol.name)}, '"user_', '"', 'g')`;
  const tagCols = cols.list
    .map((c) => ({ c, key: /^resourceTags\/user:(.+)$/i.exec(c.name)?.[1] ?? /^resource_tags_user_(.+)$/i.exec(c.name)?.[1] }))
    .filter((x): x is { c: ColumnInfo; key: string } => x.key !== undefined);
  if (tagCols.length === 0) return 'NULL';
  const seen = new Set<string>();
  const entries = tagCols
    .filter(({ key }) => !seen.has(key.toLowerCase().trim()) && seen.add(key.toLowerCase().trim()))
    .map(({ c, key }) => `{key: ${lit(key.toLowerCase().trim())}, value: NULLIF(trim(CAST(${ident(c.name)} AS VARCHAR)), '')}`);
  return `CAST(to_json(map_from_entries(list_filter([${entries.join(', ')}], e -> e.value IS NOT NULL))) AS VARCHAR)`;
}

/**
 * What a line cost once commitments are amortized (AWS's effective cost, as the FOCUS converters read
 * it): covered usage carries its share of the commitment, so the commitment's own fee lines carry only
 * what went unused (a Savings Plan's recurring fee: commitment less what was used; an RI fee: its
 * unused upfront and recurring parts), and upfront fees carry nothing (they are spread over the usage).
 * Without the columns that say so, a fee line keeps its unblended cost.
 */
function effectiveCost(cols: Columns): string {
  const t = `lower(${cols.text('lineItem/LineItemType')})`;
  const unblended = `CAST(${cols.raw('lineItem/UnblendedCost', 'lineItem/BlendedCost')} AS VARCHAR)`;
  const num = (name: string): string => `COALESCE(TRY_CAST(${cols.raw(name)} AS DOUBLE), 0)`;
  const sp = cols.raw('savingsPlan/SavingsPlanEffectiveCost');
  const ri = cols.raw('reservation/EffectiveCost');
  const cases = [
    `WHEN ${t} = 'savingsplancoveredusage' AND ${sp} IS NOT NULL THEN CAST(${sp} AS VARCHAR)`,
    `WHEN ${t} = 'discountedusage' AND ${ri} IS NOT NULL THEN CAST(${ri} AS VARCHAR)`,
    `WHEN ${t} IN ('savingsplannegation', 'savingsplanupfrontfee') THEN '0'`,
  ];
  // a fee line whose amortizing cells are all empty keeps its unblended cost
  const given = (...names: string[]): string => names.map((n) => `NULLIF(trim(CAST(${cols.raw(n)} AS VARCHAR)), '') IS NOT NULL`).join(' OR ');
  if (cols.has('savingsPlan/TotalCommitmentToDate') && cols.has('savingsPlan/UsedCommitment')) {
    const fee = ['savingsPlan/TotalCommitmentToDate', 'savingsPlan/UsedCommitment'];
    cases.push(`WHEN ${t} = 'savingsplanrecurringfee' AND (${given(...fee)}) THEN CAST(${num('savingsPlan/TotalCommitmentToDate')} - ${num('savingsPlan/UsedCommitment')} AS VARCHAR)`);
  }
  const riUnused = ['reservation/UnusedAmortizedUpfrontFeeForBillingPeriod', 'reservation/UnusedRecurringFee'].filter((n) => cols.has(n));
  if (riUnused.length > 0) {
    cases.push(`WHEN ${t} = 'rifee' AND (${given(...riUnused)}) THEN CAST(${riUnused.map(num).join(' + ')} AS VARCHAR)`);
  }
  if (cols.has('reservation/ReservationARN')) {
    cases.push(`WHEN ${t} = 'fee' AND NULLIF(trim(CAST(${cols.raw('reservation/ReservationARN')} AS VARCHAR)), '') IS NOT NULL THEN '0'`);
  }
  return `CASE ${cases.join('\n    ')}
    ELSE ${unblended} END`;
}

export const awsCurSource: BillingSource = {
  id: 'aws-cur',
  title: 'AWS Cost and Usage Report (legacy and CUR 2.0)',
  detect(columns: readonly ColumnInfo[]): boolean {
    const cols = new Columns(columns);
    return cols.has('lineItem/UsageType') && cols.has('lineItem/LineItemType');
  },
  map(columns: readonly ColumnInfo[], file: string): SourceMapping {
    const cols = new Columns(columns);
    requireColumns(cols, REQUIRED, file, 'AWS CUR');
    const cur2 = columns.some((c) => /^line_item_/.test(c.name));
    const usageType = cols.text('lineItem/UsageType');
    const warnings: string[] = [];
    if (!cols.has('lineItem/UsageAmount')) warnings.push('lineItem/UsageAmount absent: usage quantities read as empty, energy cannot be estimated');
    const hasEnd = cols.has('lineItem/UsageEndDate');
    return {
      formatVersion: cur2 ? '2.0' : 'legacy',
      warnings,
      fields: {
        provider: "'aws'",
        billing_account: cols.text('bill/PayerAccountId'),
        sub_account: cols.text('lineItem/UsageAccountId'),
        region: regionExpr(cols),
        // what CCF's Athena query reads (product_region); CUR 2.0 names it product_region_code
        billed_region: cols.text('product/region', 'product/regionCode'),
        availability_zone: cols.text('lineItem/AvailabilityZone'),
        service: productNameExpr(cols),
        service_code: cols.text('lineItem/ProductCode', 'product/servicecode'),
        service_category: cols.text('product/productFamily', 'product/product_family'),
        resource_id: cols.text('lineItem/ResourceId'),
        resource_type: cols.text('product/productFamily'),
        sku: cols.text('product/sku', 'pricing/RateCode'),
        charge_category: chargeCategory(cols),
        charge_description: cols.text('lineItem/LineItemDescription'),
        usage_type: usageType,
        unit: cols.text('pricing/unit', 'pricing_unit'),
        currency: cols.text('lineItem/CurrencyCode'),
        tags_json: tagsExpr(cols),
        instance_type_hint: `lower(regexp_replace(${cols.text('product/instanceType')}, '^(db|cache|ml|search)\\.', ''))`,
        vcpus: `TRY_CAST(${cols.text('product/vcpu')} AS DOUBLE)`,
        period_start: cols.typed(true, 'lineItem/UsageStartDate'),
        period_end: hasEnd ? cols.typed(true, 'lineItem/UsageEndDate') : { ...cols.typed(true, 'lineItem/UsageStartDate'), column: cols.nameOf('lineItem/UsageEndDate') },
        quantity: cols.typed(false, 'lineItem/UsageAmount'),
        billed_cost: cols.typed(true, 'lineItem/UnblendedCost', 'lineItem/BlendedCost'),
        effective_cost: { sql: effectiveCost(cols), column: cols.nameOf('lineItem/UnblendedCost', 'lineItem/BlendedCost'), required: true },
        billing_period: cols.typed(false, 'bill/BillingPeriodStartDate'),
        blended_cost: cols.typed(false, 'lineItem/BlendedCost'),
      },
    };
  },
};
