import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IntensityCache } from '../intensity/cache.js';
import { isLocalProvider } from '../intensity/local.js';
import { machineEmbodied, seriesRunIntensity, staticRunIntensity } from '../track/intensity.js';
import type { RecordContext } from '../track/record.js';
import type { Config } from './config.js';

/** Where `greenops track` journals runs: `runs/` beside the store. */
export function journalDirOf(config: Config): string {
  return join(config.db === ':memory:' ? '.greenops' : dirname(config.db), 'runs');
}

export function hasJournals(config: Config): boolean {
  return existsSync(journalDirOf(config));
}

const HOUR = 3_600_000;

/**
 * How stored runs get their intensity and embodied share: with a live provider configured, the
 * zone's series for the hours the run covered (through the store's cache, falling back to it and then
 * to the annual factor); otherwise, or without a zone, the annual factor.
 */
export function recordContextFor(config: Config, o: { cache?: IntensityCache; warn?: (line: string) => void } = {}): RecordContext {
  const provider = config.intensity?.provider;
  return {
    async intensity(h, fromMs, toMs) {
      if (!provider || isLocalProvider(provider) || h.zone === null) return staticRunIntensity(h.zone);
      const cache = o.cache;
      try {
        // Loaded only when a live provider is configured (providers validate their JSON with zod).
        const { loadSeries } = await import('./intensity-source.js');
        const [s] = await loadSeries(
          { zones: [h.zone], from: new Date(Math.floor(fromMs / HOUR) * HOUR), to: new Date(Math.ceil(toMs / HOUR) * HOUR) },
          config,
          { warn: o.warn ?? (() => undefined), ...(cache ? { openCache: async () => ({ cache, close: () => undefined }) } : {}) },
        );
        if (!s) return staticRunIntensity(h.zone, `${provider} returned nothing`);
        // A marginal signal (WattTime's MOER) prices a change at the margin; a run's own emissions are
        // accounted with the average mix, as every other figure here.
        if (s.series.points.some((p) => p.signal === 'marginal')) return staticRunIntensity(h.zone, `${provider} gives a marginal signal, not used to account a run's emissions`);
        return seriesRunIntensity(s.series, h.zone);
      } catch (e) {
        return staticRunIntensity(h.zone, `${provider} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    embodied: (h) => machineEmbodied(h),
  };
}
