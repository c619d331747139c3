/**
 * Carbon-aware scheduling: pure functions that place deferrable jobs in the cleanest hours and
 * regions under a deadline, always beside the run-now counterfactual. No I/O and no clock: "now" is
 * the `earliest` argument.
 *
 * Two averaging semantics, named in every result:
 * - `step` (GSF Carbon Aware SDK): each point holds its value over its interval; windows advance by
 *   the data's step and must be fully covered.
 * - `linear` (CATS): straight lines between point starts, trapezoid integral; the first candidate is
 *   "now" even between points. CATS has no value after the last point; here the last point's value
 *   holds flat to its interval end, so both semantics cover the same period.
 *
 * Optima tie within a relative 1e-9 and all are returned. Window search is O(points + candidates):
 * differences of a cumulative integral, not a pass over each window. Interruptible jobs are placed
 * greedily (`_greedy.ts` documents the method and its limits) and never do worse than the best
 * uninterrupted window.
 *
 * Carbon Aware SDK endpoints map one to one: `/emissions/average-carbon-intensity` → `averageOver`;
 * `/emissions/forecasts/current` → `forecastData` from `rollingAverages`, `optimalDataPoints` from
 * `bestWindows(...).optima`; `/emissions/bylocations/best` → `planAcrossRegions(...).bestPerRegion`.
 */
export { prepareSeries } from './series.js';
export { regularSeries } from './regular.js';
export { averageOver, intensityAt, rollingAverages } from './average.js';
export type { AverageOptions, RollingOptions } from './average.js';
export { bestWindows } from './window.js';
export type { BestWindowsRequest, BestWindowsResult } from './window.js';
export { planAcrossRegions } from './regions.js';
export type { PlanAcrossRegionsRequest, RegionPlan } from './regions.js';
export { planChunks } from './chunks.js';
export type { ChunkPlan, ChunkPlanRequest } from './chunks.js';
export { TIE_TOLERANCE } from './_scan.js';
export type {
  GapPolicy,
  Instant,
  IntegralTable,
  PowerSegment,
  PowerSpec,
  PreparedSeries,
  RegionCandidate,
  RegionObjective,
  RegionOption,
  Saving,
  Semantics,
  SeriesInput,
  Window,
} from './types.js';
