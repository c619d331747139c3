/**
 * Typed, sourced coefficient data. Every value carries its unit in its field name, the id of the
 * publication it comes from, the year it describes, and a multiplicative uncertainty band.
 */

export type Provider = 'aws' | 'azure' | 'gcp' | 'oracle' | 'other';

/** Multiplicative band around the central value: the true value is taken to lie in [v*low, v*high]. */
export interface Band {
  readonly low: number;
  readonly high: number;
}

/** Where a figure was published. `id` is referenced by every factor that uses it. */
export interface SourceRef {
  readonly id: string;
  readonly title: string;
  readonly publisher: string;
  readonly year: number;
  readonly url?: string;
  readonly license?: string;
}

/** Fields every factor carries. `id` is stable and appears in the lineage of every estimate. */
export interface FactorMeta {
  readonly id: string;
  readonly source: string;
  readonly year: number;
  readonly band: Band;
  readonly note?: string;
}

/** Location-based annual grid emission factor of a cloud region. */
export interface GridFactor extends FactorMeta {
  readonly provider: Provider;
  readonly region: string;
  /** Grid zone or country the figure describes (e.g. 'US-SERC', 'DE', 'SE-SE3'). */
  readonly zone: string;
  readonly gCO2ePerKWh: number;
  /**
   * Share of the region's electricity matched hour by hour with carbon-free energy (0..1), where the
   * provider publishes it (Google's CFE%). Used for the market-based figure.
   */
  readonly carbonFreeShare?: number;
}

/** Power usage effectiveness of a provider, or of one region where published. */
export interface PueFactor extends FactorMeta {
  readonly provider: Provider;
  /** Absent: the provider-wide default. */
  readonly region?: string;
  readonly pue: number;
}

/** Per-vCPU power of a CPU microarchitecture at idle and at 100 % load (SPECpower-derived). */
export interface CpuArchFactor extends FactorMeta {
  readonly arch: string;
  readonly minWattsPerVcpu: number;
  readonly maxWattsPerVcpu: number;
}

/** Power of one GPU (or accelerator) at idle and at full load. */
export interface GpuFactor extends FactorMeta {
  readonly model: string;
  readonly idleWatts: number;
  readonly maxWatts: number;
  /** Device memory, GB. */
  readonly memoryGB?: number;
}

/** A cloud instance (VM) type and the host it is carved from. */
export interface InstanceType {
  readonly provider: Provider;
  /** As billed, lower case: 'm5.large', 'standard_nc24ads_a100_v4', 'a2-highgpu-1g'. */
  readonly name: string;
  readonly family: string;
  readonly vcpus: number;
  readonly memoryGB: number;
  readonly gpus: number;
  readonly gpuModel?: string;
  /** Key into the CPU architecture table. */
  readonly cpuArch: string;
  /** vCPUs of the whole host this type is carved from (for the embodied share). */
  readonly hostVcpus: number;
  readonly source: string;
  readonly year: number;
}

/** Embodied (manufacturing) emissions of one whole host of a family. */
export interface EmbodiedFactor extends FactorMeta {
  readonly provider: Provider;
  readonly family: string;
  readonly kgCO2ePerHost: number;
}

export type CoefficientName = 'memory' | 'ssd' | 'hdd' | 'network';

/** Energy coefficients of resources other than CPUs and GPUs. */
export interface CoefficientFactor extends FactorMeta {
  readonly name: CoefficientName;
  readonly value: number;
  /** 'kWh/GB-h' (memory), 'Wh/TB-h' (ssd, hdd), 'kWh/GB' (network). */
  readonly unit: 'kWh/GB-h' | 'Wh/TB-h' | 'kWh/GB';
}

/** How many copies of stored bytes a managed storage service keeps. */
export interface ReplicationFactor extends FactorMeta {
  readonly provider: Provider;
  /** Lower-case service key, e.g. 's3', 'ebs', 'cloud-storage', 'azure-grs'. */
  readonly service: string;
  readonly factor: number;
}
