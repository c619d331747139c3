import { describe, expect, it } from 'vitest';
import { parsePlanFlags } from './plan-flags.js';

const NOW = Date.UTC(2024, 5, 1, 8, 0, 30, 500);
const base = { duration: '4h', zone: 'DE', semantics: 'step' };

describe('plan flags', () => {
  it('defaults: earliest now (up to the minute for a plan, down to the second for a run), deadline 24 h later', () => {
    const p = parsePlanFlags(base, NOW, 'up-to-minute');
    expect([p.earliestMs, p.deadlineMs, p.durationMinutes, p.onGap]).toEqual([Date.UTC(2024, 5, 1, 8, 1), Date.UTC(2024, 5, 2, 8, 1), 240, 'error']);
    expect(parsePlanFlags(base, NOW, 'down-to-second').earliestMs).toBe(Date.UTC(2024, 5, 1, 8, 0, 30));
  });

  it('takes --by, --max-delay and prices', () => {
    const p = parsePlanFlags({ ...base, zone: undefined, regions: 'DE, FR', earliest: '2024-06-01T00:00Z', by: '2024-06-02T00:00Z', maxDelay: '2h', price: ['FR=3.5'], fillGaps: true }, NOW, 'up-to-minute');
    expect([p.zones, p.regions, p.deadlineMs, p.dollarsPerHour.get('FR'), p.onGap]).toEqual([['DE', 'FR'], true, Date.UTC(2024, 5, 1, 6), 3.5, 'interpolate']);
  });

  it('refuses an infeasible deadline, giving the earliest possible end', () => {
    expect(() => parsePlanFlags({ ...base, earliest: '2024-06-01T08:00Z', by: '2024-06-01T10:00Z' }, NOW, 'up-to-minute'))
      .toThrow(/cannot end by 2024-06-01T10:00:00Z: the earliest possible end is 2024-06-01T12:00:00Z/);
  });

  it('refuses contradictions and bad values with E_USAGE', () => {
    const bad = (f: Record<string, unknown>, re: RegExp): void => {
      expect(() => parsePlanFlags({ ...base, ...f } as Parameters<typeof parsePlanFlags>[0], NOW, 'up-to-minute')).toThrow(re);
    };
    bad({ deadline: '24h', by: '2024-06-02T00:00Z' }, /--deadline or --by, not both/);
    bad({ regions: 'DE,FR' }, /--zone or --regions, not both/);
    bad({ zone: undefined }, /say where/);
    bad({ semantics: 'cubic' }, /--semantics "cubic": expected step/);
    bad({ zone: undefined, regions: 'DE', price: ['ES=3'] }, /--price "ES=3": expected REGION=USD_PER_HOUR with a region from --regions \(DE\)/);
    bad({ interruptible: true, zone: undefined, regions: 'DE,FR' }, /--interruptible plans one zone/);
  });
});
