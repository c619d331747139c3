import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCpuinfo } from './cpuinfo.js';
import { parseMeminfo, parsePidStat, parseProcStat, parseVmRss } from './parse.js';
import { treeOf } from './tree.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/meters/proc/${name}`, import.meta.url), 'utf8');

describe('procfs parsers', () => {
  it('reads /proc/<pid>/stat counting fields from the last parenthesis', () => {
    const s = parsePidStat('4242 (tmux: server) (x)) S 1 4242 4242 0 -1 4194560 500 0 0 0 150 30 7 3 20 0 1 0 98765 1000 200 18446744073709551615');
    expect(s).toEqual({ pid: 4242, comm: 'tmux: server) (x)', state: 'S', ppid: 1, utime: 150, stime: 30, cutime: 7, cstime: 3, starttime: 98765 });
    expect(parsePidStat('garbage')).toBeUndefined();
    expect(parsePidStat('12 (x) S 1')).toBeUndefined();
  });

  it('reads busy and total ticks from /proc/stat, leaving steal out of both', () => {
    // busy = user 345771 + nice 20 + system 49933 + irq 10 + softirq 1571; total adds idle 1710123 + iowait 2330
    expect(parseProcStat(fixture('stat.txt'))).toEqual({ busy: 397305, total: 2109758, cpus: 2 });
    expect(parseProcStat('intr 1 2 3\n')).toBeUndefined();
  });

  it('reads memory in bytes', () => {
    expect(parseMeminfo(fixture('meminfo.txt'))).toEqual({ totalBytes: 8039672 * 1024, availableBytes: 5128884 * 1024 });
    expect(parseVmRss('Name:\tnode\nVmRSS:\t   1608 kB\n')).toBe(1608 * 1024);
    expect(parseVmRss('Name:\tkthreadd\n')).toBe(0);
  });

  it('reads the CPU model and topology of a two-socket host, a VM slice and a Graviton2', () => {
    expect(parseCpuinfo(fixture('cpuinfo-two-socket.txt'))).toEqual({
      modelName: 'Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz', logicalCpus: 8, packages: 2, threadsPerCore: 2,
    });
    expect(parseCpuinfo(fixture('cpuinfo-m5large.txt'))).toMatchObject({ logicalCpus: 2, packages: 1, threadsPerCore: 2 });
    expect(parseCpuinfo(fixture('cpuinfo-graviton2.txt'))).toEqual({ modelName: 'ARM Neoverse-N1', logicalCpus: 2, packages: 1, threadsPerCore: 1 });
    expect(parseCpuinfo('processor : 0\n').modelName).toBeUndefined();
  });
});

describe('process tree', () => {
  const st = (pid: number, ppid: number) => ({ pid, ppid, comm: 'x', state: 'S', utime: 0, stime: 0, cutime: 0, cstime: 0, starttime: 0 });
  it('takes the root and every descendant, not siblings or the parent', () => {
    const stats = [st(1, 0), st(10, 1), st(11, 10), st(12, 11), st(13, 10), st(20, 1), st(21, 20)];
    expect(treeOf(stats, 10).map((s) => s.pid)).toEqual([10, 11, 13, 12]);
    expect(treeOf(stats, 99)).toEqual([]);
  });
  it('survives a ppid cycle', () => {
    expect(treeOf([st(5, 6), st(6, 5)], 5).map((s) => s.pid)).toEqual([5, 6]);
  });
});
