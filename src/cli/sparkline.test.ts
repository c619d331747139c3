import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline.js';

describe('sparkline', () => {
  it('maps the range onto eight bars', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 80])).toBe('▁█');
  });

  it('draws a flat series low and gaps as spaces', () => {
    expect(sparkline([5, 5, 5])).toBe('▁▁▁');
    expect(sparkline([1, Number.NaN, 8])).toBe('▁ █');
    expect(sparkline([])).toBe('');
  });

  it('buckets long series by their means and honours a shared scale', () => {
    const line = sparkline(Array.from({ length: 720 }, (_, i) => i % 24), { width: 30 });
    expect(line).toHaveLength(30);
    expect(new Set(line).size).toBe(1); // each bucket averages whole days: the same mean
    expect(sparkline([50, 50], { min: 0, max: 100 })).toBe('▅▅');
  });
});
