import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../test/helpers/focus.js';
import { currentBootId, finishedJournals, openJournal, readJournal } from './journal.js';
import type { RunHeader, SampleRecord } from './types.js';

function header(id: string, trackerPid = process.pid): RunHeader {
  return {
    type: 'run', v: 1, id, name: 'train', project: 'p', tags: {}, command: ['python', 'train.py'], cwd: '/tmp', host: hostname(),
    trackerPid, bootId: currentBootId(), startedAt: '2026-11-23T10:00:00Z', intervalMs: 1000, zone: null, region: null, pue: 1,
    meters: [], machine: { cpuModel: null, cpus: 2, memoryBytes: null, gpus: [] },
  };
}

const sample = (t0: number): SampleRecord => ({ type: 'sample', t0, t1: t0 + 1000, readings: [], cpu: { jobCpuSeconds: 0.5, busyCpuSeconds: 1, totalCpuSeconds: 2 }, rssBytes: 1 });

describe('run journal', () => {
  it('writes the header at once and later records at most flushMs apart', () => {
    const dir = scratchDir();
    const j = openJournal(dir, header('r1'), { flushMs: 5_000 });
    expect(readJournal(j.path).header.id).toBe('r1');
    j.append(sample(0), Date.now());
    expect(readJournal(j.path).samples).toHaveLength(0); // buffered
    j.append(sample(1000), Date.now() + 6_000);
    expect(readJournal(j.path).samples).toHaveLength(2);
    j.append({ type: 'end', t: 2000, exitCode: 0, signal: null, notes: [] });
    expect(readJournal(j.path).end?.exitCode).toBe(0);
    j.close();
  });

  it('skips a torn last line and counts it', () => {
    const dir = scratchDir();
    const j = openJournal(dir, header('r2'));
    j.append(sample(0));
    j.flush();
    appendFileSync(j.path, '{"type":"sample","t0":10');
    const back = readJournal(j.path);
    expect([back.samples.length, back.malformedLines]).toEqual([1, 1]);
    j.close();
  });

  it('names a file that is not a journal', () => {
    const dir = scratchDir();
    const path = join(dir, 'x.jsonl');
    appendFileSync(path, 'hello\n');
    expect(() => readJournal(path)).toThrow(/x\.jsonl: not a run journal/);
  });

  it('recovers runs whose tracker died without an end record, and leaves live ones alone', async () => {
    const dir = scratchDir();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const live = openJournal(dir, header('live', child.pid));
    live.close();
    const done = openJournal(dir, header('done'));
    done.append({ type: 'end', t: 1, exitCode: 0, signal: null, notes: [] });
    done.close();
    expect(finishedJournals(dir).map((j) => j.header.id)).toEqual(['done']);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(finishedJournals(dir).map((j) => j.header.id)).toEqual(['done', 'live']);
    // After a reboot a reused pid does not keep a run open.
    const rebooted = openJournal(dir, { ...header('old-boot', process.pid), bootId: 'another-boot' });
    rebooted.close();
    expect(finishedJournals(dir).map((j) => j.header.id)).toContain('old-boot');
    // A damaged journal is reported, not fatal; stored runs are not read again.
    appendFileSync(join(dir, 'broken.jsonl'), '');
    const errors: string[] = [];
    const ids = finishedJournals(dir, { skip: (id) => id === 'done', onError: (p) => errors.push(p) }).map((j) => j.header.id);
    expect(ids).toEqual(['live', 'old-boot']);
    expect(errors).toEqual([join(dir, 'broken.jsonl')]);
    expect(readFileSync(rebooted.path, 'utf8').split('\n')[0]).toContain('"old-boot"');
  });
});
