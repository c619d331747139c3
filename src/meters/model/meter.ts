/**
 * The energy model for machines without counters: CPU W = scaled TDP x curve(system load) and
 * memory W = 0.375 W per GiB installed, both node-wide like RAPL's package and DRAM readings (the
 * attribution then gives the job its share). Load is the busy share of /proc/stat over each interval:
 * the curve is applied to the interval's mean load, as CodeCarbon does, so sample often (a cubic of a
 * mean is below the mean of the cubic when load swings within an interval).
 */
import { cpuTdpForHost, ramWattsPerGB, scaledTdpWatts, type CpuTopology } from '../../factors/cpu-tdp.js';
import { errnoCode, nodeFs, noteSet, type MeterFs } from '../_io.js';
import { parseCpuinfo } from '../procfs/cpuinfo.js';
import { parseMeminfo, parseProcStat, type SystemCpu } from '../procfs/parse.js';
import { polledMeter } from '../_polled.js';
import { meanWatts, unavailable, type Meter, type MeterStatus, type Reading } from '../types.js';
import { cpuPowerFraction, type CpuCurve } from './curves.js';

export interface ModelMeterOptions {
  readonly procRoot?: string;
  readonly fs?: MeterFs;
  /** Default 'codecarbon'. */
  readonly curve?: CpuCurve;
  /** Overrides /proc/cpuinfo's model name (e.g. from the cloud instance type). */
  readonly cpuModel?: string;
  /** Overrides /proc/meminfo's MemTotal. */
  readonly memoryBytes?: number;
}

const GIB = 1024 ** 3;

/**
 * @example
 * const model = createModelMeter({ curve: 'codecarbon' });
 * await model.start(); // reads /proc/cpuinfo, /proc/meminfo, /proc/stat
 * await model.sample(); // [{ scope: 'cpu_package', method: 'model', … }, { scope: 'dram', … }]
 */
export function createModelMeter(options: ModelMeterOptions = {}): Meter {
  const root = options.procRoot ?? '/proc';
  const fs = options.fs ?? nodeFs;
  const curve = options.curve ?? 'codecarbon';
  const notes = noteSet();
  let last: { cpu: SystemCpu; t: number } | undefined;
  let cpuWatts = (_load: number): number => 0;
  let cpuBasis: Reading['model'];
  let ramWatts = 0;

  const setup = async (): Promise<MeterStatus> => {
    const [cpuinfo, meminfo, stat] = await Promise.all(['cpuinfo', 'meminfo', 'stat'].map((f) => fs.readText(`${root}/${f}`).catch((e: unknown) => e)));
    const sys = typeof stat === 'string' ? parseProcStat(stat) : undefined;
    if (sys === undefined) return unavailable(`the CPU model needs ${root}/stat for the load (${errnoCode(stat) ?? 'unreadable'})`);
    const info = parseCpuinfo(typeof cpuinfo === 'string' ? cpuinfo : '');
    const topo: CpuTopology = { logicalCpus: sys.cpus > 0 ? sys.cpus : info.logicalCpus, threadsPerCore: info.threadsPerCore, packages: info.packages };
    const name = options.cpuModel ?? info.modelName;
    const { factor, matched } = cpuTdpForHost(name);
    const tdp = scaledTdpWatts(factor, topo);
    notes.add(
      matched === 'fallback'
        ? `CPU model ${JSON.stringify(name ?? 'unknown')} not in the TDP table: ${factor.tdpWatts} W per logical CPU x ${topo.logicalCpus} (wide band).`
        : `CPU model ${JSON.stringify(name)} -> ${factor.model} (${matched}), ${factor.tdpWatts} W TDP, scaled to ${tdp.toFixed(1)} W for ${topo.logicalCpus} logical CPUs.`,
    );
    cpuWatts = (load) => tdp * cpuPowerFraction(curve, load);
    cpuBasis = { curve, factorIds: [factor.id], fallback: matched === 'fallback', band: factor.band };
    const memBytes = options.memoryBytes ?? (typeof meminfo === 'string' ? parseMeminfo(meminfo)?.totalBytes : undefined);
    if (memBytes === undefined) notes.add('Memory size unknown: no memory model reading.');
    ramWatts = memBytes === undefined ? 0 : ramWattsPerGB.wattsPerGB * (memBytes / GIB);
    last = { cpu: sys, t: Date.now() };
    return { state: 'running' };
  };

  const read = async (now: number | undefined): Promise<Reading[]> => {
    if (last === undefined || cpuBasis === undefined) return [];
    const sys = parseProcStat(await fs.readText(`${root}/stat`).catch(() => ''));
    const t1 = now ?? Date.now();
    if (sys === undefined) {
      notes.add(`${root}/stat unreadable at least once; that time is folded into the next interval.`);
      return [];
    }
    const { cpu: prev, t: t0 } = last;
    last = { cpu: sys, t: t1 };
    const dTotal = sys.total - prev.total;
    const load = dTotal > 0 ? Math.min(1, Math.max(0, (sys.busy - prev.busy) / dTotal)) : 0;
    const dt = Math.max(0, (t1 - t0) / 1000);
    const reading = (scope: 'cpu_package' | 'dram', device: string, w: number, idle: number | undefined, model: NonNullable<Reading['model']>): Reading => {
      const joules = w * dt;
      const mean = meanWatts(joules, t0, t1);
      return { meter: 'model', method: 'model', scope, device, t0, t1, joules, ...(mean === undefined ? {} : { watts: mean }), ...(idle === undefined ? {} : { idleWatts: idle }), model };
    };
    const out = [reading('cpu_package', 'cpu', cpuWatts(load), cpuWatts(0), { ...cpuBasis, load })];
    // The memory model is load-independent, so it has no idle/dynamic split to offer: no idleWatts.
    if (ramWatts > 0) out.push(reading('dram', 'memory', ramWatts, undefined, { curve: 'constant', factorIds: [ramWattsPerGB.id], fallback: false, band: ramWattsPerGB.band }));
    return out;
  };

  return polledMeter({
    id: 'model',
    probe: setup,
    read,
    rebase: (now) => {
      if (last !== undefined) last = { ...last, t: now };
    },
    notes: () => notes.list(),
  });
}
