import { describe, expect, it } from 'vitest';
import { GreenopsError } from '../core/errors.js';
import type { IntensityPoint, IntensitySeries } from '../intensity/types.js';
import { averageOver } from './average.js';
import { regularSeries } from './regular.js';
import { prepareSeries } from './series.js';
import { bestWindows } from './window.js';

const point = (start: string, durationMinutes: number, gCO2ePerKWh: number): IntensityPoint => ({
  start, durationMinutes, gCO2ePerKWh, kind: 'forecast', signal: 'average', estimated: false,
});
const series = (points: IntensityPoint[]): IntensitySeries => ({ zone: 'SE-SE3', points, provider: 'test', fetchedAt: '2024-01-01T00:00:00Z' });

function thrown(fn: () => unknown): GreenopsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GreenopsError) return e;
  }
  throw new Error('expected a GreenopsError');
}

// 60-minute points at 00:00 (100) and 03:00 (400): a three-hour gap from 01:00 to 03:00.
const gappy = series([point('2024-01-01T03:00:00Z', 60, 400), point('2024-01-01T00:00:00Z', 60, 100)]);

describe('prepareSeries', () => {
  it('sorts points and holds them as epoch-ms numbers', () => {
    const p = prepareSeries(regularSeries({ zone: 'GB', start: '2024-01-01T00:00:00Z', stepMinutes: 30, values: [1, 2, 3] }));
    expect(Array.from(p.startsMs)).toEqual([0, 30, 60].map((m) => Date.UTC(2024, 0, 1) + m * 60_000));
    expect(Array.from(p.endsMs).slice(0, 2)).toEqual(Array.from(p.startsMs).slice(1));
    expect(Array.from(p.values)).toEqual([1, 2, 3]);
    expect(p.stepMinutes).toBe(30);
    expect(prepareSeries(p)).toBe(p);
  });

  it('refuses a gap by default, naming the zone and the gap in ISO', () => {
    const e = thrown(() => prepareSeries(gappy));
    expect(e.code).toBe('E_SERIES_GAP');
    expect(e.message).toContain('"SE-SE3"');
    expect(e.message).toContain('from 2024-01-01T01:00:00Z to 2024-01-01T03:00:00Z');
    expect(e.data).toMatchObject({ zone: 'SE-SE3', kind: 'gap', gapStart: '2024-01-01T01:00:00Z', gapEnd: '2024-01-01T03:00:00Z' });
  });

  it('fills a gap linearly, flags the fills estimated and counts them', () => {
    const p = prepareSeries(gappy, { onGap: 'interpolate' });
    expect(p.filledPoints).toBe(2);
    expect(p.points.map((x) => [x.start.slice(11, 16), x.gCO2ePerKWh, x.estimated])).toEqual([
      ['00:00', 100, false],
      ['01:00', 200, true],
      ['02:00', 300, true],
      ['03:00', 400, false],
    ]);
    expect(Array.from(p.filled)).toEqual([0, 1, 1, 0]);
    // Under linear semantics the fill is exactly the straight line across the gap.
    expect(averageOver(p, '2024-01-01T00:00:00Z', '2024-01-01T03:00:00Z', 'linear').averageGCO2ePerKWh).toBeCloseTo(250, 9);
  });

  it('shortens the last fill to end where the gap ends', () => {
    const p = prepareSeries(series([point('2024-01-01T00:00:00Z', 60, 100), point('2024-01-01T02:30:00Z', 60, 250)]), { onGap: 'interpolate' });
    expect(p.points.map((x) => [x.start.slice(11, 16), x.durationMinutes, x.gCO2ePerKWh])).toEqual([
      ['00:00', 60, 100],
      ['01:00', 60, 160],
      ['02:00', 30, 220],
      ['02:30', 60, 250],
    ]);
    expect(p.stepMinutes).toBe(60);
  });

  it('works with mixed steps (30 then 60 minutes)', () => {
    const mixed = series([
      point('2024-01-01T00:00:00Z', 30, 100),
      point('2024-01-01T00:30:00Z', 30, 200),
      point('2024-01-01T01:00:00Z', 60, 50),
      point('2024-01-01T02:00:00Z', 60, 150),
    ]);
    const p = prepareSeries(mixed);
    expect(p.stepMinutes).toBe(30);
    expect(averageOver(mixed, '2024-01-01T00:00:00Z', '2024-01-01T03:00:00Z').averageGCO2ePerKWh).toBeCloseTo((50 + 100 + 50 + 150) / 3, 9);
    const plan = bestWindows({ series: mixed, semantics: 'step', durationMinutes: 60, earliest: '2024-01-01T00:00:00Z', deadline: '2024-01-01T03:00:00Z' });
    expect(plan.candidates).toBe(5);
    expect(plan.optima.map((w) => w.start)).toEqual(['2024-01-01T01:00:00Z']);
  });

  it('merges exact duplicates (counted) and refuses other overlaps', () => {
    const a = point('2024-01-01T00:00:00Z', 60, 100);
    const b = point('2024-01-01T01:00:00Z', 60, 120);
    expect(prepareSeries(series([a, b, { ...b }])).duplicatesMerged).toBe(1);
    const e = thrown(() => prepareSeries(series([a, b, point('2024-01-01T01:30:00Z', 60, 90)])));
    expect(e.code).toBe('E_SERIES_GAP');
    expect(e.data).toMatchObject({ kind: 'overlap', overlapStart: '2024-01-01T01:30:00Z', overlapEnd: '2024-01-01T02:00:00Z' });
  });

  it('refuses empty series and malformed points', () => {
    expect(thrown(() => prepareSeries(series([]))).code).toBe('E_SERIES_GAP');
    expect(thrown(() => prepareSeries(series([point('2024-01-01T00:00:00', 60, 1)]))).code).toBe('E_INPUT_VALUE');
    expect(thrown(() => prepareSeries(series([point('2024-01-01T00:00:00Z', 0, 1)]))).code).toBe('E_INPUT_VALUE');
    expect(thrown(() => prepareSeries(series([point('2024-01-01T00:00:00Z', 60, Number.NaN)]))).data).toMatchObject({ row: 0 });
  });
});
