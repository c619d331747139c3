import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeElectricityMapsOptions, type FakeServer, fakeElectricityMaps, gridValue } from '../../../test/helpers/fake-grid-servers.js';
import { runProviderContract } from '../contract.js';
import { electricityMaps, type ElectricityMapsOptions } from './index.js';
import { failure } from '../../../test/helpers/errors.js';

const TOKEN = 'em-secret-token-123';
const NOW = new Date('2024-06-01T12:30:00Z');
const now = () => NOW;
const q = (zone: string, from: string, to: string) => ({ zone, from: new Date(from), to: new Date(to) });
const fast = { backoffMs: 1, timeoutMs: 10_000 };

const contract = (name: string, from: string, to: string, fake: Partial<FakeElectricityMapsOptions> = {}) =>
  runProviderContract({
    name: `electricitymaps (${name})`,
    make: async () => {
      const server = await fakeElectricityMaps({ now: NOW, token: TOKEN, ...fake });
      return { provider: electricityMaps({ token: TOKEN, baseUrl: server.url, now, ...fast }), query: q('DE', from, to), close: () => server.close() };
    },
  });
contract('past-range', '2024-05-20T00:00Z', '2024-05-22T00:00Z');
contract('history', '2024-05-31T18:00Z', '2024-06-01T12:00Z');
contract('forecast', '2024-06-01T13:00Z', '2024-06-02T13:00Z');
contract('history + forecast', '2024-06-01T06:15Z', '2024-06-01T18:45Z');

describe('Electricity Maps provider', () => {
  let server: FakeServer;
  const make = (extra: Partial<ElectricityMapsOptions> = {}) => electricityMaps({ token: TOKEN, baseUrl: server.url, now, ...fast, ...extra });
  beforeAll(async () => {
    server = await fakeElectricityMaps({
      now: NOW, token: TOKEN,
      nullAt: ['2024-05-10T03:00:00Z'], missingAt: ['2024-05-10T05:00:00Z'], estimatedAt: ['2024-05-10T01:00:00Z'],
    });
  });
  afterAll(() => server.close());
  const last = () => server.requests.at(-1)!;

  it('sends the auth-token header and asks for the zone of a region', async () => {
    const s = await make().series(q('aws:eu-central-1', '2024-06-01T10:00Z', '2024-06-01T12:00Z'));
    expect(s.zone).toBe('DE');
    expect(last().headers['auth-token']).toBe(TOKEN);
    expect(last().path).toBe('/v3/carbon-intensity/history');
    expect(last().query.get('zone')).toBe('DE');
    expect(s.points.map((p) => p.gCO2ePerKWh)).toEqual([gridValue(Date.parse('2024-06-01T10:00Z')), gridValue(Date.parse('2024-06-01T11:00Z'))]);
  });

  it('cuts long past ranges into pieces of at most 240 hours', async () => {
    const before = server.requests.length;
    const s = await make().series(q('DE', '2024-04-01T00:00Z', '2024-04-16T00:00Z'));
    const asked = server.requests.slice(before).map((r) => [r.path, r.query.get('start'), r.query.get('end')]);
    expect(asked).toEqual([
      ['/v3/carbon-intensity/past-range', '2024-04-01T00:00:00Z', '2024-04-11T00:00:00Z'],
      ['/v3/carbon-intensity/past-range', '2024-04-11T00:00:00Z', '2024-04-16T00:00:00Z'],
    ]);
    expect(s.points).toHaveLength(360);
  });

  it('keeps UTC continuous over the German clock change (2024-03-31)', async () => {
    const s = await make().series(q('DE', '2024-03-31T00:00Z', '2024-04-01T00:00Z'));
    expect(s.points).toHaveLength(24);
    s.points.forEach((p, i) => expect(Date.parse(p.start)).toBe(Date.parse('2024-03-31T00:00Z') + i * 3_600_000));
  });

  it('leaves nulls and missing hours as gaps, says so, and keeps isEstimated', async () => {
    const s = await make().series(q('DE', '2024-05-10T00:00Z', '2024-05-10T08:00Z'));
    expect(s.points.map((p) => p.start.slice(11, 13))).toEqual(['00', '01', '02', '04', '06', '07']);
    expect(s.points.find((p) => p.start === '2024-05-10T01:00:00Z')?.estimated).toBe(true);
    expect(s.source).toContain('1 hours without a value left as gaps');
  });

  it('marks forecast points and past ones by kind', async () => {
    const s = await make().series(q('DE', '2024-06-01T11:00Z', '2024-06-01T14:00Z'));
    expect(s.points.map((p) => p.kind)).toEqual(['actual', 'actual', 'forecast']);
    expect(s.source).toBe('Electricity Maps API v3 carbon-intensity/history+forecast (lifecycle)');
  });

  it('passes emissionFactorType when set', async () => {
    await make({ emissionFactorType: 'direct' }).series(q('DE', '2024-06-01T13:00Z', '2024-06-01T14:00Z'));
    expect(last().query.get('emissionFactorType')).toBe('direct');
  });

  it('reads the latest hour', async () => {
    const s = await make().latest('DE');
    expect(s.points).toEqual([expect.objectContaining({ start: '2024-06-01T12:00:00Z', kind: 'actual', durationMinutes: 60 })]);
  });

  it('retries a 429 and then succeeds', async () => {
    server.queue('/v3/carbon-intensity/forecast', { status: 429, headers: { 'retry-after': '0' } });
    const s = await make().series(q('DE', '2024-06-01T13:00Z', '2024-06-01T15:00Z'));
    expect(s.points).toHaveLength(2);
  });

  it('gives up after repeated 500s with E_PROVIDER', async () => {
    server.queue('/v3/carbon-intensity/forecast', { status: 500 }, { status: 500 }, { status: 500 });
    const e = await failure(make({ retries: 2 }).series(q('DE', '2024-06-01T13:00Z', '2024-06-01T15:00Z')));
    expect(e.code).toBe('E_PROVIDER');
    expect(e.message).toMatch(/^Electricity Maps: HTTP 500 .*gave up after 3 attempts/);
  });

  it('reports invalid JSON and invalid values as E_PROVIDER', async () => {
    server.queue('/v3/carbon-intensity/forecast', { raw: 'not json' });
    expect((await failure(make().series(q('DE', '2024-06-01T13:00Z', '2024-06-01T15:00Z')))).message).toContain('Electricity Maps returned invalid JSON');
    server.queue('/v3/carbon-intensity/forecast', { json: { zone: 'DE', forecast: [{ datetime: '2024-06-01T13:00:00.000Z', carbonIntensity: -5 }] } });
    expect((await failure(make().series(q('DE', '2024-06-01T13:00Z', '2024-06-01T15:00Z')))).message).toMatch(/unexpected response .*forecast\.0\.carbonIntensity/);
  });

  it('reports a refused token as E_PROVIDER_AUTH without the token', async () => {
    const e = await failure(make({ token: 'wrong-token-456' }).series(q('DE', '2024-06-01T13:00Z', '2024-06-01T15:00Z')));
    expect(e.code).toBe('E_PROVIDER_AUTH');
    expect(JSON.stringify(e.toJSON())).not.toMatch(/wrong-token-456|em-secret/);
  });

  it('times out a slow answer', async () => {
    server.queue('/v3/carbon-intensity/forecast', { delayMs: 3000 });
    const e = await failure(make({ timeoutMs: 50, retries: 0 }).series(q('DE', '2024-06-01T13:00Z', '2024-06-01T15:00Z')));
    expect(e.message).toContain('no answer within 50 ms');
  });
});
