import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntensitySeries } from '../../intensity/types.js';
import { openDb, type Db } from './connection.js';
import { duckIntensityCache } from './intensity-cache.js';

let db: Db;
beforeEach(async () => {
  db = await openDb(':memory:');
});
afterEach(() => db.close());

const hour = (h: number, g: number, kind: 'actual' | 'forecast' = 'forecast') => ({
  start: `2024-03-31T${String(h).padStart(2, '0')}:00:00Z`, durationMinutes: 60, gCO2ePerKWh: g, kind, signal: 'average' as const, estimated: false,
});

function series(points: IntensitySeries['points'], fetchedAt = '2024-03-30T12:00:00Z'): IntensitySeries {
  return { zone: 'DE', provider: 'electricitymaps', points, fetchedAt, source: 'test' };
}

describe('duckIntensityCache', () => {
  it('returns the stored points overlapping a period, sorted, with the oldest fetch time', async () => {
    const cache = duckIntensityCache(db);
    await cache.put(series([hour(2, 300), hour(0, 100), hour(1, 200)]));
    await cache.put(series([hour(3, 400)], '2024-03-31T01:00:00Z'));
    const got = await cache.get('DE', 'electricitymaps', new Date('2024-03-31T00:30:00Z'), new Date('2024-03-31T03:00:00Z'));
    expect(got?.points.map((p) => [p.start, p.gCO2ePerKWh])).toEqual([
      ['2024-03-31T00:00:00Z', 100], ['2024-03-31T01:00:00Z', 200], ['2024-03-31T02:00:00Z', 300],
    ]);
    expect(got?.fetchedAt).toBe('2024-03-30T12:00:00Z');
    expect(await cache.get('DE', 'watttime', new Date('2024-03-31T00:00:00Z'), new Date('2024-04-01T00:00:00Z'))).toBeUndefined();
    expect(await cache.get('FR', 'electricitymaps', new Date('2024-03-31T00:00:00Z'), new Date('2024-04-01T00:00:00Z'))).toBeUndefined();
  });

  it('replaces a point fetched again (a forecast later measured)', async () => {
    const cache = duckIntensityCache(db);
    await cache.put(series([hour(5, 250, 'forecast')]));
    await cache.put(series([hour(5, 270, 'actual')], '2024-03-31T07:00:00Z'));
    const got = await cache.get('DE', 'electricitymaps', new Date('2024-03-31T00:00:00Z'), new Date('2024-04-01T00:00:00Z'));
    expect(got?.points).toEqual([{ ...hour(5, 270, 'actual') }]);
  });
});
