import {
  CCF_EMISSIONS_FACTORS, CCF_FAMILIES, CCF_INSTANCE_TYPES, CCF_MSK_VCPUS, CCF_PROCESSORS,
  ccfFamilyMemoryPerChipGb, ccfProcessorMemoryGb, ccfProcessorWatts,
} from './tables.js';

/**
 * CCF's instance tables resolved per type name (processor lists to watts and memory per chip), as
 * maps: a lookup never reaches an object's prototype ('constructor' is no instance type). A field
 * left undefined means "absent in CCF's table" (its `undefined`).
 */
export interface CcfTypeRow {
  readonly vcpus?: number;
  readonly redshiftVcpus?: number;
  readonly memoryGb?: number;
  readonly cpuId?: string;
  readonly cpuWatts?: number;
  /** An untabled processor (Ice Lake, EPYC 3rd Gen, Graviton) silently gets the 'Unknown' average. */
  readonly cpuAverage: boolean;
  readonly processorMemoryGb?: number;
  readonly embodiedTPerHour?: number;
  readonly gpus?: number;
  readonly gpuId?: string;
  readonly gpuWatts?: number;
  readonly burstablePct?: number;
}

const tabled = (processors: readonly string[]): boolean => processors.every((p) => CCF_PROCESSORS[p] !== undefined);

export const CCF_TYPES: ReadonlyMap<string, CcfTypeRow> = new Map(Object.entries(CCF_INSTANCE_TYPES).map(([type, t]) => [type, {
  vcpus: t.vcpus,
  redshiftVcpus: t.redshiftVcpus,
  memoryGb: t.memoryGb,
  cpuId: t.cpu?.join(', '),
  cpuWatts: t.cpu ? ccfProcessorWatts(t.cpu).averageWatts : undefined,
  cpuAverage: t.cpu ? !tabled(t.cpu) : true,
  processorMemoryGb: t.cpu ? ccfProcessorMemoryGb(t.cpu) : undefined,
  embodiedTPerHour: t.embodiedTPerHour,
  gpus: t.gpus,
  gpuId: t.gpu?.join(', '),
  gpuWatts: t.gpu ? ccfProcessorWatts(t.gpu).averageWatts : undefined,
  burstablePct: t.burstableBaselinePct,
}]));

/** Memory per chip of a family's largest type, and that type's memory. */
export const CCF_FAMILY_MEMORY: ReadonlyMap<string, { readonly perChipGb: number; readonly largestGb: number }> = new Map(
  Object.entries(CCF_FAMILIES).map(([family, f]) => [family, { perChipGb: ccfFamilyMemoryPerChipGb(family, f), largestGb: f.largestMemoryGb }]),
);

/** tCO2e per kWh by AWS region. */
export const CCF_EF: ReadonlyMap<string, number> = new Map(Object.entries(CCF_EMISSIONS_FACTORS));

/** MSK vCPUs keyed by `'Kafka' + usageType.split('Kafka').pop()`. */
export const CCF_MSK: ReadonlyMap<string, number> = new Map(Object.entries(CCF_MSK_VCPUS));
