/**
 * The fallback chain: the live provider, else the points cached from it earlier, else the static
 * annual factor. Whatever stands in is named on the series (`fallback`), never hidden.
 */
import { GreenopsError, isGreenopsError } from '../core/errors.js';
import { zoneForRegion, zoneId } from '../factors/zones.js';
import type { IntensityCache } from './cache.js';
import { coverageGaps } from './series.js';
import type { IntensityProvider, IntensityQuery, IntensitySeries } from './types.js';

export interface ResolveOptions {
  /** The provider wanted (Electricity Maps, WattTime, …). */
  readonly primary: IntensityProvider;
  /** The last resort; normally the static provider. */
  readonly fallback: IntensityProvider;
  readonly cache?: IntensityCache;
  readonly signal?: AbortSignal;
  /**
   * Called when writing a good series to the cache fails; the series is returned all the same.
   * Without it, the cache's error is thrown.
   */
  readonly onCacheError?: (error: unknown) => void;
}

/**
 * The series for a query, from `primary` if it answers with at least one point, else from the cache
 * when the cache covers the whole period, else from `fallback`. A series that stood in carries
 * `fallback: { requested, used, reason }`. A caller's abort and bad input (`E_INPUT_*`: a malformed
 * query or file) are thrown, never hidden behind a fallback.
 *
 * @example
 * const s = await resolveSeries(
 *   { zone: 'DE', from, to },
 *   { primary: electricityMaps({ token }), fallback: staticProvider(), cache: createMemoryCache() },
 * );
 * if (s.fallback) report(`used ${s.fallback.used}: ${s.fallback.reason}`);
 */
export async function resolveSeries(query: IntensityQuery, options: ResolveOptions): Promise<IntensitySeries> {
  const { primary, fallback, cache, signal } = options;
  const call = signal === undefined ? undefined : { signal };
  let reason: string;
  let good: IntensitySeries | undefined;
  try {
    const series = await primary.series(query, call);
    if (series.points.length > 0) good = series;
    reason = `E_SERIES_GAP: ${primary.id} returned no points for ${series.zone} in the period`;
  } catch (e) {
    if (signal?.aborted === true) throw e;
    if (isGreenopsError(e) && e.code.startsWith('E_INPUT')) throw e;
    reason = describe(e);
  }
  if (good !== undefined) {
    // Outside the try: a failing cache must not turn a good answer into a fallback.
    await store(cache, good, options.onCacheError);
    return good;
  }

  if (cache !== undefined) {
    const zone = zoneId(query.zone) ?? zoneForRegion(query.zone) ?? query.zone;
    try {
      const cached = await cache.get(zone, primary.id, query.from, query.to);
      if (cached !== undefined && coverageGaps(cached, query).length === 0) {
        return { ...cached, fallback: { requested: primary.id, used: 'cache', reason } };
      }
    } catch (e) {
      reason = `${reason}; cache: ${describe(e)}`;
    }
  }

  try {
    const series = await fallback.series(query, call);
    return { ...series, fallback: { requested: primary.id, used: 'static', reason } };
  } catch (e) {
    if (!isGreenopsError(e)) throw e;
    throw new GreenopsError(e.code, `${e.message} (after ${primary.id} failed: ${reason})`, { data: e.data, cause: e });
  }
}

async function store(cache: IntensityCache | undefined, series: IntensitySeries, onError?: (e: unknown) => void): Promise<void> {
  if (cache === undefined) return;
  try {
    await cache.put(series);
  } catch (e) {
    if (onError === undefined) throw e;
    onError(e);
  }
}

function describe(e: unknown): string {
  if (isGreenopsError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
