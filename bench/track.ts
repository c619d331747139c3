/**
 * Tracker overhead: the CPU time and peak RSS of the `greenops track` process itself (not the job it
 * runs) while it tracks a long sleep and a CPU-bound job, sampling at 1 Hz and 10 Hz. Runs the built
 * CLI (`npm run build` first). CPU share is measured in the steady state: the tracker's own
 * utime + stime between the 5th second and the end, over that span (start-up is reported apart).
 * Usage: tsx bench/track.ts [seconds]   (default 30)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const seconds = Number(process.argv[2] ?? 30);
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(cli)) throw new Error('run `npm run build` first: the benchmark measures the built CLI');
const HZ = 100;

interface Probe { t: number; cpu: number; hwmKB: number }

function probe(pid: number): Probe | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(f[11]) + Number(f[12])) / HZ; // utime + stime: the tracker alone, not its children
    const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return { t: performance.now() / 1000, cpu, hwmKB: Number(hwm ?? 0) };
  } catch {
    return undefined;
  }
}

async function measure(interval: string, job: string[]): Promise<{ startupCpu: number; share: number; rssMB: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'greenops-bench-track-'));
  const child = spawn(process.execPath, [cli, 'track', '--interval', interval, '--no-store', '--', ...job], { cwd: dir, stdio: 'ignore', env: { ...process.env, CI: '1' } });
  const pid = child.pid ?? 0;
  const probes: Probe[] = [];
  const timer = setInterval(() => {
    const p = probe(pid);
    if (p) probes.push(p);
  }, 250);
  await new Promise((r) => child.once('exit', r));
  clearInterval(timer);
  const t0 = probes[0]?.t ?? 0;
  const steady = probes.find((p) => p.t - t0 >= 5);
  const last = probes.at(-1);
  if (!steady || !last || last.t <= steady.t) throw new Error('the job ended too early to measure a steady state');
  return { startupCpu: steady.cpu, share: (last.cpu - steady.cpu) / (last.t - steady.t), rssMB: Math.max(...probes.map((p) => p.hwmKB)) / 1024 };
}

const jobs: Array<[string, string[]]> = [
  ['sleep', ['sleep', String(seconds)]],
  ['CPU-bound', [process.execPath, '-e', `const t=Date.now()+${seconds * 1000}; while(Date.now()<t){}`]],
];
const lines = ['| job | interval | tracker CPU, % of one core | start-up CPU s | peak RSS MB |', '|---|---|---|---|---|'];
for (const [name, job] of jobs) {
  for (const interval of ['1s', '100ms']) {
    const m = await measure(interval, job);
    lines.push(`| ${name} ${seconds} s | ${interval} | ${(m.share * 100).toFixed(2)} | ${m.startupCpu.toFixed(2)} | ${m.rssMB.toFixed(0)} |`);
    process.stdout.write(`${lines.at(-1)}\n`);
  }
}
process.stdout.write(`\n${lines.join('\n')}\n`);
