import { awsCurSource } from './aws-cur/index.js';
import { focusSource } from './focus/index.js';
import type { BillingSource } from './types.js';

/** Every billing format greenops reads. The ingest path loops over this list; it never names one. */
export const billingSources: readonly BillingSource[] = [focusSource, awsCurSource];

export function billingSource(id: string): BillingSource | undefined {
  return billingSources.find((s) => s.id === id);
}

export type { BillingSource, ColumnInfo, SourceMapping } from './types.js';
