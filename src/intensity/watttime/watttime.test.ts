import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWattTime, fakeWattTime, gridValue } from '../../../test/helpers/fake-grid-servers.js';
import { runProviderContract } from '../contract.js';
import { GRAMS_PER_POUND, wattTime, type WattTimeOptions } from './index.js';
import { failure } from '../../../test/helpers/errors.js';

const NOW = new Date('2024-06-01T12:30:00Z');
const now = () => NOW;
const USER = { username: 'alice', password: 'pa55-word-secret' };
const q = (zone: string, from: string, to: string) => ({ zone, from: new Date(from), to: new Date(to) });
const fast = { backoffMs: 1, timeoutMs: 10_000 };

const contract = (name: string, from: string, to: string) =>
  runProviderContract({
    name: `watttime (${name})`,
    make: async () => {
      const server = await fakeWattTime({ now: NOW, ...USER });
      return { provider: wattTime({ ...USER, baseUrl: server.url, now, ...fast }), query: q('CAISO_NORTH', from, to), close: () => server.close() };
    },
  });
contract('historical', '2024-05-31T00:00Z', '2024-06-01T00:00Z');
contract('forecast', '2024-06-01T12:30Z', '2024-06-01T18:00Z');
contract('historical + forecast', '2024-06-01T10:00Z', '2024-06-01T14:00Z');

describe('WattTime provider', () => {
  let server: FakeWattTime;
  const make = (extra: Partial<WattTimeOptions> = {}) => wattTime({ ...USER, baseUrl: server.url, now, ...fast, ...extra });
  beforeAll(async () => {
    server = await fakeWattTime({ now: NOW, ...USER });
  });
  afterAll(() => server.close());

  it('converts lbs/MWh to g/kWh, 5-minute marginal points, with the region as the zone', async () => {
    const s = await make().series(q('CAISO_NORTH', '2024-05-01T00:00Z', '2024-05-01T01:00Z'));
    expect(s.zone).toBe('CAISO_NORTH');
    expect(s.points).toHaveLength(12);
    const lbs = Math.round(gridValue(Date.parse('2024-05-01T00:00Z')) * 4 * 10) / 10;
    expect(s.points[0]!.gCO2ePerKWh).toBeCloseTo((lbs * 453.59237) / 1000, 9);
    expect(GRAMS_PER_POUND).toBe(453.59237);
    expect(s.points.every((p) => p.signal === 'marginal' && p.durationMinutes === 5 && p.kind === 'actual')).toBe(true);
    const asked = server.requests.at(-1)!;
    expect(asked.path).toBe('/v3/historical');
    expect(asked.query.get('signal_type')).toBe('co2_moer');
    expect(asked.headers.authorization).toMatch(/^Bearer token-\d+$/);
  });

  it('asks the forecast for just enough hours', async () => {
    const s = await make().series(q('CAISO_NORTH', '2024-06-01T13:00Z', '2024-06-01T15:00Z'));
    expect(server.requests.at(-1)?.query.get('horizon_hours')).toBe('3');
    expect(s.points).toHaveLength(24);
    expect(s.points.every((p) => p.kind === 'forecast')).toBe(true);
  });

  it('keeps UTC continuous over a clock-change day', async () => {
    const s = await make().series(q('CAISO_NORTH', '2024-03-31T00:00Z', '2024-04-01T00:00Z'));
    expect(s.points).toHaveLength(288);
    expect(s.points.at(-1)?.start).toBe('2024-03-31T23:55:00Z');
  });

  it('logs in again once when the token has expired', async () => {
    const p = make();
    await p.series(q('CAISO_NORTH', '2024-05-01T00:00Z', '2024-05-01T00:10Z'));
    const logins = server.logins();
    server.expireToken();
    const s = await p.series(q('CAISO_NORTH', '2024-05-01T00:00Z', '2024-05-01T00:10Z'));
    expect(s.points).toHaveLength(2);
    expect(server.logins()).toBe(logins + 1);
  });

  it('gives E_PROVIDER_AUTH when a fresh token is refused too', async () => {
    server.queue('/v3/historical', { status: 401 }, { status: 401 });
    const e = await failure(make().series(q('CAISO_NORTH', '2024-05-01T00:00Z', '2024-05-01T00:10Z')));
    expect(e.code).toBe('E_PROVIDER_AUTH');
    expect(e.message).toContain('freshly issued token');
  });

  it('reports a wrong password as E_PROVIDER_AUTH without the password', async () => {
    const e = await failure(make({ password: 'wrong-password-789' }).series(q('CAISO_NORTH', '2024-05-01T00:00Z', '2024-05-01T00:10Z')));
    expect(e.code).toBe('E_PROVIDER_AUTH');
    expect(e.message).toContain('/login');
    expect(JSON.stringify(e.toJSON())).not.toMatch(/wrong-password|pa55/);
  });

  it('refuses units other than lbs_co2_per_mwh', async () => {
    const other = await fakeWattTime({ now: NOW, ...USER, units: 'kg_co2_per_mwh' });
    try {
      const e = await failure(wattTime({ ...USER, baseUrl: other.url, now, ...fast }).series(q('CAISO_NORTH', '2024-05-01T00:00Z', '2024-05-01T01:00Z')));
      expect(e.message).toMatch(/answered in "kg_co2_per_mwh", expected lbs_co2_per_mwh/);
    } finally {
      await other.close();
    }
  });

  it('retries a 503 and reports garbage as E_PROVIDER naming WattTime', async () => {
    server.queue('/v3/forecast', { status: 503 });
    expect((await make().series(q('CAISO_NORTH', '2024-06-01T13:00Z', '2024-06-01T14:00Z'))).points).toHaveLength(12);
    server.queue('/v3/forecast', { raw: '{"data": [' });
    expect((await failure(make().series(q('CAISO_NORTH', '2024-06-01T13:00Z', '2024-06-01T14:00Z')))).message).toMatch(/^WattTime returned invalid JSON/);
  });
});
