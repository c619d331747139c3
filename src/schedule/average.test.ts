import { describe, expect, it } from 'vitest';
import type { IntensitySeries } from '../intensity/types.js';
import { averageOver, rollingAverages } from './average.js';
import { regularSeries } from './regular.js';

// Carbon Aware SDK extension tests: 10, 20, 30, 40 at 5-minute steps from 2020-01-01T00:00Z.
const sdk = regularSeries({ zone: 'eastus', start: '2020-01-01T00:00:00Z', stepMinutes: 5, values: [10, 20, 30, 40] });
const reversed: IntensitySeries = { ...sdk, points: [...sdk.points].reverse() };
const at = (hhmmss: string): string => `2020-01-01T${hhmmss}Z`;
const values = (ws: readonly { averageGCO2ePerKWh: number }[]): number[] => ws.map((w) => w.averageGCO2ePerKWh);

function expectClose(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 9));
}

describe('rollingAverages (Carbon Aware SDK vectors, step semantics)', () => {
  const cases: ReadonlyArray<readonly [number, number, readonly number[]]> = [
    [5, 5, [10, 20, 30, 40]],
    [10, 5, [15, 25, 35]],
    [2, 5, [10, 20, 30, 40]],
    [5, 4, [10, 18, 26, 34]],
    [10, 4, [15, 23, 31]],
    [2, 4, [10, 15, 20, 30, 40]],
    [5, 7, [10, 24, 38]],
    [10, 7, [15, 29]],
    [2, 7, [10, 20, 35]],
  ];
  it.each(cases)('window %i min, tick %i min', (window, tick, expected) => {
    expectClose(values(rollingAverages(sdk, window, tick)), expected);
    expectClose(values(rollingAverages(reversed, window, tick)), expected);
  });

  it('bounded 00:02–00:20, 5-minute windows: 14, 24, 34, first window at 00:02', () => {
    const ws = rollingAverages(sdk, 5, undefined, at('00:02:00'), at('00:20:00'));
    expectClose(values(ws), [14, 24, 34]);
    expect(ws.map((w) => w.start)).toEqual([at('00:02:00'), at('00:07:00'), at('00:12:00')]);
  });

  it('bounded 00:05–00:15: 20, 30', () => {
    expectClose(values(rollingAverages(sdk, 5, undefined, at('00:05:00'), at('00:15:00'))), [20, 30]);
  });

  it('leaves out windows the data does not cover', () => {
    const ws = rollingAverages(sdk, 5, 5, '2019-12-31T23:50:00Z', at('00:30:00'));
    expect(ws.map((w) => w.start)).toEqual([at('00:00:00'), at('00:05:00'), at('00:10:00'), at('00:15:00')]);
  });

  it('docs examples: 5-minute data, 10-minute job', () => {
    const docs: ReadonlyArray<readonly [readonly number[], readonly number[]]> = [
      [[10, 20, 30, 40, 5], [15, 25, 35, 22.5]],
      [[5, 55, 10, 10, 10], [30, 32.5, 10, 10]],
      [[12, 11, 10, 12, 13], [11.5, 10.5, 11, 12.5]],
    ];
    for (const [input, expected] of docs) {
      const s = regularSeries({ zone: 'westus', start: '2022-03-01T15:30:00Z', stepMinutes: 5, values: input });
      expectClose(values(rollingAverages(s, 10, 5)), expected);
    }
  });
});

describe('averageOver (Carbon Aware SDK vectors)', () => {
  const cases: ReadonlyArray<readonly [string, string, number]> = [
    ['00:00:00', '00:20:00', 25],
    ['00:04:00', '00:20:00', 28.75],
    ['00:00:00', '00:16:00', 21.25],
    ['00:02:30', '00:17:30', 25],
    ['00:02:00', '00:03:00', 10],
  ];
  it.each(cases)('%s–%s → %d, in either input order', (from, to, expected) => {
    expect(averageOver(sdk, at(from), at(to), 'step').averageGCO2ePerKWh).toBeCloseTo(expected, 9);
    expect(averageOver(reversed, at(from), at(to), 'step').averageGCO2ePerKWh).toBeCloseTo(expected, 9);
  });

  it('linear semantics interpolates between point starts and holds the last value to the end', () => {
    // Line 10→20→30→40 over 00:00–00:15, then 40 flat to 00:20.
    expect(averageOver(sdk, at('00:00:00'), at('00:15:00'), 'linear').averageGCO2ePerKWh).toBeCloseTo(25, 9);
    expect(averageOver(sdk, at('00:15:00'), at('00:20:00'), 'linear').averageGCO2ePerKWh).toBeCloseTo(40, 9);
    expect(averageOver(sdk, at('00:02:30'), at('00:05:00'), 'linear').averageGCO2ePerKWh).toBeCloseTo(17.5, 9);
  });

  it('refuses a period the series does not cover, saying what it covers', () => {
    expect(() => averageOver(sdk, at('00:10:00'), at('00:25:00'))).toThrow(/covers 2020-01-01T00:00:00Z to 2020-01-01T00:20:00Z/);
    expect(() => averageOver(sdk, at('00:10:00'), at('00:10:00'))).toThrow(/must be after/);
    expect(() => averageOver(sdk, '2020-01-01T00:10:00', at('00:12:00'))).toThrow(/with Z or an offset/);
  });
});
