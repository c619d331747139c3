/**
 * Runs a command under the tracker: the meters start first, then the command, with inherited stdio,
 * the phase URL in its environment, and signals forwarded; the tracker samples every interval until
 * the command exits, and its exit code is passed on (128 + signal number when it died of a signal,
 * 127 when it could not be started).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { GreenopsError } from '../core/errors.js';
import { createProcfsSampler } from '../meters/procfs/sampler.js';
import type { Meter } from '../meters/types.js';
import { openPhaseChannel } from './phases.js';
import { serveMetrics, type LiveMetrics, type MetricsServer } from './prometheus.js';
import { startTracker, type GpuShareSource, type Tracker, type TrackerOptions } from './tracker.js';

export interface RunJobOptions {
  readonly command: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly header: TrackerOptions['header'];
  readonly meters: readonly Meter[];
  readonly gpuShares?: GpuShareSource;
  readonly journalDir: string;
  readonly liveIntensity: () => number;
  /** Serve Prometheus metrics on 127.0.0.1 at this port (0: any free port). */
  readonly metricsPort?: number;
  /** Called after every tick with the live figures (the CLI draws its status line from it). */
  readonly onTick?: (live: LiveMetrics) => void;
  readonly onMetrics?: (server: MetricsServer) => void;
}

export interface RunJobResult {
  /** What the caller should exit with: the command's code, 128 + signal, or 127. */
  readonly exitCode: number;
  readonly signal: string | null;
  readonly journalPath: string;
  readonly runId: string;
}

/** Signals passed on to the job. SIGINT only without a terminal: a terminal's Ctrl-C already reaches the whole process group. */
const FORWARD: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

function launch(o: RunJobOptions, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const [file, ...args] = o.command;
  if (!file) throw new GreenopsError('E_USAGE', 'no command to run: give it after --, e.g. greenops track -- python train.py');
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: o.cwd, env, stdio: 'inherit' });
    child.once('spawn', () => resolve(child));
    child.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'command not found' : e.code === 'EACCES' ? 'permission denied (not executable?)' : e.message;
      reject(new GreenopsError('E_COMMAND_NOT_FOUND', `cannot run ${JSON.stringify(file)}: ${why}`, { cause: e, data: { found: file } }));
    });
  });
}

/**
 * @example
 * const { meters, gpu } = defaultMeters({ intervalMs: 1000 });
 * const r = await runJob({ command: ['python', 'train.py'], header, meters, journalDir: '.greenops/runs', liveIntensity: () => 250 });
 * process.exitCode = r.exitCode;
 */
export async function runJob(o: RunJobOptions): Promise<RunJobResult> {
  let tracker: Tracker | undefined;
  const pendingPhases: string[] = [];
  const channel = await openPhaseChannel((name) => (tracker ? tracker.phase(name) : pendingPhases.push(name)));
  const env = { ...(o.env ?? process.env), GREENOPS_PHASE_URL: channel.url, GREENOPS_RUN_ID: o.header.id };
  let child: ChildProcess | undefined;
  try {
    tracker = await startTracker({
      header: o.header, meters: o.meters, journalDir: o.journalDir, liveIntensity: o.liveIntensity,
      ...(o.gpuShares ? { gpuShares: o.gpuShares } : {}),
      launch: async () => {
        child = await launch(o, env);
        return createProcfsSampler({ pid: child.pid ?? 0, rootIsOwnChild: true, selfPid: process.pid });
      },
    });
  } catch (e) {
    await channel.close();
    throw e;
  }
  for (const name of pendingPhases) tracker.phase(name);
  const job = child as ChildProcess;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => job.once('exit', (code, signal) => resolve({ code, signal })));
  const forward = (sig: NodeJS.Signals): void => {
    job.kill(sig);
  };
  const signals = process.stdin.isTTY ? FORWARD : [...FORWARD, 'SIGINT' as const];
  for (const s of signals) process.on(s, forward);
  // With a terminal, Ctrl-C reaches the job directly; the tracker stays to record its end.
  const ignoreInt = (): void => undefined;
  if (process.stdin.isTTY) process.on('SIGINT', ignoreInt);

  const metrics = o.metricsPort === undefined ? undefined : await serveMetrics(o.metricsPort, () => (tracker as Tracker).live());
  if (metrics) o.onMetrics?.(metrics);
  const t = tracker;
  const timer = setInterval(() => {
    t.tick().then(() => o.onTick?.(t.live()), () => undefined);
  }, o.header.intervalMs);
  const { code, signal } = await exited;
  clearInterval(timer);
  for (const s of signals) process.off(s, forward);
  process.off('SIGINT', ignoreInt);
  await t.stop({ exitCode: code, signal });
  await channel.close();
  await metrics?.close();
  const signo = signal ? (constants.signals as Record<string, number>)[signal] ?? 0 : 0;
  return { exitCode: code ?? 128 + signo, signal, journalPath: t.journalPath, runId: t.header.id };
}
