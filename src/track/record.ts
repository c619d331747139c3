/**
 * From journal to store: summarise a finished (or interrupted) run and keep it with its samples.
 * Journals stay on disk as the raw record; a run stored incomplete is replaced if its journal later
 * turns out complete.
 */
import type { Attribution } from '../meters/attribution.js';
import { attributeSample } from './attribute.js';
import type { Db } from '../store/duckdb/connection.js';
import { saveRun, storedRuns, type RunSampleRow } from '../store/duckdb/runs.js';
import { finishedJournals, journalIds, type JournalContents } from './journal.js';
import { summariseRun, type RunEmbodied, type RunIntensity, type RunSummary } from './summary.js';
import type { RunHeader } from './types.js';

/** Version of the way runs are measured and summarised; stored with every run. */
export const TRACK_METHOD_VERSION = 'track-1';

export interface RecordContext {
  intensity(header: RunHeader, fromMs: number, toMs: number): Promise<RunIntensity>;
  embodied(header: RunHeader): RunEmbodied | undefined;
}

/** Each sample's attribution: computed once, for the summary and the stored series. */
function attributeAll(j: JournalContents): Attribution[] {
  return j.samples.map((s) => attributeSample(s, j.header.machine.memoryBytes));
}

/** The job's energy per sample, joules by component, for the stored series. */
export function sampleRows(j: JournalContents, attributed: readonly Attribution[] = attributeAll(j)): RunSampleRow[] {
  return j.samples.map((s, i) => {
    const a = attributed[i] ?? attributeSample(s, j.header.machine.memoryBytes);
    return {
      t0: s.t0, t1: s.t1, cpuJ: a.job.cpu_package, dramJ: a.job.dram, gpuJ: a.job.gpu,
      idleJ: a.idle.cpu_package + a.idle.dram + a.idle.gpu,
      cpuShare: s.cpu.busyCpuSeconds > 0 ? Math.min(1, s.cpu.jobCpuSeconds / s.cpu.busyCpuSeconds) : null,
      rssBytes: s.rssBytes,
    };
  });
}

export async function summariseJournal(j: JournalContents, ctx: RecordContext, attributed: readonly Attribution[] = attributeAll(j)): Promise<RunSummary> {
  const start = Date.parse(j.header.startedAt);
  const end = j.end?.t ?? j.samples.at(-1)?.t1 ?? start;
  return summariseRun(j, await ctx.intensity(j.header, start, Math.max(end, start + 1)), ctx.embodied(j.header), attributed);
}

export async function recordJournal(db: Db, j: JournalContents, ctx: RecordContext): Promise<RunSummary> {
  const attributed = attributeAll(j);
  const summary = await summariseJournal(j, ctx, attributed);
  await saveRun(db, { source: 'track', summary, journal: j.path, methodologyVersion: TRACK_METHOD_VERSION }, sampleRows(j, attributed));
  return summary;
}

/**
 * Store every run in `dir` whose tracker has finished or died and that the store lacks (or holds
 * as incomplete while its journal is now complete). Runs stored complete are not read again.
 * Returns the runs stored.
 */
export async function recoverJournals(db: Db, dir: string, ctx: RecordContext, onError?: (path: string, e: unknown) => void): Promise<RunSummary[]> {
  const stored = await storedRuns(db, journalIds(dir));
  const journals = finishedJournals(dir, { skip: (id) => stored.get(id) === true, ...(onError ? { onError } : {}) });
  const out: RunSummary[] = [];
  for (const j of journals) {
    if (stored.get(j.header.id) === false && !j.end) continue;
    out.push(await recordJournal(db, j, ctx));
  }
  return out;
}
