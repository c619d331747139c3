import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeElectricityMaps, HOUR, type FakeServer } from '../../test/helpers/fake-grid-servers.js';
import { scratchDir } from '../../test/helpers/focus.js';
import { createMemoryCache } from '../intensity/index.js';
import { loadConfig, type Config } from './config.js';
import { fallbackLine, loadSeries } from './intensity-source.js';

const dir = scratchDir();
const config = (intensity?: unknown, env: NodeJS.ProcessEnv = {}): Promise<Config> => {
  const cwd = scratchDir();
  if (intensity !== undefined) writeFileSync(join(cwd, 'greenops.config.json'), JSON.stringify({ intensity }));
  return loadConfig({}, env, cwd);
};

function plainFile(name: string, zones: readonly string[], hours = 6): string {
  const lines = ['time,zone,gco2e_per_kwh'];
  for (const z of zones) for (let h = 0; h < hours; h++) lines.push(`2024-06-01T${String(h).padStart(2, '0')}:00:00Z,${z},${100 + h}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('intensity source: files', () => {
  it('takes the zone from a file that holds one, and its whole period when none is asked', async () => {
    const path = plainFile('one.csv', ['DE']);
    const [s] = await loadSeries({ zones: [], files: [path] }, await config(), { warn: () => undefined });
    expect([s?.input, s?.series.zone, s?.provider, s?.series.points.length]).toEqual(['DE', 'DE', 'file', 6]);
    expect(s?.source).toMatch(/plain CSV .*one\.csv/);
  });

  it('asks for --zone when a file holds several, and lists them for an unknown one', async () => {
    const path = plainFile('two.csv', ['DE', 'FR']);
    await expect(loadSeries({ zones: [], files: [path] }, await config(), { warn: () => undefined })).rejects.toThrow(/hold 2 zones \(DE, FR\); say which with --zone/);
    await expect(loadSeries({ zones: ['ES'], files: [path] }, await config(), { warn: () => undefined })).rejects.toThrow(/no intensity file has rows for zone "ES"; two\.csv holds DE, FR/);
    const [fr] = await loadSeries({ zones: ['fr'], files: [path] }, await config(), { warn: () => undefined });
    expect(fr?.series.points[0]?.gCO2ePerKWh).toBe(100);
  });

  it('says what a file covers when the period lies outside it', async () => {
    const path = plainFile('june.csv', ['DE']);
    const from = new Date('2025-01-01T00:00:00Z');
    await expect(loadSeries({ zones: ['DE'], files: [path], from, to: new Date(from.getTime() + HOUR) }, await config(), { warn: () => undefined }))
      .rejects.toThrow(/june\.csv covers DE from 2024-06-01T00:00:00Z to 2024-06-01T06:00:00Z/);
  });
});

describe('intensity source: providers', () => {
  const from = new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const to = new Date(from.getTime() + 6 * HOUR);

  it('defaults to the static factor and opens no store', async () => {
    let opened = 0;
    const [s] = await loadSeries({ zones: ['aws:eu-central-1'], from, to }, await config(), { warn: () => undefined, openCache: async () => { opened++; return { cache: createMemoryCache(), close: () => undefined }; } });
    expect([s?.provider, s?.series.zone, s?.series.points.length, opened]).toEqual(['static', 'DE', 6, 0]);
  });

  it('refuses an unknown zone with close matches', async () => {
    await expect(loadSeries({ zones: ['SE-SE9'], from, to }, await config(), { warn: () => undefined })).rejects.toThrow(/close matches: .*SE-SE3/);
  });

  it('asks a live provider with the token from the environment, and caches what it got', async () => {
    server = await fakeElectricityMaps({ now: new Date(), token: 'env-token' });
    const cfg = await config({ provider: 'electricitymaps', options: { baseUrl: server.url, retries: 0 } }, { GREENOPS_ELECTRICITYMAPS_TOKEN: 'env-token' });
    expect(cfg.intensity?.credentials['electricitymaps']).toEqual({ token: 'env-token' });
    const cache = createMemoryCache();
    const warnings: string[] = [];
    const [s] = await loadSeries({ zones: ['DE'], from, to }, cfg, { warn: (l) => warnings.push(l), openCache: async () => ({ cache, close: () => undefined }) });
    expect([s?.provider, s?.fallback, warnings]).toEqual(['electricitymaps', undefined, []]);
    expect(cache.size()).toBeGreaterThan(0);

    // The provider now answers garbage: the cached points stand in, and the line says why.
    server.queue('/v3/carbon-intensity', { raw: 'not json' }, { raw: 'not json' });
    const [again] = await loadSeries({ zones: ['DE'], from, to }, cfg, { warn: (l) => warnings.push(l), openCache: async () => ({ cache, close: () => undefined }) });
    expect(again?.fallback?.used).toBe('cache');
    expect(warnings[0]).toMatch(/^warning: electricitymaps failed for DE \(E_PROVIDER: Electricity Maps returned invalid JSON.*\); using points of electricitymaps cached earlier/);
    expect(warnings.join('\n')).not.toContain('env-token');
  });

  it('falls back to the static factor when the provider fails and nothing is cached', async () => {
    server = await fakeElectricityMaps({ now: new Date(), token: 't' });
    server.queue('/v3/carbon-intensity', { status: 500 }, { status: 500 });
    const cfg = await config({ provider: 'electricitymaps', options: { baseUrl: server.url, retries: 0, token: 't' } });
    const warnings: string[] = [];
    const [s] = await loadSeries({ zones: ['DE'], from, to }, cfg, { warn: (l) => warnings.push(l), openCache: async () => { throw new Error('store busy'); } });
    expect(s?.fallback).toMatchObject({ requested: 'electricitymaps', used: 'static' });
    expect(s && fallbackLine(s)).toMatch(/HTTP 500 .*using the static annual factor/);
    expect(warnings[0]).toMatch(/intensity cache is not available \(store busy\)/);
  });
});
