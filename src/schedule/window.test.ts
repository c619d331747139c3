import { describe, expect, it } from 'vitest';
import { isGreenopsError } from '../core/errors.js';
import { intensityAt, rollingAverages } from './average.js';
import { regularSeries } from './regular.js';
import { bestWindows } from './window.js';

// CATS (GreenScheduler/cats) forecast test: points every 30 minutes from 08:30.
const cats = regularSeries({ zone: 'GB', start: '2024-01-01T08:30:00Z', stepMinutes: 30, values: [26, 40, 50, 60, 25] });
const t = (hhmm: string): string => `2024-01-01T${hhmm}:00Z`;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isGreenopsError(e) ? e.code : 'not a GreenopsError';
  }
  return undefined;
}

describe('bestWindows: CATS vector (linear semantics)', () => {
  it('the candidate starting 09:15 runs to 10:25: start 45, end 30.8333, average ≈ 49.970', () => {
    expect(intensityAt(cats, t('09:15'), 'linear')).toBeCloseTo(45, 9);
    expect(intensityAt(cats, t('10:25'), 'linear')).toBeCloseTo(30.8333, 3);
    const ws = rollingAverages(cats, 70, 30, t('08:45'), t('10:25'), { semantics: 'linear' });
    expect(ws.map((w) => [w.start, w.end])).toEqual([[t('08:45'), t('09:55')], [t('09:15'), t('10:25')]]);
    expect(ws[1]?.averageGCO2ePerKWh).toBeCloseTo(49.97, 3);
    expect(Math.abs((ws[1]?.averageGCO2ePerKWh ?? 0) - 3497.916666 / 70)).toBeLessThan(1e-3);
  });

  it('the first candidate is now (08:45, between points) and candidates advance by the data step', () => {
    const plan = bestWindows({ series: cats, semantics: 'linear', durationMinutes: 70, earliest: t('08:45'), deadline: t('10:25') });
    expect(plan.candidates).toBe(2);
    expect(plan.runNow.start).toBe(t('08:45'));
    expect(plan.runNow.averageGCO2ePerKWh).toBeCloseTo(3251.666666 / 70, 6);
    expect(plan.optima.map((w) => w.start)).toEqual([t('08:45')]);
    expect(plan.saving.gCO2ePerKWh).toBe(0);
    expect(plan.semantics).toBe('linear');
  });

  it('the last point holds its value to its end, so the search may run to 11:00', () => {
    const plan = bestWindows({ series: cats, semantics: 'linear', durationMinutes: 70, earliest: t('08:45'), deadline: t('11:00') });
    expect(plan.candidates).toBe(3);
    expect(intensityAt(cats, t('10:45'), 'linear')).toBe(25);
  });
});

describe('bestWindows: footprint (CATS footprint check)', () => {
  // Units 1 × 2 W, 2 × 3 W, 8 × 1 W at PUE 1 for 60 minutes.
  const kW = ((1 * 2 + 2 * 3 + 8 * 1) * 1) / 1000;
  it.each(['step', 'linear'] as const)('%s: 3.2 g now, 2.4 g best, 0.8 g saved', (semantics) => {
    const series = regularSeries({ zone: 'GB', start: t('00:00'), stepMinutes: 60, values: [200, 200, 150, 150] });
    const plan = bestWindows({ series, semantics, durationMinutes: 60, power: kW, earliest: t('00:00'), deadline: '2024-01-01T04:00:00Z' });
    expect(plan.runNow.emissionsG).toBeCloseTo(3.2, 9);
    expect(plan.optima[0]?.emissionsG).toBeCloseTo(2.4, 9);
    expect(plan.saving.gCO2e).toBeCloseTo(0.8, 9);
    expect(plan.saving.percent).toBeCloseTo(25, 9);
    expect(plan.optima[0]?.energyKWh).toBeCloseTo(0.016, 12);
  });
});

describe('bestWindows: objective, ties, errors', () => {
  const alternating = regularSeries({ zone: 'DE', start: t('00:00'), stepMinutes: 60, values: [100, 300, 100, 300, 100, 300] });

  it('returns every tied optimum in time order', () => {
    const plan = bestWindows({ series: alternating, semantics: 'step', durationMinutes: 120, earliest: t('00:00'), deadline: t('06:00') });
    expect(plan.optima).toHaveLength(5);
    expect(plan.objective).toBe('average');
  });

  it('with a power profile minimises total emissions, not the average', () => {
    const power = [{ durationMinutes: 60, kW: 10 }, { durationMinutes: 60, kW: 0 }];
    const plan = bestWindows({ series: alternating, semantics: 'step', durationMinutes: 120, power, earliest: t('01:00'), deadline: t('06:00') });
    expect(plan.objective).toBe('emissions');
    expect(plan.optima.map((w) => w.start)).toEqual([t('02:00'), t('04:00')]);
    expect(plan.optima[0]?.emissionsG).toBeCloseTo(1000, 9);
    expect(plan.optima[0]?.averageGCO2ePerKWh).toBeCloseTo(100, 9);
    expect(plan.runNow.emissionsG).toBeCloseTo(3000, 9);
    expect(plan.saving.gCO2e).toBeCloseTo(2000, 9);
  });

  it('a tick finer than the data step', () => {
    const plan = bestWindows({ series: alternating, semantics: 'step', durationMinutes: 30, tickMinutes: 15, earliest: t('00:30'), deadline: t('03:00') });
    expect(plan.candidates).toBe(9);
    expect(plan.optima.map((w) => w.start)).toEqual([t('00:30'), t('02:00'), t('02:15'), t('02:30')]);
  });

  it('refuses a deadline before earliest + duration, giving the earliest possible end', () => {
    const run = (): unknown => bestWindows({ series: cats, semantics: 'step', durationMinutes: 90, earliest: t('09:00'), deadline: t('10:00') });
    expect(codeOf(run)).toBe('E_SCHEDULE_INFEASIBLE');
    expect(run).toThrow(/earliest possible end is 2024-01-01T10:30:00Z/);
  });

  it('refuses a period the series does not cover, saying what it covers', () => {
    const run = (): unknown => bestWindows({ series: cats, semantics: 'step', durationMinutes: 60, earliest: t('09:00'), deadline: t('12:00') });
    expect(codeOf(run)).toBe('E_SERIES_GAP');
    expect(run).toThrow(/covers 2024-01-01T08:30:00Z to 2024-01-01T11:00:00Z/);
  });

  it('refuses bad arguments with E_USAGE', () => {
    const base = { series: cats, semantics: 'step' as const, earliest: t('09:00'), deadline: t('11:00') };
    expect(codeOf(() => bestWindows({ ...base, durationMinutes: 0 }))).toBe('E_USAGE');
    expect(codeOf(() => bestWindows({ ...base, durationMinutes: 60, power: -1 }))).toBe('E_USAGE');
    expect(codeOf(() => bestWindows({ ...base, durationMinutes: 60, power: [{ durationMinutes: 30, kW: 1 }] }))).toBe('E_USAGE');
    expect(codeOf(() => bestWindows({ ...base, durationMinutes: 60, earliest: '2024-01-01 09:00' }))).toBe('E_USAGE');
    // A tick so fine that the grid would hold 86 million candidates is refused, not attempted.
    const day = regularSeries({ zone: 'GB', start: t('00:00'), stepMinutes: 60, values: Array.from({ length: 24 }, () => 100) });
    expect(codeOf(() => bestWindows({ series: day, semantics: 'step', durationMinutes: 1, tickMinutes: 1e-5, earliest: t('00:00'), deadline: '2024-01-02T00:00:00Z' }))).toBe('E_USAGE');
  });

  it('times stay UTC across the EU DST change at 2024-03-31T01:00Z', () => {
    const values = [300, 280, 260, 100, 120, 250, 270, 290];
    const series = regularSeries({ zone: 'DE', start: '2024-03-30T22:00:00Z', stepMinutes: 60, values });
    const plan = bestWindows({ series, semantics: 'step', durationMinutes: 120, earliest: '2024-03-30T22:00:00Z', deadline: '2024-03-31T06:00:00Z' });
    expect(plan.candidates).toBe(7);
    expect(plan.optima).toEqual([{ start: '2024-03-31T01:00:00Z', end: '2024-03-31T03:00:00Z', averageGCO2ePerKWh: 110 }]);
    const hours = rollingAverages(series, 60).map((w) => w.start.slice(11, 13));
    expect(hours).toEqual(['22', '23', '00', '01', '02', '03', '04', '05']);
  });

  it('reports gap-filled points it leaned on', () => {
    const gappy = { ...cats, points: cats.points.filter((_, i) => i !== 2) };
    const base = { series: gappy, semantics: 'linear' as const, durationMinutes: 30, earliest: t('08:30'), deadline: t('11:00') };
    expect(codeOf(() => bestWindows(base))).toBe('E_SERIES_GAP');
    const plan = bestWindows({ ...base, onGap: 'interpolate' });
    expect(plan.filledPoints).toBe(1);
    expect(bestWindows({ ...base, onGap: 'interpolate', earliest: t('10:00') }).filledPoints).toBe(0);
  });
});
