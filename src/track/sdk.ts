/**
 * Tracking from inside a Node program: `track(name, fn)` measures one piece of work, and
 * `startTracking()` / `stop()` bracket any stretch of it, with `phase()` markers in between. The job
 * is this process (its whole process tree: worker processes it spawns count too). The run is
 * journalled like `greenops track`'s, summarised, and stored unless `store: false`.
 */
import { randomUUID } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { resolveZone } from '../factors/zones.js';
import { createProcfsSampler } from '../meters/procfs/sampler.js';
import { saveRun } from '../store/duckdb/runs.js';
import { readJournal } from './journal.js';
import { defaultMeters, gpuShareSource } from './meters.js';
import { machineEmbodied, staticRunIntensity } from './intensity.js';
import { sampleRows, summariseJournal, TRACK_METHOD_VERSION, type RecordContext } from './record.js';
import type { RunSummary } from './summary.js';
import { startTracker } from './tracker.js';

export interface TrackingOptions {
  readonly name?: string;
  readonly project?: string;
  readonly tags?: Readonly<Record<string, string>>;
  /** Grid zone (`DE`, `SE-SE3`) or cloud region (`aws:eu-north-1`); default: the world average, flagged. */
  readonly zone?: string;
  readonly pue?: number;
  readonly intervalMs?: number;
  /** The store to keep the run in (default `.greenops/greenops.duckdb`), or false to only journal it. */
  readonly store?: string | false;
  /** Where journals go (default `runs/` beside the store). */
  readonly journalDir?: string;
}

export interface TrackingHandle {
  readonly runId: string;
  /** Mark the start of a phase (`epoch 3`, `eval`). */
  phase(name: string): void;
  /** Stop measuring; resolves to the run's summary once it is stored. `failed` records exit code 1. */
  stop(options?: { failed?: boolean }): Promise<RunSummary>;
}

/**
 * @example
 * const t = await startTracking({ name: 'embed corpus', zone: 'FR' });
 * t.phase('load'); await load(); t.phase('embed'); await embed();
 * const s = await t.stop(); // s.energy.itKWh, s.emissions.operationalG
 */
export async function startTracking(o: TrackingOptions = {}): Promise<TrackingHandle> {
  const db = o.store === false ? undefined : (o.store ?? '.greenops/greenops.duckdb');
  const journalDir = o.journalDir ?? join(db ? join(db, '..') : '.greenops', 'runs');
  const intervalMs = o.intervalMs ?? 1000;
  const zone = o.zone === undefined ? null : resolveZone(o.zone);
  const live = staticRunIntensity(zone);
  const { meters, gpu } = defaultMeters({ intervalMs, ...(process.env['CUDA_VISIBLE_DEVICES'] === undefined ? {} : { visibleDevices: process.env['CUDA_VISIBLE_DEVICES'] }) });
  const tracker = await startTracker({
    header: {
      id: randomUUID(), name: o.name ?? 'node', project: o.project ?? null, tags: { ...(o.tags ?? {}) }, command: process.argv.slice(1), cwd: process.cwd(),
      intervalMs, zone, region: null, pue: o.pue ?? 1, machine: { cpuModel: cpus()[0]?.model ?? null, cpus: cpus().length, memoryBytes: totalmem(), gpus: [] },
    },
    meters, journalDir, gpuShares: gpuShareSource(gpu, process.env['CUDA_VISIBLE_DEVICES'] === undefined ? {} : { visibleDevices: process.env['CUDA_VISIBLE_DEVICES'] }), liveIntensity: () => live.at(0, 1),
    launch: async () => createProcfsSampler({ pid: process.pid }),
  });
  const timer = setInterval(() => void tracker.tick().catch(() => undefined), intervalMs);
  timer.unref();
  const ctx: RecordContext = { intensity: async (h) => staticRunIntensity(h.zone), embodied: (h) => machineEmbodied(h) };
  let stopped: Promise<RunSummary> | undefined;
  return {
    runId: tracker.header.id,
    phase: (name) => tracker.phase(name),
    stop(options = {}) {
      stopped ??= (async () => {
        clearInterval(timer);
        await tracker.stop({ exitCode: options.failed ? 1 : 0, signal: null });
        const journal = readJournal(tracker.journalPath);
        const summary = await summariseJournal(journal, ctx);
        if (db) {
          const { openDuckStore } = await import('../store/duckdb/index.js');
          const store = await openDuckStore(db);
          try {
            await saveRun(store.db, { source: 'track', summary, journal: journal.path, methodologyVersion: TRACK_METHOD_VERSION }, sampleRows(journal));
          } finally {
            store.close();
          }
        }
        return summary;
      })();
      return stopped;
    },
  };
}

/**
 * Measure `fn` and return its result with the run's summary; the run is stored even when `fn` throws
 * (the error is then rethrown).
 *
 * @example
 * const { result, summary } = await track('fine-tune', () => fineTune(model), { project: 'llm', zone: 'SE-SE3' });
 */
export async function track<T>(name: string, fn: (phase: (name: string) => void) => Promise<T> | T, options: Omit<TrackingOptions, 'name'> = {}): Promise<{ result: T; summary: RunSummary }> {
  const t = await startTracking({ ...options, name });
  let result: T;
  try {
    result = await fn((p) => t.phase(p));
  } catch (e) {
    // The job's own error is what the caller needs; a failure to store the run must not replace it.
    await t.stop({ failed: true }).catch(() => undefined);
    throw e;
  }
  return { result, summary: await t.stop() };
}
