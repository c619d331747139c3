/**
 * Which GPUs a job's processes use, and the job's share of a GPU that other processes use too.
 *
 * The share of a shared GPU is, in order of preference:
 * 1. `sm`: the job's share of streaming-multiprocessor utilisation from `nvidia-smi pmon` (Kepler and
 *    METHODOLOGY-FACTS: GPU power follows SM activity);
 * 2. `memory`: its share of the framebuffer memory in use (`--query-compute-apps used_memory`) when
 *    pmon gives no numbers (it shows `-` for idle processes and is unsupported on some vGPU/MIG setups);
 * 3. `processes`: an equal split when neither is known.
 * Processes are matched by pid: inside a container with its own pid namespace nvidia-smi shows host
 * pids (or none), so nothing matches; the caller then falls back to the GPUs CUDA_VISIBLE_DEVICES gives.
 */
import type { GpuDevice } from './devices.js';
import { runOnce, type ChildEnv } from './exec.js';

export interface ComputeApp {
  readonly pid: number;
  readonly gpuUuid: string;
  readonly usedMemoryBytes: number | undefined;
}

export interface PmonRow {
  readonly gpuIndex: number;
  readonly pid: number;
  /** 0..1 */
  readonly sm: number | undefined;
  readonly mem: number | undefined;
}

/**
 * `nvidia-smi --query-compute-apps=pid,gpu_uuid,used_memory --format=csv,noheader,nounits` (MiB).
 *
 * @example
 * parseComputeApps('4242, GPU-aaaa, 1024\n') // [{ pid: 4242, gpuUuid: 'GPU-aaaa', usedMemoryBytes: 1073741824 }]
 */
export function parseComputeApps(text: string): ComputeApp[] {
  const out: ComputeApp[] = [];
  for (const line of text.split('\n')) {
    const [pid = '', uuid = '', mem = ''] = line.split(',').map((s) => s.trim());
    if (!/^\d+$/.test(pid) || !/^GPU-/i.test(uuid)) continue; // 'No running processes found', blank lines
    out.push({ pid: Number(pid), gpuUuid: uuid, usedMemoryBytes: /^\d+(\.\d+)?$/.test(mem) ? Number(mem) * 1024 * 1024 : undefined });
  }
  return out;
}

/**
 * `nvidia-smi pmon -c 1 -s u`. Columns are found by the header (`# gpu pid type sm mem …`), whose set
 * changes across driver versions (jpg/ofa were added later).
 *
 * @example
 * parsePmon('# gpu pid type sm mem command\n# Idx # C/G % % name\n 0 4242 C 37 5 python\n') // [{ gpuIndex: 0, pid: 4242, sm: 0.37, mem: 0.05 }]
 */
export function parsePmon(text: string): PmonRow[] {
  const lines = text.split('\n');
  const header = lines.find((l) => /^#\s*gpu\b/i.test(l))?.replace(/^#/, '').trim().toLowerCase().split(/\s+/) ?? [];
  const col = (name: string): number => header.indexOf(name);
  const [gi, pi, si, mi] = [col('gpu'), col('pid'), col('sm'), col('mem')];
  if (gi < 0 || pi < 0) return [];
  const pct = (s: string | undefined): number | undefined => (s !== undefined && /^\d+$/.test(s) ? Number(s) / 100 : undefined);
  return lines
    .filter((l) => !l.startsWith('#') && l.trim() !== '')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => /^\d+$/.test(f[gi] ?? '') && /^\d+$/.test(f[pi] ?? ''))
    .map((f) => ({ gpuIndex: Number(f[gi]), pid: Number(f[pi]), sm: pct(f[si]), mem: pct(f[mi]) }));
}

export type ShareBasis = 'exclusive' | 'sm' | 'memory' | 'processes' | 'visible-devices';

export interface GpuShare {
  readonly index: number;
  readonly uuid: string;
  /** The job's share of this GPU's energy, 0..1. */
  readonly share: number;
  readonly basis: ShareBasis;
}

const sum = (xs: ReadonlyArray<number | undefined>): number => xs.reduce<number>((a, b) => a + (b ?? 0), 0);

/**
 * The GPUs the job's processes hold a context on, with the job's share of each.
 *
 * @example
 * jobGpuShares({ jobPids: new Set([4242]), apps, pmon, gpus }) // [{ index: 0, uuid: 'GPU-aaaa', share: 0.75, basis: 'sm' }]
 */
export function jobGpuShares(input: { jobPids: ReadonlySet<number>; apps: readonly ComputeApp[]; pmon?: readonly PmonRow[]; gpus: readonly GpuDevice[] }): GpuShare[] {
  const out: GpuShare[] = [];
  for (const g of input.gpus) {
    const apps = input.apps.filter((a) => a.gpuUuid === g.uuid);
    const mine = apps.filter((a) => input.jobPids.has(a.pid));
    if (mine.length === 0) continue;
    if (mine.length === apps.length) {
      out.push({ index: g.index, uuid: g.uuid, share: 1, basis: 'exclusive' });
      continue;
    }
    const pm = (input.pmon ?? []).filter((r) => r.gpuIndex === g.index && apps.some((a) => a.pid === r.pid));
    const smAll = sum(pm.map((r) => r.sm));
    const memAll = sum(apps.map((a) => a.usedMemoryBytes));
    let share: number;
    let basis: ShareBasis;
    if (smAll > 0) [share, basis] = [sum(pm.filter((r) => input.jobPids.has(r.pid)).map((r) => r.sm)) / smAll, 'sm'];
    else if (memAll > 0) [share, basis] = [sum(mine.map((a) => a.usedMemoryBytes)) / memAll, 'memory'];
    else [share, basis] = [mine.length / apps.length, 'processes'];
    out.push({ index: g.index, uuid: g.uuid, share: Math.min(1, share), basis });
  }
  return out;
}

/**
 * Asks nvidia-smi once for its compute processes and, unless `pmon: false`, one pmon sample (which
 * takes about a second). Errors come back as `error`, never thrown.
 *
 * @example
 * const { apps, pmon } = await queryGpuProcesses({});
 * const shares = jobGpuShares({ jobPids: new Set(snapshot.pids), apps, pmon, gpus: meter.gpus() });
 */
export async function queryGpuProcesses(options: { binary?: string; env?: ChildEnv; pmon?: boolean }): Promise<{ apps: ComputeApp[]; pmon: PmonRow[]; error?: string }> {
  const bin = options.binary ?? 'nvidia-smi';
  const [apps, pmon] = await Promise.all([
    runOnce(bin, ['--query-compute-apps=pid,gpu_uuid,used_memory', '--format=csv,noheader,nounits'], options.env),
    options.pmon === false ? Promise.resolve(undefined) : runOnce(bin, ['pmon', '-c', '1', '-s', 'u'], options.env),
  ]);
  const out = { apps: apps.ok ? parseComputeApps(apps.stdout) : [], pmon: pmon?.ok === true ? parsePmon(pmon.stdout) : [] };
  return apps.ok ? out : { ...out, error: apps.message };
}

/**
 * When no process of the job can be matched (containers with their own pid namespace), the GPUs that
 * CUDA_VISIBLE_DEVICES gives the job are taken as wholly its own.
 *
 * @example
 * visibleGpuShares(meter.gpus()) // [{ index: 0, uuid: 'GPU-aaaa', share: 1, basis: 'visible-devices' }]
 */
export function visibleGpuShares(gpus: ReadonlyArray<GpuDevice & { readonly selected: boolean }>): GpuShare[] {
  return gpus.filter((g) => g.selected).map((g) => ({ index: g.index, uuid: g.uuid, share: 1, basis: 'visible-devices' }));
}
