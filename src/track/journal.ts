/**
 * The run journal: an append-only JSON-lines file per run under `.greenops/runs/`, written while the
 * job runs. Records are buffered and written with an fsync at most `flushMs` apart (2 s by default),
 * so a SIGKILLed tracker or a lost machine loses at most the last few seconds; a torn last line is
 * skipped when read. A journal without an `end` record whose tracker is no longer alive is an
 * interrupted run, recovered (marked incomplete) by the next command that looks.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { GreenopsError } from '../core/errors.js';
import type { EndRecord, JournalRecord, PhaseRecord, RunHeader, SampleRecord } from './types.js';

export interface JournalWriter {
  readonly path: string;
  /** Buffer a record; written at the next flush (immediately when the last flush is `flushMs` old). */
  append(record: JournalRecord, now?: number): void;
  /** Write and fsync what is buffered. */
  flush(now?: number): void;
  close(): void;
}

export function journalPath(dir: string, runId: string): string {
  return join(dir, `${runId}.jsonl`);
}

/**
 * @example
 * const j = openJournal('.greenops/runs', header);
 * j.append(sample); // buffered, fsynced at most 2 s later
 * j.append(end); j.close();
 */
export function openJournal(dir: string, header: RunHeader, options: { flushMs?: number } = {}): JournalWriter {
  mkdirSync(dir, { recursive: true });
  const path = journalPath(dir, header.id);
  const fd = openSync(path, 'wx');
  const flushMs = options.flushMs ?? 2_000;
  let buffer: string[] = [];
  let last = Date.now();
  let closed = false;
  const flush = (now = Date.now()): void => {
    if (closed) return;
    if (buffer.length) writeSync(fd, buffer.join(''));
    buffer = [];
    fsyncSync(fd);
    last = now;
  };
  buffer.push(`${JSON.stringify(header)}\n`);
  flush();
  return {
    path,
    append(record, now = Date.now()) {
      if (closed) throw new GreenopsError('E_STORE', `run journal ${path} is closed`);
      buffer.push(`${JSON.stringify(record)}\n`);
      if (record.type === 'end' || now - last >= flushMs) flush(now);
    },
    flush,
    close() {
      if (closed) return;
      flush();
      closed = true;
      closeSync(fd);
    },
  };
}

export interface JournalContents {
  readonly path: string;
  readonly header: RunHeader;
  readonly samples: readonly SampleRecord[];
  readonly phases: readonly PhaseRecord[];
  readonly end: EndRecord | undefined;
  /** Lines that were not complete JSON records (a torn last line after a crash). */
  readonly malformedLines: number;
}

/** Read a journal back; throws only when its header is unreadable. */
export function readJournal(path: string): JournalContents {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  let header: RunHeader | undefined;
  const samples: SampleRecord[] = [];
  const phases: PhaseRecord[] = [];
  let end: EndRecord | undefined;
  let malformedLines = 0;
  for (const line of lines) {
    let record: JournalRecord;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      malformedLines += 1;
      continue;
    }
    if (record.type === 'run') header = record;
    else if (record.type === 'sample') samples.push(record);
    else if (record.type === 'phase') phases.push(record);
    else if (record.type === 'end') end = record;
    else malformedLines += 1;
  }
  if (!header) throw new GreenopsError('E_INPUT_FILE_UNREADABLE', `${path}: not a run journal (no header record on its first line)`, { data: { file: path, row: 1, expected: 'a {"type":"run",…} record' } });
  return { path, header, samples, phases, end, malformedLines };
}

/** Whether a process is alive on this machine (signal 0 checks without signalling). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This machine's boot id (Linux), or null where there is none. */
export function currentBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Whether the tracker that wrote a journal may still be running: same host, same boot, pid alive. */
export function trackerRunning(header: RunHeader): boolean {
  if (header.host !== hostname()) return true; // another machine's run (shared disk): not ours to close
  const boot = currentBootId();
  if (header.bootId && boot && header.bootId !== boot) return false;
  return pidAlive(header.trackerPid);
}

/** Run ids of the journals in `dir` (a journal is named after its run), sorted; none when `dir` is absent. */
export function journalIds(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -'.jsonl'.length)).sort();
  } catch {
    return [];
  }
}

/**
 * Journals in `dir` of runs that ended, or whose tracker died before writing the end; `skip` names
 * runs not to read at all (already stored). An unreadable journal is reported through `onError` and
 * left where it is, never fatal: one damaged file must not stop every other command.
 */
export function finishedJournals(
  dir: string,
  options: { isRunning?: (header: RunHeader) => boolean; skip?: (id: string) => boolean; onError?: (path: string, e: unknown) => void } = {},
): JournalContents[] {
  const isRunning = options.isRunning ?? trackerRunning;
  const out: JournalContents[] = [];
  for (const id of journalIds(dir)) {
    if (options.skip?.(id)) continue;
    const path = journalPath(dir, id);
    try {
      const j = readJournal(path);
      if (j.end || !isRunning(j.header)) out.push(j);
    } catch (e) {
      options.onError?.(path, e);
    }
  }
  return out;
}
