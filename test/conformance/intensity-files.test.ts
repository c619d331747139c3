import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownZones } from '../../src/factors/zones.js';
import { fileProvider, readGridFile } from '../../src/intensity/file/index.js';
import { coverageGaps } from '../../src/intensity/series.js';
import { SHARED_DATA, hasShared, requireShared } from './shared.js';

requireShared();

const HOUR = 3_600_000;
const list = (dir: string): string[] => (hasShared ? readdirSync(join(SHARED_DATA, dir)).filter((f) => f.endsWith('.csv')).sort() : []);
const emFiles = list('grid/electricitymaps_hourly_2024');
const eiaFiles = list('grid/eia_hourly_2022');
const zones = new Set(knownZones());

/** Folder names differ from the zone id inside for some files (SOURCES.md). */
const EM_ZONE: Readonly<Record<string, string>> = { 'BR-SP': 'BR-CS', 'DE-LU': 'DE', 'CL-SIC': 'CL-SEN' };
const EIA_ZONE: Readonly<Record<string, string>> = {
  BPAT: 'US-NW-BPAT', CISO: 'US-CAL-CISO', ERCO: 'US-TEX-ERCO', NYIS: 'US-NY-NYIS', PJM: 'US-MIDA-PJM',
};

describe.skipIf(!hasShared)('Electricity Maps hourly exports, 2024', () => {
  const yearly = hasShared
    ? (JSON.parse(readFileSync(join(SHARED_DATA, 'grid/co2js_electricity-maps_yearly_2024.json'), 'utf8')) as Record<string, { carbonIntensity: { value: number } }>)
    : {};

  it('has the ten files', () => {
    expect(emFiles).toHaveLength(10);
  });

  it.each(emFiles)('%s: a full leap year of hourly points, one zone, plausible values', async (name) => {
    const path = join(SHARED_DATA, 'grid/electricitymaps_hourly_2024', name);
    const prefix = name.replace(/_2024_hourly\.csv$/, '');
    const zone = EM_ZONE[prefix] ?? prefix;
    const parsed = await readGridFile(path);
    expect(new Set(parsed.rows.map((r) => r.zone))).toEqual(new Set([zone]));
    expect(zones.has(zone)).toBe(true);
    expect(parsed.rows).toHaveLength(8784);
    expect(parsed.emptyLines).toEqual([]);
    const starts = parsed.rows.map((r) => r.start);
    expect(new Set(starts).size).toBe(starts.length);
    const values = parsed.rows.map((r) => r.g);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1500);

    const year = { zone, from: new Date('2024-01-01T00:00Z'), to: new Date('2025-01-01T00:00Z') };
    const s = await fileProvider({ path }).series(year);
    expect(s.points).toHaveLength(8784);
    expect(coverageGaps(s, year)).toEqual([]);
    expect(s.points.some((p) => p.estimated)).toBe(zone !== 'US-CAL-CISO');
    // The lifecycle column agrees with Electricity Maps' own yearly figure (time- vs energy-weighted mean).
    const mean = s.points.reduce((a, p) => a + p.gCO2ePerKWh, 0) / s.points.length;
    const published = yearly[zone]?.carbonIntensity.value;
    expect(published).toBeDefined();
    expect(mean / published!).toBeGreaterThan(0.9);
    expect(mean / published!).toBeLessThan(1.1);
  });

  it.each(['GB', 'DE-LU'])('%s: 24 continuous UTC hours on the clock-change day 2024-03-31', async (prefix) => {
    const path = join(SHARED_DATA, 'grid/electricitymaps_hourly_2024', `${prefix}_2024_hourly.csv`);
    const s = await fileProvider({ path }).series({ zone: EM_ZONE[prefix] ?? prefix, from: new Date('2024-03-31T00:00Z'), to: new Date('2024-04-01T00:00Z') });
    expect(s.points.map((p) => Date.parse(p.start) - Date.parse('2024-03-31T00:00Z'))).toEqual(Array.from({ length: 24 }, (_, i) => i * HOUR));
  });
});

describe.skipIf(!hasShared)('EIA-930 hourly files, 2022', () => {
  it('has the five files', () => {
    expect(eiaFiles).toHaveLength(5);
  });

  it.each(eiaFiles)('%s: a year of hour-ending UTC labels, zone from the name, few gaps, plausible values', async (name) => {
    const path = join(SHARED_DATA, 'grid/eia_hourly_2022', name);
    const zone = EIA_ZONE[name.split('_')[0]!];
    const parsed = await readGridFile(path);
    expect(new Set(parsed.rows.map((r) => r.zone))).toEqual(new Set([zone]));
    expect(zones.has(zone!)).toBe(true);
    expect(parsed.rows.length + parsed.emptyLines.length).toBe(8760);
    expect(parsed.emptyLines.length).toBeLessThan(30);
    const starts = parsed.rows.map((r) => r.start);
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts.filter((t) => t % HOUR !== 0)).toEqual([]);
    // Labels 2022-01-01 00:00 … 2022-12-31 23:00 end their hours.
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(Date.parse('2021-12-31T23:00Z'));
    expect(Math.max(...starts)).toBeLessThanOrEqual(Date.parse('2022-12-31T22:00Z'));
    const values = parsed.rows.map((r) => r.g);
    expect(Math.min(...values)).toBeGreaterThan(0);
    expect(Math.max(...values)).toBeLessThan(1200);

    const year = { zone: zone!, from: new Date('2021-12-31T23:00Z'), to: new Date('2022-12-31T23:00Z') };
    const s = await fileProvider({ path }).series(year);
    expect(s.points).toHaveLength(parsed.rows.length);
    const gaps = coverageGaps(s, year);
    expect(gaps.reduce((n, g) => n + (Date.parse(g.to) - Date.parse(g.from)) / HOUR, 0)).toBe(parsed.emptyLines.length);
    if (parsed.emptyLines.length > 0) expect(s.source).toContain(`${parsed.emptyLines.length} rows without a value`);
  });
});
