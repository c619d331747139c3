import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A scratch directory for one test file. */
export function scratchDir(prefix = 'greenops-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const FOCUS_HEADER = [
  'BilledCost', 'BillingAccountId', 'BillingCurrency', 'ChargeCategory', 'ChargeDescription', 'ChargePeriodStart', 'ChargePeriodEnd',
  'ConsumedQuantity', 'ConsumedUnit', 'EffectiveCost', 'ProviderName', 'RegionId', 'ResourceId', 'ServiceCategory', 'ServiceName', 'Tags',
] as const;

export type FocusRow = Partial<Record<(typeof FOCUS_HEADER)[number], string | number | null>>;

/** The default row: an m5.large hour in us-east-1. */
export const FOCUS_ROW: FocusRow = {
  BilledCost: 0.096, BillingAccountId: '111', BillingCurrency: 'USD', ChargeCategory: 'Usage',
  ChargeDescription: '$0.096 per On Demand Linux m5.large Instance Hour', ChargePeriodStart: '2026-08-01T00:00:00Z',
  ChargePeriodEnd: '2026-08-01T01:00:00Z', ConsumedQuantity: 1, ConsumedUnit: 'Hours', EffectiveCost: 0.096, ProviderName: 'AWS',
  RegionId: 'us-east-1', ResourceId: 'i-1', ServiceCategory: 'Compute', ServiceName: 'Amazon Elastic Compute Cloud', Tags: '{"team":"a"}',
};

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write a FOCUS CSV with the given rows (each merged over a default m5.large hour). */
export function writeFocus(dir: string, name: string, rows: readonly FocusRow[], header: readonly string[] = FOCUS_HEADER): string {
  const path = join(dir, name);
  const lines = [header.join(','), ...rows.map((r) => header.map((h) => csvCell({ ...FOCUS_ROW, ...r }[h as keyof FocusRow])).join(','))];
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
