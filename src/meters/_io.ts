/**
 * The file system as the meters see it: injectable so tests can point them at fake sysfs/procfs
 * trees, or simulate errors (EACCES as root) that a real tree cannot produce.
 */
import { readdir, readFile } from 'node:fs/promises';

export interface MeterFs {
  readText(path: string): Promise<string>;
  list(path: string): Promise<string[]>;
}

export const nodeFs: MeterFs = {
  readText: (path) => readFile(path, 'utf8'),
  list: (path) => readdir(path),
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
