import type { PowerCurve } from './power.js';

/**
 * A methodology profile: every choice an estimate depends on that is not a factor value. The id and
 * version travel with every footprint row, so a number can always be traced to the rules that made it.
 */
export interface MethodologyProfile {
  readonly id: 'default' | 'ccf';
  readonly version: string;
  readonly title: string;
  readonly cpuCurve: PowerCurve;
  /** Average CPU utilisation assumed when the bill says nothing (it never does). */
  readonly cpuUtilisation: number;
  /** Range of plausible average utilisation, for the uncertainty band. */
  readonly cpuUtilisationRange: readonly [number, number];
  readonly gpuUtilisation: number;
  readonly gpuUtilisationRange: readonly [number, number];
  /**
   * Memory energy is charged only for memory above this many GB per vCPU: the SPECpower runs behind
   * the per-vCPU CPU coefficients already include a server's base memory.
   */
  readonly memoryBaselineGBPerVcpu: number;
  /** Expected server lifetime for embodied amortisation, hours. */
  readonly lifetimeHours: number;
  /** Band applied to rows estimated from cost (kWh per unit of cost of similar rows). */
  readonly costRatioBand: { readonly low: number; readonly high: number };
}

export const METHODOLOGY_VERSION = '0.1.2';

/**
 * The default profile. Teads curve at 50 % utilisation (CCF's assumption, kept because bills carry no
 * utilisation; the band spans 10–90 %). Memory above 2 GB/vCPU: the SPECpower configurations behind
 * the per-vCPU coefficients hold about 80–100 GB per 48-thread socket (CCF's per-chip memory figures),
 * so that much memory is already in the CPU figure and only the rest is charged separately. Server
 * lifetime 4 years (SCI's and CCF's default).
 */
export const defaultProfile: MethodologyProfile = {
  id: 'default',
  version: METHODOLOGY_VERSION,
  title: 'greenops default (Teads curve, SCI embodied share of host)',
  cpuCurve: 'teads',
  cpuUtilisation: 0.5,
  cpuUtilisationRange: [0.1, 0.9],
  gpuUtilisation: 0.5,
  gpuUtilisationRange: [0.1, 1],
  memoryBaselineGBPerVcpu: 2,
  lifetimeHours: 35_040,
  costRatioBand: { low: 0.3, high: 3 },
};
