import { Columns, requireColumns } from '../sql.js';
import type { BillingSource, ColumnInfo, SourceMapping } from '../types.js';

/**
 * FinOps FOCUS 1.0, 1.1 and 1.2 (CSV, gzipped CSV, Parquet). Column semantics per the FOCUS
 * specification (CC-BY-4.0). Only the columns needed to place a charge in time and to price it are
 * required; every other mandatory column that is missing becomes a warning and NULLs, because real
 * exports (and the spec's own example files) often omit some.
 */

const REQUIRED: ReadonlyArray<readonly string[]> = [
  ['ChargePeriodStart'],
  ['ChargePeriodEnd'],
  ['ChargeCategory'],
  ['BilledCost', 'EffectiveCost'],
];

const MANDATORY_1_0 = ['BillingAccountId', 'BillingCurrency', 'ProviderName', 'ServiceCategory', 'ServiceName', 'EffectiveCost', 'BilledCost', 'PricingUnit'];

function version(cols: Columns): string {
  if (cols.has('ServiceProviderName', 'BillingAccountType', 'InvoiceId', 'PricingCurrency')) return '1.2';
  if (cols.has('ServiceSubcategory', 'SkuMeter', 'SkuPriceDetails', 'CapacityReservationId', 'CommitmentDiscountQuantity')) return '1.1';
  return '1.0';
}

function providerExpr(cols: Columns): string {
  const name = `lower(${cols.text('ServiceProviderName', 'ProviderName', 'x_ServiceProviderName', 'PublisherName', 'InvoiceIssuerName')})`;
  return `CASE
    WHEN ${name} IS NULL THEN NULL
    WHEN ${name} LIKE '%amazon%' OR ${name} LIKE 'aws%' THEN 'aws'
    WHEN ${name} LIKE '%microsoft%' OR ${name} LIKE '%azure%' THEN 'azure'
    WHEN ${name} LIKE '%google%' OR ${name} = 'gcp' THEN 'gcp'
    WHEN ${name} LIKE '%oracle%' OR ${name} = 'oci' THEN 'oracle'
    ELSE 'other' END`;
}

/**
 * FOCUS ChargeCategory is Usage | Purchase | Tax | Credit | Adjustment. A Usage row for an unused
 * commitment (CommitmentDiscountStatus = 'Unused') is paid-for capacity nobody ran: cost, no energy.
 * ChargeClass = 'Correction' rows restate earlier periods; they keep their category.
 */
/**
 * An instance type the export names in a column of its own: `x_InstanceType` or `x_ResourceSize`, or the
 * VM size in Microsoft's `x_SkuDetails` (`{"ServiceType": "Standard_D4s_v5", …}`).
 */
function instanceHint(cols: Columns): string {
  const skuDetails = cols.text('x_SkuDetails');
  const detail = (key: string): string => `json_extract_string(TRY_CAST(${skuDetails} AS JSON), '$.${key}')`;
  // the VM's own hours (UsageType ComputeHR), not its software's (ComputeHR_SW, a licence on the same size)
  const azureSize = skuDetails === 'NULL'
    ? 'NULL'
    : `CASE WHEN lower(${detail('ServiceType')}) LIKE 'standard\\_%' ESCAPE '\\' AND COALESCE(${detail('UsageType')}, '') NOT ILIKE '%\\_sw' ESCAPE '\\' THEN ${detail('ServiceType')} END`;
  return `lower(COALESCE(${cols.text('x_InstanceType')}, ${cols.text('x_ResourceSize')}, ${azureSize}))`;
}

function chargeCategoryExpr(cols: Columns): string {
  const cat = `lower(${cols.text('ChargeCategory')})`;
  const status = `lower(${cols.text('CommitmentDiscountStatus')})`;
  return `CASE
    WHEN ${cat} = 'usage' AND ${status} = 'unused' THEN 'unused_commitment'
    WHEN ${cat} IN ('usage', 'purchase', 'tax', 'credit', 'adjustment', 'refund') THEN ${cat}
    ELSE 'other' END`;
}

export const focusSource: BillingSource = {
  id: 'focus',
  title: 'FinOps FOCUS 1.0–1.2',
  detect(columns: readonly ColumnInfo[]): boolean {
    const cols = new Columns(columns);
    return cols.has('ChargePeriodStart') && cols.has('ChargeCategory') && (cols.has('BilledCost') || cols.has('EffectiveCost'));
  },
  map(columns: readonly ColumnInfo[], file: string): SourceMapping {
    const cols = new Columns(columns);
    requireColumns(cols, REQUIRED, file, 'FOCUS');
    const missing = cols.missing(MANDATORY_1_0);
    const warnings = missing.length ? [`FOCUS mandatory column${missing.length > 1 ? 's' : ''} absent, read as empty: ${missing.join(', ')}`] : [];
    const description = cols.text('ChargeDescription');
    const usageType = cols.text('x_UsageType', 'SkuMeter', 'x_SkuMeterName', 'x_SkuDescription');
    return {
      formatVersion: version(cols),
      warnings,
      fields: {
        provider: providerExpr(cols),
        billing_account: cols.text('BillingAccountId'),
        sub_account: cols.text('SubAccountId'),
        // cell by cell: Oracle writes RegionName where RegionId is empty
        region: `lower(COALESCE(${['RegionId', 'Region', 'RegionName'].map((c) => cols.text(c)).join(', ')}))`,
        availability_zone: cols.text('AvailabilityZone'),
        service: cols.text('ServiceName'),
        service_code: cols.text('x_ServiceCode'),
        service_category: cols.text('ServiceCategory'),
        resource_id: cols.text('ResourceId'),
        resource_type: cols.text('ResourceType'),
        sku: cols.text('SkuId'),
        charge_category: chargeCategoryExpr(cols),
        charge_description: description,
        usage_type: usageType,
        unit: cols.text('ConsumedUnit', 'PricingUnit'),
        currency: cols.text('BillingCurrency'),
        tags_json: cols.text('Tags'),
        instance_type_hint: instanceHint(cols),
        vcpus: 'CAST(NULL AS DOUBLE)',
        billed_region: 'NULL',
        period_start: cols.typed(true, 'ChargePeriodStart'),
        period_end: cols.typed(true, 'ChargePeriodEnd'),
        // Consumption is what used energy; PricingQuantity can be in blocks (e.g. per 1M requests).
        quantity: cols.typed(false, 'ConsumedQuantity', 'PricingQuantity'),
        billed_cost: cols.typed(true, 'BilledCost', 'EffectiveCost'),
        effective_cost: cols.typed(true, 'EffectiveCost', 'BilledCost'),
        billing_period: cols.typed(false, 'BillingPeriodStart'),
        blended_cost: { sql: 'NULL', column: '', required: false },
      },
    };
  },
};
