/**
 * Electricity Maps API v3 (https://static.electricitymaps.com/api/docs/): hourly carbon intensity
 * (gCO2eq/kWh, lifecycle by default) per zone, key in the `auth-token` header.
 *
 * A query is split at "now": the past from `carbon-intensity/history` when it lies within the last
 * 24 hours (the free tier's window), else from `carbon-intensity/past-range` in pieces of at most
 * 240 hours (the documented limit for hourly data); the future from `carbon-intensity/forecast`.
 * `carbonIntensity: null` is a gap, never a zero. `isEstimated` becomes `estimated`.
 */
import { z } from 'zod';
import { zoneForRegion, zoneId } from '../../factors/zones.js';
import { getJson, type HttpOptions } from '../http.js';
import { checkQuery, chunks, clipPoints, mergePoints, throwIfAborted } from '../series.js';
import { HOUR_MS, ceilTo, floorTo, isoZ } from '../time.js';
import { zInstant } from '../zod-instant.js';
import type { IntensityKind, IntensityPoint, IntensityProvider, IntensityQuery, IntensitySeries } from '../types.js';

export interface ElectricityMapsOptions extends HttpOptions {
  readonly token: string;
  /** `lifecycle` (the API's default) or `direct`. */
  readonly emissionFactorType?: 'lifecycle' | 'direct';
  readonly now?: () => Date;
}

export interface ElectricityMapsProvider extends IntensityProvider {
  /** The most recent hour (`carbon-intensity/latest`). */
  latest(zone: string, options?: { signal?: AbortSignal }): Promise<IntensitySeries>;
}

const NAME = 'Electricity Maps';
const PAST_RANGE_MAX_MS = 240 * HOUR_MS;
const HISTORY_MS = 24 * HOUR_MS;

const reading = z.object({
  datetime: zInstant,
  carbonIntensity: z.number().nonnegative().nullable(),
  isEstimated: z.boolean().nullish(),
  estimationMethod: z.string().nullish(),
});
type Reading = z.infer<typeof reading>;
const latestSchema = reading.extend({ zone: z.string() });
const historySchema = z.object({ zone: z.string(), history: z.array(reading) });
const pastRangeSchema = z.object({ zone: z.string(), data: z.array(reading) });
const forecastSchema = z.object({
  zone: z.string(),
  forecast: z.array(z.object({ datetime: zInstant, carbonIntensity: z.number().nonnegative().nullable() })),
});

/**
 * @example
 * const em = electricityMaps({ token: process.env.ELECTRICITYMAPS_TOKEN! });
 * const s = await em.series({ zone: 'aws:eu-north-1', from, to }); // zone SE-SE3
 */
export function electricityMaps(options: ElectricityMapsOptions): ElectricityMapsProvider {
  const baseUrl = options.baseUrl ?? 'https://api.electricitymaps.com';
  const now = options.now ?? (() => new Date());
  const get = <T>(path: string, query: Record<string, string>, schema: z.ZodType<T>, signal?: AbortSignal): Promise<T> =>
    getJson({
      provider: NAME, baseUrl, path: `/v3/carbon-intensity/${path}`, schema, signal,
      query: options.emissionFactorType === undefined ? query : { ...query, emissionFactorType: options.emissionFactorType },
      headers: { 'auth-token': options.token },
    }, options);

  return {
    id: 'electricitymaps',
    async series(query: IntensityQuery, opts) {
      throwIfAborted(opts?.signal, 'electricitymaps');
      const { from, to } = checkQuery(query);
      const zone = zoneId(query.zone) ?? zoneForRegion(query.zone) ?? query.zone.trim();
      const made = now().getTime();
      const readings: Array<{ r: Pick<Reading, 'datetime' | 'carbonIntensity'> & Partial<Reading>; kind: IntensityKind }> = [];
      const used: string[] = [];
      const pastTo = Math.min(to, made);
      if (from < pastTo && from >= made - HISTORY_MS) {
        used.push('history');
        const body = await get('history', { zone }, historySchema, opts?.signal);
        readings.push(...body.history.map((r) => ({ r, kind: 'actual' as const })));
      } else if (from < pastTo) {
        used.push('past-range');
        for (const [s, e] of chunks(floorTo(from, 60), ceilTo(pastTo, 60), PAST_RANGE_MAX_MS)) {
          const body = await get('past-range', { zone, start: isoZ(s), end: isoZ(e) }, pastRangeSchema, opts?.signal);
          readings.push(...body.data.map((r) => ({ r, kind: 'actual' as const })));
        }
      }
      if (to > made) {
        used.push('forecast');
        const body = await get('forecast', { zone }, forecastSchema, opts?.signal);
        readings.push(...body.forecast.map((r) => ({ r, kind: 'forecast' as const })));
      }
      const nulls = readings.filter(({ r }) => r.carbonIntensity === null && r.datetime >= from && r.datetime < to).length;
      const points = readings.flatMap(({ r, kind }) => toPoint(r, kind));
      return {
        zone,
        points: clipPoints(mergePoints(points), from, to),
        provider: 'electricitymaps',
        fetchedAt: isoZ(made),
        source: `${sourceOf(used, options)}${nulls > 0 ? `; ${nulls} hours without a value left as gaps` : ''}`,
      };
    },
    async latest(zoneInput, opts) {
      const zone = zoneId(zoneInput) ?? zoneForRegion(zoneInput) ?? zoneInput.trim();
      const r = await get('latest', { zone }, latestSchema, opts?.signal);
      return { zone, points: toPoint(r, 'actual'), provider: 'electricitymaps', fetchedAt: isoZ(now().getTime()), source: sourceOf(['latest'], options) };
    },
  };
}

function toPoint(r: Pick<Reading, 'datetime' | 'carbonIntensity'> & Partial<Reading>, kind: IntensityKind): IntensityPoint[] {
  if (r.carbonIntensity === null) return [];
  return [{ start: isoZ(r.datetime), durationMinutes: 60, gCO2ePerKWh: r.carbonIntensity, kind, signal: 'average', estimated: r.isEstimated === true }];
}

function sourceOf(endpoints: readonly string[], options: ElectricityMapsOptions): string {
  return `Electricity Maps API v3 carbon-intensity/${endpoints.join('+')} (${options.emissionFactorType ?? 'lifecycle'})`;
}
