import { describe, expect, it } from 'vitest';
import { planChunks } from './chunks.js';
import { regularSeries } from './regular.js';
import { bestWindows } from './window.js';
import type { Semantics } from './types.js';

const hourly = (values: number[]) => regularSeries({ zone: 'GB', start: '2024-02-01T00:00:00Z', stepMinutes: 60, values });
const at = (hhmm: string): string => `2024-02-01T${hhmm}:00Z`;
const spans = (plan: ReturnType<typeof planChunks>): string[][] => plan.chunks.map((c) => [c.start.slice(11, 16), c.end.slice(11, 16)]);

describe('planChunks', () => {
  it('splits a job into the two cleanest hours', () => {
    const plan = planChunks({ series: hourly([300, 100, 300, 300, 80, 300]), semantics: 'step', durationMinutes: 120, minChunkMinutes: 60, power: 2, earliest: at('00:00'), deadline: at('06:00') });
    expect(plan.method).toBe('chunks');
    expect(spans(plan)).toEqual([['01:00', '02:00'], ['04:00', '05:00']]);
    expect(plan.averageGCO2ePerKWh).toBeCloseTo(90, 9);
    expect(plan.energyKWh).toBeCloseTo(4, 12);
    expect(plan.emissionsG).toBeCloseTo(360, 9);
    expect(plan.runNow).toMatchObject({ start: at('00:00'), end: at('02:00'), averageGCO2ePerKWh: 200, emissionsG: 800 });
    expect(plan.saving.gCO2e).toBeCloseTo(440, 9);
    expect(plan.saving.percent).toBeCloseTo(55, 9);
    expect(plan.chunks[0]?.emissionsG).toBeCloseTo(200, 9);
  });

  it('respects the minimum chunk length, running whole when splitting cannot help', () => {
    const plan = planChunks({ series: hourly([300, 100, 300, 80, 300]), semantics: 'step', durationMinutes: 120, minChunkMinutes: 120, earliest: at('00:00'), deadline: at('05:00') });
    expect(plan.method).toBe('single-window');
    expect(spans(plan)).toEqual([['02:00', '04:00']]);
    expect(plan.averageGCO2ePerKWh).toBeCloseTo(190, 9);
  });

  it('places a remainder that is not a whole step', () => {
    const plan = planChunks({ series: hourly([300, 100, 300, 80, 300]), semantics: 'step', durationMinutes: 90, minChunkMinutes: 30, earliest: at('00:00'), deadline: at('05:00') });
    expect(spans(plan)).toEqual([['01:00', '01:30'], ['03:00', '04:00']]);
    expect(plan.averageGCO2ePerKWh).toBeCloseTo(7800 / 90, 9);
  });

  it('starts a chunk at an off-step earliest and works under linear semantics', () => {
    const plan = planChunks({ series: hourly([100, 300, 300, 50, 50, 300]), semantics: 'linear', durationMinutes: 60, minChunkMinutes: 30, earliest: at('00:30'), deadline: at('06:00') });
    expect(plan.semantics).toBe('linear');
    expect(plan.chunks.every((c) => c.start >= at('00:30') && c.end <= at('06:00'))).toBe(true);
    expect(plan.averageGCO2ePerKWh).toBeCloseTo(50, 9);
  });

  it.each(['step', 'linear'] as const)('random cases (%s): valid chunks, never worse than the best single window', (semantics: Semantics) => {
    let seed = semantics === 'step' ? 7 : 11;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
    for (let n = 0; n < 150; n++) {
      const step = [15, 30, 60][int(0, 2)] as number;
      const values = Array.from({ length: int(2, 48) }, () => int(20, 400));
      const series = regularSeries({ zone: 'X', start: '2024-02-01T00:00:00Z', stepMinutes: step, values });
      const span = values.length * step;
      const earliestMin = int(0, span - 1);
      const duration = int(1, span - earliestMin);
      const deadlineMin = earliestMin + duration + int(0, span - earliestMin - duration);
      const minChunk = int(1, 3 * step);
      const iso = (m: number): string => new Date(Date.UTC(2024, 1, 1) + m * 60_000).toISOString();
      const req = { series, semantics, durationMinutes: duration, minChunkMinutes: minChunk, earliest: iso(earliestMin), deadline: iso(deadlineMin) };
      const plan = planChunks(req);
      const ms = plan.chunks.map((c) => [Date.parse(c.start), Date.parse(c.end)] as const);
      const total = ms.reduce((sum, [s, e]) => sum + (e - s), 0) / 60_000;
      expect(total, `case ${n}`).toBeCloseTo(duration, 6);
      ms.forEach(([s, e], i) => {
        expect((e - s) / 60_000, `case ${n}`).toBeGreaterThanOrEqual(Math.min(minChunk, duration) - 1e-9);
        expect(s, `case ${n}`).toBeGreaterThanOrEqual(Date.parse(req.earliest));
        expect(e, `case ${n}`).toBeLessThanOrEqual(Date.parse(req.deadline));
        if (i > 0) expect(s, `case ${n}`).toBeGreaterThan((ms[i - 1] as readonly [number, number])[1]);
      });
      const single = bestWindows(req).optima[0]?.averageGCO2ePerKWh ?? Infinity;
      expect(plan.averageGCO2ePerKWh, `case ${n}`).toBeLessThanOrEqual(single * (1 + 1e-9));
      expect(plan.saving.gCO2ePerKWh, `case ${n}`).toBeGreaterThanOrEqual(-1e-9);
    }
  });

  it('is exact in most small cases, and its limits are measured (exhaustive search over ≤ 12 hourly slots)', () => {
    let seed = 3;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
    let exact = 0;
    let worst = 0;
    const cases = 300;
    for (let n = 0; n < cases; n++) {
      const slots = int(3, 12);
      const values = Array.from({ length: slots }, () => int(20, 400));
      const need = int(1, slots);
      const minRun = int(1, need);
      let best = Infinity;
      for (let mask = 0; mask < 1 << slots; mask++) {
        let ones = 0;
        let run = 0;
        let sum = 0;
        let ok = true;
        for (let i = 0; i <= slots; i++) {
          if (i < slots && (mask >> i) & 1) {
            ones++;
            run++;
            sum += values[i] ?? 0;
          } else {
            if (run > 0 && run < minRun) ok = false;
            run = 0;
          }
        }
        if (ok && ones === need && sum < best) best = sum;
      }
      const plan = planChunks({
        series: hourly(values), semantics: 'step', durationMinutes: 60 * need, minChunkMinutes: 60 * minRun,
        earliest: at('00:00'), deadline: new Date(Date.UTC(2024, 1, 1, slots)).toISOString(),
      });
      const gap = (plan.averageGCO2ePerKWh * need - best) / best;
      expect(gap, `case ${n}`).toBeGreaterThanOrEqual(-1e-9);
      if (gap <= 1e-9) exact++;
      worst = Math.max(worst, gap);
    }
    // Greedy, not exact: record how often it is optimal so a regression shows.
    expect(exact / cases).toBeGreaterThan(0.95);
    expect(worst).toBeLessThan(0.25);
  });
});
