import { describe, expect, it } from 'vitest';
import { defaultAttribution } from './attribution.js';
import { footprintSql } from './footprint-query.js';

describe('footprint period filters', () => {
  const q = (from?: string, to?: string) => footprintSql({ by: ['day'], methodology: 'default', ...(from ? { from } : {}), ...(to ? { to } : {}) }, defaultAttribution).params;

  it('takes dates, and date-times at midnight UTC, as day boundaries', () => {
    expect(q('2026-08-01', '2026-09-01')).toMatchObject({ from: '2026-08-01', to: '2026-09-01' });
    expect(q('2026-08-01 00:00:00.000', '2026-08-02T00:00:00Z')).toMatchObject({ from: '2026-08-01', to: '2026-08-02' });
    expect(q('2026-08-01T02:00:00+02:00')).toMatchObject({ from: '2026-08-01' });
  });

  it('refuses a time inside a day, since usage is summed per day', () => {
    expect(() => q('2026-08-01T12:00:00Z')).toThrow(/--from "2026-08-01T12:00:00Z": billing usage is kept per day \(UTC\)/);
    expect(() => q(undefined, 'tomorrow')).toThrow(/--to "tomorrow"/);
  });
});
