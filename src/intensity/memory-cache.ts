/**
 * An in-process `IntensityCache`: enough for one long-running command or server, and for tests.
 * Nothing outlives the process; the store's cache is the durable one.
 */
import type { IntensityCache } from './cache.js';
import { endMs, mergePoints, startMs } from './series.js';
import type { IntensityPoint } from './types.js';

interface Stored {
  readonly point: IntensityPoint;
  readonly fetchedAt: string;
  readonly source: string | undefined;
}

export interface MemoryCache extends IntensityCache {
  /** Number of points held, all zones and providers together. */
  size(): number;
}

/**
 * @example
 * const cache = createMemoryCache();
 * const series = await resolveSeries(query, { primary, fallback: staticProvider(), cache });
 */
export function createMemoryCache(): MemoryCache {
  const byKey = new Map<string, Map<number, Stored>>();
  const key = (zone: string, provider: string): string => `${provider}\u0000${zone}`;

  return {
    async get(zone, provider, from, to) {
      const slots = byKey.get(key(zone, provider));
      if (slots === undefined) return undefined;
      const lo = from.getTime();
      const hi = to.getTime();
      const hits = [...slots.values()]
        .filter((s) => startMs(s.point) < hi && endMs(s.point) > lo)
        .sort((a, b) => startMs(a.point) - startMs(b.point));
      if (hits.length === 0) return undefined;
      const oldest = hits.reduce((m, s) => (Date.parse(s.fetchedAt) < Date.parse(m) ? s.fetchedAt : m), hits[0]!.fetchedAt);
      const source = hits.at(-1)?.source;
      return {
        zone,
        provider,
        points: mergePoints(hits.map((s) => s.point)),
        fetchedAt: oldest,
        ...(source === undefined ? {} : { source }),
      };
    },
    async put(series) {
      const k = key(series.zone, series.provider);
      const slots = byKey.get(k) ?? new Map<number, Stored>();
      for (const point of series.points) {
        slots.set(startMs(point), { point, fetchedAt: series.fetchedAt, source: series.source });
      }
      byKey.set(k, slots);
    },
    size() {
      let n = 0;
      for (const slots of byKey.values()) n += slots.size;
      return n;
    },
  };
}
