import { A_TO_G } from './tables-types-a-g.js';
import { H_TO_M } from './tables-types-h-m.js';
import { P_TO_Z } from './tables-types-p-z.js';

/**
 * One CCF 0.15 instance type (`family.size`, exactly as CCF keys it: case-sensitive, so its
 * `Im4gn.*` and `Is4gen.*` entries never match a real usage type). Every field is optional: CCF's
 * tables disagree on which types they list, and an absent value is what CCF's lookups return.
 * Source paths are in aws/lib/AWSInstanceTypes.js of @cloud-carbon-footprint/aws 0.15.0.
 */
export interface CcfInstanceType {
  /** EC2_INSTANCE_TYPES[family][size][0]: vCPUs, used when the CUR has no product/vcpu. */
  readonly vcpus?: number;
  /** REDSHIFT_INSTANCE_TYPES[family][size][0]; CCF divides it by 3600 for every Redshift row. */
  readonly redshiftVcpus?: number;
  /** EC2_INSTANCE_TYPES[..][1] || REDSHIFT_INSTANCE_TYPES[..][1]: memory GB, for the memory rule. */
  readonly memoryGb?: number;
  /** INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING; absent means CCF's 'Unknown' average. */
  readonly cpu?: readonly string[];
  /**
   * Embodied tCO2e per instance-hour, as getEmbodiedEmissions + EmbodiedEmissionsEstimator compute it:
   * scope3 × (1 h / vCPUs / 35040) × (vCPUs / largest vCPUs of the family) = scope3 / 35040 / largest,
   * independent of the size. Scope 3 is EC2_INSTANCE_TYPES[..][2], or for the `u-*tb1` families
   * INSTANCE_FAMILY_TO_INSTANCE_TYPE_MAPPING[..][1], which is memory in GB (a CCF quirk). Absent: 0.
   */
  readonly embodiedTPerHour?: number;
  /** GPU_INSTANCES_TYPES: GPUs per instance. */
  readonly gpus?: number;
  /** INSTANCE_TYPE_GPU_PROCESSOR_MAPPING; absent means 'Unknown'. */
  readonly gpu?: readonly string[];
  /** BURSTABLE_INSTANCE_BASELINE_UTILIZATION, percent. */
  readonly burstableBaselinePct?: number;
}

/** Every instance type named in any of CCF's AWS instance tables (535). */
export const CCF_INSTANCE_TYPES: Readonly<Record<string, CcfInstanceType>> = { ...A_TO_G, ...H_TO_M, ...P_TO_Z };
