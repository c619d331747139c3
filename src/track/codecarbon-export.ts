/**
 * Runs written as CodeCarbon's `emissions.csv` (newest layout, CodeCarbon's units), so that tools
 * reading CodeCarbon files read greenops runs too. Pure.
 */
import { CODECARBON_COLUMNS, countryOfZone, type CodecarbonColumn } from './codecarbon-layout.js';
import type { RunSummary } from './summary.js';

/** A stored run: where it came from (`track`, `codecarbon` …) and its summary. */
export interface ExportedRun {
  readonly source: string;
  readonly summary: RunSummary;
}

// Python's repr and JavaScript's shortest round-trip form both read back to the same double.
const num = (n: number): string => String(n);
// CodeCarbon's `%Y-%m-%dT%H:%M:%S`, here always in UTC.
const stamp = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 19);

function gpuModels(s: RunSummary): string {
  const counts = new Map<string, number>();
  for (const g of s.gpus) counts.set(g.name ?? g.device, (counts.get(g.name ?? g.device) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${n} x ${name}`).join(', ');
}

/**
 * One run as a CodeCarbon row. Energies are multiplied back by the run's PUE, as CodeCarbon's are;
 * emissions are operational only (CodeCarbon has no embodied share). A run imported from CodeCarbon
 * (source `codecarbon`) gives back its run_id and the cells it kept (`codecarbon.<column>` tags); for
 * other runs the country comes from the grid zone, `tracking_mode` is `process` (greenops attributes
 * energy to the job's process tree), and what greenops does not know (os, powers, utilisation, water)
 * is left empty.
 *
 * @example codecarbonRow({ source: 'track', summary }).energy_consumed // kWh including PUE, as text
 */
export function codecarbonRow(run: ExportedRun): Record<CodecarbonColumn, string> {
  const s = run.summary;
  const imported = run.source === 'codecarbon';
  const row = Object.fromEntries(CODECARBON_COLUMNS.map((c) => [c, s.tags[`codecarbon.${c}`] ?? ''])) as Record<CodecarbonColumn, string>;
  const fill = (c: CodecarbonColumn, v: string | undefined): void => {
    if (row[c] === '' && v !== undefined) row[c] = v;
  };
  const kg = s.emissions.operationalG / 1000;
  // A run whose source gave no split by component has all three at 0: leave them empty, not 0.
  const split = s.energy.cpu + s.energy.gpu + s.energy.dram > 0 || s.energy.itKWh === 0;
  Object.assign(row, {
    timestamp: stamp(s.endedAt),
    project_name: s.project ?? s.name,
    run_id: imported ? s.runId.replace(/^codecarbon-/, '') : s.runId,
    duration: num(s.durationSeconds),
    emissions: num(kg),
    cpu_energy: split ? num(s.energy.cpu * s.pue) : '',
    gpu_energy: split ? num(s.energy.gpu * s.pue) : '',
    ram_energy: split ? num(s.energy.dram * s.pue) : '',
    energy_consumed: num(s.energy.itKWh * s.pue),
    pue: num(s.pue),
  });
  fill('emissions_rate', num(s.durationSeconds > 0 ? kg / s.durationSeconds : 0));
  const country = countryOfZone(s.zone);
  const cloud = s.region !== null && s.region.includes(':') ? s.region.split(':') : undefined;
  fill('country_name', country?.name);
  fill('country_iso_code', country?.iso3);
  fill('cloud_provider', cloud?.[0]);
  fill('cloud_region', cloud?.slice(1).join(':'));
  fill('on_cloud', cloud ? 'Y' : 'N');
  if (!imported) fill('tracking_mode', 'process');
  if (s.gpus.length > 0) {
    fill('gpu_count', String(s.gpus.length));
    fill('gpu_model', gpuModels(s));
  }
  return row;
}

const csvCell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Runs as a CodeCarbon `emissions.csv` text: the newest header, one line per run, in the order given.
 *
 * @example writeFileSync('emissions.csv', codecarbonCsv(await listRuns(db)))
 */
export function codecarbonCsv(runs: readonly ExportedRun[]): string {
  const lines = runs.map((r) => {
    const row = codecarbonRow(r);
    return CODECARBON_COLUMNS.map((c) => csvCell(row[c])).join(',');
  });
  return `${[CODECARBON_COLUMNS.join(','), ...lines].join('\n')}\n`;
}
