import { describe, expect, it } from 'vitest';
import { combineBands } from './uncertainty.js';

describe('combineBands', () => {
  it('is the identity for one band', () => {
    const b = combineBands([{ low: 0.8, high: 1.3 }]);
    expect(b.low).toBeCloseTo(0.8, 12);
    expect(b.high).toBeCloseTo(1.3, 12);
  });
  it('adds log half-widths in quadrature, keeping asymmetry', () => {
    const b = combineBands([{ low: 0.9, high: 1.2 }, { low: 0.9, high: 1.2 }]);
    expect(Math.log(b.low)).toBeCloseTo(Math.log(0.9) * Math.SQRT2, 12);
    expect(Math.log(b.high)).toBeCloseTo(Math.log(1.2) * Math.SQRT2, 12);
  });
  it('ignores exact factors', () => {
    expect(combineBands([{ low: 1, high: 1 }, { low: 0.5, high: 2 }]).high).toBeCloseTo(2, 12);
  });
});
