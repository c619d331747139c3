import type { DuckStore } from '../store/duckdb/index.js';
import type { Config } from './config.js';
import { recoverJournals } from '../track/record.js';
import { hasJournals, journalDirOf, recordContextFor } from './run-record.js';

/** Open the configured store for the length of one command, and always close it (DuckDB allows one writer per file). */
export async function withStore<T>(config: Config, fn: (store: DuckStore) => Promise<T>, warn: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<T> {
  // Loaded on first use: DuckDB's native library is large, and `greenops track` must stay light while the job runs.
  const { openDuckStore } = await import('../store/duckdb/index.js');
  const store = await openDuckStore(config.db, { memoryLimit: config.memoryLimit, threads: config.threads });
  try {
    // Runs whose tracker ended or died since the store was last open (a SIGKILLed tracker, --no-store).
    if (hasJournals(config)) {
      await recoverJournals(store.db, journalDirOf(config), recordContextFor(config, { cache: store.intensityCache }), (path, e) =>
        warn(`warning: run journal ${path} cannot be read (${e instanceof Error ? e.message : String(e)}); it is left in place and skipped`));
    }
    return await fn(store);
  } finally {
    store.close();
  }
}
