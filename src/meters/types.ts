/**
 * Live energy meters: one pull interface for every reader (RAPL counters, nvidia-smi samples, the
 * TDP model). The tracker calls `start()` once, `sample()` at its own cadence and `stop()` at the end;
 * each call returns the energy of the interval since the previous call, so readings never overlap and
 * their sum is the energy of the run. Meters that read a stream (nvidia-smi) buffer it between calls.
 */

/**
 * `counter`: a hardware energy counter was read at both ends (RAPL). `sampled`: power was read
 * repeatedly and integrated (nvidia-smi). `model`: no reading, estimated from load and a factor.
 */
export type MeterMethod = 'counter' | 'sampled' | 'model';

/**
 * What the joules cover. `cpu_package`: one CPU socket (cores, caches, uncore). `dram`: memory
 * attached to a package, or all memory for the model. `gpu`: one physical GPU. `node`: a
 * platform-wide domain (RAPL psys) that contains the others and must never be added to them.
 */
export type MeterScope = 'cpu_package' | 'dram' | 'gpu' | 'node';

/** The power curve and factors behind a `model` reading, so the estimate can be traced. */
export interface ModelBasis {
  /** 'codecarbon' (TDP x (0.1 + 0.9 x load^3)), 'teads', 'linear' (GPU idle..max), 'constant' (RAM W/GB). */
  readonly curve: string;
  /** Ids of the factors used (e.g. 'tdp:intel-xeon-platinum-8259cl', 'ram:codecarbon-3w-per-8gb'). */
  readonly factorIds: readonly string[];
  /** Load 0..1 over the interval that the curve was applied to. */
  readonly load?: number;
  /** True when the factor is a default for an unknown part (wide band). */
  readonly fallback: boolean;
  /** Multiplicative band of the factor. */
  readonly band: { readonly low: number; readonly high: number };
}

/** Energy of one device over one interval. Times are milliseconds since the Unix epoch. */
export interface Reading {
  /** Id of the meter that produced it ('rapl', 'nvidia-smi', 'model'). */
  readonly meter: string;
  readonly method: MeterMethod;
  readonly scope: MeterScope;
  /** Stable within a meter: 'package-0', 'package-0/dram', 'gpu-0', 'cpu', 'memory'. */
  readonly device: string;
  /** GPU UUID (`GPU-…`) where known. */
  readonly uuid?: string;
  /** Device or zone name as the hardware reports it ('NVIDIA H100 80GB HBM3', 'package-0', 'psys'). */
  readonly name?: string;
  readonly t0: number;
  readonly t1: number;
  readonly joules: number;
  /** Mean power over [t0, t1] (joules / seconds); absent for an empty interval. */
  readonly watts?: number;
  /** Mean utilisation 0..1 over the interval where the hardware reports it. */
  readonly utilisation?: number;
  readonly memoryUsedBytes?: number;
  readonly memoryTotalBytes?: number;
  /** Power this device draws at zero load, where the method knows it (the model's curve at 0). */
  readonly idleWatts?: number;
  /** Present on `model` readings. */
  readonly model?: ModelBasis;
}

/**
 * `running`: producing readings. `unavailable`: could not start here, with the reason (said once, at
 * `start`). `ended`: stopped producing mid-run (e.g. nvidia-smi exited), with the reason. `stopped`:
 * `stop()` was called.
 */
export type MeterStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'unavailable'; readonly reason: string }
  | { readonly state: 'ended'; readonly reason: string }
  | { readonly state: 'stopped' };

/**
 * One live energy reader.
 *
 * @example
 * const m = createRaplMeter();
 * const s = await m.start();
 * if (s.state === 'unavailable') log(s.reason); // e.g. fall back to createModelMeter()
 * const readings = await m.sample(); // energy since start
 * const last = await m.stop();
 */
export interface Meter {
  readonly id: string;
  /**
   * Probes the hardware and starts reading. Resolves to `unavailable` (never rejects) when the meter
   * cannot run here; `sample` and `stop` then return no readings.
   */
  start(now?: number): Promise<MeterStatus>;
  /** Readings for the time since the previous `sample`/`start`. Never rejects for hardware trouble. */
  sample(now?: number): Promise<Reading[]>;
  /** The last readings; releases processes and handles. Calling it again returns []. */
  stop(now?: number): Promise<Reading[]>;
  status(): MeterStatus;
  /** Facts a report should carry, each once: ignored zones, MIG caveats, counts of bad lines. */
  notes(): readonly string[];
}

/**
 * The status of a meter that cannot run, with its reason on one line.
 *
 * @example
 * unavailable('nvidia-smi not found on PATH') // { state: 'unavailable', reason: 'nvidia-smi not found on PATH' }
 */
export function unavailable(reason: string): MeterStatus {
  return { state: 'unavailable', reason: reason.replace(/\s*\n\s*/g, ' ').trim() };
}

/**
 * Mean watts of an interval (times in ms), or undefined when it is empty.
 *
 * @example
 * meanWatts(50, 1_000, 2_000) // 50
 */
export function meanWatts(joules: number, t0: number, t1: number): number | undefined {
  return t1 > t0 ? joules / ((t1 - t0) / 1000) : undefined;
}
