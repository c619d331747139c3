import { coefficientFactors, coefficientSources, replicationFactors } from './coefficients.js';
import { cpuArchFactors, cpuSources } from './cpu.js';
import { cpuTdpFactors, cpuTdpSources, ramWattsPerGB } from './cpu-tdp.js';
import { embodiedFactors, embodiedSources } from './embodied.js';
import { gpuFactors, gpuSources } from './gpu.js';
import { gridFactors, gridSources } from './grid.js';
import { instanceSources, instanceTypes } from './instances.js';
import { pueFactors, pueSources } from './pue.js';
import { regionZones } from './zones.js';
import type { Band, SourceRef } from './types.js';

/**
 * Version of the factor tables as a whole. Bump it whenever a value changes: stored footprints made
 * with another version are re-estimated (from stored usage, never from raw files).
 */
export const FACTORS_VERSION = '2026.11.2';

/** Every publication any factor cites, de-duplicated by id. */
export const sources: readonly SourceRef[] = [
  ...new Map(
    [...gridSources, ...pueSources, ...cpuSources, ...cpuTdpSources, ...gpuSources, ...instanceSources, ...embodiedSources, ...coefficientSources].map((s) => [s.id, s]),
  ).values(),
];

export interface FactorTable {
  readonly kind: string;
  readonly title: string;
  rows(): Array<Record<string, unknown>>;
}

const band = (b: Band): string => `×${b.low}–${b.high}`;

/** The tables `greenops factors` lists and the methodology document summarises. */
export const factorTables: readonly FactorTable[] = [
  { kind: 'grid', title: 'location-based annual grid factor per cloud region (gCO2e/kWh), carbon-free share where published',
    rows: () => gridFactors.map((f) => ({ id: f.id, provider: f.provider, region: f.region, zone: f.zone, g_per_kwh: f.gCO2ePerKWh, cfe_share: f.carbonFreeShare ?? null, band: band(f.band), source: f.source, year: f.year })) },
  { kind: 'pue', title: 'power usage effectiveness per provider and region',
    rows: () => pueFactors.map((f) => ({ id: f.id, provider: f.provider, region: f.region ?? '(default)', pue: f.pue, band: band(f.band), source: f.source, year: f.year })) },
  { kind: 'cpu', title: 'per-vCPU watts at idle and 100 % by CPU microarchitecture',
    rows: () => cpuArchFactors.map((f) => ({ id: f.id, arch: f.arch, min_w_per_vcpu: f.minWattsPerVcpu, max_w_per_vcpu: f.maxWattsPerVcpu, band: band(f.band), source: f.source, year: f.year })) },
  { kind: 'gpu', title: 'watts per GPU at idle and full load',
    rows: () => gpuFactors.map((f) => ({ id: f.id, model: f.model, idle_w: f.idleWatts, max_w: f.maxWatts, memory_gb: f.memoryGB ?? null, band: band(f.band), source: f.source, year: f.year })) },
  { kind: 'instance', title: 'instance types: vCPUs, memory, GPUs, CPU architecture, host vCPUs',
    rows: () => instanceTypes.map((t) => ({ provider: t.provider, name: t.name, family: t.family, vcpus: t.vcpus, memory_gb: t.memoryGB, gpus: t.gpus, gpu_model: t.gpuModel ?? null, cpu_arch: t.cpuArch, host_vcpus: t.hostVcpus, source: t.source, year: t.year })) },
  { kind: 'embodied', title: 'embodied emissions of one whole host per family (kgCO2e)',
    rows: () => embodiedFactors.map((f) => ({ id: f.id, provider: f.provider, family: f.family, kg_per_host: f.kgCO2ePerHost, band: band(f.band), source: f.source, year: f.year })) },
  { kind: 'coefficient', title: 'memory, storage and network energy coefficients',
    rows: () => coefficientFactors.map((f) => ({ id: f.id, name: f.name, value: f.value, unit: f.unit, band: band(f.band), source: f.source, year: f.year })) },
  { kind: 'tdp', title: 'CPU models: thermal design power per package, for measuring jobs without energy counters (greenops track)',
    rows: () => [
      ...cpuTdpFactors.map((f) => ({ id: f.id, model: f.model, tdp_w: f.tdpWatts, cores: f.cores, band: band(f.band), source: f.source, year: f.year })),
      { id: ramWattsPerGB.id, model: '(installed memory, per GB)', tdp_w: ramWattsPerGB.wattsPerGB, cores: null, band: band(ramWattsPerGB.band), source: ramWattsPerGB.source, year: ramWattsPerGB.year },
    ] },
  { kind: 'zone', title: 'cloud region to grid zone (Electricity Maps ids), for hourly intensity',
    rows: () => regionZones.map((z) => ({ provider: z.provider, region: z.region, zone: z.zone, source: z.source, note: z.note })) },
  { kind: 'replication', title: 'copies kept by managed storage services',
    rows: () => replicationFactors.map((f) => ({ id: f.id, provider: f.provider, service: f.service, factor: f.factor, band: band(f.band), source: f.source, year: f.year })) },
];

export { lookupGrid, providerDefaultGrid } from './grid.js';
export { lookupPue } from './pue.js';
export { lookupCpuArch } from './cpu.js';
export { lookupGpu } from './gpu.js';
export { lookupInstance } from './instances.js';
export { lookupEmbodied, genericHostEmbodiedKg } from './embodied.js';
export { coefficient, lookupReplication } from './coefficients.js';
export type * from './types.js';
