import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FakeServer, startFakeServer } from '../../test/helpers/fake-grid-servers.js';
import { getJson, parseRetryAfter, type HttpOptions } from './http.js';
import { failure } from '../../test/helpers/errors.js';

const schema = z.object({ ok: z.literal(true), n: z.number() });
const SECRET = 'sk-very-secret-token';

describe('getJson', () => {
  let server: FakeServer;
  const waits: number[] = [];
  // Waits are recorded and made tiny; the retry logic itself runs for real.
  const http: HttpOptions = { retries: 2, backoffMs: 1, timeoutMs: 10_000, sleep: async (ms) => { waits.push(ms); } };
  const get = (path: string, extra: Partial<HttpOptions> = {}) =>
    getJson({ provider: 'Test API', baseUrl: server.url, path, schema, headers: { 'auth-token': SECRET } }, { ...http, ...extra });

  beforeAll(async () => {
    server = await startFakeServer(() => ({ json: { ok: true, n: 1 } }));
  });
  afterAll(() => server.close());

  it('returns the validated body and sends the headers', async () => {
    await expect(get('/a')).resolves.toEqual({ ok: true, n: 1 });
    expect(server.requests.at(-1)?.headers['auth-token']).toBe(SECRET);
  });

  it('retries a 429 after the Retry-After delay, then succeeds', async () => {
    waits.length = 0;
    server.queue('/rate', { status: 429, headers: { 'retry-after': '2' } });
    await expect(get('/rate')).resolves.toEqual({ ok: true, n: 1 });
    expect(waits).toEqual([2000]);
  });

  it('backs off exponentially on 5xx and gives up after the retries', async () => {
    waits.length = 0;
    server.queue('/down', { status: 500 }, { status: 502 }, { status: 503 });
    const e = await failure(get('/down', { backoffMs: 100 }));
    expect(e.code).toBe('E_PROVIDER');
    expect(e.message).toMatch(/Test API: HTTP 503 .*gave up after 3 attempts/);
    expect(e.data['attempts']).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeLessThanOrEqual(200);
  });

  it('fails at once when Retry-After asks for more than the longest wait', async () => {
    server.queue('/slowdown', { status: 429, headers: { 'retry-after': '3600' } });
    const e = await failure(get('/slowdown', { maxDelayMs: 10_000 }));
    expect(e.message).toContain('asked to wait 3600 s');
  });

  it('turns invalid JSON into E_PROVIDER naming the provider', async () => {
    server.queue('/garbage', { raw: '<html>oops' });
    const e = await failure(get('/garbage'));
    expect(e.code).toBe('E_PROVIDER');
    expect(e.message).toMatch(/^Test API returned invalid JSON from http:\/\/127\.0\.0\.1:\d+\/garbage/);
  });

  it('turns a body of the wrong shape into E_PROVIDER saying what was wrong', async () => {
    server.queue('/shape', { json: { ok: true, n: 'one' } });
    const e = await failure(get('/shape'));
    expect(e.code).toBe('E_PROVIDER');
    expect(e.message).toMatch(/unexpected response .*n: /);
  });

  it.each([401, 403])('reports %i as E_PROVIDER_AUTH without retrying or echoing the token', async (status) => {
    const before = server.requests.length;
    server.queue('/auth', { status, json: { message: `bad token ${SECRET}` } });
    const e = await failure(get('/auth'));
    expect(e.code).toBe('E_PROVIDER_AUTH');
    expect(server.requests.length - before).toBe(1);
    expect(JSON.stringify(e.toJSON())).not.toContain(SECRET);
  });

  it('reports another 4xx as E_PROVIDER without retrying', async () => {
    const before = server.requests.length;
    server.queue('/missing', { status: 404, json: { error: `zone not found for ${SECRET}` } });
    const e = await failure(get('/missing'));
    expect(e.message).toMatch(/HTTP 404 .*zone not found for \*\*\*/);
    expect(e.message).not.toContain(SECRET);
    expect(server.requests.length - before).toBe(1);
  });

  it('times out a slow answer, retries, and gives up with E_PROVIDER', async () => {
    server.queue('/slow', { delayMs: 2000 }, { delayMs: 2000 });
    const e = await failure(get('/slow', { timeoutMs: 40, retries: 1 }));
    expect(e.code).toBe('E_PROVIDER');
    expect(e.message).toContain('no answer within 40 ms');
  });

  it('retries network errors and then names the error code', async () => {
    const dead = await startFakeServer(() => ({}));
    const url = dead.url;
    await dead.close();
    const e = await failure(getJson({ provider: 'Test API', baseUrl: url, path: '/x', schema }, { ...http, retries: 1 }));
    expect(e.message).toMatch(/network error \(ECONNREFUSED\).*2 attempts/);
  });

  it('keeps a base URL path and never shows the query string', async () => {
    await getJson({ provider: 'Test API', baseUrl: `${server.url}/api/`, path: '/v3/x', query: { key: SECRET }, schema }, http);
    expect(server.requests.at(-1)?.path).toBe('/api/v3/x');
    server.queue('/api/v3/x', { status: 400 });
    const e = await failure(getJson({ provider: 'Test API', baseUrl: `${server.url}/api`, path: '/v3/x', query: { key: SECRET }, schema }, http));
    expect(e.message).not.toContain(SECRET);
  });

  it('stops when the caller aborts', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await failure(getJson({ provider: 'Test API', baseUrl: server.url, path: '/a', schema, signal: ac.signal }, http));
    expect(e.message).toContain('aborted');
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 31 Dec 2023 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
