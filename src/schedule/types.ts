/**
 * Plain-data shapes of the window search. Everything here is JSON-serialisable except the typed
 * arrays of {@link PreparedSeries}, which stay in memory, so that the Carbon Aware SDK endpoints
 * (`/emissions/bylocations/best`, `/emissions/forecasts/current`, `/emissions/average-carbon-intensity`)
 * can map onto these functions one to one.
 */
import type { IntensityPoint, IntensitySeries } from '../intensity/types.js';

/**
 * How a window's average is taken from a series.
 * - `step`: each point holds its value over its interval; time-weighted average (GSF Carbon Aware SDK).
 * - `linear`: a straight line between point starts, integrated by the trapezoid rule (CATS).
 */
export type Semantics = 'step' | 'linear';

/** What to do where one point's end is not the next point's start. */
export type GapPolicy = 'error' | 'interpolate';

/** An instant: ISO 8601 with `Z` or an offset, or a `Date`. Strings without a zone are refused (they would read as local time). */
export type Instant = string | Date;

/** One stretch of a power profile: `kW` drawn for `durationMinutes`. */
export interface PowerSegment {
  readonly durationMinutes: number;
  readonly kW: number;
}

/** Constant draw in kW, or a profile whose segment durations add up to the job's duration. */
export type PowerSpec = number | readonly PowerSegment[];

/**
 * Cumulative integral F(x) = ∫ intensity from the series start to x, held at knots: on [t_i, t_i+1]
 * the intensity is a_i + b_i·(x − t_i). Times are minutes from `originMs`, F in g·min/kWh.
 */
export interface IntegralTable {
  readonly originMs: number;
  /** Knot times; n + 1 knots for n points. */
  readonly t: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** F at each knot. */
  readonly c: Float64Array;
}

/** A series sorted, checked for gaps and overlaps, and held as numbers for fast integration. */
export interface PreparedSeries {
  readonly zone: string;
  /** The sorted points, gap fills included (flagged `estimated: true`). */
  readonly points: readonly IntensityPoint[];
  /** Epoch-ms interval starts, ascending; `endsMs[i] === startsMs[i + 1]`. */
  readonly startsMs: Float64Array;
  readonly endsMs: Float64Array;
  /** gCO2e/kWh of each point. */
  readonly values: Float64Array;
  /** 1 where greenops filled a gap. */
  readonly filled: Uint8Array;
  /** How many points were filled in gaps (0 with `onGap: 'error'`). */
  readonly filledPoints: number;
  /** Exact duplicate points (same start, length and value) that were merged into one. */
  readonly duplicatesMerged: number;
  /** The shortest point length, in minutes: the default candidate tick. */
  readonly stepMinutes: number;
  /** Covered period [fromMs, toMs). */
  readonly fromMs: number;
  readonly toMs: number;
  /** Cumulative integrals under each semantics, built once so that every later query is O(window). */
  readonly integrals: Readonly<Record<Semantics, IntegralTable>>;
}

/** A series as given by a provider, or one already prepared (prepare once, query many times). */
export type SeriesInput = IntensitySeries | PreparedSeries;

/** One placement of a job. */
export interface Window {
  /** ISO 8601 UTC, e.g. `2024-03-31T01:00:00Z`. */
  readonly start: string;
  readonly end: string;
  /** Time-weighted average intensity; with a power profile, energy-weighted (emissions ÷ energy). */
  readonly averageGCO2ePerKWh: number;
  /** Present when power was given. */
  readonly energyKWh?: number;
  readonly emissionsG?: number;
}

/** What a placement saves against running now (positive = better than now). */
export interface Saving {
  readonly gCO2ePerKWh: number;
  /** Share of the run-now average (or emissions, with power) avoided, in %. */
  readonly percent: number;
  /** Present when power was given. */
  readonly gCO2e?: number;
}

/** One region a job could run in, with its grid zone's series. */
export interface RegionCandidate {
  readonly region: string;
  readonly zone: string;
  readonly series: SeriesInput;
  /** Price of running the job there; needed (for every region) to trade cost against carbon. */
  readonly dollarsPerHour?: number;
}

/** One (region, start) placement, rated. */
export interface RegionOption extends Window {
  readonly region: string;
  readonly zone: string;
  readonly energyKWh: number;
  readonly emissionsG: number;
  readonly costUsd?: number;
  readonly carbonCostUsd?: number;
  /** What the ranking minimises, in `scoreUnit`. */
  readonly score: number;
}

/** `carbon`: minimise gCO2e. `cost-and-carbon`: minimise $ + carbon price × tCO2e. */
export type RegionObjective = 'carbon' | 'cost-and-carbon';
