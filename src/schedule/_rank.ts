/** Scoring and ranking of region options: the objective choice, cost, carbon cost, top-k. */
import { TIE_TOLERANCE } from './_scan.js';
import { requirePositive } from './_time.js';
import type { PowerShape } from './_power.js';
import type { RegionCandidate, RegionObjective, RegionOption, Window } from './types.js';

export function chooseObjective(price: number | undefined, regions: readonly RegionCandidate[]): { objective: RegionObjective; reason: string; price: number } {
  if (price === undefined) return { objective: 'carbon', reason: 'no carbon price given: ranked by emissions', price: 0 };
  requirePositive(price, 'carbonPriceUsdPerTonne', true);
  const unpriced = regions.filter((c) => c.dollarsPerHour === undefined).map((c) => c.region);
  if (unpriced.length > 0) return { objective: 'carbon', reason: `carbon price given but no $/hour for ${unpriced.join(', ')}: ranked by emissions only`, price };
  for (const c of regions) requirePositive(c.dollarsPerHour ?? 0, `dollarsPerHour of ${c.region}`, true);
  return { objective: 'cost-and-carbon', reason: `ranked by cost + ${price} USD/tCO2e × emissions`, price };
}

export function option(c: RegionCandidate, w: Window, shape: PowerShape, price: number | undefined, minutes: number): RegionOption {
  const emissionsG = w.emissionsG ?? 0;
  const base = { ...w, region: c.region, zone: c.zone, energyKWh: shape.energyKWh ?? 0, emissionsG };
  if (c.dollarsPerHour === undefined) return { ...base, score: emissionsG };
  const costUsd = (c.dollarsPerHour * minutes) / 60;
  if (price === undefined) return { ...base, costUsd, score: emissionsG };
  const carbonCostUsd = (price * emissionsG) / 1e6;
  return { ...base, costUsd, carbonCostUsd, score: costUsd + carbonCostUsd };
}

/** a − b, or 0 when they tie within the relative tolerance the window search uses (floating-point noise is not a preference). */
function diff(a: number, b: number): number {
  return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) ? 0 : a - b;
}

export function byScore(a: RegionOption, b: RegionOption): number {
  return diff(a.score, b.score) || Date.parse(a.start) - Date.parse(b.start);
}

/** Indices of the `limit` smallest values, ties in index (time) order: O(n log n) only over a copy of indices. */
export function topByObjective(values: Float64Array, limit: number): number[] {
  const idx = Array.from({ length: values.length }, (_, k) => k);
  idx.sort((a, b) => diff(values[a] ?? 0, values[b] ?? 0) || a - b);
  return idx.slice(0, limit);
}
