/**
 * One row of CodeCarbon's `emissions.csv` as a greenops RunSummary (pure). Units and meanings are
 * CodeCarbon's (see codecarbon-layout.ts); every number is parsed strictly and a bad cell names its
 * file, line and column.
 */
import { createHash } from 'node:crypto';
import { GreenopsError, quote } from '../core/errors.js';
import { METHODOLOGY_VERSION } from '../core/methodology.js';
import type { Band } from '../factors/types.js';
import { zoneForRegion, zoneId } from '../factors/zones.js';
import { alpha2, CODECARBON_UNITS, SIGNED_COLUMNS, type CodecarbonColumn } from './codecarbon-layout.js';
import type { RunSummary } from './summary.js';

/**
 * CodeCarbon publishes no uncertainty. Its CPU figure may be a RAPL counter (within a few per cent)
 * or a TDP model (constant mode: a share of the CPU's TDP), its RAM figure a fixed watts-per-GB model,
 * and its CSV does not say which: a wide band, skewed high because the models tend to read low on
 * busy machines. A judgement, not a published figure; every imported run says so in its notes.
 *
 * @example summary.emissions.highG === summary.emissions.operationalG * CODECARBON_DEFAULT_BAND.high
 */
export const CODECARBON_DEFAULT_BAND: Band = { low: 0.7, high: 1.5 };

/** Columns that become RunSummary fields; every other non-empty cell is kept as a `codecarbon.<column>` tag. */
const MAPPED = new Set(['timestamp', 'project_name', 'run_id', 'duration', 'emissions', 'cpu_energy', 'gpu_energy', 'ram_energy', 'energy_consumed', 'pue']);
const COMPONENTS = ['cpu_energy', 'gpu_energy', 'ram_energy'] as const;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface CodecarbonRun {
  readonly summary: RunSummary;
  /** Line of the file the kept row is on. */
  readonly line: number;
  /** greenops' version with CodeCarbon's: the figures are CodeCarbon's, converted. */
  readonly methodologyVersion: string;
}

interface At { readonly file: string; readonly line: number }

function bad(at: At, column: string, value: string, expected: string): GreenopsError {
  return new GreenopsError('E_INPUT_VALUE', `${at.file}:${at.line}: column ${column}: ${quote(value)} is not valid; expected ${expected}`, {
    data: { file: at.file, row: at.line, column, expected, found: value.slice(0, 60) },
  });
}

/** A numeric cell, or undefined when it is empty (and `required` is false). */
function cell(row: Readonly<Record<string, string>>, column: string, at: At, required: boolean): number | undefined {
  const v = (row[column] ?? '').trim();
  const unit = CODECARBON_UNITS[column as CodecarbonColumn];
  const expected = `${SIGNED_COLUMNS.has(column) ? 'a number' : 'a number ≥ 0'}${unit ? ` (${unit})` : ''}`;
  if (v === '' && !required) return undefined;
  const n = Number(v);
  if (!NUMBER.test(v) || !Number.isFinite(n) || (n < 0 && !SIGNED_COLUMNS.has(column))) throw bad(at, column, v, expected);
  return n;
}

const need = (row: Readonly<Record<string, string>>, column: string, at: At): number => cell(row, column, at, true) ?? 0;

/** Epoch ms of CodeCarbon's `timestamp` (local time, no zone: `utcOffsetMinutes` says which). */
function endOf(value: string, at: At, utcOffsetMinutes: number): number {
  const m = STAMP.exec(value.trim());
  if (!m) throw bad(at, 'timestamp', value, 'a date-time such as 2026-08-12T19:37:29 (%Y-%m-%dT%H:%M:%S)');
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const local = Date.UTC(y, mo - 1, d, h, mi, s) + Math.round(Number(m[7] ?? 0) * 1000);
  const check = new Date(local);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) throw bad(at, 'timestamp', value, 'a real date and time');
  const zone = m[8];
  const offset = zone === undefined ? utcOffsetMinutes : zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return local - offset * 60_000;
}

const iso = (ms: number): string => new Date(Math.round(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const offsetText = (min: number): string => `UTC${min < 0 ? '-' : '+'}${String(Math.floor(Math.abs(min) / 60)).padStart(2, '0')}:${String(Math.abs(min) % 60).padStart(2, '0')}`;

/**
 * A RunSummary from one CodeCarbon row (cells by column name). `columns` are the file's header.
 *
 * @example
 * const run = codecarbonRun({ timestamp: '2026-08-12T19:37:29', duration: '6.1', emissions: '4.4e-06', energy_consumed: '2.5e-05' },
 *   ['timestamp', 'duration', 'emissions', 'energy_consumed'], { file: 'emissions.csv', line: 2 }, 0);
 * run.summary.energy.itKWh; // 2.5e-05
 */
export function codecarbonRun(row: Readonly<Record<string, string>>, columns: readonly string[], at: At, utcOffsetMinutes: number): CodecarbonRun {
  const has = (c: string): boolean => columns.includes(c);
  const text = (c: string): string => (row[c] ?? '').trim();
  for (const c of Object.keys(CODECARBON_UNITS)) if (has(c) && !MAPPED.has(c)) cell(row, c, at, false);
  const pue = has('pue') ? need(row, 'pue', at) : 1;
  if (pue <= 0) throw bad(at, 'pue', text('pue'), 'a number > 0 (ratio)');
  // All three component cells empty beside an energy_consumed: a total without a split (as greenops exports one).
  const split = COMPONENTS.every(has) && (!has('energy_consumed') || COMPONENTS.some((c) => text(c) !== ''));
  // CodeCarbon multiplies each component's energy by its PUE (emissions_tracker.py, _do_measurements): undo it.
  const [cpu, gpu, dram] = split ? COMPONENTS.map((c) => need(row, c, at) / pue) as [number, number, number] : [0, 0, 0];
  const facilityKWh = has('energy_consumed') ? need(row, 'energy_consumed', at) : (cpu + gpu + dram) * pue;
  const itKWh = facilityKWh / pue;
  const duration = need(row, 'duration', at);
  const operationalG = need(row, 'emissions', at) * 1000;
  const endMs = endOf(text('timestamp'), at, utcOffsetMinutes);

  const tags: Record<string, string> = {};
  for (const c of columns) if (!MAPPED.has(c) && text(c) !== '') tags[`codecarbon.${c}`] = text(c);
  const version = text('codecarbon_version');
  const cloud = text('cloud_provider') !== '' && text('cloud_region') !== '' ? `${text('cloud_provider').toLowerCase()}:${text('cloud_region')}` : null;
  const country = alpha2(text('country_iso_code'));
  const zone = (cloud === null ? undefined : zoneForRegion(cloud)) ?? (country === undefined ? undefined : zoneId(country)) ?? null;
  const place = [text('country_name'), text('region')].filter((s) => s !== '').join(' / ');
  const runId = text('run_id') || createHash('sha256').update(columns.map((c) => row[c] ?? '').join('\u001f')).digest('hex').slice(0, 16);
  const b = CODECARBON_DEFAULT_BAND;

  const notes = [
    `Imported from CodeCarbon${version ? ` ${version}` : ''}: ${at.file}, line ${at.line}.`,
    `CodeCarbon writes its timestamp in the machine's local time without a zone: read as ${offsetText(utcOffsetMinutes)}${utcOffsetMinutes === 0 ? ' (give --utc-offset if the machine was elsewhere)' : ''}.`,
    "CodeCarbon's CSV does not record how each component was read (RAPL, TDP model, NVML …): methods left empty.",
    `CodeCarbon gives no uncertainty: energy and emissions carry greenops' default band ×${b.low}–${b.high}.`,
    'CodeCarbon counts no embodied emissions.',
  ];
  if (pue !== 1) notes.push(`CodeCarbon's energies include its PUE ${pue}: the kWh by component here are divided by it; facility kWh are CodeCarbon's energy_consumed.`);
  if (!split) notes.push('No energy by component (cpu_energy, gpu_energy, ram_energy) in this row: only the total is known.');
  else if (has('energy_consumed') && Math.abs(cpu + gpu + dram - itKWh) > 0.01 * itKWh) notes.push(`CodeCarbon's components add up to ${(cpu + gpu + dram) * pue} kWh but its energy_consumed is ${facilityKWh} kWh.`);
  if (text('tracking_mode') === 'machine') notes.push("CodeCarbon's tracking_mode was machine: the figures are the whole machine's, idle and other processes included.");

  const summary: RunSummary = {
    runId: `codecarbon-${runId}`,
    name: text('project_name') || text('experiment_id') || 'codecarbon',
    project: text('project_name') || null,
    tags, command: [], host: '',
    startedAt: iso(endMs - duration * 1000), endedAt: iso(endMs), durationSeconds: duration,
    exitCode: null, signal: null, complete: true,
    zone, region: cloud, pue,
    energy: { cpu, dram, gpu, itKWh, facilityKWh, lowKWh: itKWh * b.low, highKWh: itKWh * b.high, idleKWh: 0, otherKWh: 0 },
    methods: {}, gpus: [], phases: [],
    intensity: { meanGCO2ePerKWh: facilityKWh > 0 ? operationalG / facilityKWh : 0, provider: 'codecarbon', source: `CodeCarbon (${place || 'location not recorded'})` },
    emissions: { operationalG, lowG: operationalG * b.low, highG: operationalG * b.high, embodiedG: 0 },
    cpuShare: 0, peakRssBytes: 0, samples: 0, notes,
  };
  return { summary, line: at.line, methodologyVersion: `${METHODOLOGY_VERSION}+codecarbon-${version || 'unknown'}` };
}
