import { describe, expect, it } from 'vitest';
import { loadFraction, watts } from './power.js';

describe('power curves', () => {
  it('linear is the CCF line', () => {
    expect(watts('linear', 0.74, 3.5, 0.5)).toBeCloseTo(2.12, 10);
  });
  it('teads passes through idle and max', () => {
    expect(loadFraction('teads', 0)).toBe(0);
    expect(loadFraction('teads', 1)).toBeCloseTo(1, 12);
    expect(watts('teads', 1, 5, 0)).toBe(1);
    expect(watts('teads', 1, 5, 1)).toBeCloseTo(5, 12);
  });
  it('teads keeps the published shape between the points', () => {
    // (0.75 - 0.12) / (1.02 - 0.12) = 0.7; (0.32 - 0.12) / 0.9 = 0.2222
    expect(loadFraction('teads', 0.5)).toBeCloseTo(0.7, 12);
    expect(loadFraction('teads', 0.1)).toBeCloseTo(0.2 / 0.9, 12);
    expect(loadFraction('teads', 0.3)).toBeGreaterThan(loadFraction('linear', 0.3));
  });
  it('clamps utilisation to 0..1', () => {
    expect(loadFraction('teads', -1)).toBe(0);
    expect(loadFraction('linear', 2)).toBe(1);
  });
});
