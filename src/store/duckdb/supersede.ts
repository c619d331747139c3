import type { Db } from './connection.js';

export interface Superseded {
  /** The earlier file whose rows were replaced. */
  readonly fileId: number;
  readonly path: string;
  readonly rows: number;
}

/**
 * A provider's later export of an account's billing period restates it: invoices are corrected,
 * late usage arrives, credits are applied. Counting both exports would double the footprint, so the
 * rows of earlier files for every (provider, billing account, billing period) that `fileId` contains
 * are marked superseded: kept and counted in their file's accounting, out of every footprint.
 * Files of the same batch (the parts of one export, ingested together) never supersede each other.
 */
export async function supersedeEarlier(db: Db, fileId: number, batch: string | null): Promise<Superseded[]> {
  const rows = await db.all<{ file_id: number; path: string; n: number }>(
    `WITH periods AS (
       SELECT DISTINCT provider, billing_account, billing_period FROM usage
        WHERE file_id = $file AND status = 'ok' AND billing_period IS NOT NULL),
     hit AS (
       SELECT u.file_id, u.row_no FROM usage u JOIN periods p
           ON u.provider IS NOT DISTINCT FROM p.provider AND u.billing_account IS NOT DISTINCT FROM p.billing_account
          AND u.billing_period = p.billing_period
        WHERE u.file_id <> $file AND u.status <> 'superseded'
          AND u.file_id IN (SELECT file_id FROM files WHERE batch IS NULL OR batch IS DISTINCT FROM $batch))
     SELECT h.file_id, f.path, count(*) AS n FROM hit h JOIN files f USING (file_id) GROUP BY ALL ORDER BY h.file_id`,
    { file: fileId, batch },
  );
  if (rows.length === 0) return [];
  await db.run(
    `UPDATE usage AS u SET status = 'superseded', superseded_by = $file
       FROM (SELECT DISTINCT provider, billing_account, billing_period FROM usage
              WHERE file_id = $file AND status = 'ok' AND billing_period IS NOT NULL) p
      WHERE u.provider IS NOT DISTINCT FROM p.provider AND u.billing_account IS NOT DISTINCT FROM p.billing_account
        AND u.billing_period = p.billing_period AND u.file_id <> $file AND u.status <> 'superseded'
        AND u.file_id IN (SELECT file_id FROM files WHERE batch IS NULL OR batch IS DISTINCT FROM $batch)`,
    { file: fileId, batch },
  );
  return rows.map((r) => ({ fileId: r.file_id, path: r.path, rows: r.n }));
}
