import type { IntensityCache } from '../../intensity/cache.js';
import type { IntensityKind, IntensityPoint, IntensitySeries, IntensitySignal } from '../../intensity/types.js';
import type { Db } from './connection.js';

const ISO = "strftime(%s, '%Y-%m-%dT%H:%M:%SZ')";

/**
 * The store's durable `IntensityCache`: points of live providers in `intensity_points`, one row per
 * (provider, zone, start); a later fetch of the same interval replaces the stored point.
 */
export function duckIntensityCache(db: Db): IntensityCache {
  return {
    async get(zone, provider, from, to) {
      const rows = await db.all<{ start: string; duration_minutes: number; g_per_kwh: number; kind: string; signal: string; estimated: boolean; fetched_at: string; source: string | null }>(
        `SELECT ${ISO.replace('%s', 'start')} AS start, duration_minutes, g_per_kwh, kind, signal, estimated,
                ${ISO.replace('%s', 'fetched_at')} AS fetched_at, source
           FROM intensity_points
          WHERE provider = $provider AND zone = $zone
            AND start < $to::TIMESTAMP AND start + to_microseconds(CAST(duration_minutes * 60e6 AS BIGINT)) > $from::TIMESTAMP
          ORDER BY start`,
        { provider, zone, from: from.toISOString().replace('Z', ''), to: to.toISOString().replace('Z', '') },
      );
      if (rows.length === 0) return undefined;
      const points: IntensityPoint[] = rows.map((r) => ({
        start: r.start,
        durationMinutes: r.duration_minutes,
        gCO2ePerKWh: r.g_per_kwh,
        kind: r.kind as IntensityKind,
        signal: r.signal as IntensitySignal,
        estimated: r.estimated,
      }));
      const fetchedAt = rows.reduce((m, r) => (r.fetched_at < m ? r.fetched_at : m), rows[0]?.fetched_at ?? '');
      const source = rows.at(-1)?.source ?? undefined;
      return { zone, provider, points, fetchedAt, ...(source ? { source } : {}) };
    },
    async put(series: IntensitySeries) {
      if (series.points.length === 0) return;
      const rows = series.points.map((p) => ({ s: p.start, d: p.durationMinutes, g: p.gCO2ePerKWh, k: p.kind, sg: p.signal, e: p.estimated }));
      await db.run(
        `INSERT OR REPLACE INTO intensity_points
         SELECT $provider, $zone, CAST(CAST(x.s AS TIMESTAMPTZ) AS TIMESTAMP), x.d, x.g, x.k, x.sg, x.e, CAST(CAST($fetched AS TIMESTAMPTZ) AS TIMESTAMP), $source
           FROM (SELECT unnest(from_json($rows::JSON, '[{"s":"VARCHAR","d":"DOUBLE","g":"DOUBLE","k":"VARCHAR","sg":"VARCHAR","e":"BOOLEAN"}]')) AS x)`,
        { provider: series.provider, zone: series.zone, fetched: series.fetchedAt, source: series.source ?? null, rows: JSON.stringify(rows) },
      );
    },
  };
}
