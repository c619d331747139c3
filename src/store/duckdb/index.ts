import type { MethodologyProfile } from '../../core/methodology.js';
import { coverageSql, untaggedCountSql, untaggedSql } from '../../analysis/coverage-query.js';
import { footprintGroupsSql, footprintSql, type FootprintQuery } from '../../analysis/footprint-query.js';
import type { Attribution } from '../../analysis/attribution.js';
import type { FileAccounting, FileOutcome, RejectedRow } from '../types.js';
import { countRejects, fileAccounting, fileOutcomes, listRejects } from './accounting.js';
import { openDb, type DuckOptions, type Db, type Row } from './connection.js';
import { ensureEstimated, estimate } from './estimate.js';
import type { IntensityCache } from '../../intensity/cache.js';
import { duckIntensityCache } from './intensity-cache.js';
import { ingestFiles, ingestOne, type IngestOptions, type IngestOutcome } from './ingest.js';

export interface CoverageRow {
  readonly dimension: string;
  readonly currency: string | null;
  readonly cost_share: number | null;
  readonly co2e_share: number | null;
  readonly untagged_cost: number | null;
  readonly untagged_co2e_kg: number | null;
}

/** The embedded store: one DuckDB file holding usage, footprints and their lineage. */
export interface DuckStore {
  readonly db: Db;
  ingest(path: string, options: IngestOptions): Promise<IngestOutcome>;
  /** The parts of one export, in one batch and one transaction: every file is stored, or none. */
  ingestAll(paths: readonly string[], options: IngestOptions, onFile?: (outcome: IngestOutcome, index: number) => void): Promise<IngestOutcome[]>;
  estimate(profile: MethodologyProfile, fileIds?: readonly number[]): Promise<void>;
  ensureEstimated(profile: MethodologyProfile): Promise<void>;
  /** Footprint groups, largest emissions first; `q.limit` absent for all. */
  footprint(q: FootprintQuery, attribution: Attribution): Promise<Row[]>;
  /** How many groups `footprint` finds before its limit. */
  footprintGroups(q: FootprintQuery, attribution: Attribution): Promise<number>;
  /** Tag coverage, and the largest untagged spenders (`limit` absent for all). */
  coverage(methodology: string, attribution: Attribution, limit?: number): Promise<{ dimensions: CoverageRow[]; untagged: Row[] }>;
  /** How many untagged spenders `coverage` finds before its limit. */
  untaggedSpenders(methodology: string, attribution: Attribution): Promise<number>;
  files(): Promise<FileAccounting[]>;
  /** What an estimated methodology made of each file's rows (all files, or these). */
  outcomes(methodology: string, fileIds?: readonly number[]): Promise<FileOutcome[]>;
  /** Rejected rows in file and row order; `limit` absent for all. */
  rejects(options?: { fileId?: number; limit?: number }): Promise<RejectedRow[]>;
  rejectCount(options?: { fileId?: number }): Promise<number>;
  /** Fetched grid-intensity points, kept to bridge provider outages. */
  readonly intensityCache: IntensityCache;
  close(): void;
}

export async function openDuckStore(path: string, options: DuckOptions = {}): Promise<DuckStore> {
  const db = await openDb(path, options);
  return {
    db,
    ingest: (file, opts) => ingestOne(db, file, opts),
    ingestAll: (files, opts, onFile) => ingestFiles(db, files, opts, onFile),
    estimate: (profile, fileIds) => estimate(db, profile, fileIds ? { fileIds } : 'all'),
    ensureEstimated: (profile) => ensureEstimated(db, profile),
    async footprint(q, attribution) {
      const { sql, params } = footprintSql(q, attribution);
      return db.all(sql, params);
    },
    async footprintGroups(q, attribution) {
      const { sql, params } = footprintGroupsSql(q, attribution);
      return (await db.all<{ groups: number }>(sql, params))[0]?.groups ?? 0;
    },
    async coverage(methodology, attribution, limit) {
      const dimensions = await db.all<CoverageRow & Row>(coverageSql(attribution), { methodology });
      const untagged = await db.all(untaggedSql(attribution), { methodology, limit: limit ?? null });
      return { dimensions, untagged };
    },
    async untaggedSpenders(methodology, attribution) {
      return (await db.all<{ spenders: number }>(untaggedCountSql(attribution), { methodology }))[0]?.spenders ?? 0;
    },
    async files() {
      const ids = await db.all<{ file_id: number }>('SELECT file_id FROM files ORDER BY file_id');
      return Promise.all(ids.map((r) => fileAccounting(db, r.file_id)));
    },
    outcomes: (methodology, fileIds) => fileOutcomes(db, methodology, fileIds),
    rejects: (options) => listRejects(db, options),
    rejectCount: (options) => countRejects(db, options),
    intensityCache: duckIntensityCache(db),
    close: () => db.close(),
  };
}
