import type { Db } from './connection.js';

export interface Superseded {
  /** The other file: the earlier one whose rows were replaced, or the stored one that stays. */
  readonly fileId: number;
  readonly path: string;
  /** Rows marked superseded (of the earlier file, or of the file being ingested). */
  readonly rows: number;
}

export interface Supersession {
  /** Earlier exports whose rows this file replaced. */
  readonly replaced: readonly Superseded[];
  /** Stored exports that reach further into the same periods: this file's rows for them were superseded instead. */
  readonly olderThan: readonly Superseded[];
}

const MATCH = (a: string, b: string): string =>
  `${a}.provider IS NOT DISTINCT FROM ${b}.provider AND ${a}.billing_account IS NOT DISTINCT FROM ${b}.billing_account AND ${a}.billing_period = ${b}.billing_period`;

/**
 * A provider's later export of an account's billing period restates it: invoices are corrected,
 * late usage arrives, credits are applied. Counting both exports would double the footprint, so for
 * every (provider, billing account, billing period) this file shares with stored files of other
 * batches, one export's rows stay and the other's are marked superseded (kept and counted in their
 * file's accounting, out of every footprint). The export that reaches further into the period (latest
 * charge end) stays; at equal reach, the one ingested last. So ingesting an older export after a
 * newer one (a backfill, files out of order) leaves the newer one in place. Files of one batch (the
 * parts of one export, ingested together) never supersede each other.
 */
export async function supersedeEarlier(db: Db, fileId: number, batch: string | null): Promise<Supersession> {
  const p = { file: fileId, batch };
  await db.run(
    `CREATE OR REPLACE TEMP TABLE __periods AS
     WITH mine AS (
       SELECT provider, billing_account, billing_period, max(period_end) AS reach FROM usage
        WHERE file_id = $file AND status = 'ok' AND billing_period IS NOT NULL GROUP BY ALL),
     theirs AS (
       SELECT u.provider, u.billing_account, u.billing_period, max(u.period_end) AS reach, max(u.file_id) AS latest
         FROM usage u JOIN mine m ON ${MATCH('u', 'm')}
        WHERE u.file_id <> $file AND u.status = 'ok'
          AND u.file_id IN (SELECT file_id FROM files WHERE batch IS NULL OR batch IS DISTINCT FROM $batch)
        GROUP BY ALL)
     SELECT m.provider, m.billing_account, m.billing_period, t.latest, m.reach >= t.reach AS newer
       FROM mine m JOIN theirs t ON ${MATCH('m', 't')}`,
    p,
  );
  const replaced = await db.all<{ file_id: number; path: string; n: number }>(
    `SELECT u.file_id, f.path, sum(u.line_count) AS n FROM usage u JOIN __periods k ON ${MATCH('u', 'k')} AND k.newer JOIN files f USING (file_id)
      WHERE u.file_id <> $file AND u.status = 'ok'
        AND u.file_id IN (SELECT file_id FROM files WHERE batch IS NULL OR batch IS DISTINCT FROM $batch)
      GROUP BY ALL ORDER BY u.file_id`,
    p,
  );
  const olderThan = await db.all<{ file_id: number; path: string; n: number }>(
    `SELECT k.latest AS file_id, f.path, sum(u.line_count) AS n FROM usage u JOIN __periods k ON ${MATCH('u', 'k')} AND NOT k.newer JOIN files f ON f.file_id = k.latest
      WHERE u.file_id = $file AND u.status = 'ok' GROUP BY ALL ORDER BY k.latest`,
    { file: fileId },
  );
  if (replaced.length > 0) {
    await db.run(
      `UPDATE usage AS u SET status = 'superseded', superseded_by = $file FROM __periods k
        WHERE ${MATCH('u', 'k')} AND k.newer AND u.file_id <> $file AND u.status = 'ok'
          AND u.file_id IN (SELECT file_id FROM files WHERE batch IS NULL OR batch IS DISTINCT FROM $batch)`,
      p,
    );
  }
  if (olderThan.length > 0) {
    await db.run(
      `UPDATE usage AS u SET status = 'superseded', superseded_by = k.latest FROM __periods k
        WHERE ${MATCH('u', 'k')} AND NOT k.newer AND u.file_id = $file AND u.status = 'ok'`,
      { file: fileId },
    );
  }
  await db.run('DROP TABLE __periods');
  const rows = (r: { file_id: number; path: string; n: number }): Superseded => ({ fileId: r.file_id, path: r.path, rows: r.n });
  return { replaced: replaced.map(rows), olderThan: olderThan.map(rows) };
}
