/**
 * NVIDIA GPU power from ONE long-lived `nvidia-smi --query-gpu=… -lms N` process (a spawn per sample
 * would cost ~100 ms of driver initialisation each and miss what happens in between), read line by line
 * and integrated per GPU with the trapezoid rule. Sampling misses spikes shorter than the period, and
 * power.draw is itself a 1 s average on Ampere and newer: short jobs read with a wide margin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { GreenopsError } from '../../core/errors.js';
import { noteSet } from '../_io.js';
import { unavailable, type Meter, type MeterStatus, type Reading } from '../types.js';
import { resolveVisibleGpus, parseGpuList, type GpuDevice } from './devices.js';
import { runOnce, type ChildEnv } from './exec.js';
import { createGpuTrack, type GpuTrack } from './gpu-track.js';
import { GPU_QUERY_FIELDS, parseGpuLine } from './parse.js';

export interface NvidiaMeterOptions {
  /** Command name or path. Default 'nvidia-smi', looked up on the PATH of `env`. */
  readonly binary?: string;
  /** Sampling period handed to `-lms`. Default 500 ms. */
  readonly intervalMs?: number;
  /** CUDA_VISIBLE_DEVICES of the job (undefined: every GPU). */
  readonly visibleDevices?: string;
  /** Environment of nvidia-smi; absent: inherited. */
  readonly env?: ChildEnv;
}

export interface NvidiaMeter extends Meter {
  /** Lines that could not be parsed so far (skipped, never fatal). */
  malformedLines(): number;
  /** Lines read so far: parsed (any GPU) and malformed. */
  lineCounts(): { readonly parsed: number; readonly malformed: number };
  /** GPUs listed by `nvidia-smi -L` at start, and which of them are read. */
  gpus(): ReadonlyArray<GpuDevice & { readonly selected: boolean }>;
}

/**
 * The `now` argument of start/sample/stop is not used: nvidia-smi's own timestamps place the samples,
 * and each reading ends at the last sample received.
 *
 * @example
 * const gpu = createNvidiaMeter({ visibleDevices: '0,1', intervalMs: 500 });
 * const st = await gpu.start(); // 'unavailable' with a reason when nvidia-smi is not on PATH
 * const readings = await gpu.sample(); // one per selected GPU: joules since the last call
 */
export function createNvidiaMeter(options: NvidiaMeterOptions = {}): NvidiaMeter {
  const binary = options.binary ?? 'nvidia-smi';
  const intervalMs = Math.max(50, Math.round(options.intervalMs ?? 500));
  const notes = noteSet();
  let status: MeterStatus = { state: 'idle' };
  let devices: GpuDevice[] = [];
  let selected: ReadonlySet<number> = new Set();
  const tracks = new Map<number, GpuTrack>();
  let child: ChildProcess | undefined;
  let closed: Promise<void> = Promise.resolve();
  let stopping = false;
  let malformed = 0;
  let parsed = 0;
  let firstBad: string | undefined;
  let offset: number | undefined;
  let lastErr = '';

  const onLine = (line: string): void => {
    if (line.trim() === '') return;
    const s = parseGpuLine(line);
    if (s === undefined) {
      malformed++;
      firstBad ??= line.slice(0, 80);
      return;
    }
    parsed++;
    // Timestamps give the spacing (unaffected by pipe buffering); the first line anchors them to this
    // clock, so a time-zone difference between nvidia-smi and this process cannot shift the readings.
    offset ??= Date.now() - s.t;
    if (!selected.has(s.index)) return;
    let track = tracks.get(s.index);
    if (track === undefined) tracks.set(s.index, (track = createGpuTrack(notes.add)));
    track.add({ ...s, t: s.t + offset });
  };

  const launch = (): void => {
    const args = [`--query-gpu=${GPU_QUERY_FIELDS.join(',')}`, '--format=csv,noheader,nounits', '-lms', String(intervalMs)];
    const env = options.env === undefined ? undefined : { ...options.env };
    const c = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    // The sampler must neither keep its host process alive (a program that never calls stop) nor
    // outlive it (an orphaned `nvidia-smi -lms` would sample forever).
    c.unref();
    (c.stdout as { unref?: () => void }).unref?.();
    (c.stderr as { unref?: () => void }).unref?.();
    const reap = (): void => {
      c.kill();
    };
    process.once('exit', reap);
    c.once('close', () => process.off('exit', reap));
    createInterface({ input: c.stdout }).on('line', onLine);
    c.stderr.on('data', (d: Buffer) => (lastErr = String(d).trim().split('\n').pop() ?? lastErr));
    closed = new Promise((resolve) => {
      c.on('error', (e) => {
        if (!stopping) status = { state: 'ended', reason: `nvidia-smi could not run: ${e.message}` };
        resolve();
      });
      c.on('close', (code, signal) => {
        if (!stopping && status.state === 'running') {
          status = { state: 'ended', reason: `nvidia-smi exited (${signal ?? `code ${code}`})${lastErr === '' ? '' : `: ${lastErr.slice(0, 120)}`}; GPU readings stop there.` };
        }
        resolve();
      });
    });
  };

  const take = (): Reading[] => [...tracks.entries()].sort(([a], [b]) => a - b).flatMap(([, t]) => t.take() ?? []);

  return {
    id: 'nvidia-smi',
    async start() {
      if (status.state !== 'idle') throw new GreenopsError('E_METER', 'nvidia-smi meter started twice');
      const list = await runOnce(binary, ['-L'], options.env);
      if (!list.ok) {
        status = unavailable(list.notFound ? `${binary} not found on PATH: no NVIDIA GPU readings` : `nvidia-smi -L failed: ${list.message}`);
        return status;
      }
      devices = parseGpuList(list.stdout);
      if (devices.length === 0) return (status = unavailable('nvidia-smi lists no GPU'));
      const visible = resolveVisibleGpus(options.visibleDevices, devices);
      visible.notes.forEach(notes.add);
      selected = visible.indices;
      if (selected.size === 0) return (status = unavailable(`CUDA_VISIBLE_DEVICES='${(options.visibleDevices ?? '').slice(0, 60)}' selects no GPU on this host`));
      status = { state: 'running' };
      launch();
      return status;
    },
    async sample() {
      return !stopping && (status.state === 'running' || status.state === 'ended') ? take() : [];
    },
    async stop() {
      if (stopping || (status.state !== 'running' && status.state !== 'ended')) return [];
      stopping = true;
      const c = child;
      if (c !== undefined && c.exitCode === null && c.signalCode === null) {
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), 3_000);
        await closed;
        clearTimeout(timer);
      }
      const out = take();
      // An 'ended' meter keeps its reason: the report must say the GPU readings stopped early.
      if (status.state === 'running') status = { state: 'stopped' };
      return out;
    },
    status: () => status,
    notes: () => [...notes.list(), ...(malformed > 0 ? [`nvidia-smi: ${malformed} malformed line(s) skipped (first: ${JSON.stringify(firstBad)}).`] : [])],
    malformedLines: () => malformed,
    lineCounts: () => ({ parsed, malformed }),
    gpus: () => devices.map((d) => ({ ...d, selected: selected.has(d.index) })),
  };
}
