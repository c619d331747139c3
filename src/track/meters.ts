/**
 * The meters a tracked job gets by default, and the source of its GPU shares. Every meter starts;
 * those that cannot run here say why once (RAPL without read access, no nvidia-smi). The model
 * always runs: attribution drops its CPU and memory readings wherever a counter covers them.
 */
import { createModelMeter } from '../meters/model/meter.js';
import { createNvidiaMeter, type NvidiaMeter } from '../meters/nvidia/meter.js';
import { jobGpuShares, queryGpuProcesses, visibleGpuShares } from '../meters/nvidia/apps.js';
import { createRaplMeter } from '../meters/rapl/meter.js';
import type { Meter } from '../meters/types.js';
import type { GpuShareSource } from './tracker.js';

export interface DefaultMeters {
  readonly meters: readonly Meter[];
  readonly gpu: NvidiaMeter;
}

/** @example const { meters, gpu } = defaultMeters({ intervalMs: 1000, visibleDevices: process.env.CUDA_VISIBLE_DEVICES }); */
export function defaultMeters(o: { intervalMs: number; visibleDevices?: string; nvidiaSmi?: string }): DefaultMeters {
  // nvidia-smi samples at least twice per tracker interval (and at most every 100 ms): the trapezoid needs points.
  const gpu = createNvidiaMeter({ intervalMs: Math.max(100, Math.min(500, o.intervalMs / 2)), ...(o.visibleDevices === undefined ? {} : { visibleDevices: o.visibleDevices }), ...(o.nvidiaSmi ? { binary: o.nvidiaSmi } : {}) });
  return { meters: [createRaplMeter(), gpu, createModelMeter()], gpu };
}

/**
 * The job's share of each GPU, refreshed in the background every `refreshMs` (asking nvidia-smi for
 * its compute processes costs a process spawn). A GPU none of the job's processes hold is not the
 * job's (share 0); one shared with other jobs is split by memory share. Only where nvidia-smi lists
 * no process at all while CUDA_VISIBLE_DEVICES names the job's GPUs (a container, whose pids the host
 * driver cannot show) are those GPUs taken as wholly the job's.
 */
export function gpuShareSource(gpu: NvidiaMeter, o: { refreshMs?: number; nvidiaSmi?: string; visibleDevices?: string } = {}): GpuShareSource {
  let shares: Awaited<ReturnType<GpuShareSource>>;
  let asked = 0;
  let pending: Promise<void> | undefined;
  return async (pids) => {
    if (gpu.status().state !== 'running') return undefined;
    const now = Date.now();
    if (!pending && now - asked >= (o.refreshMs ?? 10_000)) {
      asked = now;
      pending = queryGpuProcesses({ pmon: false, ...(o.nvidiaSmi ? { binary: o.nvidiaSmi } : {}) }).then((q) => {
        if (q.error) return;
        const container = q.apps.length === 0 && o.visibleDevices !== undefined && o.visibleDevices.trim() !== '';
        shares = container ? visibleGpuShares(gpu.gpus()) : jobGpuShares({ jobPids: new Set(pids), apps: q.apps, gpus: gpu.gpus() });
      }).finally(() => {
        pending = undefined;
      });
      if (shares === undefined) await pending;
    }
    return shares;
  };
}
