/**
 * Grid carbon-intensity signals: one normalised shape for every provider (static factors, files,
 * Electricity Maps, WattTime, the UK Carbon Intensity API), so that planning, tracking and reports
 * never branch on where a series came from.
 */

/** `actual`: measured or reported after the fact. `forecast`: published before the interval. */
export type IntensityKind = 'actual' | 'forecast';
/** `average`: mean emissions of the generation mix. `marginal`: emissions of the marginal generator (WattTime MOER). */
export type IntensitySignal = 'average' | 'marginal';

export interface IntensityPoint {
  /** Interval start, ISO 8601 UTC with a `Z` (e.g. `2024-03-31T01:00:00Z`). */
  readonly start: string;
  /** Interval length in minutes (60 for hourly data, 30 for the UK API, 5 for WattTime). */
  readonly durationMinutes: number;
  /** gCO2e per kWh over the interval. */
  readonly gCO2ePerKWh: number;
  readonly kind: IntensityKind;
  readonly signal: IntensitySignal;
  /** True when the provider says the value is estimated (Electricity Maps `isEstimated`) or greenops filled it in. */
  readonly estimated: boolean;
}

/** Why a series is not what was asked for: the live provider failed and a cache or static factor stood in. */
export interface IntensityFallback {
  /** The provider that was asked and failed. */
  readonly requested: string;
  /** What stood in: `cache` or `static`. */
  readonly used: 'cache' | 'static';
  /** The failure, in words (error code and message of the provider's error). */
  readonly reason: string;
}

export interface IntensitySeries {
  /** Grid zone id (Electricity Maps style: `SE-SE3`, `DE`, `US-CAL-CISO`, `GB`). */
  readonly zone: string;
  /** Points sorted by start, not overlapping. */
  readonly points: readonly IntensityPoint[];
  /** Provider id (`static`, `file`, `electricitymaps`, `watttime`, `uk-grid`). */
  readonly provider: string;
  /** When the provider was asked (ISO 8601 UTC); for files and static factors, when they were read. */
  readonly fetchedAt: string;
  /** Present when a fallback stood in for the requested provider. */
  readonly fallback?: IntensityFallback;
  /** Where the numbers come from, in words (dataset, API endpoint, factor id and year). */
  readonly source?: string;
}

export interface IntensityQuery {
  readonly zone: string;
  /** Inclusive start of the period wanted. */
  readonly from: Date;
  /** Exclusive end of the period wanted. */
  readonly to: Date;
}

/** One grid-signal source. Implementations live in one folder each under `src/intensity/`. */
export interface IntensityProvider {
  readonly id: string;
  /** The series for `query.zone` covering as much of [from, to) as the provider has. */
  series(query: IntensityQuery, options?: { signal?: AbortSignal }): Promise<IntensitySeries>;
}
