import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line item of a legacy AWS CUR, with the columns CCF reads. */
export interface CurRow {
  readonly lineItemType?: string;
  readonly start: string;
  readonly productCode: string;
  readonly usageType: string;
  readonly unit: string;
  readonly amount: number;
  readonly cost: number;
  /** lineItem/BlendedCost; the unblended cost when absent. */
  readonly blendedCost?: number;
  /** Region code as in product/region; '' leaves it empty. */
  readonly region: string;
  /** product/vcpu as written in the file; '' or absent leaves it empty. */
  readonly vcpus?: string;
  /** lineItem/ResourceId; absent leaves it empty. */
  readonly resourceId?: string;
}

export const CUR_HEADER = [
  'identity/LineItemId', 'bill/PayerAccountId', 'lineItem/UsageAccountId', 'lineItem/LineItemType', 'lineItem/UsageStartDate',
  'lineItem/UsageEndDate', 'lineItem/ProductCode', 'lineItem/UsageType', 'lineItem/UsageAmount', 'lineItem/CurrencyCode',
  'lineItem/UnblendedCost', 'lineItem/BlendedCost', 'product/region', 'product/vcpu', 'pricing/unit', 'lineItem/ResourceId',
] as const;

function cell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Usage end = start + 1 hour (CCF only reads the start); an unparseable start is kept as is. */
function endOf(start: string): string {
  const t = Date.parse(start);
  return Number.isNaN(t) ? start : new Date(t + 3_600_000).toISOString();
}

/** Write a legacy-format CUR CSV (unblended cost `cost`, blended cost `blendedCost ?? cost`). */
export function writeCur(dir: string, name: string, rows: readonly CurRow[]): string {
  const path = join(dir, name);
  const lines = rows.map((r, i) => [
    `li-${i + 1}`, '111111111111', '222222222222', r.lineItemType ?? 'Usage', r.start, endOf(r.start), r.productCode, r.usageType,
    r.amount, 'USD', r.cost, r.blendedCost ?? r.cost, r.region, r.vcpus ?? '', r.unit, r.resourceId ?? '',
  ].map(cell).join(','));
  writeFileSync(path, `${[CUR_HEADER.join(','), ...lines].join('\n')}\n`);
  return path;
}
