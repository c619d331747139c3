/**
 * How stored runs are printed: one row per run for `greenops runs`, and the whole of one run for
 * `greenops runs show`. Units are in every column name or label.
 */
import { foldIntervals, formatNumber, render, renderTable, type OutputFormat, type Row } from '../../report/format.js';
import type { RunSampleRow, StoredRun } from '../../store/duckdb/runs.js';

/** Table headers for column names whose unit `report/format.ts` cannot spell from a suffix. */
const DISPLAY: Readonly<Record<string, string>> = { duration_s: 'duration (s)', intensity_g_per_kwh: 'intensity (gCO2e/kWh)', mean_watts: 'mean power (W)' };
const ID_WIDTH = 24;

/** One line of `greenops runs`: energy by component before PUE, operational emissions with their interval. */
function runRow(r: StoredRun): Row {
  const s = r.summary;
  return {
    id: s.runId, name: s.name, project: s.project, started: s.startedAt, duration_s: s.durationSeconds,
    cpu_kwh: s.energy.cpu, dram_kwh: s.energy.dram, gpu_kwh: s.energy.gpu, energy_kwh: s.energy.itKWh,
    co2e_g: s.emissions.operationalG, co2e_g_low: s.emissions.lowG, co2e_g_high: s.emissions.highG,
    intensity_g_per_kwh: s.intensity.meanGCO2ePerKWh, status: s.complete ? 'complete' : 'incomplete', source: r.source,
  };
}

/** `runRow` with what `runs show --format csv` adds: the energy interval, PUE, idle, embodied, where. */
function detailRow(r: StoredRun): Row {
  const s = r.summary;
  const { co2e_g_low, co2e_g_high, ...base } = runRow(r);
  return {
    ...base, energy_kwh_low: s.energy.lowKWh, energy_kwh_high: s.energy.highKWh, co2e_g_low, co2e_g_high, ended: s.endedAt, pue: s.pue,
    facility_kwh: s.energy.facilityKWh, idle_kwh: s.energy.idleKWh, other_kwh: s.energy.otherKWh, embodied_g: s.emissions.embodiedG,
    zone: s.zone, region: s.region, intensity_source: s.intensity.source, exit_code: s.exitCode,
  };
}

/** A table with interval columns folded, long ids shortened (any unique prefix finds a run) and units spelled out. */
function runsTable(rows: readonly Row[], shares: readonly string[] = []): string {
  const shown = foldIntervals(rows).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [
    DISPLAY[k] ?? k,
    k === 'id' && typeof v === 'string' && v.length > ID_WIDTH ? `${v.slice(0, ID_WIDTH - 1)}…` : v,
  ])));
  return renderTable(shown, shares);
}

/** `greenops runs` in a format. @example c.out(renderRuns(await listRuns(db), 'table')) */
export function renderRuns(runs: readonly StoredRun[], format: OutputFormat): string {
  const rows = runs.map(runRow);
  return format === 'table' ? runsTable(rows) : render(rows, format);
}

const n = (v: number): string => formatNumber(v);
const band = (v: number, lo: number, hi: number): string => `${n(v)} [${n(lo)}–${n(hi)}]`;

function section(title: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return [title, ...pairs.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n');
}

/**
 * One run in full. `json`: the summary and its samples; `csv`: one detailed row; `table`: sections.
 *
 * @example showRun(await getRun(db, 'codecarbon-3b54'), 'table')
 */
export function showRun(r: StoredRun & { readonly samples: readonly RunSampleRow[] }, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify({ source: r.source, summary: r.summary, samples: r.samples }, null, 2);
  if (format === 'csv') return render([detailRow(r)], 'csv');
  const s = r.summary;
  const e = s.energy;
  const method = (c: 'cpu' | 'dram' | 'gpu'): string => (s.methods[c] ? `  (${s.methods[c]})` : '');
  const parts = [
    section(`Run ${s.runId}`, [
      ['name', `${s.name}${s.project ? `   project: ${s.project}` : ''}`],
      ['source', `${r.source}   ${s.complete ? 'complete' : 'incomplete'}   exit code: ${s.exitCode ?? s.signal ?? '—'}`],
      ['started', `${s.startedAt}   ended ${s.endedAt}   (${n(s.durationSeconds)} s)`],
      ['where', `zone ${s.zone ?? '—'}   region ${s.region ?? '—'}   PUE ${s.pue}${s.host ? `   host ${s.host}` : ''}`],
      ...(s.command.length > 0 ? [['command', s.command.join(' ')] as const] : []),
    ]),
    section('Energy (kWh, before PUE)', [
      ['cpu', `${n(e.cpu)}${method('cpu')}`], ['dram', `${n(e.dram)}${method('dram')}`], ['gpu', `${n(e.gpu)}${method('gpu')}`],
      ['total', band(e.itKWh, e.lowKWh, e.highKWh)], [`facility (× PUE ${s.pue})`, n(e.facilityKWh)],
      ['idle (apart)', n(e.idleKWh)], ['other processes', n(e.otherKWh)],
    ]),
    s.gpus.length === 0 ? 'Per GPU: none recorded' : `Per GPU\n${runsTable(s.gpus.map((g) => ({ device: g.device, name: g.name, energy_kwh: g.kWh, job_share: g.share, mean_watts: g.meanWatts, basis: g.basis })), ['job_share'])}`,
    s.phases.length === 0 ? 'Per phase: none marked' : `Per phase\n${runsTable(s.phases.map((p) => ({ phase: p.name, start: p.start, end: p.end, energy_kwh: p.kWh, co2e_g: p.gCO2e })))}`,
    section('Emissions (gCO2e)', [
      ['operational', band(s.emissions.operationalG, s.emissions.lowG, s.emissions.highG)],
      ['embodied', `${n(s.emissions.embodiedG)}${s.emissions.embodiedSource ? `   (${s.emissions.embodiedSource})` : ''}`],
      ['total', n(s.emissions.operationalG + s.emissions.embodiedG)],
      ['intensity (gCO2e/kWh)', `${n(s.intensity.meanGCO2ePerKWh)}   ${s.intensity.source}${s.intensity.fallback ? `   fallback: ${s.intensity.fallback}` : ''}`],
    ]),
  ];
  const tags = Object.entries(s.tags);
  if (tags.length > 0) parts.push(section('Tags', tags));
  if (s.notes.length > 0) parts.push(['Notes', ...s.notes.map((x) => `  - ${x}`)].join('\n'));
  return parts.join('\n\n');
}
