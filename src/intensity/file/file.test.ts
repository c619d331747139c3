import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProviderContract } from '../contract.js';
import { isoZ } from '../time.js';
import { fileProvider, readGridFile } from './index.js';
import { failure } from '../../../test/helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'greenops-intensity-file-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const H = 3_600_000;
const now = () => new Date('2025-01-01T00:00:00Z');
const q = (zone: string, from: string, to: string) => ({ zone, from: new Date(from), to: new Date(to) });
const hoursFrom = (start: string, n: number): number[] => Array.from({ length: n }, (_, i) => Date.parse(start) + i * H);

// Electricity Maps portal export: subscript ₂ in the header, the zone id inside (DE) differs from the
// file name (DE-LU), a quoted source with a comma.
const EM_HEADER = 'Datetime (UTC),Country,Zone Name,Zone Id,Carbon Intensity gCO₂eq/kWh (direct),Carbon Intensity gCO₂eq/kWh (LCA),Low Carbon Percentage,Renewable Percentage,Data Source,Data Estimated,Data Estimation Method';
const emRow = (ms: number, i: number): string =>
  `${isoZ(ms).replace('T', ' ').replace('Z', '')},Germany,Germany,DE,${100 + i},${150 + i},80,70,"entsoe.eu, x",${i === 5},${i === 5 ? 'ESTIMATED_FORECASTS_HIERARCHY' : ''}`;
const emPath = write('DE-LU_2024_hourly.csv', [EM_HEADER, ...hoursFrom('2024-03-31T00:00Z', 24).map(emRow)].join('\n'));

// EIA-930 derived file: explicit +00:00, label at the END of the hour.
const EIA_HEADER = 'timestamp,WND,SUN,WAT,OIL,NG,COL,NUC,OTH,avg_CI';
const eiaRow = (ms: number, i: number): string => `${isoZ(ms).replace('T', ' ').replace('Z', '+00:00')},1,2,3,4,5,6,7,8,${200 + i}.5`;
const eiaPath = write('CISO_NG_avgCI.csv', [EIA_HEADER, ...hoursFrom('2022-01-01T01:00Z', 24).map(eiaRow)].join('\n'));

// Plain CSV in Berlin local time across the spring clock change: 23 local hours, 23 UTC hours.
const berlin = (ms: number): string => {
  const offset = ms < Date.parse('2024-03-31T01:00Z') ? 1 : 2;
  return `${isoZ(ms + offset * H).slice(0, 19)}+0${offset}:00`;
};
const plainPath = write('de-local.csv', ['time,zone,gco2e_per_kwh', ...hoursFrom('2024-03-30T23:00Z', 23).map((ms, i) => `${berlin(ms)},DE,${300 + i}`)].join('\r\n'));

// The same plain layout as JSON, half-hourly (duration inferred from the spacing).
const jsonPath = write('gb.json', JSON.stringify(Array.from({ length: 48 }, (_, i) => ({
  time: isoZ(Date.parse('2024-03-31T00:00Z') + i * 1_800_000), zone: 'GB', gco2e_per_kwh: 100 + i,
}))));

runProviderContract({ name: 'file (Electricity Maps CSV)', make: () => ({ provider: fileProvider({ path: emPath, now }), query: q('DE', '2024-03-31T00:00Z', '2024-04-01T00:00Z') }) });
runProviderContract({ name: 'file (EIA CSV)', make: () => ({ provider: fileProvider({ path: eiaPath, now }), query: q('US-CAL-CISO', '2022-01-01T00:00Z', '2022-01-02T00:00Z') }) });
runProviderContract({ name: 'file (plain CSV, local offsets)', make: () => ({ provider: fileProvider({ path: plainPath, now }), query: q('DE', '2024-03-30T23:00Z', '2024-03-31T22:00Z') }) });
runProviderContract({ name: 'file (plain JSON)', make: () => ({ provider: fileProvider({ path: jsonPath, now }), query: q('GB', '2024-03-31T00:00Z', '2024-04-01T00:00Z') }) });

describe('Electricity Maps export', () => {
  it('reads the lifecycle column by default, the direct one on request, and Data Estimated', async () => {
    const day = q('DE', '2024-03-31T00:00Z', '2024-04-01T00:00Z');
    const lca = await fileProvider({ path: emPath, now }).series(day);
    expect(lca.points.slice(0, 2).map((p) => p.gCO2ePerKWh)).toEqual([150, 151]);
    expect(lca.points.filter((p) => p.estimated).map((p) => p.start)).toEqual(['2024-03-31T05:00:00Z']);
    expect(lca.source).toContain('lifecycle');
    const direct = await fileProvider({ path: emPath, emissionFactor: 'direct', now }).series(day);
    expect(direct.points[0]?.gCO2ePerKWh).toBe(100);
  });

  it('takes the zone from the Zone Id column, reachable by zone or region, and lists it when asked for another', async () => {
    const p = fileProvider({ path: emPath, now });
    const s = await p.series(q('aws:eu-central-1', '2024-03-31T10:00Z', '2024-03-31T12:00Z'));
    expect(s.zone).toBe('DE');
    expect(s.points.map((x) => x.start)).toEqual(['2024-03-31T10:00:00Z', '2024-03-31T11:00:00Z']);
    const e = await failure(p.series(q('DE-LU', '2024-03-31T00:00Z', '2024-03-31T01:00Z')));
    expect(e.code).toBe('E_ZONE_UNKNOWN');
    expect(e.message).toContain('it has DE');
  });

  it('names the column when the header lacks one', async () => {
    const path = write('no-zone.csv', `${EM_HEADER.replace('Zone Id', 'Zone Key')}\n`);
    const e = await failure(readGridFile(path));
    expect(e.code).toBe('E_INPUT_COLUMN_MISSING');
    expect(e.message).toContain('zone id');
  });
});

describe('EIA file', () => {
  it('reads labels as hour-ending by default (EIA-930), or as starts on request', async () => {
    const ending = await readGridFile(eiaPath);
    expect(isoZ(ending.rows[0]!.start)).toBe('2022-01-01T00:00:00Z');
    const beginning = await readGridFile(eiaPath, { eiaLabel: 'hour-beginning' });
    expect(isoZ(beginning.rows[0]!.start)).toBe('2022-01-01T01:00:00Z');
    expect(ending.rows[0]!.zone).toBe('US-CAL-CISO');
  });

  it('needs the zone option when the file name has no balancing authority code', async () => {
    const path = write('mystery.csv', [EIA_HEADER, eiaRow(Date.parse('2022-01-01T01:00Z'), 0)].join('\n'));
    expect((await failure(readGridFile(path))).code).toBe('E_ZONE_UNKNOWN');
    expect((await readGridFile(path, { zone: 'US-NY-NYIS' })).rows[0]?.zone).toBe('US-NY-NYIS');
  });

  it('leaves empty values as gaps and says how many', async () => {
    const path = write('PJM_gaps.csv', [EIA_HEADER, eiaRow(Date.parse('2022-03-13T07:00Z'), 0), '2022-03-13 08:00:00+00:00,,,,,,,,,', eiaRow(Date.parse('2022-03-13T09:00Z'), 2)].join('\n'));
    const s = await fileProvider({ path, now }).series(q('US-MIDA-PJM', '2022-03-13T06:00Z', '2022-03-13T09:00Z'));
    expect(s.points.map((p) => p.start)).toEqual(['2022-03-13T06:00:00Z', '2022-03-13T08:00:00Z']);
    expect(s.source).toContain('1 rows without a value left as gaps (first on line 3)');
  });

  it('refuses a timestamp without its UTC offset, naming file, line and column', async () => {
    const path = write('ERCO_naive.csv', [EIA_HEADER, '2022-01-01 01:00:00,1,2,3,4,5,6,7,8,9'].join('\n'));
    const e = await failure(readGridFile(path));
    expect(e.message).toMatch(/^ERCO_naive\.csv:2: column "timestamp": expected an ISO 8601 timestamp with Z or a UTC offset/);
    expect(e.data).toMatchObject({ file: 'ERCO_naive.csv', row: 2, column: 'timestamp' });
  });
});

describe('plain CSV and JSON', () => {
  it('turns local offsets across the clock change into continuous UTC hours', async () => {
    const s = await fileProvider({ path: plainPath, now }).series(q('DE', '2024-03-30T23:00Z', '2024-03-31T22:00Z'));
    expect(s.points).toHaveLength(23);
    expect(s.points[1]?.start).toBe('2024-03-31T00:00:00Z');
    expect(s.points[2]?.start).toBe('2024-03-31T01:00:00Z');
  });

  it('reads optional duration, kind, signal and estimated columns', async () => {
    const path = write('full.csv', 'time,zone,gco2e_per_kwh,duration_minutes,kind,signal,estimated\n2030-01-01T00:00Z,FR,30,15,forecast,marginal,true\n');
    const [p] = (await fileProvider({ path, now }).series(q('FR', '2030-01-01T00:00Z', '2030-01-01T00:15Z'))).points;
    expect(p).toEqual({ start: '2030-01-01T00:00:00Z', durationMinutes: 15, gCO2ePerKWh: 30, kind: 'forecast', signal: 'marginal', estimated: true });
  });

  it.each([
    ['bad value', 'time,zone,gco2e_per_kwh\n2024-01-01T00:00Z,DE,12\n2024-01-01T01:00Z,DE,-4\n', /bad-value\.csv:3: column "gco2e_per_kwh": expected a non-negative number of gCO2e\/kWh, found "-4"/],
    ['naive time', 'time,zone,gco2e_per_kwh\n2024-01-01 00:00,DE,12\n', /naive-time\.csv:2: column "time": expected an ISO 8601 timestamp with Z or a UTC offset/],
    ['short row', 'time,zone,gco2e_per_kwh\n2024-01-01T00:00Z,DE\n', /short-row\.csv:2: expected 3 fields as in the header, found 2/],
    ['duplicate', 'time,zone,gco2e_per_kwh\n2024-01-01T00:00Z,DE,1\n2024-01-01T01:00+01:00,DE,2\n', /duplicate\.csv:3: a second value for DE at 2024-01-01T00:00:00Z \(first on line 2\)/],
    ['overlap', 'time,zone,gco2e_per_kwh,duration_minutes\n2024-01-01T00:00Z,DE,1,60\n2024-01-01T00:30Z,DE,2,60\n', /overlap\.csv:3: interval at 2024-01-01T00:30:00Z overlaps/],
    ['bad kind', 'time,zone,gco2e_per_kwh,kind\n2024-01-01T00:00Z,DE,1,guess\n', /bad-kind\.csv:2: column "kind": expected actual or forecast/],
  ])('reports a %s with file, line and column', async (name, text, message) => {
    const path = write(`${name.replace(' ', '-')}.csv`, text);
    const e = await failure(fileProvider({ path, now }).series(q('DE', '2024-01-01T00:00Z', '2024-01-02T00:00Z')));
    expect(e.code).toBe('E_INPUT_VALUE');
    expect(e.message).toMatch(message);
  });

  it('reports a bad JSON item by its position and field', async () => {
    const path = write('bad.json', JSON.stringify([{ time: '2024-01-01T00:00Z', zone: 'DE', gco2e_per_kwh: 1 }, { time: '2024-01-01T01:00Z', zone: 'DE', gco2e_per_kwh: 'high' }]));
    const e = await failure(readGridFile(path));
    expect(e.data).toMatchObject({ file: 'bad.json', row: 2, column: 'gco2e_per_kwh', found: '"high"' });
    expect((await failure(readGridFile(write('obj.json', '{"a":1}')))).message).toContain('expected a JSON array');
    expect((await failure(readGridFile(write('broken.json', '[{"a":')))).message).toContain('not valid JSON');
  });

  it('leaves JSON nulls as gaps', async () => {
    const path = write('nulls.json', JSON.stringify([
      { time: '2024-01-01T00:00Z', zone: 'DE', gco2e_per_kwh: 1, duration_minutes: 60 },
      { time: '2024-01-01T01:00Z', zone: 'DE', gco2e_per_kwh: null },
    ]));
    const s = await fileProvider({ path, now }).series(q('DE', '2024-01-01T00:00Z', '2024-01-01T02:00Z'));
    expect(s.points).toHaveLength(1);
    expect(s.source).toContain('1 rows without a value');
  });

  it('re-reads a file that changed', async () => {
    const path = write('changing.csv', 'time,zone,gco2e_per_kwh\n2024-01-01T00:00Z,DE,1\n');
    const p = fileProvider({ path, now });
    const day = q('DE', '2024-01-01T00:00Z', '2024-01-01T01:00Z');
    expect((await p.series(day)).points[0]?.gCO2ePerKWh).toBe(1);
    writeFileSync(path, 'time,zone,gco2e_per_kwh\n2024-01-01T00:00Z,DE,222\n');
    expect((await p.series(day)).points[0]?.gCO2ePerKWh).toBe(222);
  });
});

describe('file errors', () => {
  it.each([
    ['a missing file', join(dir, 'nope.csv'), 'E_INPUT_FILE_MISSING'],
    ['an empty file', write('empty.csv', '\n\n'), 'E_INPUT_FILE_EMPTY'],
    ['an unknown layout', write('other.csv', 'date,value\n2024-01-01,3\n'), 'E_INPUT_FORMAT_UNKNOWN'],
    ['a directory', dir, 'E_INPUT_FILE_UNREADABLE'],
  ])('reports %s', async (_name, path, code) => {
    expect((await failure(readGridFile(path))).code).toBe(code);
  });
});
