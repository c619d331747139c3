/**
 * The job's part of the energy the meters read for the whole node (pure).
 *
 * - CPU package and DRAM: the job's share of CPU time over each reading's interval, job CPU seconds /
 *   busy CPU seconds of the system (/proc/stat), capped at 1 (Scaphandre and Kepler split package
 *   power by CPU time; Kepler falls back to it for DRAM when it has no cache-miss counters).
 * - GPU: the share of each GPU the job uses (nvidia/apps.ts: exclusive, SM share, memory share);
 *   a GPU the job does not use is not its energy. Without GPU shares, every GPU read is the job's (the
 *   meter read only those CUDA_VISIBLE_DEVICES gave it).
 * - Idle: where the idle power of a device is known (the model's curve at zero load, or a baseline the
 *   caller measured before the job), idle x time is reported apart and only the rest is split. Where
 *   it is not, `idleKnown` is false and the whole energy is split.
 * Usage intervals need not line up with readings: each is spread evenly over its own interval and the
 * overlap is taken. psys (`node`) readings contain the packages and are left out; model readings of a
 * scope a counter also covers are left out (a counter beats a model).
 */
import type { MeterScope, Reading } from './types.js';

export interface CpuShareInterval {
  readonly t0: number;
  readonly t1: number;
  readonly jobCpuSeconds: number;
  readonly busyCpuSeconds: number;
  /** The job's resident memory / installed memory over the interval, 0..1, when known. */
  readonly memoryShare?: number;
}

export interface GpuShareInterval {
  readonly t0: number;
  readonly t1: number;
  /** GPUs the job used over the interval; one missing from the list was not used (share 0). */
  readonly shares: ReadonlyArray<{ readonly index: number; readonly uuid: string; readonly share: number; readonly basis: string }>;
}

export interface AttributionInput {
  readonly readings: readonly Reading[];
  readonly cpu: readonly CpuShareInterval[];
  readonly gpu?: readonly GpuShareInterval[];
  /** Measured idle watts by `meter/device` (e.g. 'rapl/package-0'), overriding a reading's own. */
  readonly idleWatts?: Readonly<Record<string, number>>;
}

export interface DeviceAttribution {
  readonly meter: string;
  readonly device: string;
  readonly scope: MeterScope;
  readonly method: Reading['method'];
  readonly joules: number;
  readonly idleJoules: number;
  readonly idleKnown: boolean;
  readonly jobJoules: number;
  readonly otherJoules: number;
  /** Job share of the device's non-idle energy (energy-weighted over its readings). */
  readonly share: number;
  readonly basis: string;
}

type Scoped = Record<'cpu_package' | 'dram' | 'gpu', number>;

export interface Attribution {
  readonly devices: readonly DeviceAttribution[];
  readonly job: Scoped;
  readonly idle: Scoped;
  readonly other: Scoped;
  readonly notes: readonly string[];
}

const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
const spread = (i: { t0: number; t1: number }, r: Reading): number => (i.t1 > i.t0 ? overlap(i.t0, i.t1, r.t0, r.t1) / (i.t1 - i.t0) : 0);

/**
 * Modelled memory power is a constant per installed GB, drawn whether or not anything is busy, so
 * the job's part of it follows the memory it holds, not its CPU time (CodeCarbon's process mode does
 * the same); measured DRAM energy (RAPL) follows activity, so it keeps the CPU-time share.
 */
function memoryShare(r: Reading, cpu: readonly CpuShareInterval[]): number | undefined {
  let weighted = 0;
  let weight = 0;
  for (const i of cpu) {
    if (i.memoryShare === undefined) continue;
    const f = spread(i, r);
    weighted += i.memoryShare * f;
    weight += f;
  }
  return weight > 0 ? Math.min(1, weighted / weight) : undefined;
}

function cpuShare(r: Reading, cpu: readonly CpuShareInterval[]): number {
  let job = 0;
  let busy = 0;
  for (const i of cpu) {
    const f = spread(i, r);
    job += i.jobCpuSeconds * f;
    busy += i.busyCpuSeconds * f;
  }
  return busy > 0 ? Math.min(1, job / busy) : 0;
}

function gpuShare(r: Reading, gpu: readonly GpuShareInterval[]): { share: number; basis: string } {
  const index = Number(/^gpu-(\d+)$/.exec(r.device)?.[1] ?? Number.NaN);
  let weighted = 0;
  let span = 0;
  const bases = new Map<string, number>();
  for (const i of gpu) {
    const ov = overlap(i.t0, i.t1, r.t0, r.t1);
    if (ov <= 0) continue;
    const s = i.shares.find((x) => (r.uuid !== undefined ? x.uuid === r.uuid : x.index === index));
    weighted += (s?.share ?? 0) * ov;
    span += ov;
    const b = s?.basis ?? 'unused';
    bases.set(b, (bases.get(b) ?? 0) + ov);
  }
  const basis = [...bases].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unused';
  return { share: span > 0 ? Math.min(1, weighted / span) : 0, basis };
}

/**
 * @example
 * const a = attributeEnergy({ readings, cpu: [cpuUsageBetween(s0, s1)], gpu: [{ t0, t1, shares }] });
 * a.job.cpu_package // joules of the packages the job's CPU time accounts for
 * a.idle.cpu_package // idle joules, reported apart
 */
export function attributeEnergy(input: AttributionInput): Attribution {
  const notes = new Set<string>();
  const measured = new Set(input.readings.filter((r) => r.method !== 'model').map((r) => r.scope));
  const acc = new Map<string, { -readonly [K in keyof DeviceAttribution]: DeviceAttribution[K] } & { shareWeight: number }>();
  for (const r of input.readings) {
    if (r.scope === 'node') {
      notes.add(`${r.meter}/${r.device}: node-wide reading (contains the packages) not attributed.`);
      continue;
    }
    if (r.method === 'model' && r.scope !== 'gpu' && measured.has(r.scope)) {
      notes.add(`${r.meter}/${r.device}: model reading left out; a counter covers ${r.scope}.`);
      continue;
    }
    const { share, basis } = r.scope === 'gpu'
      ? input.gpu === undefined ? { share: 1, basis: 'visible-devices' } : gpuShare(r, input.gpu)
      : r.scope === 'dram' && r.method === 'model' && memoryShare(r, input.cpu) !== undefined
        ? { share: memoryShare(r, input.cpu) ?? 0, basis: 'memory' }
        : { share: cpuShare(r, input.cpu), basis: 'cpu-time' };
    const idleW = input.idleWatts?.[`${r.meter}/${r.device}`] ?? r.idleWatts;
    const idle = idleW === undefined ? 0 : Math.min(r.joules, idleW * Math.max(0, (r.t1 - r.t0) / 1000));
    const dynamic = r.joules - idle;
    const key = `${r.meter}/${r.device}`;
    const d = acc.get(key) ?? { meter: r.meter, device: r.device, scope: r.scope, method: r.method, joules: 0, idleJoules: 0, idleKnown: idleW !== undefined, jobJoules: 0, otherJoules: 0, share: 0, basis, shareWeight: 0 };
    d.joules += r.joules;
    d.idleJoules += idle;
    d.idleKnown &&= idleW !== undefined;
    d.jobJoules += share * dynamic;
    d.otherJoules += (1 - share) * dynamic;
    d.shareWeight += dynamic;
    d.share = d.shareWeight > 0 ? d.jobJoules / d.shareWeight : share;
    acc.set(key, d);
  }
  const zero = (): Scoped => ({ cpu_package: 0, dram: 0, gpu: 0 });
  const [job, idle, other] = [zero(), zero(), zero()];
  const devices = [...acc.values()].map(({ shareWeight: _w, ...d }) => {
    const s = d.scope as keyof Scoped;
    job[s] += d.jobJoules;
    idle[s] += d.idleJoules;
    other[s] += d.otherJoules;
    if (!d.idleKnown) notes.add(`${d.meter}/${d.device}: idle power unknown; its whole energy is split by share.`);
    return d;
  });
  return { devices, job, idle, other, notes: [...notes] };
}
