/**
 * The file system as the meters see it: injectable so tests can point them at fake sysfs/procfs
 * trees, or simulate errors (EACCES as root) that a real tree cannot produce.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface MeterFs {
  readText(path: string): Promise<string>;
  list(path: string): Promise<string[]>;
}

/**
 * procfs and sysfs files are generated in memory by the kernel on read: synchronous reads cost a few
 * microseconds and avoid the thread-pool round trip of four system calls per file, which dominated the
 * tracker's own CPU time when it scanned every process each second.
 */
export const nodeFs: MeterFs = {
  readText: async (path) => readFileSync(path, 'utf8'),
  list: async (path) => readdirSync(path),
};

/** The errno code of a Node system error ('ENOENT', 'EACCES'), or undefined. */
export function errnoCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null || !('code' in e)) return undefined;
  const code = (e as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** A collector of notes that keeps each text once, in first-seen order. */
export function noteSet(): { add(text: string): void; list(): readonly string[] } {
  const seen = new Set<string>();
  return { add: (t) => void seen.add(t), list: () => [...seen] };
}
