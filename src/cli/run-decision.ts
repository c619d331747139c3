/** When `greenops run` starts: the plan's best start, or earlier when the intensity drops to a threshold. */
import { intensityAt, prepareSeries, type GapPolicy, type Semantics } from '../schedule/index.js';
import type { SourcedSeries } from './intensity-source.js';
import type { PlanOutcome } from './plan-compute.js';

export interface StartDecision {
  readonly startMs: number;
  /** The zone (and, for a region plan, the region) the start belongs to. */
  readonly zone: string;
  readonly region?: string;
  /** `best`: the plan's optimum; `threshold`: the first moment at or below `--threshold`. */
  readonly reason: 'best' | 'threshold';
  /** Expected average over the job, gCO2e/kWh (of the best window; at the threshold, that moment's intensity). */
  readonly expectedGCO2ePerKWh: number;
  readonly runNowGCO2ePerKWh: number;
}

/**
 * The start to wait for. With a threshold, the first candidate moment (the earliest start, then each
 * later point start) before the best start whose intensity is at or below it, read from the plan's own
 * series; without one, or when none is, the best start.
 *
 * @example decideStart(outcome, sources, { semantics: 'step', onGap: 'error', earliestMs, threshold: 150 })
 */
export function decideStart(outcome: PlanOutcome, sources: readonly SourcedSeries[], o: { semantics: Semantics; onGap: GapPolicy; earliestMs: number; threshold?: number }): StartDecision {
  const best = bestOf(outcome);
  const decision: StartDecision = { ...best, reason: 'best' };
  const series = sources.find((s) => (best.region === undefined ? true : s.input === best.region))?.series;
  if (o.threshold === undefined || series === undefined) return decision;
  const p = prepareSeries(series, { onGap: o.onGap });
  const moments = [o.earliestMs, ...Array.from(p.startsMs).filter((s) => s > o.earliestMs)].filter((t) => t < best.startMs);
  for (const t of moments) {
    const g = intensityAt(p, new Date(t), o.semantics);
    if (g <= o.threshold) return { ...decision, startMs: t, reason: 'threshold', expectedGCO2ePerKWh: g };
  }
  return decision;
}

function bestOf(outcome: PlanOutcome): Omit<StartDecision, 'reason'> {
  if (outcome.method === 'planAcrossRegions') {
    const r = outcome.result;
    const o = r.options[0] ?? r.runNow;
    return { startMs: Date.parse(o.start), zone: o.zone, region: o.region, expectedGCO2ePerKWh: o.averageGCO2ePerKWh, runNowGCO2ePerKWh: r.runNow.averageGCO2ePerKWh };
  }
  const r = outcome.result;
  const w = outcome.method === 'bestWindows' ? (outcome.result.optima[0] ?? r.runNow) : (outcome.result.chunks[0] ?? r.runNow);
  const avg = outcome.method === 'bestWindows' ? w.averageGCO2ePerKWh : outcome.result.averageGCO2ePerKWh;
  return { startMs: Date.parse(w.start), zone: r.zone, expectedGCO2ePerKWh: avg, runNowGCO2ePerKWh: r.runNow.averageGCO2ePerKWh };
}
