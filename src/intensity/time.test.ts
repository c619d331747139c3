import { describe, expect, it } from 'vitest';
import { ceilTo, floorTo, isoZ, parseInstant } from './time.js';

describe('parseInstant', () => {
  it('reads Z and every offset form to the same UTC instant', () => {
    const t = Date.UTC(2024, 2, 31, 1);
    for (const s of ['2024-03-31T01:00:00Z', '2024-03-31T01:00Z', '2024-03-31 01:00:00+00:00', '2024-03-31T03:00:00+02:00', '2024-03-31T02:00+0100', '2024-03-30T20:00:00-05', '2024-03-31T01:00:00.000z']) {
      expect(parseInstant(s), s).toBe(t);
    }
  });

  it('keeps UTC continuous across the European clock change (2024-03-31)', () => {
    // 01:59 +01:00 and 03:00 +02:00 are one minute apart.
    expect(parseInstant('2024-03-31T03:00:00+02:00')! - parseInstant('2024-03-31T01:59:00+01:00')!).toBe(60_000);
  });

  it('refuses a timestamp without a zone unless the column says UTC', () => {
    expect(parseInstant('2024-01-01 00:00:00')).toBeUndefined();
    expect(parseInstant('2024-01-01 00:00:00', true)).toBe(Date.UTC(2024, 0, 1));
  });

  it('refuses impossible dates and other text', () => {
    for (const s of ['2023-02-29T00:00Z', '2024-01-01T24:00Z', '2024-13-01T00:00Z', 'yesterday', '', '2024-01-01']) {
      expect(parseInstant(s), s).toBeUndefined();
    }
  });

  it('keeps fractions of a second', () => {
    expect(parseInstant('2024-01-01T00:00:00.250Z')).toBe(Date.UTC(2024, 0, 1) + 250);
  });
});

describe('isoZ and slots', () => {
  it('writes seconds precision with a Z', () => {
    expect(isoZ(Date.UTC(2024, 2, 31, 1))).toBe('2024-03-31T01:00:00Z');
    expect(isoZ(Date.UTC(2024, 2, 31, 1) + 5)).toBe('2024-03-31T01:00:00.005Z');
  });

  it('rounds to UTC slots', () => {
    const t = Date.UTC(2024, 0, 1, 10, 45);
    expect(isoZ(floorTo(t, 60))).toBe('2024-01-01T10:00:00Z');
    expect(isoZ(ceilTo(t, 30))).toBe('2024-01-01T11:00:00Z');
    expect(ceilTo(Date.UTC(2024, 0, 1, 11), 60)).toBe(Date.UTC(2024, 0, 1, 11));
  });
});
