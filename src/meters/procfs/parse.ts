/**
 * Pure parsers of Linux procfs files (proc(5)). Times are in clock ticks (USER_HZ), as the kernel
 * writes them; the sampler converts to seconds.
 */

export interface PidStat {
  readonly pid: number;
  readonly comm: string;
  readonly state: string;
  readonly ppid: number;
  readonly utime: number;
  readonly stime: number;
  /** CPU time of children this process has waited for (they include their own reaped children). */
  readonly cutime: number;
  readonly cstime: number;
  /** Ticks after boot; with the pid, identifies a process across pid reuse. */
  readonly starttime: number;
}

/**
 * `/proc/<pid>/stat`. The command name may hold spaces and parentheses, so fields are counted from
 * the last ')' (proc(5): field 3 `state` follows it; utime is field 14, starttime field 22).
 *
 * @example
 * parsePidStat('42 (my (odd) cmd) S 1 42 42 0 -1 0 0 0 0 0 150 30 7 3 20 0 1 0 900 0 0').utime // 150
 */
export function parsePidStat(text: string): PidStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text.slice(close + 1).trim().split(/\s+/);
  const n = (i: number): number => Number(rest[i]);
  const pid = Number(text.slice(0, open).trim());
  const out = { pid, comm: text.slice(open + 1, close), state: rest[0] ?? '?', ppid: n(1), utime: n(11), stime: n(12), cutime: n(13), cstime: n(14), starttime: n(19) };
  const numbers = [pid, out.ppid, out.utime, out.stime, out.cutime, out.cstime, out.starttime];
  return numbers.every(Number.isFinite) ? out : undefined;
}

export interface SystemCpu {
  /** Ticks spent running anything: user + nice + system + irq + softirq (guest time is inside user). */
  readonly busy: number;
  /** busy + idle + iowait. Steal (the hypervisor ran another guest) is in neither. */
  readonly total: number;
  /** Number of `cpuN` lines: logical CPUs online. */
  readonly cpus: number;
}

/**
 * The aggregate `cpu` line of `/proc/stat`.
 *
 * @example
 * parseProcStat('cpu  100 0 50 800 10 5 5 30 0 0\ncpu0 100 0 50 800 10 5 5 30 0 0\n') // { busy: 160, total: 970, cpus: 1 }
 */
export function parseProcStat(text: string): SystemCpu | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (line === undefined) return undefined;
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq;
  if (!Number.isFinite(busy + idle + iowait)) return undefined;
  const cpus = text.split('\n').filter((l) => /^cpu\d+\s/.test(l)).length;
  return { busy, total: busy + idle + iowait, cpus };
}

function kbField(text: string, field: string): number | undefined {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]) * 1024;
}

/**
 * `/proc/meminfo`, in bytes.
 *
 * @example
 * parseMeminfo('MemTotal: 16 kB\nMemAvailable: 8 kB\n') // { totalBytes: 16384, availableBytes: 8192 }
 */
export function parseMeminfo(text: string): { totalBytes: number; availableBytes: number | undefined } | undefined {
  const totalBytes = kbField(text, 'MemTotal');
  return totalBytes === undefined ? undefined : { totalBytes, availableBytes: kbField(text, 'MemAvailable') };
}

/**
 * Resident set size from `/proc/<pid>/status`, bytes; 0 for kernel threads, which have no VmRSS.
 *
 * @example
 * parseVmRss('Name:\tnode\nVmRSS:\t  1608 kB\n') // 1646592
 */
export function parseVmRss(text: string): number {
  return kbField(text, 'VmRSS') ?? 0;
}
