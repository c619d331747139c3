import { GreenopsError } from '../../core/errors.js';
import type { RunSummary } from '../../track/summary.js';
import type { Db } from './connection.js';

/** One sampling interval of a stored run: the job's energy per component, joules. */
export interface RunSampleRow {
  readonly t0: number;
  readonly t1: number;
  readonly cpuJ: number;
  readonly dramJ: number;
  readonly gpuJ: number;
  readonly idleJ: number;
  readonly cpuShare: number | null;
  readonly rssBytes: number | null;
}

export interface StoredRun {
  readonly source: string;
  readonly summary: RunSummary;
  readonly journal: string | null;
}

const tsParam = (iso: string): string => iso.replace('Z', '').replace('T', ' ');

/**
 * Store a run and its samples, replacing any earlier version of the same run (a run recovered as
 * incomplete and later completed, or a CodeCarbon file imported twice, is stored once).
 */
export async function saveRun(db: Db, run: StoredRun & { readonly methodologyVersion: string }, samples: readonly RunSampleRow[] = []): Promise<void> {
  const s = run.summary;
  await db.transaction(async () => {
    await db.run('DELETE FROM run_samples WHERE run_id = $1', [s.runId]);
    await db.run('DELETE FROM runs WHERE run_id = $1', [s.runId]);
    await db.run(
      `INSERT INTO runs VALUES ($id, $source, $name, $project, $tags::JSON, $command, $host, $started::TIMESTAMP, $ended::TIMESTAMP, $duration,
         $exit, $complete, $zone, $region, $pue, $cpu, $dram, $gpu, $energy, $low, $high, $idle, $intensity, $isource,
         $g, $glow, $ghigh, $embodied, $mversion, $summary::JSON, $journal, now())`,
      {
        id: s.runId, source: run.source, name: s.name, project: s.project, tags: JSON.stringify(s.tags), command: s.command.join(' '), host: s.host,
        started: tsParam(s.startedAt), ended: tsParam(s.endedAt), duration: s.durationSeconds, exit: s.exitCode, complete: s.complete,
        zone: s.zone, region: s.region, pue: s.pue, cpu: s.energy.cpu, dram: s.energy.dram, gpu: s.energy.gpu, energy: s.energy.itKWh,
        low: s.energy.lowKWh, high: s.energy.highKWh, idle: s.energy.idleKWh, intensity: s.intensity.meanGCO2ePerKWh, isource: s.intensity.source,
        g: s.emissions.operationalG, glow: s.emissions.lowG, ghigh: s.emissions.highG, embodied: s.emissions.embodiedG,
        mversion: run.methodologyVersion, summary: JSON.stringify(s), journal: run.journal,
      },
    );
    if (samples.length === 0) return;
    await db.run(
      `INSERT INTO run_samples
       SELECT $id, make_timestamp(CAST(x.t0 * 1000 AS BIGINT)), make_timestamp(CAST(x.t1 * 1000 AS BIGINT)), x.c, x.d, x.g, x.i, x.s, x.r
         FROM (SELECT unnest(from_json($rows::JSON, '[{"t0":"DOUBLE","t1":"DOUBLE","c":"DOUBLE","d":"DOUBLE","g":"DOUBLE","i":"DOUBLE","s":"DOUBLE","r":"DOUBLE"}]')) AS x)`,
      { id: s.runId, rows: JSON.stringify(samples.map((r) => ({ t0: r.t0, t1: r.t1, c: r.cpuJ, d: r.dramJ, g: r.gpuJ, i: r.idleJ, s: r.cpuShare, r: r.rssBytes }))) },
    );
  });
}

/** Runs, newest first. */
export async function listRuns(db: Db, options: { project?: string; limit?: number } = {}): Promise<StoredRun[]> {
  const rows = await db.all<{ source: string; summary: string; journal: string | null }>(
    `SELECT source, CAST(summary AS VARCHAR) AS summary, journal FROM runs
      WHERE $project::VARCHAR IS NULL OR project = $project ORDER BY started_at DESC, run_id LIMIT $limit`,
    // LIMIT NULL is no limit
    { project: options.project ?? null, limit: options.limit ?? null },
  );
  return rows.map((r) => ({ source: r.source, summary: JSON.parse(r.summary) as RunSummary, journal: r.journal }));
}

/** How many runs are stored (of one project, or in all). */
export async function countRuns(db: Db, options: { project?: string } = {}): Promise<number> {
  const rows = await db.all<{ n: number }>('SELECT count(*)::BIGINT AS n FROM runs WHERE $project::VARCHAR IS NULL OR project = $project', { project: options.project ?? null });
  return rows[0]?.n ?? 0;
}

/** One run by id or unique id prefix, with its samples. */
export async function getRun(db: Db, idOrPrefix: string): Promise<(StoredRun & { readonly samples: RunSampleRow[] }) | undefined> {
  const hits = await db.all<{ run_id: string; source: string; summary: string; journal: string | null }>(
    "SELECT run_id, source, CAST(summary AS VARCHAR) AS summary, journal FROM runs WHERE run_id = $id OR starts_with(run_id, $id) ORDER BY run_id LIMIT 3",
    { id: idOrPrefix },
  );
  const exact = hits.find((h) => h.run_id === idOrPrefix);
  if (!exact && hits.length > 1) throw new GreenopsError('E_USAGE', `run id prefix ${JSON.stringify(idOrPrefix)} matches several runs (${hits.map((h) => h.run_id).join(', ')}…); give more of it`);
  const hit = exact ?? hits[0];
  if (!hit) return undefined;
  const samples = await db.all<{ t0: number; t1: number; cpu_j: number; dram_j: number; gpu_j: number; idle_j: number; cpu_share: number | null; rss_bytes: number | null }>(
    'SELECT epoch_ms(t0) AS t0, epoch_ms(t1) AS t1, cpu_j, dram_j, gpu_j, idle_j, cpu_share, rss_bytes FROM run_samples WHERE run_id = $1 ORDER BY t0',
    [hit.run_id],
  );
  return {
    source: hit.source,
    summary: JSON.parse(hit.summary) as RunSummary,
    journal: hit.journal,
    samples: samples.map((r) => ({ t0: r.t0, t1: r.t1, cpuJ: r.cpu_j, dramJ: r.dram_j, gpuJ: r.gpu_j, idleJ: r.idle_j, cpuShare: r.cpu_share, rssBytes: r.rss_bytes })),
  };
}

/** Ids of stored runs among `ids`, with whether each is complete. */
export async function storedRuns(db: Db, ids: readonly string[]): Promise<Map<string, boolean>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ run_id: string; complete: boolean }>('SELECT run_id, complete FROM runs WHERE list_contains($1::VARCHAR[], run_id)', [JSON.stringify(ids)]);
  return new Map(rows.map((r) => [r.run_id, r.complete]));
}
