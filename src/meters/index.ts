/**
 * Live energy meters for `greenops track`: RAPL counters, nvidia-smi sampling and the TDP model behind
 * one `Meter` interface, the procfs sampler of the job's process tree, and the attribution of node
 * energy to the job. Explicit export list: everything else in this folder is internal.
 */
export type { Meter, MeterMethod, MeterScope, MeterStatus, ModelBasis, Reading } from './types.js';
export { unavailable } from './types.js';
export type { MeterFs } from './_io.js';

export { createRaplMeter, raplPermissionMessage, type RaplMeterOptions } from './rapl/meter.js';
export { counterDeltaUj, discoverZones, type RaplZone } from './rapl/zones.js';

export { createNvidiaMeter, type NvidiaMeter, type NvidiaMeterOptions } from './nvidia/meter.js';
export { parseGpuLine, GPU_QUERY_FIELDS, type GpuSample } from './nvidia/parse.js';
export { parseGpuList, resolveVisibleGpus, type GpuDevice } from './nvidia/devices.js';
export {
  jobGpuShares, parseComputeApps, parsePmon, queryGpuProcesses, visibleGpuShares,
  type ComputeApp, type GpuShare, type PmonRow, type ShareBasis,
} from './nvidia/apps.js';

export { createProcfsSampler, cpuUsageBetween, type CpuUsage, type ProcSnapshot, type ProcfsSampler, type ProcfsSamplerOptions } from './procfs/sampler.js';
export { parseCpuinfo, type CpuInfo } from './procfs/cpuinfo.js';
export { readClockTicks } from './procfs/clock.js';

export { createModelMeter, type ModelMeterOptions } from './model/meter.js';
export { cpuPowerFraction, type CpuCurve } from './model/curves.js';

export { attributeEnergy, type Attribution, type AttributionInput, type CpuShareInterval, type DeviceAttribution, type GpuShareInterval } from './attribution.js';
