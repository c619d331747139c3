/**
 * Grid carbon-intensity signals: providers, the fallback chain and the cache interface.
 */
export type {
  IntensityFallback, IntensityKind, IntensityPoint, IntensityProvider, IntensityQuery, IntensitySeries, IntensitySignal,
} from './types.js';
export type { IntensityCache } from './cache.js';
export { createMemoryCache, type MemoryCache } from './memory-cache.js';
export { resolveSeries, type ResolveOptions } from './resolve.js';
export { createProvider, providerFactories, type ProviderFactory, type ProviderRuntime } from './registry.js';
export { coverageGaps, requireCoverage, type Gap } from './series.js';
export type { HttpOptions, Sleep } from './http.js';
export { staticProvider, factorForZone, type StaticOptions, type StaticFactor } from './static/index.js';
export { fileProvider, readGridFile, type FileOptions, type FileRow, type ParsedFile } from './file/index.js';
export { parseCsv, type CsvRecord } from './file/csv.js';
export { electricityMaps, type ElectricityMapsOptions, type ElectricityMapsProvider } from './electricitymaps/index.js';
export { wattTime, GRAMS_PER_POUND, type WattTimeOptions } from './watttime/index.js';
export { ukGrid, ukLocation, type UkGridOptions } from './uk-grid/index.js';
