/**
 * greenops as a library: the embedded store (ingest billing exports, estimate, query footprints),
 * the methodology profiles and factor tables, grid-intensity providers, carbon-aware window search,
 * and job tracking. Explicit export list: nothing else is public.
 */
export { GreenopsError, isGreenopsError, type ErrorCode, type ErrorData } from './core/errors.js';
export { VERSION } from './version.js';

// Billing footprints
export { openDuckStore, type DuckStore, type CoverageRow } from './store/duckdb/index.js';
export type { IngestOptions, IngestOutcome } from './store/duckdb/ingest.js';
export type { FileAccounting, RejectedRow } from './store/types.js';
export { billingSources, billingSource } from './sources/index.js';
export type { BillingSource } from './sources/types.js';
export { profile, profiles } from './core/profiles.js';
export { defaultProfile, METHODOLOGY_VERSION, type MethodologyProfile } from './core/methodology.js';
export { defaultAttribution, attributionSchema, type Attribution } from './analysis/attribution.js';
export { DIMENSIONS, parseDimensions, type Dimension, type FootprintQuery } from './analysis/footprint-query.js';

// Factors
export { FACTORS_VERSION, factorTables, sources as factorSources, lookupGrid, lookupPue, lookupCpuArch, lookupGpu, lookupInstance, lookupEmbodied } from './factors/index.js';
export { resolveZone, zoneForRegion, knownZones } from './factors/zones.js';

// Grid signals
export {
  createProvider, providerFactories, resolveSeries, createMemoryCache, staticProvider, fileProvider, electricityMaps, wattTime, ukGrid,
  type IntensityCache, type IntensityPoint, type IntensityProvider, type IntensityQuery, type IntensitySeries,
} from './intensity/index.js';

// Carbon-aware scheduling
export {
  averageOver, bestWindows, intensityAt, planAcrossRegions, planChunks, prepareSeries, regularSeries, rollingAverages,
  type BestWindowsRequest, type BestWindowsResult, type RegionPlan, type Semantics, type Window,
} from './schedule/index.js';

// Job tracking
export { startTracking, track, type TrackingHandle, type TrackingOptions } from './track/sdk.js';
export type { RunSummary } from './track/summary.js';
export type { Meter, Reading } from './meters/types.js';
