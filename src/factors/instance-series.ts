/**
 * What the Azure and GCP instance tables share: a series (one CPU platform and host size, sometimes
 * one GPU model) expanded into its sizes.
 */
import type { InstanceType, Provider } from './types.js';

/** One size of a series, as the provider's catalogue lists it. */
export interface SizeRow {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryGB: number;
  readonly gpus?: number;
}

/** The fields every size of a series inherits. */
export interface SeriesBase {
  readonly family: string;
  readonly cpuArch: string;
  readonly hostVcpus: number;
  readonly source: string;
  readonly gpuModel?: string;
}

/** The instance types of one series: each size with the series' platform, source and the source's year. */
export function seriesInstances(provider: Provider, s: SeriesBase, rows: readonly SizeRow[], year: number): InstanceType[] {
  return rows.map((r) => {
    const base = {
      provider,
      name: r.name,
      family: s.family,
      vcpus: r.vcpus,
      memoryGB: r.memoryGB,
      gpus: r.gpus ?? 0,
      cpuArch: s.cpuArch,
      hostVcpus: s.hostVcpus,
      source: s.source,
      year,
    };
    return s.gpuModel === undefined ? base : { ...base, gpuModel: s.gpuModel };
  });
}
