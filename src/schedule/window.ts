/**
 * Best time window for one deferrable job in one zone: the cleanest placement(s) that end by the
 * deadline, always beside the run-now counterfactual and what moving saves against it.
 */
import { type FrameRequest, filledWithin, frame, saving } from './_frame.js';
import { MS_PER_MINUTE } from './_time.js';
import { objective, optimaIndices, scan, windowOf } from './_scan.js';
import type { Saving, Semantics, Window } from './types.js';

export interface BestWindowsRequest extends FrameRequest {
  /** `step` (Carbon Aware SDK) or `linear` (CATS); results say which was used. */
  readonly semantics: Semantics;
}

export interface BestWindowsResult {
  readonly zone: string;
  readonly semantics: Semantics;
  /** `average` for no or constant power; `emissions` (Σ kW × intensity over time) for a power profile. */
  readonly objective: 'average' | 'emissions';
  /** Every candidate tied with the best (relative tolerance 1e-9), in time order. */
  readonly optima: readonly Window[];
  /** The counterfactual: the same job started at `earliest`. */
  readonly runNow: Window;
  /** Of the first optimum against run-now. */
  readonly saving: Saving;
  /** How many start times were compared. */
  readonly candidates: number;
  readonly tickMinutes: number;
  /** Gap-filled (estimated) points overlapping [earliest, deadline]; a non-zero count must be reported. */
  readonly filledPoints: number;
}

/**
 * Candidate starts are `earliest + k·tick` (tick: `tickMinutes`, else the series' shortest step) while
 * the job still ends by `deadline`, so the first candidate is always "run now", as in CATS, and under
 * `step` semantics windows advance by the data's step, as in the Carbon Aware SDK. The series must
 * cover [earliest, deadline] (`E_SERIES_GAP`, saying what it covers); a deadline before
 * earliest + duration is `E_SCHEDULE_INFEASIBLE`, giving the earliest possible end.
 *
 * Each window's integral is a difference of the series' cumulative integral at its two ends, read by
 * cursors that only move forward: O(points + candidates), not O(points × window length).
 *
 * @example
 * const plan = bestWindows({
 *   series, semantics: 'linear', durationMinutes: 240, power: 3.2,
 *   earliest: '2024-06-01T08:00:00Z', deadline: '2024-06-02T08:00:00Z',
 * });
 * plan.optima[0].start;       // cleanest start
 * plan.saving.gCO2e;          // against plan.runNow
 */
export function bestWindows(req: BestWindowsRequest): BestWindowsResult {
  const f = frame(req);
  const r = scan(f.series, req.semantics, f.earliestMs, f.tickMs, f.count, f.shape);
  const optima = optimaIndices(objective(r, f.shape)).map((k) => windowOf(r, k, f.shape));
  const runNow = windowOf(r, 0, f.shape);
  return {
    zone: f.series.zone,
    semantics: req.semantics,
    objective: f.shape.profile ? 'emissions' : 'average',
    optima,
    runNow,
    saving: saving(runNow, optima[0] ?? runNow),
    candidates: f.count,
    tickMinutes: f.tickMs / MS_PER_MINUTE,
    filledPoints: filledWithin(f.series, f.earliestMs, f.deadlineMs),
  };
}
