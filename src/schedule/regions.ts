/**
 * Time + region planning: the same deferrable job placed across candidate regions and start times,
 * ranked by carbon or, when both a carbon price and every region's $/hour are known, by
 * cost + carbon price × tCO2e; always beside running now in the current region.
 */
import { GreenopsError, isGreenopsError, quote } from '../core/errors.js';
import { type TimeFrame, filledWithin, frame, timeFrame } from './_frame.js';
import { type PowerShape, powerShape } from './_power.js';
import { type ScanResult, objective as objectiveOf, requireCoverage, scan, windowOf } from './_scan.js';
import { byScore, chooseObjective, option, topByObjective } from './_rank.js';
import { minutesToMs, requirePositive } from './_time.js';
import { prepareSeries } from './series.js';
import type { GapPolicy, Instant, PowerSpec, PreparedSeries, RegionCandidate, RegionObjective, RegionOption, Semantics, Window } from './types.js';

export interface PlanAcrossRegionsRequest {
  readonly candidates: readonly RegionCandidate[];
  readonly durationMinutes: number;
  readonly earliest: Instant;
  /** Latest end. */
  readonly deadline: Instant;
  readonly semantics: Semantics;
  readonly power: PowerSpec;
  /** Latest start is earliest + maxDelayMinutes (and the job must still end by the deadline). */
  readonly maxDelayMinutes?: number;
  /** Only these regions are proposed (the current region still gives the counterfactual). */
  readonly allowedRegions?: readonly string[];
  readonly carbonPriceUsdPerTonne?: number;
  /** Where the job would run now; default: the first candidate. */
  readonly currentRegion?: string;
  readonly tickMinutes?: number;
  readonly onGap?: GapPolicy;
  /** How many ranked options to return (default 10). */
  readonly limit?: number;
}

export interface RegionPlan {
  readonly semantics: Semantics;
  readonly objective: RegionObjective;
  /** Why this objective, in words (e.g. which region had no $/hour). */
  readonly objectiveReason: string;
  readonly scoreUnit: 'gCO2e' | 'USD';
  /** Best first, at most `limit`. */
  readonly options: readonly RegionOption[];
  /** Each planned region's best option, best first. */
  readonly bestPerRegion: readonly RegionOption[];
  readonly currentRegion: string;
  /** The counterfactual: the job started at `earliest` in the current region. */
  readonly runNow: RegionOption;
  /** Of options[0] against runNow (negative when a cheaper option emits more). */
  readonly saving: { readonly gCO2e: number; readonly percent: number; readonly gCO2ePerKWh: number; readonly usd?: number };
  /** Regions left out because their series does not cover the period, with the reason. */
  readonly skipped: readonly { readonly region: string; readonly zone: string; readonly code: string; readonly message: string }[];
  /** (region, start) pairs compared. */
  readonly candidates: number;
  readonly filledPoints: number;
}

/**
 * Plan a job across regions and start times.
 *
 * @example
 * const plan = planAcrossRegions({
 *   candidates: [
 *     { region: 'eu-north-1', zone: 'SE-SE3', series: se, dollarsPerHour: 3.1 },
 *     { region: 'eu-central-1', zone: 'DE', series: de, dollarsPerHour: 2.9 },
 *   ],
 *   currentRegion: 'eu-central-1', durationMinutes: 240, power: 2.4, semantics: 'step',
 *   earliest: '2024-06-01T08:00:00Z', deadline: '2024-06-02T08:00:00Z', carbonPriceUsdPerTonne: 100,
 * });
 * plan.objective;            // 'cost-and-carbon'
 * plan.options[0].region;    // where and plan.options[0].start when
 */
export function planAcrossRegions(req: PlanAcrossRegionsRequest): RegionPlan {
  const time = limitedFrame(req);
  const names = req.candidates.map((c) => c.region);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new GreenopsError('E_USAGE', `region ${quote(dup)} is listed twice among the candidates`, { data: { found: dup } });
  const currentRegion = req.currentRegion ?? names[0];
  const current = req.candidates.find((c) => c.region === currentRegion);
  if (current === undefined || currentRegion === undefined) {
    throw new GreenopsError('E_USAGE', `current region ${quote(currentRegion ?? '')} is not among the candidates`, { data: { expected: names.join(', ') } });
  }
  const allowed = req.candidates.filter((c) => req.allowedRegions === undefined || req.allowedRegions.includes(c.region));
  const shape = powerShape(req.power, req.durationMinutes);
  const { objective, reason, price } = chooseObjective(req.carbonPriceUsdPerTonne, allowed);
  const rate = (c: RegionCandidate, w: Window): RegionOption => option(c, w, shape, objective === 'cost-and-carbon' ? price : undefined, req.durationMinutes);

  const skipped: { region: string; zone: string; code: string; message: string }[] = [];
  const perRegion: { c: RegionCandidate; p: PreparedSeries; r: ScanResult }[] = [];
  let filledPoints = 0;
  for (const c of allowed) {
    try {
      const f = frame({ ...req, series: c.series }, time);
      perRegion.push({ c, p: f.series, r: scan(f.series, req.semantics, f.earliestMs, f.tickMs, f.count, f.shape) });
      filledPoints += filledWithin(f.series, f.earliestMs, f.deadlineMs);
    } catch (e) {
      // A region without data for the period cannot be planned, but must not hide the others: listed.
      if (!isGreenopsError(e) || e.code !== 'E_SERIES_GAP') throw e;
      skipped.push({ region: c.region, zone: c.zone, code: e.code, message: e.message });
    }
  }
  if (perRegion.length === 0) {
    throw new GreenopsError('E_SCHEDULE_INFEASIBLE', `No candidate region can be planned: ${skipped.map((s) => s.message).join('; ') || 'none allowed'}`, { data: { skipped } });
  }
  if (req.limit !== undefined) requirePositive(req.limit, 'limit');
  const limit = Math.max(1, Math.floor(req.limit ?? 10));
  const options: RegionOption[] = [];
  const bestPerRegion: RegionOption[] = [];
  for (const { c, r } of perRegion) {
    // Within a region cost does not depend on the start, so emissions order its starts.
    const ranked = topByObjective(objectiveOf(r, shape), limit).map((k) => rate(c, windowOf(r, k, shape)));
    if (ranked[0]) bestPerRegion.push(ranked[0]);
    options.push(...ranked);
  }
  options.sort(byScore).splice(limit);
  bestPerRegion.sort(byScore);
  const prepared = perRegion.find((x) => x.c === current)?.p ?? prepareSeries(current.series, req.onGap === undefined ? {} : { onGap: req.onGap });
  const runNow = rate(current, runNowWindow(prepared, req.semantics, time, shape));
  const best = options[0] ?? runNow;
  const g = runNow.emissionsG - best.emissionsG;
  return {
    semantics: req.semantics, objective, objectiveReason: reason, scoreUnit: objective === 'carbon' ? 'gCO2e' : 'USD',
    options, bestPerRegion, currentRegion, runNow, skipped, filledPoints,
    saving: {
      gCO2e: g,
      percent: runNow.emissionsG === 0 ? 0 : (g / runNow.emissionsG) * 100,
      gCO2ePerKWh: runNow.averageGCO2ePerKWh - best.averageGCO2ePerKWh,
      ...(runNow.costUsd !== undefined && best.costUsd !== undefined ? { usd: runNow.costUsd - best.costUsd } : {}),
    },
    candidates: perRegion.reduce((n, p) => n + p.r.count, 0),
  };
}

function limitedFrame(req: PlanAcrossRegionsRequest): TimeFrame {
  const time = timeFrame(req.earliest, req.deadline, req.durationMinutes);
  if (req.maxDelayMinutes === undefined) return time;
  requirePositive(req.maxDelayMinutes, 'maxDelayMinutes', true);
  return { ...time, deadlineMs: Math.min(time.deadlineMs, time.earliestMs + minutesToMs(req.maxDelayMinutes) + time.durationMs) };
}

/** The counterfactual needs only [earliest, earliest + duration] covered, even if the region is not allowed. */
function runNowWindow(p: PreparedSeries, semantics: Semantics, time: TimeFrame, shape: PowerShape): Window {
  requireCoverage(p, time.earliestMs, time.earliestMs + time.durationMs);
  return windowOf(scan(p, semantics, time.earliestMs, 1, 1, shape), 0, shape);
}
