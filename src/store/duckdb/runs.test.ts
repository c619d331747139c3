import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSummary } from '../../../test/helpers/runs.js';
import { openDb, type Db } from './connection.js';
import { getRun, listRuns, saveRun, storedRuns } from './runs.js';

let db: Db;
beforeEach(async () => {
  db = await openDb(':memory:');
});
afterEach(() => db.close());

describe('stored runs', () => {
  it('stores a run with its samples, finds it by id prefix, and replaces it when stored again', async () => {
    await saveRun(db, { source: 'track', summary: runSummary({ complete: false }), journal: '/j.jsonl', methodologyVersion: 'm1' }, [
      { t0: Date.parse('2026-11-23T10:00:00Z'), t1: Date.parse('2026-11-23T10:00:01Z'), cpuJ: 1, dramJ: 0.5, gpuJ: 300, idleJ: 2, cpuShare: 0.5, rssBytes: 100 },
    ]);
    expect(await storedRuns(db, ['run-aaaa', 'nope'])).toEqual(new Map([['run-aaaa', false]]));
    await saveRun(db, { source: 'track', summary: runSummary(), journal: '/j.jsonl', methodologyVersion: 'm1' }, []);
    expect(await storedRuns(db, ['run-aaaa'])).toEqual(new Map([['run-aaaa', true]]));
    const got = await getRun(db, 'run-a');
    expect(got?.summary.energy.gpu).toBe(1.5);
    expect(got?.samples).toEqual([]);
    expect((await db.all<{ n: number }>('SELECT count(*) AS n FROM runs'))[0]?.n).toBe(1);
  });

  it('lists newest first, filters by project, and refuses an ambiguous prefix', async () => {
    await saveRun(db, { source: 'track', summary: runSummary({ runId: 'run-a1', startedAt: '2026-11-20T00:00:00Z' }), journal: null, methodologyVersion: 'm1' });
    await saveRun(db, { source: 'codecarbon', summary: runSummary({ runId: 'run-a2', project: 'other' }), journal: null, methodologyVersion: 'm1' });
    expect((await listRuns(db)).map((r) => r.summary.runId)).toEqual(['run-a2', 'run-a1']);
    expect((await listRuns(db, { project: 'llm' })).map((r) => r.summary.runId)).toEqual(['run-a1']);
    await expect(getRun(db, 'run-a')).rejects.toThrow(/matches several runs/);
    expect(await getRun(db, 'zzz')).toBeUndefined();
  });
});
