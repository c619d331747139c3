import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, fakeElectricityMaps } from '../../test/helpers/fake-grid-servers.js';
import type { IntensityCache } from './cache.js';
import { electricityMaps } from './electricitymaps/index.js';
import { createMemoryCache } from './memory-cache.js';
import { resolveSeries } from './resolve.js';
import { staticProvider } from './static/index.js';
import type { IntensityProvider } from './types.js';
import { failure } from '../../test/helpers/errors.js';

const NOW = new Date('2024-06-01T12:30:00Z');
const now = () => NOW;
const TOKEN = 'resolve-token-abc';
const q = (zone: string, from: string, to: string) => ({ zone, from: new Date(from), to: new Date(to) });
const day = q('DE', '2024-05-20T00:00Z', '2024-05-21T00:00Z');

describe('resolveSeries', () => {
  let server: FakeServer;
  let primary: IntensityProvider;
  const fallback = staticProvider({ now });
  const failNext = () => server.queue('/v3/', { status: 500 }, { status: 500 });
  beforeAll(async () => {
    server = await fakeElectricityMaps({ now: NOW, token: TOKEN });
    primary = electricityMaps({ token: TOKEN, baseUrl: server.url, now, retries: 1, backoffMs: 1 });
  });
  afterAll(() => server.close());

  it('returns the primary series and writes it to the cache', async () => {
    const cache = createMemoryCache();
    const s = await resolveSeries(day, { primary, fallback, cache });
    expect(s.provider).toBe('electricitymaps');
    expect(s.fallback).toBeUndefined();
    expect(cache.size()).toBe(24);
  });

  it('falls back to cached points covering the period when the primary fails', async () => {
    const cache = createMemoryCache();
    await resolveSeries(q('aws:eu-central-1', '2024-05-20T00:00Z', '2024-05-21T00:00Z'), { primary, fallback, cache });
    failNext();
    const s = await resolveSeries(q('aws:eu-central-1', '2024-05-20T06:00Z', '2024-05-20T12:00Z'), { primary, fallback, cache });
    expect(s.fallback).toMatchObject({ requested: 'electricitymaps', used: 'cache' });
    expect(s.fallback?.reason).toMatch(/^E_PROVIDER: Electricity Maps: HTTP 500/);
    expect(s.provider).toBe('electricitymaps');
    expect(s.points).toHaveLength(6);
  });

  it('uses the static factor when the cache covers only part of the period', async () => {
    const cache = createMemoryCache();
    await resolveSeries(q('DE', '2024-05-20T00:00Z', '2024-05-20T12:00Z'), { primary, fallback, cache });
    failNext();
    const s = await resolveSeries(day, { primary, fallback, cache });
    expect(s.fallback?.used).toBe('static');
    expect(s.provider).toBe('static');
    expect(s.points).toHaveLength(24);
  });

  it('uses the static factor without a cache, and says why', async () => {
    failNext();
    const s = await resolveSeries(day, { primary, fallback });
    expect(s.fallback).toMatchObject({ requested: 'electricitymaps', used: 'static' });
    expect(s.source).toContain('grid:gcp:europe-west3');
  });

  it('treats a series without points as a failure', async () => {
    const empty: IntensityProvider = { id: 'empty', series: async (x) => ({ zone: x.zone, points: [], provider: 'empty', fetchedAt: '2024-06-01T12:30:00Z' }) };
    const s = await resolveSeries(day, { primary: empty, fallback });
    expect(s.fallback?.reason).toMatch(/^E_SERIES_GAP: empty returned no points/);
  });

  it('does not hide bad input or a caller abort behind a fallback', async () => {
    const e = await failure(resolveSeries(q('DE', '2024-05-21T00:00Z', '2024-05-20T00:00Z'), { primary, fallback }));
    expect(e.code).toBe('E_INPUT_VALUE');
    const ac = new AbortController();
    ac.abort();
    expect((await failure(resolveSeries(day, { primary, fallback, signal: ac.signal }))).message).toContain('aborted');
  });

  it('throws a failed cache write unless told where to report it', async () => {
    const broken: IntensityCache = { get: async () => { throw new Error('disk gone'); }, put: async () => { throw new Error('disk full'); } };
    await expect(resolveSeries(day, { primary, fallback, cache: broken })).rejects.toThrow('disk full');
    const seen: unknown[] = [];
    const s = await resolveSeries(day, { primary, fallback, cache: broken, onCacheError: (e) => seen.push(e) });
    expect(s.fallback).toBeUndefined();
    expect(seen).toHaveLength(1);
    failNext();
    const f = await resolveSeries(day, { primary, fallback, cache: broken });
    expect(f.fallback?.reason).toContain('cache: disk gone');
  });

  it('says what the primary did when the static factor fails too', async () => {
    const down: IntensityProvider = { id: 'watttime', series: async () => { throw new Error('connection reset'); } };
    const e = await failure(resolveSeries(q('CAISO_NORTH', '2024-05-20T00:00Z', '2024-05-21T00:00Z'), { primary: down, fallback }));
    expect(e.code).toBe('E_ZONE_UNKNOWN');
    expect(e.message).toContain('(after watttime failed: connection reset)');
  });
});
