import { describe, expect, it } from 'vitest';
import { isGreenopsError } from '../core/errors.js';
import { checkQuery, chunks, clipPoints, coverageGaps, mergePoints, requireCoverage } from './series.js';
import type { IntensityPoint, IntensitySeries } from './types.js';

const pt = (start: string, g: number, kind: 'actual' | 'forecast' = 'actual', durationMinutes = 60): IntensityPoint =>
  ({ start, durationMinutes, gCO2ePerKWh: g, kind, signal: 'average', estimated: false });
const series = (points: IntensityPoint[]): IntensitySeries => ({ zone: 'DE', points, provider: 'test', fetchedAt: '2024-01-02T00:00:00Z' });
const q = (from: string, to: string) => ({ zone: 'DE', from: new Date(from), to: new Date(to) });

describe('checkQuery', () => {
  it('returns the bounds of a good query', () => {
    expect(checkQuery(q('2024-01-01T00:00Z', '2024-01-01T01:00Z'))).toEqual({ from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 0, 1, 1) });
  });

  it.each([
    ['reversed', q('2024-01-02T00:00Z', '2024-01-01T00:00Z')],
    ['empty', q('2024-01-01T00:00Z', '2024-01-01T00:00Z')],
    ['invalid date', { zone: 'DE', from: new Date('nope'), to: new Date('2024-01-01T00:00Z') }],
    ['too long', q('2000-01-01T00:00Z', '2024-01-01T00:00Z')],
    ['blank zone', { ...q('2024-01-01T00:00Z', '2024-01-02T00:00Z'), zone: ' ' }],
  ])('refuses a %s period with E_INPUT_VALUE', (_name, query) => {
    expect(() => checkQuery(query)).toThrow(expect.objectContaining({ code: 'E_INPUT_VALUE' }));
  });
});

describe('merging and clipping', () => {
  it('sorts, prefers actual over forecast at the same start, and drops overlaps', () => {
    const merged = mergePoints([
      pt('2024-01-01T02:00:00Z', 3), pt('2024-01-01T01:00:00Z', 9, 'forecast'), pt('2024-01-01T01:00:00Z', 2),
      pt('2024-01-01T00:00:00Z', 1), pt('2024-01-01T00:30:00Z', 7, 'actual', 30),
    ]);
    expect(merged.map((p) => [p.start, p.gCO2ePerKWh])).toEqual([
      ['2024-01-01T00:00:00Z', 1], ['2024-01-01T01:00:00Z', 2], ['2024-01-01T02:00:00Z', 3],
    ]);
  });

  it('keeps points that overlap the period, partially or not', () => {
    const pts = [pt('2024-01-01T00:00:00Z', 1), pt('2024-01-01T01:00:00Z', 2), pt('2024-01-01T02:00:00Z', 3)];
    expect(clipPoints(pts, Date.UTC(2024, 0, 1, 0, 30), Date.UTC(2024, 0, 1, 2)).map((p) => p.gCO2ePerKWh)).toEqual([1, 2]);
  });

  it('cuts a long range into pieces no longer than asked', () => {
    expect(chunks(0, 25, 10)).toEqual([[0, 10], [10, 20], [20, 25]]);
  });
});

describe('coverage', () => {
  const s = series([pt('2024-01-01T00:00:00Z', 1), pt('2024-01-01T02:00:00Z', 3)]);

  it('lists the holes, including at the ends', () => {
    expect(coverageGaps(s, q('2024-01-01T00:00Z', '2024-01-01T04:00Z'))).toEqual([
      { from: '2024-01-01T01:00:00Z', to: '2024-01-01T02:00:00Z' },
      { from: '2024-01-01T03:00:00Z', to: '2024-01-01T04:00:00Z' },
    ]);
    expect(coverageGaps(s, q('2024-01-01T00:15Z', '2024-01-01T00:45Z'))).toEqual([]);
  });

  it('throws E_SERIES_GAP naming the holes', () => {
    try {
      requireCoverage(s, q('2024-01-01T00:00Z', '2024-01-01T03:00Z'));
      expect.unreachable();
    } catch (e) {
      expect(isGreenopsError(e) && e.code).toBe('E_SERIES_GAP');
      expect(String(e)).toContain('2024-01-01T01:00:00Z–2024-01-01T02:00:00Z');
    }
    expect(requireCoverage(s, q('2024-01-01T02:00Z', '2024-01-01T03:00Z'))).toBe(s);
  });
});
