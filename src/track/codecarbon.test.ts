import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runSummary } from '../../test/helpers/runs.js';
import { isGreenopsError } from '../core/errors.js';
import { CODECARBON_COLUMNS, codecarbonCsv, codecarbonRow, parseCodecarbonCsv, parseUtcOffset, readCodecarbonFile } from './codecarbon.js';
import type { RunSummary } from './summary.js';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures/codecarbon/', import.meta.url));
const fixture = (name: string, utcOffsetMinutes = 0) => readCodecarbonFile(`${FIXTURES}${name}`, { utcOffsetMinutes });
const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));

/** The error a call throws, for its code, message and data. */
function thrown(fn: () => unknown): { code: string; message: string; data: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    if (isGreenopsError(e)) return { code: e.code, message: e.message, data: e.data };
    throw e;
  }
  throw new Error('expected an error');
}

const HEAD = 'timestamp,project_name,run_id,duration,emissions,cpu_energy,gpu_energy,ram_energy,energy_consumed';
const csv = (...rows: string[]): string => [HEAD, ...rows].join('\n');

describe('parseCodecarbonCsv', () => {
  it('reads the newest layout (3.x): a one-hour A100 run in France, PUE undone, extra columns kept as tags', () => {
    const f = fixture('a100-france-v3.csv', 120);
    expect(f).toMatchObject({ rowsRead: 3, earlierFlushes: 1, versions: ['3.3.0'] });
    const [a, b] = f.runs.map((r) => r.summary) as [RunSummary, RunSummary];
    expect(a).toMatchObject({
      runId: 'codecarbon-7f3c2a9e-5b1d-4e8a-9c4f-2d6b8e1a0c37', name: 'llm-finetune', project: 'llm-finetune',
      // 10:12:04 in Paris (UTC+2) is the end; the start is 3,600.4 s earlier.
      endedAt: '2026-06-15T08:12:04Z', startedAt: '2026-06-15T07:12:04Z', durationSeconds: 3600.412873917003,
      zone: 'FR', region: null, pue: 1, complete: true, exitCode: null, methods: {}, command: [],
    });
    close(a.energy.cpu, 0.11862745391530125);
    close(a.energy.gpu, 0.31004887611094506);
    close(a.energy.dram, 0.040004587748916055);
    close(a.energy.itKWh, a.energy.cpu + a.energy.gpu + a.energy.dram);
    close(a.emissions.operationalG, 26.264878632120098);
    expect(a.intensity).toMatchObject({ provider: 'codecarbon', source: 'CodeCarbon (France / île-de-france)' });
    expect(a.intensity.meanGCO2ePerKWh).toBeCloseTo(56.04, 6);
    expect(a.emissions.lowG / a.emissions.operationalG).toBeCloseTo(0.7, 12);
    expect(a.energy.highKWh / a.energy.itKWh).toBeCloseTo(1.5, 12);
    expect(a.tags).toMatchObject({ 'codecarbon.gpu_model': '1 x NVIDIA A100-SXM4-80GB', 'codecarbon.gpu_utilization_percent': '93.1', 'codecarbon.tracking_mode': 'machine', 'codecarbon.wue': '0.0' });
    expect(Object.keys(a.tags).some((k) => /energy|emissions$|duration|timestamp|run_id|pue$/.test(k))).toBe(false);
    expect(a.notes.join('\n')).toMatch(/read as UTC\+02:00[\s\S]*RAPL, TDP model, NVML[\s\S]*×0\.7–1\.5[\s\S]*whole machine's/);
    expect(f.runs[0]?.methodologyVersion).toMatch(/\+codecarbon-3\.3\.0$/);
    expect(a.notes.at(-1)).toBe("2 rows of this run in the file (flushes): the last is kept, as CodeCarbon's rows are cumulative.");

    // CodeCarbon's energies include its PUE (1.2 here): kWh by component are divided by it, facility kWh are energy_consumed.
    expect(b.pue).toBe(1.2);
    close(b.energy.cpu, 0.01991173547245857 / 1.2);
    close(b.energy.facilityKWh, 0.07244579940705725);
    close(b.energy.itKWh * 1.2, 0.07244579940705725);
    expect(b.intensity.meanGCO2ePerKWh).toBeCloseTo(56.04, 6);
    expect(b.notes.join('\n')).toMatch(/include its PUE 1\.2/);
  });

  it('reads a 2.x layout (no water, utilisation or wue): a CPU-only laptop in Germany', () => {
    const f = fixture('laptop-v2.csv');
    expect(f.runs).toHaveLength(2);
    const s = f.runs[0]!.summary;
    expect(s).toMatchObject({ runId: 'codecarbon-0d9b7c3e-2f41-4a6d-b8e5-91c3a7f2e604', zone: 'DE', endedAt: '2025-11-03T14:07:52Z', pue: 1 });
    expect(s.energy.gpu).toBe(0);
    close(s.energy.itKWh, 0.005966402285277885 + 0.002474651289648796);
    expect(s.tags['codecarbon.cpu_model']).toBe('11th Gen Intel(R) Core(TM) i7-1165G7 @ 2.80GHz');
    // Empty cells (no GPU) are not kept; columns the layout lacks are absent.
    expect(s.tags['codecarbon.gpu_model']).toBeUndefined();
    expect(s.tags['codecarbon.water_consumed']).toBeUndefined();
    expect(s.notes.join('\n')).toMatch(/read as UTC\+00:00 \(give --utc-offset/);
  });

  it('reads the first layout (2021): no run_id (a stable hash instead), no energy by component', () => {
    const first = fixture('v1-no-run-id.csv').runs.map((r) => r.summary);
    const again = fixture('v1-no-run-id.csv').runs.map((r) => r.summary);
    expect(first).toHaveLength(2);
    expect(first[0]?.runId).toMatch(/^codecarbon-[0-9a-f]{16}$/);
    expect(first.map((s) => s.runId)).toEqual(again.map((s) => s.runId));
    expect(first[0]).toMatchObject({ name: 'codecarbon', zone: 'MA', pue: 1, energy: { cpu: 0, dram: 0, gpu: 0 } });
    close(first[0]!.energy.itKWh, 0.0013086187720680142);
    expect(first[0]?.notes.join('\n')).toMatch(/No energy by component/);
  });

  it('keeps the last row of a run_id (rows are cumulative), wherever the earlier ones are', () => {
    const f = parseCodecarbonCsv(csv(
      '2026-01-01T10:00:00,p,A,60,0.001,0.01,0.02,0.003,0.033',
      '2026-01-01T10:00:30,p,B,30,0.002,0.01,0,0.001,0.011',
      '2026-01-01T10:01:00,p,A,120,0.002,0.02,0.04,0.006,0.066',
    ), 'x.csv');
    expect(f.earlierFlushes).toBe(1);
    expect(f.runs.map((r) => [r.summary.runId, r.line])).toEqual([['codecarbon-B', 3], ['codecarbon-A', 4]]);
    expect(f.runs[1]?.summary).toMatchObject({ durationSeconds: 120, emissions: { operationalG: 2 } });
  });

  it('names file, line, column, value and what was expected for a bad number', () => {
    const e = thrown(() => parseCodecarbonCsv(csv('2026-01-01T10:00:00,p,A,60,0.001,0.01,0.02,0.003,0.033', '2026-01-01T10:01:00,p,B,60,1.2.3,0.01,0.02,0.003,0.033'), 'x.csv'));
    expect(e.code).toBe('E_INPUT_VALUE');
    expect(e.message).toBe('x.csv:3: column emissions: "1.2.3" is not valid; expected a number ≥ 0 (kg CO2e)');
    expect(e.data).toMatchObject({ file: 'x.csv', row: 3, column: 'emissions', found: '1.2.3' });
    expect(thrown(() => parseCodecarbonCsv(csv('2026-01-01T10:00:00,p,A,60,0.001,,0.02,0.003,0.033'), 'x.csv')).message).toMatch(/x\.csv:2: column cpu_energy: "" is not valid; expected a number ≥ 0 \(kWh\)/);
    expect(thrown(() => parseCodecarbonCsv(csv('2026-01-01T10:00:00,p,A,-60,0.001,0.01,0.02,0.003,0.033'), 'x.csv')).data).toMatchObject({ column: 'duration' });
    expect(thrown(() => parseCodecarbonCsv(csv('2026-13-01T10:00:00,p,A,60,0.001,0.01,0.02,0.003,0.033'), 'x.csv')).data).toMatchObject({ column: 'timestamp', row: 2 });
    const extra = `timestamp,duration,emissions,energy_consumed,cpu_power\n2026-01-01T10:00:00,60,0.001,0.033,lots\n`;
    expect(thrown(() => parseCodecarbonCsv(extra, 'x.csv')).message).toMatch(/x\.csv:2: column cpu_power: "lots" .* \(W\)/);
  });

  it('names missing columns, shifted rows and task files', () => {
    const e = thrown(() => parseCodecarbonCsv('timestamp,project_name,duration,cpu_energy\n2026-01-01T10:00:00,p,60,0.1\n', 'y.csv'));
    expect(e.code).toBe('E_INPUT_COLUMN_MISSING');
    expect(e.message).toMatch(/^y\.csv:1: not a CodeCarbon emissions file: missing column\(s\) emissions, energy_consumed \(or cpu_energy, gpu_energy and ram_energy\)/);
    expect(e.data).toMatchObject({ file: 'y.csv', row: 1 });
    expect(thrown(() => parseCodecarbonCsv(csv('2026-01-01T10:00:00,p,A,60,0.001,0.01,0.02,0.033'), 'x.csv')).message).toBe('x.csv:2: 8 field(s) where the header has 9; expected one cell per column');
    expect(thrown(() => parseCodecarbonCsv(`task_name,${HEAD}\n`, 't.csv')).code).toBe('E_INPUT_FORMAT_UNKNOWN');
    expect(thrown(() => parseCodecarbonCsv('', 'e.csv')).code).toBe('E_INPUT_FILE_EMPTY');
    expect(thrown(() => readCodecarbonFile(`${FIXTURES}nope.csv`)).code).toBe('E_INPUT_FILE_MISSING');
  });

  it('takes a cloud region as the run region and its zone; honours an explicit zone in the timestamp', () => {
    const text = 'timestamp,duration,emissions,energy_consumed,country_iso_code,cloud_provider,cloud_region,on_cloud\n2026-01-01T10:00:00Z,60,0.001,0.01,BEL,gcp,europe-west1,Y\n';
    const s = parseCodecarbonCsv(text, 'c.csv', { utcOffsetMinutes: 300 }).runs[0]!.summary;
    expect(s).toMatchObject({ region: 'gcp:europe-west1', zone: 'BE', endedAt: '2026-01-01T10:00:00Z', startedAt: '2026-01-01T09:59:00Z' });
  });

  it('parses UTC offsets and refuses others', () => {
    expect([parseUtcOffset('+02:00'), parseUtcOffset('-0530'), parseUtcOffset('+01'), parseUtcOffset('Z')]).toEqual([120, -330, 60, 0]);
    expect(thrown(() => parseUtcOffset('2h')).code).toBe('E_USAGE');
    expect(thrown(() => parseUtcOffset('+15:00')).code).toBe('E_USAGE');
  });
});

describe('codecarbonCsv', () => {
  it('writes the newest header exactly, in CodeCarbon units (kWh with PUE, kg, s) and UTC', () => {
    const text = codecarbonCsv([{ source: 'track', summary: runSummary() }]);
    const [header, line, end] = text.split('\n');
    expect(header).toBe('timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,water_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,tracking_mode,cpu_utilization_percent,gpu_utilization_percent,ram_utilization_percent,ram_used_gb,on_cloud,pue,wue');
    expect(CODECARBON_COLUMNS).toHaveLength(38);
    expect(line?.split(',')).toHaveLength(38);
    expect(end).toBe('');
    const row = codecarbonRow({ source: 'track', summary: runSummary() });
    expect(row).toMatchObject({
      timestamp: '2026-11-23T11:00:00', project_name: 'llm', run_id: 'run-aaaa', duration: '3600', emissions: '0.5832',
      country_name: 'Germany', country_iso_code: 'DEU', tracking_mode: 'process', on_cloud: 'N', pue: '1.2',
      os: '', cpu_power: '', water_consumed: '', codecarbon_version: '', experiment_id: '',
    });
    close(Number(row.energy_consumed), 1.62 * 1.2);
    close(Number(row.cpu_energy), 0.1 * 1.2);
    close(Number(row.ram_energy), 0.02 * 1.2);
    close(Number(row.gpu_energy), 1.5 * 1.2);
    close(Number(row.emissions_rate), 0.5832 / 3600);
  });

  it('writes the cloud region and quotes cells that need it', () => {
    const gpus = [0, 1].map((i) => ({ device: String(i), name: i === 0 ? 'NVIDIA A100' : 'NVIDIA "T4"', kWh: 1, share: 1, basis: 'pid', meanWatts: 300, meanUtilisation: 0.9 }));
    const text = codecarbonCsv([{ source: 'track', summary: runSummary({ region: 'aws:eu-west-1', zone: 'IE', gpus }) }]);
    const row = codecarbonRow({ source: 'track', summary: runSummary({ region: 'aws:eu-west-1', zone: 'IE', gpus }) });
    expect(row).toMatchObject({ cloud_provider: 'aws', cloud_region: 'eu-west-1', on_cloud: 'Y', country_iso_code: 'IRL', gpu_count: '2', gpu_model: '1 x NVIDIA A100, 1 x NVIDIA "T4"' });
    expect(text).toContain(',"1 x NVIDIA A100, 1 x NVIDIA ""T4""",');
  });

  it('round-trips: import, export, import gives the same runs, energies and emissions', () => {
    const files = ['a100-france-v3.csv', 'laptop-v2.csv', 'v1-no-run-id.csv'].map((n) => fixture(n, 120));
    const first = files.flatMap((f) => f.runs.map((r) => r.summary));
    const again = parseCodecarbonCsv(codecarbonCsv(first.map((summary) => ({ source: 'codecarbon', summary }))), 'export.csv').runs.map((r) => r.summary);
    expect(again.map((s) => s.runId)).toEqual(first.map((s) => s.runId));
    for (const [i, s] of again.entries()) {
      const o = first[i]!;
      expect([s.startedAt, s.endedAt, s.durationSeconds, s.pue, s.zone, s.project]).toEqual([o.startedAt, o.endedAt, o.durationSeconds, o.pue, o.zone, o.project]);
      for (const k of ['cpu', 'dram', 'gpu', 'itKWh', 'facilityKWh'] as const) close(s.energy[k], o.energy[k]);
      close(s.emissions.operationalG, o.emissions.operationalG);
      // Every kept cell comes back (an older layout gains the columns the newest one derives, e.g. emissions_rate).
      expect(s.tags).toMatchObject(o.tags);
    }
    // A greenops run comes back with its energies, emissions and country.
    const tracked = parseCodecarbonCsv(codecarbonCsv([{ source: 'track', summary: runSummary() }]), 'x.csv').runs[0]!.summary;
    for (const k of ['cpu', 'dram', 'gpu', 'itKWh', 'facilityKWh'] as const) close(tracked.energy[k], runSummary().energy[k]);
    close(tracked.emissions.operationalG, 583.2);
    expect(tracked).toMatchObject({ runId: 'codecarbon-run-aaaa', zone: 'DE', pue: 1.2, endedAt: '2026-11-23T11:00:00Z', startedAt: '2026-11-23T10:00:00Z' });
  });
});
