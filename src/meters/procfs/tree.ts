/**
 * The job's process tree. Built from the `ppid` of every `/proc/<pid>/stat` rather than from
 * `/proc/<pid>/task/<tid>/children`: that file exists only with CONFIG_PROC_CHILDREN and is documented
 * as racy, while scanning stat works on every kernel. A process started and gone between two scans is
 * not seen here, but its CPU time still arrives through its parent's cutime/cstime (see sampler.ts).
 */
import { errnoCode, type MeterFs } from '../_io.js';
import { parsePidStat, type PidStat } from './parse.js';

/** Processes vanish between listing and reading: those errors mean "gone", not failure. */
const GONE = new Set(['ENOENT', 'ESRCH', 'EINVAL']);

/**
 * Every process visible under a procfs root.
 *
 * @example
 * const all = await readAllStats('/proc', nodeFs);
 */
export async function readAllStats(procRoot: string, fs: MeterFs): Promise<PidStat[]> {
  const pids = (await fs.list(procRoot)).filter((e) => /^\d+$/.test(e)).map(Number);
  return readStats(procRoot, fs, pids);
}

/**
 * Only the given processes (those that still exist): between full scans, the job's known tree is
 * re-read without listing every process on the machine.
 *
 * @example
 * const tree = await readStats('/proc', nodeFs, [4242, 4243]);
 */
export async function readStats(procRoot: string, fs: MeterFs, pids: readonly number[]): Promise<PidStat[]> {
  const stats = await Promise.all(
    pids.map(async (pid) => {
      try {
        return parsePidStat(await fs.readText(`${procRoot}/${pid}/stat`));
      } catch (e) {
        if (GONE.has(errnoCode(e) ?? '')) return undefined;
        throw e;
      }
    }),
  );
  return stats.filter((s): s is PidStat => s !== undefined);
}

/**
 * The root and all its descendants, root first. Empty when the root is not among `stats`.
 *
 * @example
 * treeOf(stats, job.pid).map((p) => p.pid)
 */
export function treeOf(stats: readonly PidStat[], rootPid: number): PidStat[] {
  const byParent = new Map<number, PidStat[]>();
  for (const s of stats) {
    const list = byParent.get(s.ppid);
    if (list === undefined) byParent.set(s.ppid, [s]);
    else list.push(s);
  }
  const root = stats.find((s) => s.pid === rootPid);
  if (root === undefined) return [];
  const out: PidStat[] = [root];
  const seen = new Set([rootPid]);
  for (let i = 0; i < out.length; i++) {
    for (const child of byParent.get(out[i]?.pid ?? -1) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      out.push(child);
    }
  }
  return out;
}
