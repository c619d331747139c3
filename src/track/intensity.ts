/**
 * The grid intensity and embodied share applied to a tracked run: the zone's hourly series for the
 * hours the job ran when a provider is configured, else the zone's annual factor; with no zone at all,
 * the world average, flagged.
 */
import { combineBands } from '../core/uncertainty.js';
import { DEFAULT_LIFETIME_HOURS, defaultServerLifetime, genericHostEmbodiedKg } from '../factors/embodied.js';
import { providerDefaultGrid } from '../factors/grid.js';
import type { Band } from '../factors/types.js';
import { factorForZone } from '../intensity/static/index.js';
import type { IntensitySeries } from '../intensity/types.js';
import type { RunEmbodied, RunIntensity } from './summary.js';
import type { RunHeader } from './types.js';

/** Hourly provider data for past hours: the providers' own estimates disagree by about this much. */
const HOURLY_BAND: Band = { low: 0.9, high: 1.1 };

/**
 * @example staticRunIntensity('DE').at(t0, t1) // Germany's annual gCO2e/kWh
 */
export function staticRunIntensity(zone: string | null, fallback?: string): RunIntensity {
  const f = zone === null ? { factor: providerDefaultGrid('other'), via: 'world average' } : factorForZone(zone);
  const g = f.factor.gCO2ePerKWh;
  const noZone = zone === null ? 'no --zone or --region given: world average' : undefined;
  const why = [noZone, fallback].filter((x): x is string => x !== undefined).join('; ');
  return {
    at: () => g,
    provider: 'static',
    source: `annual factor ${f.factor.id} (${f.factor.source}, ${f.factor.year}) via ${f.via}`,
    band: f.factor.band,
    ...(why ? { fallback: why } : {}),
  };
}

/**
 * Hour-by-hour intensity from a provider's series; intervals the series does not cover take the
 * zone's annual factor (and the result says so).
 */
export async function seriesRunIntensity(series: IntensitySeries, zone: string): Promise<RunIntensity> {
  // Loaded only for hourly data: the tracker itself never needs the window-search code.
  const [{ averageOver }, { prepareSeries }] = await Promise.all([import('../schedule/average.js'), import('../schedule/series.js')]);
  const annual = staticRunIntensity(zone);
  const prepared = prepareSeries(series, { onGap: 'interpolate' });
  let uncovered = 0;
  const fallback = [series.fallback ? `${series.fallback.requested} failed (${series.fallback.reason}); used ${series.fallback.used}` : undefined, prepared.filledPoints ? `${prepared.filledPoints} gap(s) in the series interpolated` : undefined]
    .filter((x): x is string => x !== undefined).join('; ');
  return {
    at(t0, t1) {
      const from = Math.max(t0, prepared.fromMs);
      const to = Math.min(t1, prepared.toMs);
      if (to <= from) {
        uncovered += 1;
        return annual.at(t0, t1);
      }
      return averageOver(prepared, new Date(from), new Date(to), 'step').averageGCO2ePerKWh;
    },
    provider: series.provider,
    get source() {
      return `${series.source ?? series.provider}${uncovered ? `; ${uncovered} interval(s) outside it used ${annual.source}` : ''}`;
    },
    band: series.provider === 'static' ? annual.band : HOURLY_BAND,
    ...(fallback ? { fallback } : {}),
  };
}

/**
 * The machine's embodied emissions by the Impact Framework generic server model (factors/embodied.ts):
 * host from its logical CPUs and memory, plus each GPU; amortised over a 4-year life.
 */
export function machineEmbodied(h: RunHeader): RunEmbodied {
  const memoryGB = (h.machine.memoryBytes ?? 16e9) / 1e9;
  const host = { vcpus: Math.max(1, h.machine.cpus), memoryGB, gpus: 0, ssd: 1, hdd: 0 };
  const hostKg = genericHostEmbodiedKg(host);
  const gpuKg = genericHostEmbodiedKg({ ...host, gpus: 1 }) - hostKg;
  return {
    hostKg, gpuKg, lifetimeHours: DEFAULT_LIFETIME_HOURS,
    band: combineBands([{ low: 0.5, high: 2 }, defaultServerLifetime.band]),
    source: `generic server model (Impact Framework): ${hostKg.toFixed(0)} kg host, ${gpuKg.toFixed(0)} kg per GPU, ${DEFAULT_LIFETIME_HOURS} h life`,
  };
}
