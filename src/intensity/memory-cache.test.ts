import { describe, expect, it } from 'vitest';
import { createMemoryCache } from './memory-cache.js';
import type { IntensityPoint, IntensitySeries } from './types.js';

const pt = (start: string, g: number): IntensityPoint => ({ start, durationMinutes: 60, gCO2ePerKWh: g, kind: 'actual', signal: 'average', estimated: false });
const series = (provider: string, fetchedAt: string, points: IntensityPoint[], zone = 'DE'): IntensitySeries => ({ zone, provider, fetchedAt, points, source: `src ${fetchedAt}` });
const d = (s: string) => new Date(s);

describe('memory cache', () => {
  it('returns the stored points overlapping the period, sorted, with the oldest fetch time', async () => {
    const c = createMemoryCache();
    await c.put(series('em', '2024-06-01T10:00:00Z', [pt('2024-05-01T02:00:00Z', 3), pt('2024-05-01T00:00:00Z', 1)]));
    await c.put(series('em', '2024-06-01T09:00:00Z', [pt('2024-05-01T01:00:00Z', 2)]));
    const got = await c.get('DE', 'em', d('2024-05-01T00:30Z'), d('2024-05-01T02:30Z'));
    expect(got?.points.map((p) => p.gCO2ePerKWh)).toEqual([1, 2, 3]);
    expect(got?.fetchedAt).toBe('2024-06-01T09:00:00Z');
    expect(got).toMatchObject({ zone: 'DE', provider: 'em' });
  });

  it('replaces a point with the same start, and keeps zones and providers apart', async () => {
    const c = createMemoryCache();
    await c.put(series('em', '2024-06-01T10:00:00Z', [pt('2024-05-01T00:00:00Z', 1)]));
    await c.put(series('em', '2024-06-01T11:00:00Z', [pt('2024-05-01T00:00:00Z', 9)]));
    await c.put(series('wt', '2024-06-01T11:00:00Z', [pt('2024-05-01T00:00:00Z', 5)]));
    await c.put(series('em', '2024-06-01T11:00:00Z', [pt('2024-05-01T00:00:00Z', 7)], 'FR'));
    expect((await c.get('DE', 'em', d('2024-05-01T00:00Z'), d('2024-05-01T01:00Z')))?.points[0]?.gCO2ePerKWh).toBe(9);
    expect(c.size()).toBe(3);
  });

  it('returns undefined when nothing overlaps', async () => {
    const c = createMemoryCache();
    await c.put(series('em', '2024-06-01T10:00:00Z', [pt('2024-05-01T00:00:00Z', 1)]));
    expect(await c.get('DE', 'em', d('2024-05-01T01:00Z'), d('2024-05-01T02:00Z'))).toBeUndefined();
    expect(await c.get('SE', 'em', d('2024-05-01T00:00Z'), d('2024-05-01T02:00Z'))).toBeUndefined();
  });
});
