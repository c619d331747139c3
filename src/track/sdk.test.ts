import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../test/helpers/focus.js';
import { openDb } from '../store/duckdb/connection.js';
import { startTracking, track } from './sdk.js';

function burn(ms: number): number {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) x += Math.sqrt(x + 1);
  return x;
}

describe('tracking SDK', () => {
  it('measures a function in this process, with phases, and stores the run', async () => {
    const dir = scratchDir();
    const db = join(dir, 'g.duckdb');
    const { result, summary } = await track('burn', async (phase) => {
      phase('warm');
      await new Promise((r) => setTimeout(r, 300));
      phase('hot');
      burn(800);
      await new Promise((r) => setTimeout(r, 250));
      return 42;
    }, { store: db, zone: 'DE', intervalMs: 200, project: 'sdk' });
    expect(result).toBe(42);
    expect(summary.complete).toBe(true);
    expect(summary.energy.cpu).toBeGreaterThan(0);
    expect(summary.phases.map((p) => p.name)).toEqual(expect.arrayContaining(['warm', 'hot']));
    const hot = summary.phases.find((p) => p.name === 'hot');
    const warm = summary.phases.find((p) => p.name === 'warm');
    expect(hot?.kWh ?? 0).toBeGreaterThan(warm?.kWh ?? 0); // the busy phase used more
    const store = await openDb(db);
    try {
      expect(await store.all('SELECT name, project, complete FROM runs')).toEqual([{ name: 'burn', project: 'sdk', complete: true }]);
    } finally {
      store.close();
    }
  });

  it('records a failed function and rethrows; startTracking/stop without a store', async () => {
    const dir = scratchDir();
    await expect(track('fails', () => {
      throw new Error('boom');
    }, { store: false, journalDir: dir })).rejects.toThrow('boom');
    const t = await startTracking({ store: false, journalDir: dir, intervalMs: 100 });
    burn(200);
    const s = await t.stop();
    expect(s.exitCode).toBe(0);
    expect(s.notes).toEqual(expect.arrayContaining([expect.stringMatching(/world average/)]));
  });
});
