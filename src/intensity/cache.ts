/**
 * Where live grid signals are kept so that a later outage of the provider can be bridged with the
 * points already fetched. One small interface; adapters: `memory-cache.ts` here, a DuckDB table in
 * the store.
 */
import type { IntensitySeries } from './types.js';

/**
 * @example
 * const cache: IntensityCache = createMemoryCache();
 * await cache.put(series);
 * await cache.get('DE', 'electricitymaps', from, to);
 */
export interface IntensityCache {
  /**
   * The points stored for `zone` from `provider` whose interval overlaps [from, to), sorted, as one
   * series (`fetchedAt`: the oldest fetch among them); undefined when there are none. May be partial:
   * the caller checks coverage.
   */
  get(zone: string, provider: string, from: Date, to: Date): Promise<IntensitySeries | undefined>;
  /** Store a series' points under its `zone` and `provider`; a point with the same start replaces the stored one. */
  put(series: IntensitySeries): Promise<void>;
}
