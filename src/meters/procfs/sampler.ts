/**
 * CPU time and memory of a job's process tree, and of the whole system, from procfs. Not a Meter (it
 * reads no energy): it feeds the model meter's load and the attribution of node energy to the job.
 *
 * CPU-time accounting. The job's CPU time is the sum over every live process of the tree of
 * utime + stime + cutime + cstime. A descendant that exits is reaped by its parent, and the kernel adds
 * its utime + stime + cutime + cstime to that parent's cutime/cstime (wait(2), getrusage(2)
 * RUSAGE_CHILDREN), so exited children stay counted exactly once, through whichever live ancestor
 * reaped them; summing cutime of the root alone would miss grandchildren until their parent exits.
 * The total is kept monotone: a process caught between exit and being reaped can make one scan read
 * low, and the next scan makes it up. Known gaps: processes that daemonise (re-parented to init) leave
 * the tree; children of a parent that ignores SIGCHLD are never added to any cutime.
 */
import { nodeFs, type MeterFs } from '../_io.js';
import { parseMeminfo, parsePidStat, parseProcStat, parseVmRss } from './parse.js';
import { readAllStats, readStats, treeOf } from './tree.js';

export interface ProcfsSamplerOptions {
  /** Root of the job's process tree. */
  readonly pid: number;
  readonly procRoot?: string;
  /**
   * USER_HZ, the unit of every tick count in procfs. 100 on every mainstream Linux architecture (it is
   * part of the ABI, independent of the kernel's CONFIG_HZ); pass `readClockTicks()` to be exact.
   */
  readonly clockTicks?: number;
  readonly fs?: MeterFs;
  /**
   * True when this process spawned `pid`: once the root has exited and been reaped here, this process's
   * own cutime + cstime grew by the root's whole-life total, which closes the last interval that the
   * final scan (root already gone) cannot see. Includes other children this process reaped meanwhile.
   */
  readonly rootIsOwnChild?: boolean;
  /** This process's pid, for `rootIsOwnChild`. */
  readonly selfPid?: number;
  /**
   * List every process only every n-th read (default 5) and re-read just the job's known tree in
   * between: a machine with thousands of processes would otherwise cost thousands of reads a tick.
   * A child started meanwhile is found at the next full scan with its whole CPU time (counters are
   * cumulative), so nothing is lost, only placed up to n − 1 intervals late; a known process that
   * disappears forces a full scan.
   */
  readonly fullScanEvery?: number;
}

/** Cumulative counters at one instant. */
export interface ProcSnapshot {
  readonly t: number;
  /** CPU seconds of the whole tree, exited children included; never decreases. */
  readonly jobCpuSeconds: number;
  readonly rootAlive: boolean;
  readonly pids: readonly number[];
  /** Sum of VmRSS over the tree (shared pages count once per process). */
  readonly rssBytes: number;
  readonly systemBusySeconds: number;
  readonly systemTotalSeconds: number;
  readonly cpus: number;
  readonly memTotalBytes: number | undefined;
  readonly memAvailableBytes: number | undefined;
}

export interface ProcfsSampler {
  read(now?: number): Promise<ProcSnapshot>;
}

/**
 * @example
 * const child = spawn('python', ['train.py']);
 * const s = createProcfsSampler({ pid: child.pid!, rootIsOwnChild: true, selfPid: process.pid });
 * const a = await s.read(); // ... later
 * cpuUsageBetween(a, await s.read()).share // job CPU / busy CPU
 */
export function createProcfsSampler(options: ProcfsSamplerOptions): ProcfsSampler {
  const root = options.procRoot ?? '/proc';
  const fs = options.fs ?? nodeFs;
  const hz = options.clockTicks ?? 100;
  let high = 0;
  let rootStart: number | undefined;
  let lastAlive: { selfTicks: number } | undefined;
  let reads = 0;
  let known: number[] | undefined;
  const every = Math.max(1, options.fullScanEvery ?? 5);

  const selfChildTicks = async (): Promise<number | undefined> => {
    if (options.selfPid === undefined) return undefined;
    const s = parsePidStat(await fs.readText(`${root}/${options.selfPid}/stat`).catch(() => ''));
    return s === undefined ? undefined : s.cutime + s.cstime;
  };

  return {
    async read(now) {
      const full = known === undefined || reads % every === 0;
      reads += 1;
      const [stats, procStat, meminfo, selfTicks] = await Promise.all([
        full || known === undefined ? readAllStats(root, fs) : readStats(root, fs, known),
        fs.readText(`${root}/stat`),
        fs.readText(`${root}/meminfo`).catch(() => ''),
        options.rootIsOwnChild === true ? selfChildTicks() : Promise.resolve(undefined),
      ]);
      const t = now ?? Date.now();
      const rootStat = stats.find((s) => s.pid === options.pid);
      rootStart ??= rootStat?.starttime;
      // A zombie root has exited but still shows its final totals until reaped: count it, not as alive.
      const present = rootStat !== undefined && rootStat.starttime === rootStart;
      const rootAlive = present && rootStat.state !== 'Z';
      const tree = present ? treeOf(stats, options.pid) : [];
      // A known process gone: re-list everything next time (its children may have been re-parented).
      known = !full && stats.length < (known?.length ?? 0) ? undefined : tree.map((p) => p.pid);
      const ticks = tree.reduce((a, s) => a + s.utime + s.stime + s.cutime + s.cstime, 0);
      if (rootAlive && selfTicks !== undefined) lastAlive = { selfTicks };
      let total = ticks / hz;
      if (!present && lastAlive !== undefined && selfTicks !== undefined) {
        total = Math.max(total, (selfTicks - lastAlive.selfTicks) / hz);
      }
      high = Math.max(high, total);
      const rss = await Promise.all(tree.map((s) => fs.readText(`${root}/${s.pid}/status`).then(parseVmRss, () => 0)));
      const sys = parseProcStat(procStat);
      const mem = parseMeminfo(meminfo);
      return {
        t,
        jobCpuSeconds: high,
        rootAlive,
        pids: tree.map((s) => s.pid),
        rssBytes: rss.reduce((a, b) => a + b, 0),
        systemBusySeconds: (sys?.busy ?? 0) / hz,
        systemTotalSeconds: (sys?.total ?? 0) / hz,
        cpus: sys?.cpus ?? 0,
        memTotalBytes: mem?.totalBytes,
        memAvailableBytes: mem?.availableBytes,
      };
    },
  };
}

/** CPU use over the interval between two snapshots. */
export interface CpuUsage {
  readonly t0: number;
  readonly t1: number;
  readonly jobCpuSeconds: number;
  /** CPU seconds anything ran on this system (user, nice, system, irq, softirq). */
  readonly busyCpuSeconds: number;
  readonly totalCpuSeconds: number;
  /** System load 0..1: busy / total. */
  readonly load: number;
}

/**
 * @example
 * cpuUsageBetween(a, b).jobCpuSeconds / cpuUsageBetween(a, b).busyCpuSeconds // the job's share
 */
export function cpuUsageBetween(a: ProcSnapshot, b: ProcSnapshot): CpuUsage {
  const busy = Math.max(0, b.systemBusySeconds - a.systemBusySeconds);
  const total = Math.max(0, b.systemTotalSeconds - a.systemTotalSeconds);
  return {
    t0: a.t,
    t1: b.t,
    jobCpuSeconds: Math.max(0, b.jobCpuSeconds - a.jobCpuSeconds),
    busyCpuSeconds: busy,
    totalCpuSeconds: total,
    load: total > 0 ? Math.min(1, busy / total) : 0,
  };
}
