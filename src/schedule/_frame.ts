/** Checks and derived numbers shared by every planner: the time frame, the candidate grid, the power shape. */
import { GreenopsError } from '../core/errors.js';
import { type PowerShape, powerShape } from './_power.js';
import { requireCoverage } from './_scan.js';
import { isoUtc, minutesToMs, parseInstant, requirePositive } from './_time.js';
import { prepareSeries } from './series.js';
import type { GapPolicy, Instant, PowerSpec, PreparedSeries, Saving, SeriesInput, Window } from './types.js';

/** Upper bound on candidate starts per search (80 MB of integrals). */
export const MAX_CANDIDATES = 10_000_000;

export interface TimeFrame {
  readonly earliestMs: number;
  /** Latest end. */
  readonly deadlineMs: number;
  readonly durationMs: number;
}

/** Parse and check earliest/deadline/duration; `E_SCHEDULE_INFEASIBLE` when the job cannot end by the deadline. */
export function timeFrame(earliest: Instant, deadline: Instant, durationMinutes: number): TimeFrame {
  requirePositive(durationMinutes, 'durationMinutes');
  const earliestMs = parseInstant(earliest, 'earliest');
  const deadlineMs = parseInstant(deadline, 'deadline');
  const durationMs = minutesToMs(durationMinutes);
  if (deadlineMs < earliestMs + durationMs) {
    throw new GreenopsError('E_SCHEDULE_INFEASIBLE', `A ${durationMinutes}-minute job starting no earlier than ${isoUtc(earliestMs)} cannot end by ${isoUtc(deadlineMs)}: the earliest possible end is ${isoUtc(earliestMs + durationMs)}`, {
      data: { earliest: isoUtc(earliestMs), deadline: isoUtc(deadlineMs), earliestEnd: isoUtc(earliestMs + durationMs) },
    });
  }
  return { earliestMs, deadlineMs, durationMs };
}

export interface Frame extends TimeFrame {
  readonly series: PreparedSeries;
  readonly tickMs: number;
  /** Candidate starts earliest + k·tick, k < count: the first is always "run now". */
  readonly count: number;
  readonly shape: PowerShape;
}

export interface FrameRequest {
  /** A provider's series, or one already prepared (prepare once when planning many jobs). */
  readonly series: SeriesInput;
  readonly durationMinutes: number;
  /** "Now": the earliest start, and the start of the run-now counterfactual. */
  readonly earliest: Instant;
  /** Latest END time. */
  readonly deadline: Instant;
  /** Constant kW, or a profile (then the objective is total emissions). Without it: averages only. */
  readonly power?: PowerSpec;
  /** Candidate spacing; default the series' shortest step. */
  readonly tickMinutes?: number;
  /** Default `error`. */
  readonly onGap?: GapPolicy;
}

export function frame(req: FrameRequest, time: TimeFrame = timeFrame(req.earliest, req.deadline, req.durationMinutes)): Frame {
  if (req.tickMinutes !== undefined) requirePositive(req.tickMinutes, 'tickMinutes');
  const shape = powerShape(req.power, req.durationMinutes);
  const series = prepareSeries(req.series, req.onGap === undefined ? {} : { onGap: req.onGap });
  requireCoverage(series, time.earliestMs, time.deadlineMs);
  const tickMs = Math.max(1, minutesToMs(req.tickMinutes ?? series.stepMinutes));
  const count = Math.floor((time.deadlineMs - time.durationMs - time.earliestMs) / tickMs) + 1;
  // A server takes this from users: refuse a grid that would allocate gigabytes rather than try.
  if (count > MAX_CANDIDATES) {
    throw new GreenopsError('E_USAGE', `${count} candidate starts (tick ${tickMs / 60_000} min) is more than the ${MAX_CANDIDATES} allowed; use a coarser tickMinutes or a shorter period`, {
      data: { expected: `<= ${MAX_CANDIDATES} candidates`, found: String(count) },
    });
  }
  return { ...time, series, tickMs, count, shape };
}

/** Points greenops filled that overlap [fromMs, toMs): what a result must admit it leaned on. */
export function filledWithin(p: PreparedSeries, fromMs: number, toMs: number): number {
  if (p.filledPoints === 0) return 0;
  let n = 0;
  for (let i = 0; i < p.startsMs.length; i++) {
    if ((p.startsMs[i] ?? 0) >= toMs) break;
    if ((p.endsMs[i] ?? 0) > fromMs && p.filled[i] === 1) n++;
  }
  return n;
}

/** What `best` saves against `now`; percent of emissions when power was given, else of the average. */
export function saving(now: Window, best: Window): Saving {
  const perKWh = now.averageGCO2ePerKWh - best.averageGCO2ePerKWh;
  const pct = (part: number, whole: number): number => (whole === 0 ? 0 : (part / whole) * 100);
  if (now.emissionsG === undefined || best.emissionsG === undefined) {
    return { gCO2ePerKWh: perKWh, percent: pct(perKWh, now.averageGCO2ePerKWh) };
  }
  const g = now.emissionsG - best.emissionsG;
  return { gCO2ePerKWh: perKWh, percent: pct(g, now.emissionsG), gCO2e: g };
}
