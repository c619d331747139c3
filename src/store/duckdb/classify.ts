import type { Db } from './connection.js';
import { classifyKeysSql, pendingKeysSql } from './ingest-sql.js';

/** Classify the kinds of charge the current classifier has not seen; a no-op (one count) when there are none. */
export async function classifyPendingKeys(db: Db): Promise<void> {
  const pending = await db.all<{ n: number }>(pendingKeysSql);
  if ((pending[0]?.n ?? 0) === 0) return;
  for (const sql of classifyKeysSql()) await db.run(sql);
}
