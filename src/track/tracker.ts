/**
 * The tracker: samples the meters and the job's process tree at a fixed cadence, journals every
 * interval (crash-safe), and keeps running totals for the live status line and Prometheus. It does
 * not spawn anything: `run-job.ts` runs commands under it, and the SDK tracks its own process.
 */
import { hostname } from 'node:os';
import { attributeSample } from './attribute.js';
import { cpuUsageBetween, type ProcfsSampler, type ProcSnapshot } from '../meters/procfs/sampler.js';
import type { Meter, Reading } from '../meters/types.js';
import { currentBootId, openJournal, type JournalWriter } from './journal.js';
import type { LiveMetrics } from './prometheus.js';
import type { EndRecord, RunHeader, SampleRecord } from './types.js';

/** The job's share of each GPU it uses, asked once per interval (undefined: every GPU read is the job's). */
export type GpuShareSource = (pids: readonly number[]) => Promise<SampleRecord['gpuShares']>;

export interface TrackerOptions {
  readonly header: Omit<RunHeader, 'type' | 'v' | 'host' | 'trackerPid' | 'bootId' | 'startedAt' | 'meters'>;
  readonly meters: readonly Meter[];
  /**
   * Called once the meters run, before the first reading: starts the job (or names this process)
   * and returns the sampler of its process tree. If it throws, the meters are stopped and no
   * journal is written.
   */
  readonly launch: () => Promise<ProcfsSampler>;
  readonly journalDir: string;
  /** gCO2e/kWh applied to the live figures (the summary uses the hours the job ran). */
  readonly liveIntensity: () => number;
  readonly gpuShares?: GpuShareSource;
  readonly now?: () => number;
  readonly flushMs?: number;
}

export interface Tracker {
  readonly header: RunHeader;
  readonly journalPath: string;
  /** Read every meter and the process tree for the time since the last tick, and journal it. */
  tick(): Promise<SampleRecord>;
  /** Mark the start of a phase (`epoch 3`, `eval`). */
  phase(name: string): void;
  /** Last tick, end record, journal closed; the meters are stopped. */
  stop(end: { exitCode: number | null; signal: string | null }): Promise<EndRecord>;
  live(): LiveMetrics;
}

interface Totals { energy: Record<string, number>; idle: number; watts: number; grams: number; gpus: LiveMetrics['gpus'] }

/**
 * @example
 * const t = await startTracker({ header, meters: defaultMeters({ intervalMs: 1000 }), launch, journalDir, liveIntensity: () => 250 });
 * setInterval(() => void t.tick(), 1000);
 * await t.stop({ exitCode: 0, signal: null });
 */
export async function startTracker(o: TrackerOptions): Promise<Tracker> {
  const now = o.now ?? Date.now;
  const started = now();
  const statuses = await Promise.all(o.meters.map(async (m) => ({ id: m.id, status: await m.start(started) })));
  let procfs: ProcfsSampler;
  try {
    procfs = await o.launch();
  } catch (e) {
    await Promise.all(o.meters.map((m) => m.stop()));
    throw e;
  }
  const header: RunHeader = {
    ...o.header, type: 'run', v: 1, host: hostname(), trackerPid: process.pid, bootId: currentBootId(),
    startedAt: new Date(started).toISOString(), meters: statuses,
  };
  const journal: JournalWriter = openJournal(o.journalDir, header, { flushMs: o.flushMs ?? 2_000 });
  let last: ProcSnapshot = await procfs.read(started);
  const totals: Totals = { energy: { cpu: 0, dram: 0, gpu: 0 }, idle: 0, watts: 0, grams: 0, gpus: {} };
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();

  const record = async (readings: Reading[]): Promise<SampleRecord> => {
    const snap = await procfs.read(now());
    const use = cpuUsageBetween(last, snap);
    last = snap;
    const gpuShares = o.gpuShares ? await o.gpuShares(snap.pids) : undefined;
    const sample: SampleRecord = {
      type: 'sample', t0: use.t0, t1: use.t1, readings, rssBytes: snap.rssBytes,
      cpu: { jobCpuSeconds: use.jobCpuSeconds, busyCpuSeconds: use.busyCpuSeconds, totalCpuSeconds: use.totalCpuSeconds },
      ...(gpuShares ? { gpuShares } : {}),
    };
    journal.append(sample, use.t1);
    accumulate(totals, sample, header, o.liveIntensity());
    return sample;
  };
  // Ticks never overlap: a slow read (nvidia-smi, a large /proc) delays the next one instead.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    header,
    journalPath: journal.path,
    tick: () => serial(async () => record((await Promise.all(o.meters.map((m) => m.sample(now())))).flat())),
    phase(name) {
      if (!stopped) journal.append({ type: 'phase', t: now(), name: name.slice(0, 200) });
    },
    stop: (end) => serial(async () => {
      stopped = true;
      await record((await Promise.all(o.meters.map((m) => m.stop(now())))).flat());
      const notes = [...new Set(o.meters.flatMap((m) => m.notes()))];
      const endRecord: EndRecord = { type: 'end', t: now(), exitCode: end.exitCode, signal: end.signal, notes };
      journal.append(endRecord);
      journal.close();
      return endRecord;
    }),
    live: () => ({
      runId: header.id, name: header.name, project: header.project, energyJoules: { ...totals.energy }, idleJoules: totals.idle,
      powerWatts: totals.watts, emissionsGrams: totals.grams, intensity: o.liveIntensity(), gpus: totals.gpus,
      elapsedSeconds: (now() - started) / 1000,
    }),
  };
}

function accumulate(t: Totals, s: SampleRecord, h: RunHeader, intensity: number): void {
  const pue = h.pue;
  const a = attributeSample(s, h.machine.memoryBytes);
  const job = a.job.cpu_package + a.job.dram + a.job.gpu;
  t.energy['cpu'] = (t.energy['cpu'] ?? 0) + a.job.cpu_package;
  t.energy['dram'] = (t.energy['dram'] ?? 0) + a.job.dram;
  t.energy['gpu'] = (t.energy['gpu'] ?? 0) + a.job.gpu;
  t.idle += a.idle.cpu_package + a.idle.dram + a.idle.gpu;
  t.watts = s.t1 > s.t0 ? job / ((s.t1 - s.t0) / 1000) : t.watts;
  t.grams += (job / 3.6e6) * pue * intensity;
  const gpus: Record<string, { watts: number; utilisation: number | undefined }> = {};
  for (const r of s.readings) if (r.scope === 'gpu') gpus[r.device] = { watts: r.watts ?? 0, utilisation: r.utilisation };
  if (Object.keys(gpus).length) t.gpus = gpus;
}
