/** Power specs (constant kW or a profile) as the edges and weights the window scan integrates over. */
import { GreenopsError } from '../core/errors.js';
import { requirePositive } from './_time.js';
import type { PowerSpec } from './types.js';

/** A power spec as segment edges (minutes into the job) and a kW weight per segment. */
export interface PowerShape {
  readonly offsets: Float64Array;
  readonly weights: Float64Array;
  /** Undefined when no power was given: results are then averages only. */
  readonly energyKWh: number | undefined;
  /** True for a profile: the objective is total emissions rather than the average. */
  readonly profile: boolean;
}

export function powerShape(power: PowerSpec | undefined, durationMinutes: number): PowerShape {
  if (power === undefined || typeof power === 'number') {
    if (power !== undefined) requirePositive(power, 'power (kW)', true);
    const kW = power ?? 1;
    return { offsets: Float64Array.of(0, durationMinutes), weights: Float64Array.of(kW), energyKWh: power === undefined ? undefined : (kW * durationMinutes) / 60, profile: false };
  }
  if (power.length === 0) throw new GreenopsError('E_USAGE', 'power profile must have at least one segment', { data: { expected: '[{ durationMinutes, kW }, …]' } });
  const offsets = new Float64Array(power.length + 1);
  const weights = new Float64Array(power.length);
  let energy = 0;
  power.forEach((seg, j) => {
    requirePositive(seg.durationMinutes, `power[${j}].durationMinutes`);
    requirePositive(seg.kW, `power[${j}].kW`, true);
    offsets[j + 1] = (offsets[j] ?? 0) + seg.durationMinutes;
    weights[j] = seg.kW;
    energy += (seg.kW * seg.durationMinutes) / 60;
  });
  const total = offsets[power.length] ?? 0;
  if (Math.abs(total - durationMinutes) > 1e-6) {
    throw new GreenopsError('E_USAGE', `power profile lasts ${total} minutes but the job lasts ${durationMinutes}; the segments must add up to the duration`, {
      data: { expected: String(durationMinutes), found: String(total) },
    });
  }
  offsets[power.length] = durationMinutes;
  return { offsets, weights, energyKWh: energy, profile: true };
}
