/**
 * Runs a command under the tracker: the meters start first, then the command, with inherited stdio,
 * the phase URL in its environment, and signals forwarded; the tracker samples every interval until
 * the command exits, and its exit code is passed on (128 + signal number when it died of a signal,
 * 127 when it could not be started).
 */
import { createProcfsSampler } from '../meters/procfs/sampler.js';
import type { Meter } from '../meters/types.js';
import { openPhaseChannel } from './phases.js';
import { serveMetrics, type LiveMetrics, type MetricsServer } from './prometheus.js';
import { exitCodeOf, forwardSignals, spawnCommand, type Ended, type Started } from './spawn.js';
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

const IDLE: Omit<LiveMetrics, 'runId' | 'name' | 'project'> = { energyJoules: {}, idleJoules: 0, powerWatts: 0, emissionsGrams: 0, intensity: 0, gpus: {}, elapsedSeconds: 0 };

/**
 * @example
 * const { meters, gpu } = defaultMeters({ intervalMs: 1000 });
 * const r = await runJob({ command: ['python', 'train.py'], header, meters, journalDir: '.greenops/runs', liveIntensity: () => 250 });
 * process.exitCode = r.exitCode;
 */
export async function runJob(o: RunJobOptions): Promise<RunJobResult> {
  let tracker: Tracker | undefined;
  const pendingPhases: string[] = [];
  // The channels the job and Prometheus talk to are bound before anything starts, so a busy port
  // fails the command cleanly instead of leaving a job and nvidia-smi running unsupervised.
  const metrics = o.metricsPort === undefined
    ? undefined
    : await serveMetrics(o.metricsPort, () => tracker?.live() ?? { runId: o.header.id, name: o.header.name, project: o.header.project, ...IDLE });
  const channel = await openPhaseChannel((name) => (tracker ? tracker.phase(name) : pendingPhases.push(name)));
  const closeChannels = async (): Promise<void> => {
    await channel.close();
    await metrics?.close();
  };
  if (metrics) o.onMetrics?.(metrics);
  const env = { ...(o.env ?? process.env), GREENOPS_PHASE_URL: channel.url, GREENOPS_RUN_ID: o.header.id };
  let job: Started | undefined;
  let detach = (): void => undefined;
  try {
    tracker = await startTracker({
      header: o.header, meters: o.meters, journalDir: o.journalDir, liveIntensity: o.liveIntensity,
      ...(o.gpuShares ? { gpuShares: o.gpuShares } : {}),
      launch: async () => {
        job = await spawnCommand(o.command, { ...(o.cwd ? { cwd: o.cwd } : {}), env, usage: 'greenops track -- python train.py' });
        detach = forwardSignals(job.child);
        // List every process about every 5 s whatever the sampling rate (new children are found then,
        // with all their CPU time); in between, only the job's known tree is read.
        const fullScanEvery = Math.max(1, Math.round(5_000 / o.header.intervalMs));
        return createProcfsSampler({ pid: job.child.pid ?? 0, rootIsOwnChild: true, selfPid: process.pid, fullScanEvery });
      },
    });
  } catch (e) {
    detach();
    await closeChannels();
    throw e;
  }
  for (const name of pendingPhases) tracker.phase(name);
  const t = tracker;
  const timer = setInterval(() => {
    t.tick().then(() => o.onTick?.(t.live()), () => undefined);
  }, o.header.intervalMs);
  let ended: Ended = { code: null, signal: null };
  try {
    ended = await (job as Started).exited;
  } finally {
    clearInterval(timer);
    detach();
    await t.stop({ exitCode: ended.code, signal: ended.signal });
    await closeChannels();
  }
  return { exitCode: exitCodeOf(ended), signal: ended.signal, journalPath: t.journalPath, runId: t.header.id };
}
