/**
 * CPU power as a fraction of TDP at a load of 0..1, for machines without energy counters
 * (METHODOLOGY-FACTS, "Measuring a running job").
 *
 * - `codecarbon`: 0.1 + 0.9 x load^3, CodeCarbon's `cpu_load` mode for a whole machine
 *   (codecarbon/external/hardware.py, CPU._get_power_from_cpu_load: "Cubic relationship with minimum
 *   10% of TDP"). The default: CodeCarbon's own RAPL profiling of two Xeon E5-2620 v3 (170 W TDP) reads
 *   0.10 / 0.37 / 0.69 of TDP at 10 / 50 / 100 % load, which the cubic (0.10 / 0.21 / 1.0) follows more
 *   closely at low and mid load than Teads (0.33 / 0.74 / 1.0).
 * - `teads`: the Teads shape (0.12 / 0.32 / 0.75 / 1.02 of the 100 % figure at 0 / 10 / 50 / 100 %),
 *   through core/power.ts, scaled so that 100 % load draws TDP: idle is then 0.12 / 1.02 = 11.8 % of TDP.
 */
import { watts } from '../../core/power.js';

export type CpuCurve = 'codecarbon' | 'teads';

const TEADS_IDLE = 0.12 / 1.02;

/**
 * @example
 * cpuPowerFraction('codecarbon', 0.5) // 0.2125
 * cpuPowerFraction('teads', 1) // 1
 */
export function cpuPowerFraction(curve: CpuCurve, load: number): number {
  const u = Math.min(1, Math.max(0, load));
  return curve === 'codecarbon' ? 0.1 + 0.9 * u ** 3 : watts('teads', TEADS_IDLE, 1, u);
}
