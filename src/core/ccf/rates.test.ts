import { describe, expect, it } from 'vitest';
import { readKind, type CcfKindInput } from './kind.js';
import { ccfRates, type CcfKindOfStore, type CcfRate } from './rates.js';

/**
 * The pure core of the `ccf` profile, kind by kind. Its figures are checked against CCF 0.15 itself in
 * test/ccf-reference.test.ts and against worked examples in estimate.test.ts; these tests pin the
 * run-level rules (the unknown-usage ratio, scope, NaN handling) without a store.
 */

const aws = (usageType: string, unit: string, extra: Partial<CcfKindInput> = {}): CcfKindInput => ({
  provider: 'aws', serviceCode: 'AmazonEC2', chargeCategory: 'usage', usageType, unit, region: 'us-east-1', vcpus: null, ...extra,
});

function rates(kinds: ReadonlyArray<[CcfKindInput, { q: number; qh?: number; cost: number } | undefined]>): CcfRate[] {
  const store: CcfKindOfStore[] = kinds.map(([input, sums], key) => ({ key, input, sums: sums && { q: sums.q, qh: sums.qh ?? sums.q * 720, cost: sums.cost } }));
  return ccfRates(store);
}

describe('ccf kinds', () => {
  it('reads an EC2 instance-hour: vCPUs from the usage type, memory above the per-chip share, embodied', () => {
    const k = readKind(aws('USE1-BoxUsage:m5.24xlarge', 'Hrs'));
    expect(k.kind).toBe('compute');
    expect(k.vcpuRule).toBe('table');
    expect(k.cpuKwh).toBeGreaterThan(0);
    expect(k.memKwh).toBeGreaterThan(0);
    expect(k.embT).toBeGreaterThan(0);
    expect(k.extra).toBe(true);
    expect(k.ccfKwh).toBeCloseTo(k.cpuKwh + k.memKwh + k.embT / k.ef, 15);
  });

  it("applies the 'xl' → 'xlarge' mutation before the second parse, and Redshift seconds are hours / 3600", () => {
    expect(readKind(aws('USE1-DedicatedUsage:m5.xl', 'Hrs')).ut).toBe('USE1-DedicatedUsage:m5.xlarge');
    const r = readKind(aws('USE1-Node:dc2.large', 'seconds', { serviceCode: 'AmazonRedshift' }));
    expect(r.unit).toBe('Hrs');
    expect(r.amountFactor).toBeCloseTo(1 / 3600, 18);
  });

  it('never reaches an object prototype through a table lookup', () => {
    const k = readKind(aws('USE1-BoxUsage:constructor', 'Hrs'));
    expect(k.kind).toBe('compute');
    expect(Number.isNaN(k.kc)).toBe(true); // no such type: CCF's NaN vCPUs
  });
});

describe('ccf rates', () => {
  const transfer = (region: string): CcfKindInput => aws('USE1-DataTransfer-Out-Bytes', 'GB', { serviceCode: 'AWSDataTransfer', region });

  it('prices unknown usage at Σ kWh / Σ cost of the known kinds with rows and the same unit', () => {
    const [east, west, unused, nat] = rates([
      [transfer('us-east-1'), { q: 100, cost: 10 }],
      [transfer('eu-west-1'), { q: 50, cost: 30 }],
      // a known kind with no rows in footprints feeds nothing
      [transfer('us-east-2'), undefined],
      // an unknown usage type, in GB like the transfers
      [aws('USE1-NatGateway-Bytes', 'GB'), { q: 5, cost: 4 }],
    ]);
    const perGb = 0.001 * 1.135;
    for (const known of [east, west, unused]) {
      expect(known?.status).toBe('estimated');
      expect(known?.kwh).toBeCloseTo(perGb, 15);
    }
    expect(nat?.status).toBe('fallback');
    expect(nat?.per_cost).toBe(true);
    expect(nat?.flags).toEqual(['ccf:unknown_usage_cost_ratio']);
    expect(nat?.kwh).toBeCloseTo((perGb * 150) / 40, 15);
    expect(nat?.network_kwh).toBeCloseTo(nat?.kwh ?? Number.NaN, 15);
    expect(nat?.coefficient_id).toBe('ccf:cost_ratio:GB');
  });

  it('gives unknown usage in a unit no known kind has no ratio', () => {
    const [, requests] = rates([
      [transfer('us-east-1'), { q: 100, cost: 10 }],
      [aws('USE1-Requests-Tier1', 'Requests', { serviceCode: 'AmazonS3' }), { q: 5, cost: 4 }],
    ]);
    expect(requests?.status).toBe('fallback');
    expect(requests?.flags).toEqual(['ccf:unknown_usage_cost_ratio', 'ccf:unknown_usage_unit', 'ccf:no_ratio_for_unit']);
    expect(requests?.kwh).toBe(0);
    expect([requests?.grid_factor_id, requests?.coefficient_id]).toEqual([null, null]);
  });

  it('stores an infinite ratio (known kinds with zero cost) as flagged zeros', () => {
    const [, nat] = rates([
      [transfer('us-east-1'), { q: 100, cost: 0 }],
      [aws('USE1-NatGateway-Bytes', 'GB'), { q: 5, cost: 4 }],
    ]);
    expect(nat?.status).toBe('fallback');
    expect(nat?.flags).toContain('ccf:nan_co2e');
    expect(nat?.kwh).toBe(0);
  });

  it('leaves unknown usage unclassified when no known kind produced an estimate', () => {
    const [unknown] = rates([[aws('USE1-NatGateway-Bytes', 'GB'), { q: 5, cost: 4 }]]);
    expect(unknown?.status).toBe('unclassified');
    expect(unknown?.flags).toContain('ccf:no_known_usage');
    expect([unknown?.grid_factor_id, unknown?.coefficient_id]).toEqual([null, null]);
  });

  it('stores a NaN estimate as flagged zeros with no factor ids', () => {
    const [nan] = rates([[aws('USE1-DedicatedUsage:m5.xl', 'Hrs'), { q: 10, cost: 1 }]]);
    expect(nan?.status).toBe('fallback');
    expect(nan?.flags).toEqual(['ccf:vcpus_unknown', 'ccf:nan_co2e']);
    expect([nan?.kwh, nan?.operational_g, nan?.embodied_g, nan?.compute_kwh, nan?.memory_kwh]).toEqual([0, 0, 0, 0, 0]);
    expect([nan?.grid_factor_id, nan?.pue_factor_id, nan?.power_factor_id, nan?.embodied_factor_id, nan?.coefficient_id]).toEqual([null, null, null, null, null]);
  });

  it('reads only AWS CUR usage line items', () => {
    const [azure, tax] = rates([
      [{ ...aws('BoxUsage:m5.large', 'Hrs'), provider: 'azure' }, { q: 1, cost: 1 }],
      [{ ...aws('BoxUsage:m5.large', 'Hrs'), chargeCategory: 'tax' }, { q: 1, cost: 1 }],
    ]);
    expect([azure?.status, azure?.flags]).toEqual(['unclassified', ['ccf:aws_cur_only']]);
    expect([tax?.status, tax?.flags]).toEqual(['cost_only', ['ccf:not_usage_line_item']]);
    expect(azure?.kwh).toBe(0);
  });
});
