import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MeterFs } from '../_io.js';
import { readClockTicks } from './clock.js';
import { cpuUsageBetween, createProcfsSampler } from './sampler.js';

/** An in-memory procfs: path -> text; a missing path is ENOENT, as for a vanished process. */
function memFs(files: Map<string, string>): MeterFs {
  return {
    readText: async (p) => {
      const t = files.get(p);
      if (t === undefined) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return t;
    },
    list: async (dir) => [...new Set([...files.keys()].filter((k) => k.startsWith(`${dir}/`)).map((k) => k.slice(dir.length + 1).split('/')[0] ?? ''))],
  };
}
const stat = (pid: number, ppid: number, u: number, s: number, cu = 0, cs = 0, start = 100, state = 'S'): string =>
  `${pid} (p${pid}) ${state} ${ppid} 0 0 0 -1 0 0 0 0 0 ${u} ${s} ${cu} ${cs} 20 0 1 0 ${start} 0 0`;

function fakeProc(): { files: Map<string, string>; fs: MeterFs } {
  const files = new Map<string, string>([
    ['/p/stat', 'cpu  1000 0 0 9000 0 0 0 0 0 0\ncpu0 1000 0 0 9000 0 0 0 0 0 0\n'],
    ['/p/meminfo', 'MemTotal: 1000 kB\nMemAvailable: 400 kB\n'],
    ['/p/1/stat', stat(1, 0, 5, 5)],
    ['/p/10/stat', stat(10, 1, 100, 50)],
    ['/p/10/status', 'VmRSS:\t 100 kB\n'],
    ['/p/11/stat', stat(11, 10, 200, 0)],
    ['/p/11/status', 'VmRSS:\t 50 kB\n'],
    ['/p/20/stat', stat(20, 1, 9999, 0)],
  ]);
  return { files, fs: memFs(files) };
}

describe('procfs sampler (fake /proc)', () => {
  it('sums utime+stime+cutime+cstime over the tree, with RSS and system counters', async () => {
    const { fs } = fakeProc();
    const snap = await createProcfsSampler({ pid: 10, procRoot: '/p', fs }).read(0);
    expect(snap).toMatchObject({ jobCpuSeconds: 3.5, rootAlive: true, pids: [10, 11], rssBytes: 150 * 1024, systemBusySeconds: 10, systemTotalSeconds: 100, cpus: 1, memTotalBytes: 1000 * 1024 });
  });

  it('keeps exited children through the cutime of the parent that reaped them, and never goes down', async () => {
    const { files, fs } = fakeProc();
    const s = createProcfsSampler({ pid: 10, procRoot: '/p', fs });
    const a = await s.read(0);
    files.delete('/p/11/stat'); // 11 exited and is not yet in 10's cutime: one low scan
    expect((await s.read(1000)).jobCpuSeconds).toBe(3.5);
    files.set('/p/10/stat', stat(10, 1, 120, 50, 230, 0)); // reaped: 11's 200 + 30 more ticks
    files.set('/p/stat', 'cpu  1500 0 0 9500 0 0 0 0 0 0\n');
    const b = await s.read(2000);
    expect(b.jobCpuSeconds).toBe(4);
    expect(cpuUsageBetween(a, b)).toEqual({ t0: 0, t1: 2000, jobCpuSeconds: 0.5, busyCpuSeconds: 5, totalCpuSeconds: 10, load: 0.5 });
  });

  it('counts a zombie root but not a new process that reuses its pid', async () => {
    const { files, fs } = fakeProc();
    const s = createProcfsSampler({ pid: 10, procRoot: '/p', fs });
    await s.read(0);
    files.set('/p/10/stat', stat(10, 1, 300, 50, 0, 0, 100, 'Z'));
    expect(await s.read(1)).toMatchObject({ rootAlive: false, jobCpuSeconds: 5.5 });
    files.set('/p/10/stat', stat(10, 1, 1, 1, 0, 0, 777));
    expect(await s.read(2)).toMatchObject({ rootAlive: false, jobCpuSeconds: 5.5, pids: [] });
  });

  it('asks getconf for CLK_TCK once and falls back to 100', async () => {
    expect(await readClockTicks()).toBeGreaterThan(0);
    expect(await readClockTicks('/nonexistent/getconf')).toBe(100);
  });
});

const burnTree = fileURLToPath(new URL('../../../test/fixtures/meters/burn-tree.mjs', import.meta.url));
const isLinux = process.platform === 'linux';

/** Starts a burn-tree process; `closed` is taken at once so an early exit is not missed. */
function startNode(args: string[], stdin: 'pipe' | 'ignore'): { child: ChildProcess; closed: Promise<unknown> } {
  const child = spawn(process.execPath, [burnTree, ...args], { stdio: [stdin, 'pipe', 'inherit'] });
  return { child, closed: once(child, 'close') };
}
async function firstLine(c: ChildProcess): Promise<string> {
  let out = '';
  for await (const chunk of c.stdout ?? []) {
    out += String(chunk);
    if (out.includes('\n')) return out.trim();
  }
  return out.trim();
}

describe.skipIf(!isLinux)('procfs sampler (real processes; Linux only)', () => {
  it('attributes the CPU time of the whole tree, exited children included, and none of a busy sibling', async () => {
    const hz = await readClockTicks();
    const { child: root, closed: rootClosed } = startNode(['root'], 'pipe');
    const sampler = createProcfsSampler({ pid: root.pid ?? -1, clockTicks: hz, rootIsOwnChild: true, selfPid: process.pid });
    const before = await sampler.read();
    const sibling = startNode(['leaf', '700'], 'ignore'); // a sibling of the job's root, busy at the same time
    const [done, siblingOut] = await Promise.all([firstLine(root), firstLine(sibling.child)]);
    await sibling.closed;
    const reported = Number(done.split(' ')[1]); // the tree's own sum of process.cpuUsage()
    const alive = await sampler.read();
    const job = cpuUsageBetween(before, alive).jobCpuSeconds;
    // 400 + 300 + 200 ms burnt plus four Node start-ups; tick rounding is 1/hz per process.
    expect(reported).toBeGreaterThan(0.9);
    expect(Math.abs(job + before.jobCpuSeconds - reported)).toBeLessThan(0.15);
    expect(Number(siblingOut)).toBeGreaterThan(0.7);
    expect(alive.rootAlive).toBe(true);
    expect(alive.systemBusySeconds - before.systemBusySeconds).toBeGreaterThanOrEqual(job);

    root.stdin?.end();
    await rootClosed;
    const after = await sampler.read();
    expect(after.rootAlive).toBe(false);
    // The root is gone from /proc; its reaped total (via this process's cutime) closes the run.
    expect(after.jobCpuSeconds).toBeGreaterThanOrEqual(alive.jobCpuSeconds);
    expect(Math.abs(after.jobCpuSeconds - reported)).toBeLessThan(0.2);
  });
});
