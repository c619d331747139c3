/**
 * What a tracked run used and emitted, computed from its journal (pure): the job's energy by
 * component after attribution, per GPU and per phase, the machine's idle and other processes' energy
 * apart, operational emissions with the grid intensity of the hours it ran, the embodied share of the
 * machine for its duration, and a low/high interval from the method and factor bands.
 */
import { combineBands } from '../core/uncertainty.js';
import type { Band } from '../factors/types.js';
import type { Attribution } from '../meters/attribution.js';
import { attributeSample } from './attribute.js';
import type { MeterMethod } from '../meters/types.js';
import type { JournalContents } from './journal.js';
import type { SampleRecord } from './types.js';

/** The grid intensity applied to a run. */
export interface RunIntensity {
  /** gCO2e/kWh over [t0, t1) (epoch ms). */
  at(t0: number, t1: number): number;
  readonly provider: string;
  /** Dataset or factor, in words (provider endpoint, factor id and year). */
  readonly source: string;
  /** Set when a cache or the annual factor stood in for the configured provider. */
  readonly fallback?: string;
  readonly band: Band;
}

/** Embodied emissions of the machine, shared out over its lifetime. */
export interface RunEmbodied {
  /** Host without GPUs, kg CO2e. */
  readonly hostKg: number;
  /** One GPU, kg CO2e. */
  readonly gpuKg: number;
  readonly lifetimeHours: number;
  readonly band: Band;
  readonly source: string;
}

/**
 * How far each way of reading energy may be off, as a multiplicative band. RAPL counters are within a
 * few per cent of wall-plug measurements of the package (Khan et al. 2018); nvidia-smi power is a
 * ~1 s average sampled at the tracker's rate and misses short spikes, so it reads low more than high;
 * a model reading carries its own factor's band.
 */
export const METHOD_BANDS: Readonly<Record<Exclude<MeterMethod, 'model'>, Band>> = {
  counter: { low: 0.95, high: 1.05 },
  sampled: { low: 0.9, high: 1.2 },
};

export type Component = 'cpu' | 'dram' | 'gpu';
const SCOPE: Record<Component, 'cpu_package' | 'dram' | 'gpu'> = { cpu: 'cpu_package', dram: 'dram', gpu: 'gpu' };

export interface RunSummary {
  readonly runId: string;
  readonly name: string;
  readonly project: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly command: readonly string[];
  readonly host: string;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationSeconds: number;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** False when the tracker died before the end: the last seconds are missing. */
  readonly complete: boolean;
  readonly zone: string | null;
  readonly region: string | null;
  readonly pue: number;
  /** kWh attributed to the job, before PUE. */
  readonly energy: Readonly<Record<Component, number>> & {
    readonly itKWh: number;
    readonly facilityKWh: number;
    readonly lowKWh: number;
    readonly highKWh: number;
    /** Idle power of the devices over the run (reported apart, not the job's). */
    readonly idleKWh: number;
    /** Other processes' share of the devices. */
    readonly otherKWh: number;
  };
  /** How each component was read; absent when nothing read it. */
  readonly methods: Readonly<Partial<Record<Component, MeterMethod>>>;
  readonly gpus: ReadonlyArray<{ readonly device: string; readonly name?: string; readonly uuid?: string; readonly kWh: number; readonly share: number; readonly basis: string; readonly meanWatts: number | undefined; readonly meanUtilisation: number | undefined }>;
  readonly phases: ReadonlyArray<{ readonly name: string; readonly start: string; readonly end: string; readonly kWh: number; readonly gCO2e: number }>;
  readonly intensity: { readonly meanGCO2ePerKWh: number; readonly provider: string; readonly source: string; readonly fallback?: string };
  readonly emissions: { readonly operationalG: number; readonly lowG: number; readonly highG: number; readonly embodiedG: number; readonly embodiedLowG?: number; readonly embodiedHighG?: number; readonly embodiedSource?: string };
  /** Job CPU time / busy CPU time over the run. */
  readonly cpuShare: number;
  readonly peakRssBytes: number;
  readonly samples: number;
  readonly notes: readonly string[];
}

const J_PER_KWH = 3.6e6;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Step { readonly t0: number; readonly t1: number; readonly a: Attribution; readonly jobJ: number }

function step(s: SampleRecord, a: Attribution): Step {
  return { t0: s.t0, t1: s.t1, a, jobJ: a.job.cpu_package + a.job.dram + a.job.gpu };
}

function bandOf(steps: readonly Step[], samples: readonly SampleRecord[], scope: string): Band {
  let weight = 0;
  let lo = 0;
  let hi = 0;
  for (const [i, step] of steps.entries()) {
    for (const r of samples[i]?.readings ?? []) {
      const used = step.a.devices.find((d) => d.meter === r.meter && d.device === r.device);
      if (!used || r.scope !== scope || r.joules <= 0) continue;
      const b = r.method === 'model' ? (r.model?.band ?? { low: 0.5, high: 2 }) : METHOD_BANDS[r.method];
      weight += r.joules;
      lo += r.joules * b.low;
      hi += r.joules * b.high;
    }
  }
  return weight > 0 ? { low: lo / weight, high: hi / weight } : { low: 1, high: 1 };
}

function phasesOf(j: JournalContents, steps: readonly Step[], endMs: number, intensity: RunIntensity, pue: number): RunSummary['phases'] {
  const marks = [...j.phases].sort((a, b) => a.t - b.t);
  if (marks.length === 0) return [];
  const startMs = Date.parse(j.header.startedAt);
  const spans = marks.map((m, i) => ({ name: m.name, t0: m.t, t1: marks[i + 1]?.t ?? endMs }));
  if ((marks[0]?.t ?? startMs) > startMs) spans.unshift({ name: '(before the first phase)', t0: startMs, t1: marks[0]?.t ?? startMs });
  return spans.map((p) => {
    let joules = 0;
    let grams = 0;
    for (const s of steps) {
      const ov = Math.max(0, Math.min(s.t1, p.t1) - Math.max(s.t0, p.t0));
      if (ov <= 0 || s.t1 <= s.t0) continue;
      const part = s.jobJ * (ov / (s.t1 - s.t0));
      joules += part;
      grams += (part / J_PER_KWH) * pue * intensity.at(s.t0, s.t1);
    }
    return { name: p.name, start: iso(p.t0), end: iso(p.t1), kWh: joules / J_PER_KWH, gCO2e: grams };
  });
}

/**
 * @example
 * const s = summariseRun(readJournal(path), staticRunIntensity(factor), embodied);
 * s.energy.gpu;            // kWh of the GPUs the job used
 * s.emissions.operationalG; // with s.emissions.lowG … highG
 */
/**
 * `attributed`: each sample's attribution, when the caller has it already (storing a run keeps the
 * per-sample figures too); computed here otherwise.
 */
export function summariseRun(
  j: JournalContents, intensity: RunIntensity, embodied?: RunEmbodied,
  attributed: readonly Attribution[] = j.samples.map((s) => attributeSample(s, j.header.machine.memoryBytes)),
): RunSummary {
  const h = j.header;
  const startMs = Date.parse(h.startedAt);
  const steps = j.samples.map((x, i) => step(x, attributed[i] ?? attributeSample(x, h.machine.memoryBytes)));
  const last = j.samples.at(-1);
  const endMs = j.end?.t ?? last?.t1 ?? startMs;
  const kwh = (c: Component): number => steps.reduce((s, x) => s + x.a.job[SCOPE[c]], 0) / J_PER_KWH;
  const energyBy = { cpu: kwh('cpu'), dram: kwh('dram'), gpu: kwh('gpu') };
  const itKWh = energyBy.cpu + energyBy.dram + energyBy.gpu;
  const bands = (Object.keys(SCOPE) as Component[]).map((c) => ({ c, b: bandOf(steps, j.samples, SCOPE[c]) }));
  const lowKWh = bands.reduce((s, { c, b }) => s + energyBy[c] * b.low, 0);
  const highKWh = bands.reduce((s, { c, b }) => s + energyBy[c] * b.high, 0);
  const sumScoped = (k: 'idle' | 'other'): number => steps.reduce((s, x) => s + x.a[k].cpu_package + x.a[k].dram + x.a[k].gpu, 0) / J_PER_KWH;

  let operationalG = 0;
  for (const s of steps) if (s.t1 > s.t0) operationalG += (s.jobJ / J_PER_KWH) * h.pue * intensity.at(s.t0, s.t1);
  const energyBand = itKWh > 0 ? { low: lowKWh / itKWh, high: highKWh / itKWh } : { low: 1, high: 1 };
  const opBand = combineBands([energyBand, intensity.band]);

  const methods: Partial<Record<Component, MeterMethod>> = {};
  const notes = new Set<string>();
  for (const s of steps) {
    for (const d of s.a.devices) {
      const c = (Object.keys(SCOPE) as Component[]).find((k) => SCOPE[k] === d.scope);
      if (c && (methods[c] === undefined || methods[c] === 'model')) methods[c] = d.method;
    }
    for (const n of s.a.notes) notes.add(n);
  }

  const jobBusy = j.samples.reduce((s, x) => s + x.cpu.jobCpuSeconds, 0);
  const allBusy = j.samples.reduce((s, x) => s + x.cpu.busyCpuSeconds, 0);
  const cpuShare = allBusy > 0 ? Math.min(1, jobBusy / allBusy) : 0;
  const hours = Math.max(0, endMs - startMs) / 3.6e6;
  const gpus = gpuRows(steps, j.samples);
  const gpuShareSum = gpus.reduce((s, g) => s + g.share, 0);
  const embodiedG = embodied ? ((embodied.hostKg * cpuShare + embodied.gpuKg * gpuShareSum) * 1000 * hours) / embodied.lifetimeHours : 0;

  for (const m of h.meters) if (m.status.state === 'unavailable') notes.add(`${m.id}: ${m.status.reason}`);
  for (const n of j.end?.notes ?? []) notes.add(n);
  if (!j.end) notes.add('The tracker stopped before the job ended (killed or machine lost): the last seconds before it stopped are missing.');
  if (j.malformedLines > 0) notes.add(`${j.malformedLines} unreadable journal line(s) skipped.`);
  if (intensity.fallback) notes.add(`Grid intensity: ${intensity.fallback}`);

  return {
    runId: h.id, name: h.name, project: h.project, tags: h.tags, command: h.command, host: h.host,
    startedAt: h.startedAt, endedAt: iso(endMs), durationSeconds: Math.max(0, endMs - startMs) / 1000,
    exitCode: j.end?.exitCode ?? null, signal: j.end?.signal ?? null, complete: j.end !== undefined,
    zone: h.zone, region: h.region, pue: h.pue,
    energy: { ...energyBy, itKWh, facilityKWh: itKWh * h.pue, lowKWh, highKWh, idleKWh: sumScoped('idle'), otherKWh: sumScoped('other') },
    methods, gpus,
    phases: phasesOf(j, steps, endMs, intensity, h.pue),
    intensity: {
      meanGCO2ePerKWh: itKWh > 0 ? operationalG / (itKWh * h.pue) : intensity.at(startMs, Math.max(endMs, startMs + 1)),
      provider: intensity.provider, source: intensity.source, ...(intensity.fallback ? { fallback: intensity.fallback } : {}),
    },
    emissions: {
      operationalG, lowG: operationalG * opBand.low, highG: operationalG * opBand.high, embodiedG,
      ...(embodied ? { embodiedLowG: embodiedG * embodied.band.low, embodiedHighG: embodiedG * embodied.band.high, embodiedSource: embodied.source } : {}),
    },
    cpuShare,
    peakRssBytes: j.samples.reduce((m, s) => Math.max(m, s.rssBytes), 0),
    samples: j.samples.length,
    notes: [...notes],
  };
}

function gpuRows(steps: readonly Step[], samples: readonly SampleRecord[]): RunSummary['gpus'] {
  const rows = new Map<string, { device: string; name?: string; uuid?: string; jobJ: number; allJ: number; shareJ: number; ms: number; util: number; utilMs: number; basis: string }>();
  for (const [i, step] of steps.entries()) {
    for (const d of step.a.devices) {
      if (d.scope !== 'gpu') continue;
      const r = rows.get(d.device) ?? { device: d.device, jobJ: 0, allJ: 0, shareJ: 0, ms: 0, util: 0, utilMs: 0, basis: d.basis };
      r.jobJ += d.jobJoules;
      r.allJ += d.joules;
      r.shareJ += d.share * d.joules;
      r.basis = d.basis;
      for (const x of samples[i]?.readings ?? []) {
        if (x.scope !== 'gpu' || x.device !== d.device) continue;
        r.ms += x.t1 - x.t0;
        if (x.name) r.name = x.name;
        if (x.uuid) r.uuid = x.uuid;
        if (x.utilisation !== undefined) {
          r.util += x.utilisation * (x.t1 - x.t0);
          r.utilMs += x.t1 - x.t0;
        }
      }
      rows.set(d.device, r);
    }
  }
  return [...rows.values()].map((r) => ({
    device: r.device,
    ...(r.name ? { name: r.name } : {}),
    ...(r.uuid ? { uuid: r.uuid } : {}),
    kWh: r.jobJ / J_PER_KWH,
    // The job's share of the GPU's use (idle excluded), energy-weighted over the run.
    share: r.allJ > 0 ? r.shareJ / r.allJ : 0,
    basis: r.basis,
    meanWatts: r.ms > 0 ? r.allJ / (r.ms / 1000) : undefined,
    meanUtilisation: r.utilMs > 0 ? r.util / r.utilMs : undefined,
  }));
}
