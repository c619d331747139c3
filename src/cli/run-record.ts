import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { machineEmbodied, staticRunIntensity } from '../track/intensity.js';
import type { RecordContext } from '../track/record.js';
import type { Config } from './config.js';

/** Where `greenops track` journals runs: `runs/` beside the store. */
export function journalDirOf(config: Config): string {
  return join(config.db === ':memory:' ? '.greenops' : dirname(config.db), 'runs');
}

export function hasJournals(config: Config): boolean {
  return existsSync(journalDirOf(config));
}

/** How stored runs get their intensity and embodied share. */
export function recordContextFor(_config: Config): RecordContext {
  return {
    intensity: async (h) => staticRunIntensity(h.zone),
    embodied: (h) => machineEmbodied(h),
  };
}
