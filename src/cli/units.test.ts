import { describe, expect, it } from 'vitest';
import { parseDuration, parseNumber, parsePercent, parsePower, parseUtc, parseWhole } from './units.js';

describe('flag units', () => {
  it('reads durations in compact and ISO 8601 forms, in minutes', () => {
    const cases: Array<[string, number]> = [['4h', 240], ['90m', 90], ['1h30m', 90], ['2d', 2880], ['45s', 0.75], ['PT4H', 240], ['P1DT2H', 1560], ['pt90m', 90], ['1.5h', 90]];
    for (const [text, minutes] of cases) expect(parseDuration(text, '--duration')).toBeCloseTo(minutes, 9);
    expect(parseDuration('0m', '--max-delay', { allowZero: true })).toBe(0);
  });

  it('refuses durations without a unit, empty or zero, naming the flag and an example', () => {
    for (const bad of ['4', '', 'h', 'PT', '4 hours', '-1h', '0h', 'P1Y', '1h30']) {
      expect(() => parseDuration(bad, '--duration')).toThrow(/--duration .* is not valid; expected a duration .*4h/);
    }
    try {
      parseDuration('4', '--within');
    } catch (e) {
      expect((e as { code: string }).code).toBe('E_USAGE');
    }
  });

  it('reads power in W, kW and MW', () => {
    expect(parsePower('3.2kW', '--power')).toBeCloseTo(3.2, 12);
    expect(parsePower('450W', '--power')).toBeCloseTo(0.45, 12);
    expect(parsePower('1.2MW', '--power')).toBeCloseTo(1200, 9);
    expect(parsePower('2 kw', '--power')).toBe(2);
    for (const bad of ['3.2', '0W', '5mW', 'kW', '1.2 GW', '-3kW']) expect(() => parsePower(bad, '--power')).toThrow(/--power .* e\.g\.|such as 3\.2kW/);
  });

  it('reads percentages and fractions, refusing an ambiguous bare number', () => {
    expect(parsePercent('5%', '--forecast-error')).toBeCloseTo(0.05, 12);
    expect(parsePercent('0.05', '--forecast-error')).toBe(0.05);
    expect(parsePercent('0', '--forecast-error')).toBe(0);
    for (const bad of ['5', 'five', '%', '-5%']) expect(() => parsePercent(bad, '--forecast-error')).toThrow(/--forecast-error .* such as 5%/);
  });

  it('reads plain numbers', () => {
    expect(parseNumber('150', '--threshold', 'gCO2e/kWh such as 150')).toBe(150);
    expect(() => parseNumber('lots', '--threshold', 'gCO2e/kWh such as 150')).toThrow(/--threshold "lots" is not valid; expected gCO2e\/kWh such as 150/);
    expect(() => parseNumber('0', '--seed', 'n', { positive: true })).toThrow();
    expect(() => parseNumber('1.5', '--seed', 'n', { integer: true })).toThrow();
  });

  it('reads whole numbers for counts and ids, refusing anything a database would choke on', () => {
    expect(parseWhole('50', '--limit', 'a whole number ≥ 0')).toBe(50);
    expect(parseWhole(' 0 ', '--limit', 'a whole number ≥ 0')).toBe(0);
    for (const bad of ['abc', '-1', '1.5', '1e3', '+3', '', '99999999999999999999']) {
      expect(() => parseWhole(bad, '--limit', 'a whole number ≥ 0'), bad).toThrow(/--limit .* is not valid; expected a whole number ≥ 0/);
    }
    expect(() => parseWhole('0', '--file', 'a file id', { min: 1 })).toThrow(/--file "0" is not valid; expected a file id/);
  });

  it('reads UTC instants; times without a zone are UTC; impossible dates are refused', () => {
    expect(parseUtc('2024-06-01T08:00', '--earliest')).toBe(Date.UTC(2024, 5, 1, 8));
    expect(parseUtc('2024-06-01T08:00:00Z', '--earliest')).toBe(Date.UTC(2024, 5, 1, 8));
    expect(parseUtc('2024-06-01T09:00+01:00', '--earliest')).toBe(Date.UTC(2024, 5, 1, 8));
    expect(parseUtc('2024-06-01', '--by')).toBe(Date.UTC(2024, 5, 1));
    for (const bad of ['2024-02-30', '2024-02-30T00:00Z', 'tomorrow', '06/01/2024']) expect(() => parseUtc(bad, '--by')).toThrow(/--by .* ISO 8601/);
  });
});
