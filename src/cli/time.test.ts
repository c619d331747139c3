import { describe, expect, it } from 'vitest';
import { parsePeriod, parseTime } from './time.js';

describe('parseTime', () => {
  it('takes ISO 8601 months, dates and date-times, UTC unless an offset is given', () => {
    expect(parseTime('2026-08', '--from')).toBe('2026-08-01 00:00:00.000');
    expect(parseTime('2026-08-02', '--from')).toBe('2026-08-02 00:00:00.000');
    expect(parseTime('2026-08-02T10:30', '--from')).toBe('2026-08-02 10:30:00.000');
    expect(parseTime('2026-08-02 10:30:05.250', '--from')).toBe('2026-08-02 10:30:05.250');
    expect(parseTime('2026-08-02T02:00:00+02:00', '--from')).toBe('2026-08-02 00:00:00.000');
    expect(parseTime('2024-02-29', '--from')).toBe('2024-02-29 00:00:00.000');
  });

  it('refuses dates that do not exist and forms that are not ISO 8601, naming the flag', () => {
    for (const bad of ['2026-09-31', '2026-02-29', '2026-13-01', '2026-8-2', '2026-08-02T25:00', '2026-08-02T10:61', 'yesterday', '08/02/2026']) {
      expect(() => parseTime(bad, '--to'), bad).toThrow(new RegExp(`--to "${bad.replace(/[/]/g, '\\/')}" is not a date`));
    }
  });

  it('gives --from and --to a date as the example, since usage is kept per day', () => {
    expect(() => parsePeriod('2026-09-31', undefined)).toThrow(/expected ISO 8601 such as 2026-08-01$/);
    expect(() => parsePeriod('2026-08-02', '2026-08-02')).toThrow(/is not before --to/);
  });
});
