/**
 * Real HTTP servers on 127.0.0.1 (port 0) that answer like the grid APIs, from their documented JSON
 * shapes, with deterministic values. Failures are scripted per path prefix with `queue(…)`: a 429
 * with `Retry-After`, 500s, invalid JSON, a slow answer, a 401.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

export interface FakeResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON; ignored when `raw` is given. */
  readonly json?: unknown;
  readonly raw?: string;
  /** Wait this long before answering (for timeouts). */
  readonly delayMs?: number;
}

export interface FakeServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Serve `responses`, one per request, to the next requests whose path starts with `prefix`. */
  queue(prefix: string, ...responses: FakeResponse[]): void;
  close(): Promise<void>;
}

export const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const floor = (ms: number, step: number): number => Math.floor(ms / step) * step;

/** A smooth daily cycle between 50 and 250 gCO2e/kWh, the same for every zone. */
export function gridValue(ms: number): number {
  const h = (ms / HOUR) % 24;
  return Math.round((150 + 100 * Math.sin((2 * Math.PI * h) / 24)) * 100) / 100;
}

export async function startFakeServer(handler: (req: RecordedRequest) => FakeResponse): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queued: Array<{ prefix: string; response: FakeResponse }> = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const r: RecordedRequest = { method: req.method ?? 'GET', path: decodeURIComponent(u.pathname), query: u.searchParams, headers: req.headers };
    requests.push(r);
    const i = queued.findIndex((q) => r.path.startsWith(q.prefix));
    let answer: FakeResponse;
    try {
      answer = i >= 0 ? queued.splice(i, 1)[0]!.response : handler(r);
    } catch (e) {
      answer = { status: 400, json: { error: e instanceof Error ? e.message : String(e) } };
    }
    const send = (): void => {
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.raw ?? JSON.stringify(answer.json ?? {}));
    };
    if (answer.delayMs === undefined) return send();
    const t = setTimeout(() => {
      timers.delete(t);
      if (!res.destroyed) send();
    }, answer.delayMs);
    timers.add(t);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    queue: (prefix, ...responses) => queued.push(...responses.map((response) => ({ prefix, response }))),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const need = (q: URLSearchParams, name: string): string => {
  const v = q.get(name);
  if (v === null) throw new Error(`missing query parameter ${name}`);
  return v;
};
const instant = (text: string): number => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`bad datetime ${text}`);
  return ms;
};
const hours = (from: number, to: number, step = HOUR): number[] => {
  const out: number[] = [];
  for (let t = from; t < to; t += step) out.push(t);
  return out;
};

export interface FakeElectricityMapsOptions {
  readonly now: Date;
  readonly token: string;
  /** Hours (ISO) whose `carbonIntensity` is null. */
  readonly nullAt?: readonly string[];
  /** Hours left out of every answer. */
  readonly missingAt?: readonly string[];
  /** Hours with `isEstimated: true`. */
  readonly estimatedAt?: readonly string[];
}

/** Electricity Maps API v3: `carbon-intensity/latest|history|forecast|past-range`, header `auth-token`. */
export function fakeElectricityMaps(o: FakeElectricityMapsOptions): Promise<FakeServer> {
  const has = (list: readonly string[] | undefined, ms: number): boolean => (list ?? []).some((s) => Date.parse(s) === ms);
  const reading = (zone: string, ms: number): Record<string, unknown> => ({
    zone,
    carbonIntensity: has(o.nullAt, ms) ? null : gridValue(ms),
    datetime: iso(ms),
    updatedAt: iso(o.now.getTime()),
    createdAt: iso(ms),
    emissionFactorType: 'lifecycle',
    isEstimated: has(o.estimatedAt, ms),
    estimationMethod: has(o.estimatedAt, ms) ? 'TIME_SLICER_AVERAGE' : null,
  });
  const readings = (zone: string, list: number[]): Array<Record<string, unknown>> =>
    list.filter((ms) => !has(o.missingAt, ms)).map((ms) => reading(zone, ms));
  const nowHour = floor(o.now.getTime(), HOUR);
  return startFakeServer((r) => {
    if (r.headers['auth-token'] !== o.token) return { status: 401, json: { message: 'Unauthorized' } };
    const zone = need(r.query, 'zone');
    switch (r.path) {
      case '/v3/carbon-intensity/latest':
        return { json: reading(zone, nowHour) };
      case '/v3/carbon-intensity/history':
        return { json: { zone, history: readings(zone, hours(nowHour - 23 * HOUR, nowHour + HOUR)) } };
      case '/v3/carbon-intensity/forecast':
        return { json: { zone, forecast: readings(zone, hours(nowHour, nowHour + 72 * HOUR)).map((x) => ({ carbonIntensity: x['carbonIntensity'], datetime: x['datetime'] })), updatedAt: iso(o.now.getTime()) } };
      case '/v3/carbon-intensity/past-range': {
        const start = instant(need(r.query, 'start'));
        const end = instant(need(r.query, 'end'));
        if (end - start > 240 * HOUR) return { status: 400, json: { error: 'The time range is limited to 10 days' } };
        return { json: { zone, data: readings(zone, hours(start, end)) } };
      }
      default:
        return { status: 404, json: { error: 'not found' } };
    }
  });
}

export interface FakeWattTime extends FakeServer {
  /** The token now held by the client stops working (as after 30 minutes). */
  expireToken(): void;
  readonly logins: () => number;
}

/** WattTime v3: `/login` (basic auth → token), `/v3/forecast`, `/v3/historical`, 5-minute co2_moer in lbs/MWh. */
export async function fakeWattTime(o: { now: Date; username: string; password: string; units?: string }): Promise<FakeWattTime> {
  let valid: string | undefined;
  let n = 0;
  const lbs = (ms: number): number => Math.round(gridValue(ms) * 4 * 10) / 10;
  const body = (region: string, points: number[]): FakeResponse => ({
    json: {
      data: points.map((ms) => ({ point_time: iso(ms).replace('.000Z', '+00:00'), value: lbs(ms) })),
      meta: { data_point_period_seconds: 300, region, signal_type: 'co2_moer', units: o.units ?? 'lbs_co2_per_mwh', generated_at: iso(o.now.getTime()), model: { date: '2024-01-01' } },
    },
  });
  const basic = `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`;
  const server = await startFakeServer((r) => {
    if (r.path === '/login') {
      if (r.headers.authorization !== basic) return { status: 401, raw: 'Unauthorized' };
      n++;
      valid = `token-${n}`;
      return { json: { token: valid } };
    }
    if (valid === undefined || r.headers.authorization !== `Bearer ${valid}`) return { status: 401, json: { error: 'token expired' } };
    if (need(r.query, 'signal_type') !== 'co2_moer') return { status: 400, json: { error: 'signal_type' } };
    const region = need(r.query, 'region');
    const step = 5 * 60_000;
    if (r.path === '/v3/forecast') {
      const start = floor(o.now.getTime(), step);
      return body(region, hours(start, start + Number(r.query.get('horizon_hours') ?? '24') * HOUR, step));
    }
    if (r.path === '/v3/historical') {
      const start = instant(need(r.query, 'start'));
      const end = instant(need(r.query, 'end'));
      if (end - start > 32 * 24 * HOUR) return { status: 400, json: { error: 'at most 32 days per request' } };
      return body(region, hours(Math.ceil(start / step) * step, end, step));
    }
    return { status: 404, json: { error: 'not found' } };
  });
  return { ...server, expireToken: () => { valid = `${valid}-expired`; }, logins: () => n };
}

export interface FakeUkGridOptions {
  readonly now: Date;
  /** Half-hour starts (ISO) with `actual: null` even in the past. */
  readonly actualNullAt?: readonly string[];
  /** Half-hour starts with both values null. */
  readonly bothNullAt?: readonly string[];
}

/** UK Carbon Intensity API: national and regional, `{from}/{to}` and `{from}/fw48h`. */
export function fakeUkGrid(o: FakeUkGridOptions): Promise<FakeServer> {
  const half = 30 * 60_000;
  const has = (list: readonly string[] | undefined, ms: number): boolean => (list ?? []).some((s) => Date.parse(s) === ms);
  const t = (ms: number): string => `${iso(ms).slice(0, 16)}Z`;
  const past = (ms: number): boolean => ms < floor(o.now.getTime(), half);
  const period = (ms: number, regional: boolean): Record<string, unknown> => {
    const none = has(o.bothNullAt, ms);
    const forecast = none ? null : Math.round(gridValue(ms) + 7);
    const actual = none || !past(ms) || has(o.actualNullAt, ms) ? null : Math.round(gridValue(ms));
    const intensity = regional ? { forecast, index: 'moderate' } : { forecast, actual, index: 'moderate' };
    return { from: t(ms), to: t(ms + half), intensity, ...(regional ? { generationmix: [{ fuel: 'wind', perc: 40 }] } : {}) };
  };
  return startFakeServer((r) => {
    const m = /^\/(regional\/)?intensity\/([^/]+)\/([^/]+)(?:\/(regionid|postcode)\/([^/]+))?$/.exec(r.path);
    if (m === null) return { status: 404, json: { error: { code: '404', message: 'not found' } } };
    const [, regionalPart, fromText, toText, kind, id] = m;
    const regional = regionalPart !== undefined;
    if (regional !== (kind !== undefined)) return { status: 400, json: { error: { code: '400', message: 'bad path' } } };
    const from = instant(fromText!);
    const to = toText === 'fw48h' ? from + 48 * HOUR : instant(toText!);
    if (to - from > 14 * 24 * HOUR) return { status: 400, json: { error: { code: '400 Bad Request', message: 'Maximum date range is 14 days' } } };
    // Like the real API, the answer also holds the half-hour that ends at `from`.
    const periods = hours(floor(from, half) - half, to, half).map((ms) => period(ms, regional));
    if (!regional) return { json: { data: periods } };
    const region = { regionid: kind === 'regionid' ? Number(id) : 12, dnoregion: 'SSE South', shortname: 'South England' };
    return kind === 'postcode'
      ? { json: { data: [{ ...region, postcode: id, data: periods }] } }
      : { json: { data: { ...region, data: periods } } };
  });
}
