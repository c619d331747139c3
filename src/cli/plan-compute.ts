/** A parsed plan request to a schedule result: fetch the series, pick the planner, explain gaps. */
import { GreenopsError, isGreenopsError } from '../core/errors.js';
import {
  bestWindows, planAcrossRegions, planChunks, prepareSeries,
  type BestWindowsResult, type ChunkPlan, type RegionCandidate, type RegionPlan,
} from '../schedule/index.js';
import type { Config } from './config.js';
import { loadSeries, type SourceDeps, type SourcedSeries } from './intensity-source.js';
import type { PlanInput } from './plan-flags.js';

export type PlanOutcome =
  | { readonly method: 'bestWindows'; readonly result: BestWindowsResult }
  | { readonly method: 'planAcrossRegions'; readonly result: RegionPlan }
  | { readonly method: 'planChunks'; readonly result: ChunkPlan };

export interface Planned {
  readonly outcome: PlanOutcome;
  readonly sources: readonly SourcedSeries[];
}

/**
 * Fetch and plan. Gaps are `E_SERIES_GAP` naming `--fill-gaps`; a series that does not cover the
 * period says what it covers.
 *
 * @example const { outcome } = await makePlan(parsePlanFlags(flags, Date.now(), 'up-to-minute'), config, { warn: ctx.err });
 */
export async function makePlan(input: PlanInput, config: Config, deps: SourceDeps): Promise<Planned> {
  const sources = await fetchSeries(input, config, deps);
  return { outcome: planOn(input, sources), sources };
}

/** The series a request needs, over [earliest, deadline). @example await fetchSeries(input, config, { warn }) */
export function fetchSeries(input: PlanInput, config: Config, deps: SourceDeps): Promise<SourcedSeries[]> {
  return loadSeries({
    zones: input.zones,
    ...(input.files === undefined ? {} : { files: input.files }),
    ...(input.provider === undefined ? {} : { provider: input.provider }),
    from: new Date(input.earliestMs),
    to: new Date(input.deadlineMs),
  }, config, deps);
}

/** {@link plan}, with series errors phrased for the command line. @example planOn(input, sources).method */
export function planOn(input: PlanInput, sources: readonly SourcedSeries[]): PlanOutcome {
  try {
    return plan(input, sources);
  } catch (e) {
    throw explain(e, input);
  }
}

/**
 * The planner for the request: regions → planAcrossRegions; interruptible → planChunks; else bestWindows.
 *
 * @example plan(input, sources).method // 'bestWindows'
 */
export function plan(input: PlanInput, sources: readonly SourcedSeries[]): PlanOutcome {
  const common = {
    durationMinutes: input.durationMinutes,
    earliest: new Date(input.earliestMs),
    deadline: new Date(input.deadlineMs),
    semantics: input.semantics,
    onGap: input.onGap,
  };
  const first = sources[0];
  if (input.regions) {
    const candidates = sources.map((s): RegionCandidate => {
      const price = input.dollarsPerHour.get(s.input);
      return { region: s.input, zone: s.series.zone, series: prepareSeries(s.series, { onGap: input.onGap }), ...(price === undefined ? {} : { dollarsPerHour: price }) };
    });
    return {
      method: 'planAcrossRegions',
      result: planAcrossRegions({
        ...common, candidates, power: input.powerKW ?? 1,
        ...(input.carbonPriceUsdPerTonne === undefined ? {} : { carbonPriceUsdPerTonne: input.carbonPriceUsdPerTonne }),
      }),
    };
  }
  if (first === undefined) throw new GreenopsError('E_USAGE', 'no zone to plan in', { data: { column: '--zone' } });
  const power = input.powerKW === undefined ? {} : { power: input.powerKW };
  if (input.minChunkMinutes !== undefined) {
    return { method: 'planChunks', result: planChunks({ ...common, ...power, series: first.series, minChunkMinutes: input.minChunkMinutes }) };
  }
  return { method: 'bestWindows', result: bestWindows({ ...common, ...power, series: first.series }) };
}

function explain(e: unknown, input: PlanInput): unknown {
  if (!isGreenopsError(e) || e.code !== 'E_SERIES_GAP') return e;
  if (e.data['kind'] === 'gap') {
    const zone = String(e.data['zone'] ?? '');
    return new GreenopsError('E_SERIES_GAP', `the series for ${zone} has a gap from ${String(e.data['gapStart'])} to ${String(e.data['gapEnd'])}; pass --fill-gaps to interpolate it (filled points are flagged as estimated)`, { data: e.data, cause: e });
  }
  if (e.data['kind'] === 'coverage' && input.files !== undefined) {
    return new GreenopsError('E_SERIES_GAP', `${e.message}; choose --earliest and --by inside the file's period`, { data: e.data, cause: e });
  }
  return e;
}
