/**
 * Interruptible jobs (checkpointing training, resumable ETL): split the work into chunks of at least
 * `minChunkMinutes`, placed in the cleanest data steps before the deadline.
 */
import { filledWithin, frame, saving } from './_frame.js';
import { greedyChunks } from './_greedy.js';
import { integralBetween } from './_integral.js';
import { objective, optimaIndices, scan, windowOf } from './_scan.js';
import { MS_PER_MINUTE, isoUtc, minutesToMs, requirePositive } from './_time.js';
import type { GapPolicy, Instant, Saving, SeriesInput, Semantics, Window } from './types.js';

export interface ChunkPlanRequest {
  readonly series: SeriesInput;
  /** Total run time to place. */
  readonly durationMinutes: number;
  readonly earliest: Instant;
  /** Latest end of the last chunk. */
  readonly deadline: Instant;
  readonly semantics: Semantics;
  /** Shortest chunk worth a restart (checkpoint load, warm-up); a job shorter than this runs whole. */
  readonly minChunkMinutes: number;
  /** Constant draw in kW, for emissions. */
  readonly power?: number;
  readonly onGap?: GapPolicy;
}

export interface ChunkPlan {
  readonly zone: string;
  readonly semantics: Semantics;
  /** `chunks` when splitting beat the best uninterrupted window, else `single-window` (one chunk). */
  readonly method: 'chunks' | 'single-window';
  readonly chunks: readonly Window[];
  /** Time-weighted over all chunks. */
  readonly averageGCO2ePerKWh: number;
  readonly energyKWh?: number;
  readonly emissionsG?: number;
  /** The counterfactual: the whole job, uninterrupted, from `earliest`. */
  readonly runNow: Window;
  readonly saving: Saving;
  readonly filledPoints: number;
}

/**
 * Place an interruptible job in chunks (see `_greedy.ts` for the greedy and its limits). Chunks start
 * and end on data-step boundaries, except that the last piece placed may stop mid-step when the
 * duration is not a whole number of steps. The best uninterrupted window is computed too and
 * returned instead when splitting does not beat it, so a plan never interrupts a job for nothing.
 *
 * @example
 * const plan = planChunks({
 *   series, semantics: 'step', durationMinutes: 180, minChunkMinutes: 60, power: 5,
 *   earliest: '2024-06-01T18:00:00Z', deadline: '2024-06-02T08:00:00Z',
 * });
 * plan.chunks;            // [{ start, end, averageGCO2ePerKWh, … }, …]
 * plan.saving.percent;    // against plan.runNow
 */
export function planChunks(req: ChunkPlanRequest): ChunkPlan {
  requirePositive(req.minChunkMinutes, 'minChunkMinutes');
  const f = frame(req);
  const table = f.series.integrals[req.semantics];
  const r = scan(f.series, req.semantics, f.earliestMs, f.tickMs, f.count, f.shape);
  const runNow = windowOf(r, 0, f.shape);
  const single = windowOf(r, optimaIndices(objective(r, f.shape))[0] ?? 0, f.shape);

  const boundaries = [f.earliestMs];
  for (const s of f.series.startsMs) if (s > f.earliestMs && s < f.deadlineMs) boundaries.push(s);
  boundaries.push(f.deadlineMs);
  const minMs = Math.min(minutesToMs(req.minChunkMinutes), f.durationMs);
  const spans = greedyChunks(table, boundaries, f.durationMs, minMs);
  const integrals = spans.map((c) => integralBetween(table, c.s, c.e));
  const total = integrals.reduce((x, y) => x + y, 0);
  const kW = req.power;
  const rated = (s: number, e: number, integral: number): Window => {
    const minutes = (e - s) / MS_PER_MINUTE;
    const w = { start: isoUtc(s), end: isoUtc(e), averageGCO2ePerKWh: integral / minutes };
    return kW === undefined ? w : { ...w, energyKWh: (kW * minutes) / 60, emissionsG: (kW * integral) / 60 };
  };
  // The whole job's figures, chunks taken together (its start/end are not used).
  const chunked = rated(f.earliestMs, f.earliestMs + f.durationMs, total);
  // Prefer one uninterrupted run unless splitting is strictly cleaner (beyond float noise).
  const useSingle = single.averageGCO2ePerKWh <= chunked.averageGCO2ePerKWh * (1 + 1e-9);
  const chosen = useSingle ? single : chunked;
  return {
    zone: f.series.zone,
    semantics: req.semantics,
    method: useSingle ? 'single-window' : 'chunks',
    chunks: useSingle ? [single] : spans.map((c, i) => rated(c.s, c.e, integrals[i] ?? 0)),
    averageGCO2ePerKWh: chosen.averageGCO2ePerKWh,
    ...(chosen.energyKWh === undefined ? {} : { energyKWh: chosen.energyKWh, emissionsG: chosen.emissionsG }),
    runNow,
    saving: saving(runNow, chosen),
    filledPoints: filledWithin(f.series, f.earliestMs, f.deadlineMs),
  };
}
