import { describe, expect, it } from 'vitest';
import { isGreenopsError } from '../core/errors.js';
import { planAcrossRegions } from './regions.js';
import { regularSeries } from './regular.js';
import type { RegionCandidate } from './types.js';

const hourly = (zone: string, values: number[]) => regularSeries({ zone, start: '2024-05-01T00:00:00Z', stepMinutes: 60, values });
const at = (hh: string): string => `2024-05-01T${hh}:00:00Z`;

// 10 kW for 60 minutes = 10 kWh per placement.
const candidates: RegionCandidate[] = [
  { region: 'eu-central-1', zone: 'DE', series: hourly('DE', [400, 400, 300, 300]), dollarsPerHour: 1 },
  { region: 'eu-north-1', zone: 'SE-SE3', series: hourly('SE-SE3', [100, 50, 100, 100]), dollarsPerHour: 5 },
  { region: 'eu-west-3', zone: 'FR', series: hourly('FR', [200, 150, 200, 200]), dollarsPerHour: 1 },
];
const base = { candidates, durationMinutes: 60, power: 10, semantics: 'step' as const, earliest: at('00'), deadline: at('04'), currentRegion: 'eu-central-1' };

describe('planAcrossRegions', () => {
  it('without a carbon price ranks by emissions and says so', () => {
    const plan = planAcrossRegions(base);
    expect(plan.objective).toBe('carbon');
    expect(plan.scoreUnit).toBe('gCO2e');
    expect(plan.objectiveReason).toMatch(/no carbon price/);
    expect(plan.options[0]).toMatchObject({ region: 'eu-north-1', zone: 'SE-SE3', start: at('01'), emissionsG: 500, energyKWh: 10, costUsd: 5 });
    expect(plan.bestPerRegion.map((o) => [o.region, o.start])).toEqual([['eu-north-1', at('01')], ['eu-west-3', at('01')], ['eu-central-1', at('02')]]);
    expect(plan.runNow).toMatchObject({ region: 'eu-central-1', start: at('00'), emissionsG: 4000 });
    expect(plan.saving.gCO2e).toBeCloseTo(3500, 9);
    expect(plan.saving.percent).toBeCloseTo(87.5, 9);
    expect(plan.saving.gCO2ePerKWh).toBeCloseTo(350, 9);
    expect(plan.candidates).toBe(12);
    expect(plan.options).toHaveLength(10);
  });

  it('with a carbon price and every $/hour trades cost against carbon', () => {
    const plan = planAcrossRegions({ ...base, carbonPriceUsdPerTonne: 100 });
    expect(plan.objective).toBe('cost-and-carbon');
    expect(plan.scoreUnit).toBe('USD');
    // FR at 01:00: $1 + 100 $/t × 1.5 kg = $1.15; SE's cleaner hour costs $5.05.
    expect(plan.options[0]).toMatchObject({ region: 'eu-west-3', start: at('01') });
    expect(plan.options[0]?.score).toBeCloseTo(1.15, 12);
    expect(plan.options[0]?.carbonCostUsd).toBeCloseTo(0.15, 12);
    expect(plan.bestPerRegion.map((o) => o.region)).toEqual(['eu-west-3', 'eu-central-1', 'eu-north-1']);
    expect(plan.saving.gCO2e).toBeCloseTo(2500, 9);
    expect(plan.saving.usd).toBe(0);
    // A high enough price makes the clean, expensive region win.
    expect(planAcrossRegions({ ...base, carbonPriceUsdPerTonne: 1e6 }).options[0]?.region).toBe('eu-north-1');
  });

  it('on a flat series picks the earliest start, not floating-point noise', () => {
    const values = Array.from({ length: 48 }, () => 0.1 + 0.2); // 0.30000000000000004: sums of it differ in the last bits
    const flat = regularSeries({ zone: 'X', start: '2024-06-01T00:00:00Z', stepMinutes: 15, values });
    const plan = planAcrossRegions({
      candidates: [{ region: 'r', zone: 'X', series: flat }], durationMinutes: 105, semantics: 'linear', power: 1.3,
      earliest: '2024-06-01T00:00:00Z', deadline: '2024-06-01T12:00:00Z',
    });
    expect(plan.bestPerRegion[0]?.start).toBe('2024-06-01T00:00:00Z');
  });

  it('falls back to carbon when a region has no $/hour, naming it', () => {
    const unpriced = candidates.map((c) => (c.region === 'eu-west-3' ? { region: c.region, zone: c.zone, series: c.series } : c));
    const plan = planAcrossRegions({ ...base, candidates: unpriced, carbonPriceUsdPerTonne: 100 });
    expect(plan.objective).toBe('carbon');
    expect(plan.objectiveReason).toMatch(/no \$\/hour for eu-west-3/);
  });

  it('honours allowedRegions, maxDelayMinutes and limit; the counterfactual stays in the current region', () => {
    const plan = planAcrossRegions({ ...base, allowedRegions: ['eu-west-3'], maxDelayMinutes: 0, limit: 3 });
    expect(plan.options.map((o) => [o.region, o.start])).toEqual([['eu-west-3', at('00')]]);
    expect(plan.runNow.region).toBe('eu-central-1');
    expect(plan.saving.gCO2e).toBeCloseTo(2000, 9);
    expect(planAcrossRegions({ ...base, limit: 3 }).options).toHaveLength(3);
  });

  it('lists regions whose data does not cover the period instead of hiding them', () => {
    const short = [...candidates, { region: 'us-east-1', zone: 'US-MIDA-PJM', series: hourly('US-MIDA-PJM', [10, 10]) }];
    const plan = planAcrossRegions({ ...base, candidates: short });
    expect(plan.skipped).toEqual([expect.objectContaining({ region: 'us-east-1', code: 'E_SERIES_GAP' })]);
    expect(plan.skipped[0]?.message).toMatch(/covers 2024-05-01T00:00:00Z to 2024-05-01T02:00:00Z/);
  });

  it('refuses an unknown current region, duplicates and an impossible deadline', () => {
    const code = (fn: () => unknown): string | undefined => {
      try {
        fn();
      } catch (e) {
        return isGreenopsError(e) ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(() => planAcrossRegions({ ...base, currentRegion: 'ap-south-1' }))).toBe('E_USAGE');
    expect(code(() => planAcrossRegions({ ...base, candidates: [...candidates, ...candidates] }))).toBe('E_USAGE');
    expect(code(() => planAcrossRegions({ ...base, deadline: at('00') }))).toBe('E_SCHEDULE_INFEASIBLE');
  });
});
