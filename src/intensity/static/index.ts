/**
 * The offline default and last fallback: a zone's (or region's) annual grid factor from
 * `factors/grid.ts`, as a flat hourly series over the period asked.
 *
 * Kind: the factor was published before any interval it now stands in for, so points that start at
 * or after the moment of the query are `forecast`, and earlier ones `actual` (reported after the
 * fact), as `types.ts` defines them. Every point is `estimated: true`: greenops fills it in.
 *
 * Basis: Google's 2024 figures are operational (direct) intensities, while the Electricity Maps API
 * defaults to lifecycle; a fallback between the two changes the basis, and `source` names the factor.
 */
import { GreenopsError, quote } from '../../core/errors.js';
import { gridFactors, lookupGrid } from '../../factors/grid.js';
import type { GridFactor } from '../../factors/types.js';
import { closeZones, nearestZoneDistance, regionOf, regionZones, resolveZone, zoneId } from '../../factors/zones.js';
import { checkQuery, throwIfAborted } from '../series.js';
import { ceilTo, floorTo, HOUR_MS, isoZ } from '../time.js';
import type { IntensityPoint, IntensityProvider, IntensitySeries } from '../types.js';

export interface StaticOptions {
  /** The moment that splits `actual` from `forecast` points (default: now). */
  readonly now?: () => Date;
}

/** Preference among factors describing the same zone: the local grid, recent, then older tables. */
const SOURCE_RANK: Readonly<Record<string, number>> = { 'google-region-carbon-2024': 0, 'ember-2024': 1 };
const rank = (f: GridFactor): number => SOURCE_RANK[f.source] ?? 2;

export interface StaticFactor {
  /** The zone the series is labelled with. */
  readonly zone: string;
  readonly factor: GridFactor;
  /** How the factor was chosen, for `source`. */
  readonly via: string;
}

const zonesWithFactor = new Set([...gridFactors.map((f) => f.zone), ...regionZones.map((e) => e.zone)]);

/**
 * The annual factor standing for an input: a region's own factor; else a factor describing exactly
 * that zone (Google's local-grid figures first, then Ember's country averages, then CCF's); else the
 * factor of a cloud region in that zone; else the country's. A sub-zone we know nothing of
 * (`GB-13`, the UK API's regions) takes its country's figure, and `via` says so.
 *
 * @example factorForZone('aws:eu-north-1').factor.id // 'grid:aws:eu-north-1'
 * @example factorForZone('US-NW-BPAT').factor.id // 'grid:gcp:us-west1'
 */
export function factorForZone(input: string): StaticFactor {
  const region = regionOf(input);
  const own = region === undefined ? undefined : lookupGrid(region.provider, region.region);
  if (region !== undefined && own !== undefined) return { zone: region.zone, factor: own, via: `region ${region.provider}:${region.region}` };
  const known = zoneId(input);
  // `GB-13` (a UK API region) takes GB's figure; `SE-SE9`, one letter from a real zone, is a typo.
  const country = nearestZoneDistance(input) > 1 ? /^([A-Z]{2})-./i.exec(input.trim())?.[1] : undefined;
  const zone = known ?? (country === undefined ? undefined : zoneId(country)) ?? resolveZone(input);
  const label = known ?? input.trim().toUpperCase();
  const prefix = known === undefined ? `country ${zone}` : 'zone';
  const exact = best(gridFactors.filter((f) => f.zone === zone));
  if (exact !== undefined) return { zone: label, factor: exact, via: prefix };
  const inZone = regionZones.filter((e) => e.zone === zone).map((e) => lookupGrid(e.provider, e.region))[0];
  if (inZone !== undefined) return { zone: label, factor: inZone, via: `region ${inZone.provider}:${inZone.region} in ${zone}` };
  const national = best(gridFactors.filter((f) => f.zone === zone.split('-')[0]));
  if (national !== undefined) return { zone: label, factor: national, via: `country ${national.zone}` };
  const near = closeZones(input, 50).filter((c) => c.includes(':') || zonesWithFactor.has(c)).slice(0, 5);
  throw new GreenopsError('E_ZONE_UNKNOWN', `no annual grid factor for zone ${quote(input)}; zones with one nearby: ${near.join(', ') || '(none)'}`, {
    data: { found: input, expected: 'a zone or cloud region with a factor in factors/grid.ts', matches: near },
  });
}

function best(factors: readonly GridFactor[]): GridFactor | undefined {
  return [...factors].sort((x, y) => rank(x) - rank(y))[0];
}

/**
 * @example
 * const s = await staticProvider().series({ zone: 'aws:eu-north-1', from, to });
 * s.source // 'annual factor grid:aws:eu-north-1 (ccf-grid-2021-eea, 2021) …'
 */
export function staticProvider(options: StaticOptions = {}): IntensityProvider {
  const now = options.now ?? (() => new Date());
  return {
    id: 'static',
    async series(query, opts) {
      throwIfAborted(opts?.signal, 'static');
      const { from, to } = checkQuery(query);
      const { zone, factor, via } = factorForZone(query.zone);
      const made = now().getTime();
      const points: IntensityPoint[] = [];
      for (let s = floorTo(from, 60); s < ceilTo(to, 60); s += HOUR_MS) {
        points.push({
          start: isoZ(s),
          durationMinutes: 60,
          gCO2ePerKWh: factor.gCO2ePerKWh,
          kind: s < made ? 'actual' : 'forecast',
          signal: 'average',
          estimated: true,
        });
      }
      const series: IntensitySeries = {
        zone,
        points,
        provider: 'static',
        fetchedAt: isoZ(made),
        source: `annual factor ${factor.id} (${factor.source}, ${factor.year}): ${factor.gCO2ePerKWh} gCO2e/kWh, via ${via}; flat hourly`,
      };
      return series;
    },
  };
}
