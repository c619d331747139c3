/**
 * NESO's Carbon Intensity API for Great Britain (https://carbon-intensity.github.io/api-definitions/),
 * no key: half-hourly `{ from, to, intensity: { forecast, actual, index } }` in gCO2/kWh.
 *
 * Zones: `GB` (national; a cloud region in GB such as `aws:eu-west-2` means GB too), `GB-<1..17>`
 * (the API's region ids: 13 is London, 15 England, 16 Scotland, 17 Wales), and `GB-PC-<outward
 * postcode>` (`GB-PC-RG10`) for the region of a postcode. The value is `actual` when the API has one
 * (national, past half-hours) and `forecast` otherwise; regional data only has forecasts. Ranges go
 * to `/{from}/{to}` in pieces of at most 14 days (the API's limit); a pure look-ahead of ≤ 48 h to
 * `/{from}/fw48h`. All times are UTC (`…Z`), so the clock change days have 46 or 50 local
 * half-hours but always 48 UTC ones.
 */
import { z } from 'zod';
import { GreenopsError, quote } from '../../core/errors.js';
import { zoneForRegion } from '../../factors/zones.js';
import { getJson, type HttpOptions } from '../http.js';
import { checkQuery, chunks, clipPoints, mergePoints, throwIfAborted } from '../series.js';
import { HOUR_MS, MINUTE_MS, ceilTo, floorTo, isoZ } from '../time.js';
import { zInstant } from '../zod-instant.js';
import type { IntensityPoint, IntensityProvider } from '../types.js';

export interface UkGridOptions extends HttpOptions {
  readonly now?: () => Date;
}

const NAME = 'UK Carbon Intensity API';
const RANGE_MAX_MS = 14 * 24 * HOUR_MS;
const AHEAD_MS = 48 * HOUR_MS;

const period = z.object({
  from: zInstant,
  to: zInstant,
  intensity: z.object({
    forecast: z.number().nonnegative().nullable(),
    actual: z.number().nonnegative().nullish(),
    index: z.string().nullish(),
  }),
});
type Period = z.infer<typeof period>;
const block = z.object({ regionid: z.number().optional(), shortname: z.string().optional(), data: z.array(period) });
const nationalSchema = z.object({ data: z.array(period) });
// The regional endpoints answer `data: {…}` by region id and `data: [{…}]` by postcode; accept both.
const regionalSchema = z.object({ data: z.union([block, z.array(block).min(1)]) });

interface UkLocation {
  readonly zone: string;
  /** Path after `/intensity/{from}/{to}` ('' when national). */
  readonly suffix: string;
}

/**
 * The API location a zone names.
 *
 * @example ukLocation('GB-13') // { zone: 'GB-13', suffix: '/regionid/13' }
 */
export function ukLocation(input: string): UkLocation {
  const t = input.trim().toUpperCase();
  if (t === 'GB' || zoneForRegion(input) === 'GB') return { zone: 'GB', suffix: '' };
  const id = /^GB-(\d{1,2})$/.exec(t)?.[1];
  if (id !== undefined && Number(id) >= 1 && Number(id) <= 17) return { zone: `GB-${Number(id)}`, suffix: `/regionid/${Number(id)}` };
  const pc = /^GB-PC-([A-Z]{1,2}\d[A-Z\d]?)$/.exec(t)?.[1];
  if (pc !== undefined) return { zone: `GB-PC-${pc}`, suffix: `/postcode/${pc}` };
  const expected = 'GB, GB-<region id 1..17> or GB-PC-<outward postcode, e.g. RG10>';
  throw new GreenopsError('E_ZONE_UNKNOWN', `the UK grid provider does not know zone ${quote(input)}; expected ${expected}`, {
    data: { found: input, expected },
  });
}

/** `2024-03-31T01:00Z`: the API's path format. */
const pathTime = (ms: number): string => `${isoZ(ms).slice(0, 16)}Z`;

/**
 * @example
 * const s = await ukGrid().series({ zone: 'GB', from: new Date('2024-03-31T00:00Z'), to: new Date('2024-04-01T00:00Z') });
 * s.points.length // 48
 */
export function ukGrid(options: UkGridOptions = {}): IntensityProvider {
  const baseUrl = options.baseUrl ?? 'https://api.carbonintensity.org.uk';
  const now = options.now ?? (() => new Date());
  const fetchPeriods = async (path: string, regional: boolean, signal?: AbortSignal): Promise<Period[]> => {
    if (!regional) return (await getJson({ provider: NAME, baseUrl, path, schema: nationalSchema, signal }, options)).data;
    const body = await getJson({ provider: NAME, baseUrl, path, schema: regionalSchema, signal }, options);
    return (Array.isArray(body.data) ? body.data : [body.data]).flatMap((b) => b.data);
  };

  return {
    id: 'uk-grid',
    async series(query, opts) {
      throwIfAborted(opts?.signal, 'uk-grid');
      const { from, to } = checkQuery(query);
      const loc = ukLocation(query.zone);
      const made = now().getTime();
      const regional = loc.suffix !== '';
      const root = regional ? '/regional/intensity' : '/intensity';
      const start = floorTo(from, 30);
      const end = ceilTo(to, 30);
      const lookAhead = start >= floorTo(made, 30) && end - start <= AHEAD_MS;
      const paths = lookAhead
        ? [`${root}/${pathTime(start)}/fw48h${loc.suffix}`]
        : chunks(start, end, RANGE_MAX_MS).map(([s, e]) => `${root}/${pathTime(s)}/${pathTime(e)}${loc.suffix}`);
      const periods: Period[] = [];
      for (const path of paths) periods.push(...(await fetchPeriods(path, regional, opts?.signal)));
      const points = periods.flatMap(toPoint);
      const empty = periods.length - points.length;
      return {
        zone: loc.zone,
        points: clipPoints(mergePoints(points), from, to),
        provider: 'uk-grid',
        fetchedAt: isoZ(made),
        source: `NESO Carbon Intensity API ${root}${lookAhead ? '/fw48h' : '/{from}/{to}'}${loc.suffix}${empty > 0 ? `; ${empty} half-hours without a value left as gaps` : ''}`,
      };
    },
  };
}

function toPoint(p: Period): IntensityPoint[] {
  const actual = p.intensity.actual ?? null;
  const value = actual ?? p.intensity.forecast;
  const minutes = (p.to - p.from) / MINUTE_MS;
  if (value === null || !(minutes > 0)) return [];
  return [{
    start: isoZ(p.from),
    durationMinutes: minutes,
    gCO2ePerKWh: value,
    kind: actual === null ? 'forecast' : 'actual',
    signal: 'average',
    estimated: false,
  }];
}
