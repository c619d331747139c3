/**
 * WattTime API v3 (https://docs.watttime.org/): marginal operating emissions rate (MOER) per WattTime
 * region (`CAISO_NORTH`, `PJM_DC`, …; the zone is WattTime's own region code, passed as given).
 *
 * `GET /login` with HTTP basic auth returns a bearer token (valid ~30 minutes); on a 401 the token is
 * renewed once and the request repeated; a second 401 is `E_PROVIDER_AUTH`. The past comes from
 * `/v3/historical` (in pieces of at most 30 days), the future from `/v3/forecast` (≤ 72 h), both
 * `signal_type=co2_moer` in 5-minute points of lbs CO2/MWh, converted to g/kWh: × 453.59237 / 1000.
 */
import { z } from 'zod';
import { GreenopsError, isGreenopsError } from '../../core/errors.js';
import { getJson, type HttpOptions } from '../http.js';
import { checkQuery, chunks, clipPoints, mergePoints, throwIfAborted } from '../series.js';
import { HOUR_MS, isoZ } from '../time.js';
import { zInstant } from '../zod-instant.js';
import type { IntensityKind, IntensityPoint, IntensityProvider } from '../types.js';

export interface WattTimeOptions extends HttpOptions {
  readonly username: string;
  readonly password: string;
  readonly now?: () => Date;
}

const NAME = 'WattTime';
/**
 * One pound in grams (exact, by definition); lbs/MWh → g/kWh is × this / 1000.
 *
 * @example (1000 * GRAMS_PER_POUND) / 1000 // 453.59237 g/kWh for 1000 lbs/MWh
 */
export const GRAMS_PER_POUND = 453.59237;
const HISTORICAL_MAX_MS = 30 * 24 * HOUR_MS;
const FORECAST_MAX_HOURS = 72;
const UNITS = 'lbs_co2_per_mwh';

const loginSchema = z.object({ token: z.string().min(1) });
const signalSchema = z.object({
  data: z.array(z.object({ point_time: zInstant, value: z.number().nonnegative().nullable() })),
  meta: z.object({ units: z.string(), data_point_period_seconds: z.number().positive().optional() }),
});
type SignalBody = z.infer<typeof signalSchema>;

/**
 * @example
 * const wt = wattTime({ username, password });
 * const s = await wt.series({ zone: 'CAISO_NORTH', from: new Date(), to: new Date(Date.now() + 6 * 3600e3) });
 */
export function wattTime(options: WattTimeOptions): IntensityProvider {
  const baseUrl = options.baseUrl ?? 'https://api.watttime.org';
  const now = options.now ?? (() => new Date());
  let token: string | undefined;

  const login = async (signal?: AbortSignal): Promise<string> => {
    const basic = Buffer.from(`${options.username}:${options.password}`).toString('base64');
    const body = await getJson({ provider: NAME, baseUrl, path: '/login', schema: loginSchema, signal, headers: { authorization: `Basic ${basic}` } }, options);
    token = body.token;
    return body.token;
  };
  const fetchSignal = async (path: string, query: Record<string, string>, signal?: AbortSignal): Promise<SignalBody> => {
    const once = async (t: string): Promise<SignalBody> =>
      getJson({ provider: NAME, baseUrl, path, query, schema: signalSchema, signal, headers: { authorization: `Bearer ${t}` } }, options);
    const current = token ?? (await login(signal));
    try {
      return await once(current);
    } catch (e) {
      if (!isGreenopsError(e) || e.code !== 'E_PROVIDER_AUTH' || e.data['status'] !== 401) throw e;
    }
    // The token expired (they last ~30 minutes): log in again, once. Login failures surface as they are.
    const fresh = await login(signal);
    try {
      return await once(fresh);
    } catch (e) {
      if (!isGreenopsError(e) || e.code !== 'E_PROVIDER_AUTH') throw e;
      throw new GreenopsError('E_PROVIDER_AUTH', `${NAME} refused a freshly issued token at ${path}; check the account's access to this region and signal`, { data: e.data, cause: e });
    }
  };

  return {
    id: 'watttime',
    async series(query, opts) {
      throwIfAborted(opts?.signal, 'watttime');
      const { from, to } = checkQuery(query);
      const region = query.zone.trim();
      const made = now().getTime();
      const points: IntensityPoint[] = [];
      const used: string[] = [];
      const pastTo = Math.min(to, made);
      if (from < pastTo) used.push('historical');
      for (const [s, e] of from < pastTo ? chunks(from, pastTo, HISTORICAL_MAX_MS) : []) {
        const body = await fetchSignal('/v3/historical', { region, signal_type: 'co2_moer', start: isoZ(s), end: isoZ(e) }, opts?.signal);
        points.push(...toPoints(body, 'actual'));
      }
      if (to > made) {
        used.push('forecast');
        const hours = Math.min(FORECAST_MAX_HOURS, Math.max(1, Math.ceil((to - made) / HOUR_MS)));
        const body = await fetchSignal('/v3/forecast', { region, signal_type: 'co2_moer', horizon_hours: String(hours) }, opts?.signal);
        points.push(...toPoints(body, 'forecast'));
      }
      return {
        zone: region,
        points: clipPoints(mergePoints(points), from, to),
        provider: 'watttime',
        fetchedAt: isoZ(made),
        source: `WattTime API v3 ${used.join('+')} co2_moer (${UNITS} × ${GRAMS_PER_POUND}/1000 → g/kWh)`,
      };
    },
  };
}

function toPoints(body: SignalBody, kind: IntensityKind): IntensityPoint[] {
  if (body.meta.units !== UNITS) {
    throw new GreenopsError('E_PROVIDER', `${NAME} answered in ${JSON.stringify(body.meta.units)}, expected ${UNITS}`, {
      data: { provider: NAME, expected: UNITS, found: body.meta.units },
    });
  }
  const durationMinutes = (body.meta.data_point_period_seconds ?? 300) / 60;
  return body.data.flatMap((d) => d.value === null ? [] : [{
    start: isoZ(d.point_time),
    durationMinutes,
    gCO2ePerKWh: (d.value * GRAMS_PER_POUND) / 1000,
    kind,
    signal: 'marginal' as const,
    estimated: false,
  }]);
}
