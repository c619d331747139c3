/**
 * A tracked job run, as journalled while it runs and stored when it ends. The journal holds the raw
 * readings and the job's CPU share per interval, so every summary can be recomputed from it.
 */
import type { MeterStatus, Reading } from '../meters/types.js';

export interface RunHeader {
  readonly type: 'run';
  /** Journal format version. */
  readonly v: 1;
  readonly id: string;
  readonly name: string;
  readonly project: string | null;
  readonly tags: Readonly<Record<string, string>>;
  readonly command: readonly string[];
  readonly cwd: string;
  readonly host: string;
  /** The tracker's pid: a journal without an end record whose tracker is gone is an interrupted run. */
  readonly trackerPid: number;
  /** Linux boot id when the run started: after a reboot the same pid may belong to another process. */
  readonly bootId: string | null;
  /** ISO 8601 UTC. */
  readonly startedAt: string;
  readonly intervalMs: number;
  /** Grid zone whose intensity applies, and the cloud region it came from, if any. */
  readonly zone: string | null;
  readonly region: string | null;
  readonly pue: number;
  /** Each meter's state at start (unavailable ones with their reason). */
  readonly meters: ReadonlyArray<{ readonly id: string; readonly status: MeterStatus }>;
  /** CPU model and logical CPUs of the machine, memory in bytes; for the model and embodied share. */
  readonly machine: { readonly cpuModel: string | null; readonly cpus: number; readonly memoryBytes: number | null; readonly gpus: readonly string[] };
}

/** One sampling interval: every meter's readings and the job's use of the machine over it. */
export interface SampleRecord {
  readonly type: 'sample';
  readonly t0: number;
  readonly t1: number;
  readonly readings: readonly Reading[];
  /** CPU seconds of the job's process tree, of all busy CPUs, and of all CPUs over the interval. */
  readonly cpu: { readonly jobCpuSeconds: number; readonly busyCpuSeconds: number; readonly totalCpuSeconds: number };
  /** Resident memory of the job's process tree at t1, bytes. */
  readonly rssBytes: number;
  /** The job's share of each GPU it used (absent: every GPU read is the job's). */
  readonly gpuShares?: ReadonlyArray<{ readonly index: number; readonly uuid: string; readonly share: number; readonly basis: string }>;
}

/** A phase marker sent by the job (`epoch 3`, `eval`): energy from here to the next marker is the phase's. */
export interface PhaseRecord {
  readonly type: 'phase';
  readonly t: number;
  readonly name: string;
}

export interface EndRecord {
  readonly type: 'end';
  readonly t: number;
  /** The command's exit code; null when it died of a signal or never started. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** Facts the summary must carry (meter notes, malformed lines skipped). */
  readonly notes: readonly string[];
}

export type JournalRecord = RunHeader | SampleRecord | PhaseRecord | EndRecord;
