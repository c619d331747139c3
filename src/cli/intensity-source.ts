/**
 * Flags and config to intensity series: `--intensity-file` reads local files; otherwise the configured
 * provider (default `static`, offline) is asked through the fallback chain (live → the store's cache →
 * static annual factor). Every result names its provider, its source and any fallback.
 */
import { basename } from 'node:path';
import { GreenopsError, isGreenopsError } from '../core/errors.js';
import { resolveZone, zoneForRegion, zoneId } from '../factors/zones.js';
import {
  createProvider, factorForZone, fileProvider, resolveSeries, staticProvider,
  type IntensityCache, type IntensityFallback, type IntensitySeries,
} from '../intensity/index.js';
import { isLocalProvider } from '../intensity/local.js';
import type { Config } from './config.js';
import { fileZones, pickFile } from './intensity-files.js';

export interface SeriesRequest {
  /** Zone ids or cloud regions as typed; empty with files: the files' only zone. */
  readonly zones: readonly string[];
  readonly files?: readonly string[];
  /** `--provider`; default the configured one, else `static`. */
  readonly provider?: string;
  /** Period wanted; with files and no period, each file's whole period. */
  readonly from?: Date;
  readonly to?: Date;
}

export interface SourcedSeries {
  /** What the user typed (a region or a zone), or the file's zone. */
  readonly input: string;
  readonly series: IntensitySeries;
  readonly provider: string;
  readonly source: string;
  readonly fallback?: IntensityFallback;
}

export interface SourceDeps {
  /** The durable cache of live points (default: the store's, opened only for live providers). */
  readonly openCache?: () => Promise<{ readonly cache: IntensityCache; close(): void }>;
  /** Where warnings go (a fallback, a cache that could not be written). */
  readonly warn: (line: string) => void;
  readonly now?: () => Date;
}

/** The offline default, also the last fallback: a typo is caught before it, with close matches. */
const FALLBACK = 'static';

/**
 * Series for each requested zone over [from, to).
 *
 * @example
 * const [de] = await loadSeries({ zones: ['DE'], from, to }, config, { warn: ctx.err });
 * de.fallback; // set when the live provider failed and the cache or static factor stood in
 */
export async function loadSeries(req: SeriesRequest, config: Config, deps: SourceDeps): Promise<SourcedSeries[]> {
  if (req.files !== undefined && req.files.length > 0) return fromFiles(req, req.files, deps);
  const id = req.provider ?? config.intensity?.provider ?? 'static';
  const configured = config.intensity?.provider === id ? config.intensity.options : {};
  const options = { ...configured, ...config.intensity?.credentials[id] };
  const runtime = deps.now === undefined ? {} : { now: deps.now };
  const primary = createProvider(id, options, runtime);
  const from = req.from ?? required('--from');
  const to = req.to ?? required('--to');
  // Providers get the input as typed: a region keeps its own static factor, and WattTime its own region codes.
  const zones = req.zones.map((z) => ({ input: z, zone: z.trim() }));
  if (id === FALLBACK) for (const z of zones) checkZone(z.input);
  // Local providers: caching their points would only copy them, so no store is opened.
  if (isLocalProvider(id)) return Promise.all(zones.map(async (z) => sourced(z.input, await primary.series({ zone: z.zone, from, to }))));
  const opened = await openCache(config, deps);
  try {
    const out: SourcedSeries[] = [];
    for (const z of zones) {
      const series = await resolveSeries({ zone: z.zone, from, to }, {
        primary, fallback: staticProvider(runtime), ...(opened === undefined ? {} : { cache: opened.cache }),
        onCacheError: (e) => deps.warn(`warning: could not keep ${id} points in the store's cache: ${message(e)}`),
      });
      const s = sourced(z.input, series);
      if (s.fallback !== undefined) deps.warn(fallbackLine(s));
      out.push(s);
    }
    return out;
  } finally {
    opened?.close();
  }
}

/**
 * The line a command prints (to stderr) when a fallback stood in.
 *
 * @example fallbackLine(s) // 'warning: electricitymaps failed for DE (E_PROVIDER: …); using the static annual factor …'
 */
export function fallbackLine(s: SourcedSeries): string {
  const f = s.fallback;
  if (f === undefined) return '';
  const used = f.used === 'cache' ? `points of ${f.requested} cached earlier` : 'the static annual factor';
  return `warning: ${f.requested} failed for ${s.series.zone} (${f.reason}); using ${used}: ${s.source}`;
}

async function fromFiles(req: SeriesRequest, files: readonly string[], deps: SourceDeps): Promise<SourcedSeries[]> {
  const single = req.zones.length === 1 ? req.zones[0] : undefined;
  const held = await fileZones(files, single);
  const wanted = req.zones.length === 0 ? [undefined] : req.zones;
  return Promise.all(wanted.map(async (input) => {
    const hit = pickFile(held, input);
    const provider = fileProvider({ path: hit.path, zone: hit.zone, ...(deps.now === undefined ? {} : { now: deps.now }) });
    const from = req.from ?? new Date(hit.fromMs);
    const to = req.to ?? new Date(hit.toMs);
    const series = await provider.series({ zone: hit.zone, from, to });
    if (series.points.length === 0) {
      const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
      throw new GreenopsError('E_SERIES_GAP', `${basename(hit.path)} covers ${hit.zone} from ${iso(hit.fromMs)} to ${iso(hit.toMs)}, nothing of ${iso(from.getTime())} to ${iso(to.getTime())}; choose a period inside the file's`, {
        data: { zone: hit.zone, kind: 'coverage', file: hit.path, coveredFrom: iso(hit.fromMs), coveredTo: iso(hit.toMs) },
      });
    }
    return sourced(input ?? hit.zone, series);
  }));
}

/**
 * `E_ZONE_UNKNOWN` with close matches unless the input is a zone, a region, or something the static
 * factor can stand for (a sub-zone such as `GB-13` takes its country's factor).
 */
function checkZone(input: string): void {
  if ((zoneId(input) ?? zoneForRegion(input)) !== undefined) return;
  try {
    factorForZone(input);
  } catch (e) {
    if (!isGreenopsError(e) || e.code !== 'E_ZONE_UNKNOWN') throw e;
    resolveZone(input);
  }
}

async function openCache(config: Config, deps: SourceDeps): Promise<{ cache: IntensityCache; close(): void } | undefined> {
  try {
    if (deps.openCache !== undefined) return await deps.openCache();
    // Loaded on first use (DuckDB's native library is large): static and file plans need no store.
    const { openDuckStore } = await import('../store/duckdb/index.js');
    const store = await openDuckStore(config.db, { memoryLimit: config.memoryLimit, threads: config.threads });
    return { cache: store.intensityCache, close: () => store.close() };
  } catch (e) {
    // The cache only bridges outages: a busy or unwritable store must not stop a plan.
    deps.warn(`warning: the store's intensity cache is not available (${message(e)}); going on without it`);
    return undefined;
  }
}

function sourced(input: string, series: IntensitySeries): SourcedSeries {
  const source = series.source ?? series.provider;
  return { input, series, provider: series.provider, source, ...(series.fallback === undefined ? {} : { fallback: series.fallback }) };
}

function required(flag: string): never {
  throw new GreenopsError('E_USAGE', `${flag} is needed for a live intensity provider`, { data: { column: flag } });
}

function message(e: unknown): string {
  return isGreenopsError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
}
