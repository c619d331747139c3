import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, fakeUkGrid, gridValue } from '../../../test/helpers/fake-grid-servers.js';
import { runProviderContract } from '../contract.js';
import { ukGrid, ukLocation, type UkGridOptions } from './index.js';
import { failure } from '../../../test/helpers/errors.js';

const NOW = new Date('2024-06-01T12:40:00Z');
const now = () => NOW;
const q = (zone: string, from: string, to: string) => ({ zone, from: new Date(from), to: new Date(to) });
const fast = { backoffMs: 1, timeoutMs: 10_000 };

const contract = (name: string, zone: string, from: string, to: string) =>
  runProviderContract({
    name: `uk-grid (${name})`,
    make: async () => {
      const server = await fakeUkGrid({ now: NOW });
      return { provider: ukGrid({ baseUrl: server.url, now, ...fast }), query: q(zone, from, to), close: () => server.close() };
    },
  });
contract('national, past', 'GB', '2024-05-30T00:00Z', '2024-05-31T00:00Z');
contract('national, past and future', 'GB', '2024-06-01T09:10Z', '2024-06-01T15:50Z');
contract('regional by id', 'GB-13', '2024-05-30T00:00Z', '2024-05-31T00:00Z');
contract('regional by postcode, look-ahead', 'GB-PC-RG10', '2024-06-01T13:00Z', '2024-06-02T13:00Z');

describe('UK grid provider', () => {
  let server: FakeServer;
  const make = (extra: Partial<UkGridOptions> = {}) => ukGrid({ baseUrl: server.url, now, ...fast, ...extra });
  beforeAll(async () => {
    server = await fakeUkGrid({ now: NOW, actualNullAt: ['2024-05-30T01:00:00Z'], bothNullAt: ['2024-05-30T02:00:00Z'] });
  });
  afterAll(() => server.close());
  const last = () => server.requests.at(-1)!;

  it('uses actual where the API has it, forecast otherwise, and leaves a double null as a gap', async () => {
    const s = await make().series(q('GB', '2024-05-30T00:00Z', '2024-05-30T03:00Z'));
    expect(last().path).toBe('/intensity/2024-05-30T00:00Z/2024-05-30T03:00Z');
    expect(s.points.map((p) => [p.start.slice(11, 16), p.kind])).toEqual([
      ['00:00', 'actual'], ['00:30', 'actual'], ['01:00', 'forecast'], ['01:30', 'actual'], ['02:30', 'actual'],
    ]);
    expect(s.points[0]!.gCO2ePerKWh).toBe(Math.round(gridValue(Date.parse('2024-05-30T00:00Z'))));
    expect(s.points[2]!.gCO2ePerKWh).toBe(Math.round(gridValue(Date.parse('2024-05-30T01:00Z')) + 7));
    expect(s.source).toContain('1 half-hours without a value');
  });

  it('drops the half-hour ending at `from` that the API also returns', async () => {
    const s = await make().series(q('GB', '2024-05-30T10:00Z', '2024-05-30T11:00Z'));
    expect(s.points.map((p) => p.start)).toEqual(['2024-05-30T10:00:00Z', '2024-05-30T10:30:00Z']);
  });

  it('has 48 continuous UTC half-hours on the clock-change day (2024-03-31)', async () => {
    const s = await make().series(q('GB', '2024-03-31T00:00Z', '2024-04-01T00:00Z'));
    expect(s.points).toHaveLength(48);
    s.points.forEach((p, i) => expect(Date.parse(p.start)).toBe(Date.parse('2024-03-31T00:00Z') + i * 1_800_000));
  });

  it('reads regional forecasts by id and by postcode, and national for a cloud region in GB', async () => {
    const byId = await make().series(q('GB-13', '2024-05-30T00:00Z', '2024-05-30T01:00Z'));
    expect(last().path).toBe('/regional/intensity/2024-05-30T00:00Z/2024-05-30T01:00Z/regionid/13');
    expect(byId.points.every((p) => p.kind === 'forecast')).toBe(true);
    const byPostcode = await make().series(q('gb-pc-rg10', '2024-06-01T13:00Z', '2024-06-01T14:00Z'));
    expect(last().path).toBe('/regional/intensity/2024-06-01T13:00Z/fw48h/postcode/RG10');
    expect(byPostcode.zone).toBe('GB-PC-RG10');
    expect((await make().series(q('azure:uksouth', '2024-06-01T13:00Z', '2024-06-01T14:00Z'))).zone).toBe('GB');
    expect(last().path).toBe('/intensity/2024-06-01T13:00Z/fw48h');
  });

  it('cuts ranges longer than 14 days', async () => {
    const before = server.requests.length;
    const s = await make().series(q('GB', '2024-04-01T00:00Z', '2024-04-21T00:00Z'));
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      '/intensity/2024-04-01T00:00Z/2024-04-15T00:00Z',
      '/intensity/2024-04-15T00:00Z/2024-04-21T00:00Z',
    ]);
    expect(s.points).toHaveLength(20 * 48);
  });

  it('retries a 429, and reports invalid JSON as E_PROVIDER', async () => {
    server.queue('/intensity/', { status: 429, headers: { 'retry-after': '0' } });
    expect((await make().series(q('GB', '2024-05-30T00:00Z', '2024-05-30T01:00Z'))).points).toHaveLength(2);
    server.queue('/intensity/', { raw: 'Service Unavailable' });
    expect((await failure(make().series(q('GB', '2024-05-30T00:00Z', '2024-05-30T01:00Z')))).message).toMatch(/^UK Carbon Intensity API returned invalid JSON/);
  });

  it('names the zone forms it accepts', () => {
    expect(ukLocation('GB-17')).toEqual({ zone: 'GB-17', suffix: '/regionid/17' });
    for (const bad of ['GB-18', 'GB-0', 'FR', 'GB-PC-12']) {
      expect(() => ukLocation(bad)).toThrow(expect.objectContaining({ code: 'E_ZONE_UNKNOWN', message: expect.stringContaining('GB-PC-') }));
    }
  });
});
