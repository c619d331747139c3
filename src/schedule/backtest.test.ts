import { describe, expect, it } from 'vitest';
import type { IntensitySeries } from '../intensity/types.js';
import { backtest } from './backtest.js';
import { quantile } from './_stats.js';
import { regularSeries } from './regular.js';

/** Hourly, every day the same: 20 g/kWh at 04:00 UTC, 10 g more for each hour away from it. */
function vShaped(days: number, start = '2024-03-01T00:00:00Z'): IntensitySeries {
  const values = Array.from({ length: days * 24 }, (_, i) => 20 + 10 * Math.abs((i % 24) - 4));
  return regularSeries({ zone: 'XX', start, stepMinutes: 60, values, kind: 'actual' });
}

describe('backtest', () => {
  it('finds the known saving each day with a perfect forecast', () => {
    const r = backtest({ series: vShaped(10), durationMinutes: 240, flexMinutes: 720 });
    // nominal 00:00–04:00 averages (60+50+40+30)/4 = 45; the best 4 h (02:00 and 03:00 tie) averages 30
    expect(r.daysPlanned).toBe(10);
    expect(r.daysSkipped).toEqual({ gap: 0, end: 0 });
    expect(r.days[0]).toMatchObject({ nominalStart: '2024-03-01T00:00:00Z', chosenStart: '2024-03-01T02:00:00Z' });
    for (const k of ['mean', 'p50', 'p90', 'worst', 'best'] as const) expect(r.savingPercent[k]).toBeCloseTo(100 / 3, 9);
    expect([r.meanNominalGCO2ePerKWh, r.meanChosenGCO2ePerKWh]).toEqual([45, 30]);
  });

  it('uses the semantics asked for', () => {
    const r = backtest({ series: vShaped(3), durationMinutes: 240, flexMinutes: 720, semantics: 'linear' });
    // trapezoids: nominal (55+45+35+25)/4 = 40; 02:00–06:00 (35+25+25+35)/4 = 30
    expect(r.semantics).toBe('linear');
    expect(r.savingPercent.p50).toBeCloseTo(25, 9);
  });

  it('never beats the perfect forecast with a noisy one, and repeats itself for a seed', () => {
    const perfect = backtest({ series: vShaped(30), durationMinutes: 60, flexMinutes: 720 });
    const a = backtest({ series: vShaped(30), durationMinutes: 60, flexMinutes: 720, forecastError: 0.3, seed: 7 });
    const b = backtest({ series: vShaped(30), durationMinutes: 60, flexMinutes: 720, forecastError: 0.3, seed: 7 });
    const c = backtest({ series: vShaped(30), durationMinutes: 60, flexMinutes: 720, forecastError: 0.3, seed: 8 });
    expect(a.savingPercent).toEqual(b.savingPercent);
    expect(a.days.map((d) => d.chosenStart)).not.toEqual(c.days.map((d) => d.chosenStart));
    expect(a.savingPercent.mean).toBeLessThan(perfect.savingPercent.mean);
    for (const d of a.days) expect(d.savingPercent).toBeLessThanOrEqual(perfect.savingPercent.best + 1e-9);
  });

  it('skips days touching a gap or running past the data, and counts them', () => {
    const full = vShaped(5);
    const series = { ...full, points: full.points.filter((p) => !p.start.startsWith('2024-03-03T05')) };
    const r = backtest({ series, durationMinutes: 60, flexMinutes: 720, atMinutes: 18 * 60 });
    // 18:00 + 12 h: the 5th day runs past the data; the 2nd day's window (18:00 → 06:00) holds the gap
    expect(r.daysSkipped).toEqual({ gap: 1, end: 1 });
    expect(r.daysPlanned).toBe(3);
  });

  it('keeps to one year when asked', () => {
    const r = backtest({ series: vShaped(6, '2023-12-29T00:00:00Z'), durationMinutes: 60, flexMinutes: 600, year: 2024 });
    expect([r.from, r.to, r.daysPlanned]).toEqual(['2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z', 3]);
  });

  it('refuses a nominal time outside the day', () => {
    expect(() => backtest({ series: vShaped(2), durationMinutes: 60, flexMinutes: 600, atMinutes: 1440 })).toThrow(/atMinutes/);
  });

  it('takes type-7 quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.9)).toBe(9);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
