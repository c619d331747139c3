import { openDuckStore, type DuckStore } from '../store/duckdb/index.js';
import type { Config } from './config.js';

/** Open the configured store for the length of one command, and always close it (DuckDB allows one writer per file). */
export async function withStore<T>(config: Config, fn: (store: DuckStore) => Promise<T>): Promise<T> {
  const store = await openDuckStore(config.db, { memoryLimit: config.memoryLimit, threads: config.threads });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
