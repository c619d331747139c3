import { listValue } from '@duckdb/node-api';
import type { Db } from './connection.js';
import type { FileAccounting, FileOutcome, RejectedRow } from '../types.js';
import { GreenopsError } from '../../core/errors.js';

const ENERGY = new Set(['compute', 'gpu', 'memory', 'storage', 'network']);

/** Row accounting of one file, straight from the stored rows (never from counters kept aside). */
export async function fileAccounting(db: Db, fileId: number): Promise<FileAccounting> {
  const file = (await db.all<{ path: string; format: string; format_version: string | null; warnings: string[] }>(
    'SELECT path, format, format_version, warnings FROM files WHERE file_id = $1',
    [fileId],
  ))[0];
  if (!file) throw new GreenopsError('E_STORE', `no file with id ${fileId}`);
  const rows = await db.all<{ status: string; usage_class: string | null; n: number }>(
    'SELECT u.status, k.usage_class, sum(u.line_count) AS n FROM usage u LEFT JOIN class_keys k USING (class_key) WHERE u.file_id = $1 GROUP BY ALL',
    [fileId],
  );
  const byClass: Record<string, number> = {};
  let read = 0;
  let rejected = 0;
  let estimated = 0;
  let costOnly = 0;
  let unclassified = 0;
  let superseded = 0;
  for (const r of rows) {
    read += r.n;
    if (r.status === 'rejected') rejected += r.n;
    else if (r.status === 'superseded') superseded += r.n;
    else if (r.usage_class === 'cost_only') costOnly += r.n;
    else if (r.usage_class && ENERGY.has(r.usage_class)) {
      estimated += r.n;
      byClass[r.usage_class] = (byClass[r.usage_class] ?? 0) + r.n;
    } else unclassified += r.n;
  }
  return {
    fileId,
    path: file.path,
    format: file.format,
    formatVersion: file.format_version,
    rowsRead: read,
    estimated,
    byClass,
    costOnly,
    unclassified,
    rejected,
    superseded,
    warnings: file.warnings ?? [],
  };
}

/**
 * What an estimated methodology made of each file's rows, from the footprint itself: a row's outcome
 * is its status there, or rejected / superseded.
 */
export async function fileOutcomes(db: Db, methodology: string, fileIds?: readonly number[]): Promise<FileOutcome[]> {
  const rows = await db.all<{ file_id: number; outcome: string; n: number }>(
    `SELECT file_id, CASE WHEN row_status IN ('rejected', 'superseded') THEN row_status ELSE status END AS outcome, sum(line_count) AS n
       FROM footprint WHERE methodology = $methodology${fileIds ? ' AND list_contains($ids::INTEGER[], file_id)' : ''}
      GROUP BY ALL ORDER BY file_id`,
    fileIds ? { methodology, ids: listValue(fileIds.map((id) => Math.trunc(id))) } : { methodology },
  );
  const out = new Map<number, { -readonly [K in keyof FileOutcome]: FileOutcome[K] }>();
  for (const r of rows) {
    const o = out.get(r.file_id) ?? { fileId: r.file_id, methodology, rowsRead: 0, estimated: 0, fallback: 0, costOnly: 0, unclassified: 0, rejected: 0, superseded: 0 };
    o.rowsRead += r.n;
    const key = OUTCOME_FIELDS[r.outcome];
    if (key === undefined) throw new GreenopsError('E_STORE', `unexpected footprint status ${JSON.stringify(r.outcome)}`);
    o[key] += r.n;
    out.set(r.file_id, o);
  }
  return [...out.values()];
}

const OUTCOME_FIELDS: Readonly<Record<string, 'estimated' | 'fallback' | 'costOnly' | 'unclassified' | 'rejected' | 'superseded'>> = {
  estimated: 'estimated', fallback: 'fallback', cost_only: 'costOnly', unclassified: 'unclassified', rejected: 'rejected', superseded: 'superseded',
};

export async function listRejects(db: Db, options: { fileId?: number; limit?: number } = {}): Promise<RejectedRow[]> {
  const rows = await db.all<{ file_id: number; path: string; row_no: number; reject_column: string; reject_reason: string; reject_value: string | null }>(
    `SELECT u.file_id, f.path, u.row_no, u.reject_column, u.reject_reason, u.reject_value
       FROM usage u JOIN files f USING (file_id)
      WHERE u.status = 'rejected' AND ($1::INTEGER IS NULL OR u.file_id = $1)
      ORDER BY u.file_id, u.row_no LIMIT $2`,
    // LIMIT NULL is no limit
    [options.fileId ?? null, options.limit ?? null],
  );
  return rows.map((r) => ({ fileId: r.file_id, path: r.path, rowNo: r.row_no, column: r.reject_column, reason: r.reject_reason, value: r.reject_value }));
}

/** How many rejected rows there are (in one file, or in all). */
export async function countRejects(db: Db, options: { fileId?: number } = {}): Promise<number> {
  const rows = await db.all<{ n: number }>(
    "SELECT count(*)::BIGINT AS n FROM usage WHERE status = 'rejected' AND ($1::INTEGER IS NULL OR file_id = $1)",
    [options.fileId ?? null],
  );
  return rows[0]?.n ?? 0;
}
