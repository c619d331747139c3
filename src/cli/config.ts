import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_ATTRIBUTION } from '../analysis/attribution-defaults.js';
import { GreenopsError, quote } from '../core/errors.js';
import type { Config } from './config-schema.js';

export type { Config, IntensityConfig } from './config-schema.js';

const FILES = ['greenops.config.yaml', 'greenops.config.yml', 'greenops.config.json'];
// The ids of config-schema.ts's methodology enum, checked here without loading the schema library.
const METHODOLOGIES: readonly string[] = ['default', 'ccf'];

async function readFile(cwd: string): Promise<Record<string, unknown>> {
  for (const name of FILES) {
    const path = join(cwd, name);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    // The YAML parser is loaded only when there is a YAML file to read.
    const yaml = name.endsWith('.json') ? undefined : await import('yaml');
    try {
      const data: unknown = yaml ? yaml.parse(text) : JSON.parse(text);
      return (data ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new GreenopsError('E_CONFIG_INVALID', `${path}: not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`, { cause: e, data: { file: path } });
    }
  }
  return {};
}

/**
 * Configuration, validated once here and passed down: flags > GREENOPS_* env > config file > defaults.
 * A configuration of plain settings only (no file sections such as `attribution` or `intensity`) is
 * checked here without the schema library, so a light command (`greenops track`, beside a job) stays
 * light; anything else goes through the zod schema in config-schema.ts. Both give the same result.
 */
export async function loadConfig(flags: { db?: string; methodology?: string }, env: NodeJS.ProcessEnv, cwd: string): Promise<Config> {
  // A flag is typed on the command line: a bad value there is wrong usage (exit 2), not a bad configuration.
  if (flags.methodology !== undefined && !METHODOLOGIES.includes(flags.methodology)) {
    throw new GreenopsError('E_USAGE', `unknown methodology ${quote(flags.methodology)} (--methodology); expected ${METHODOLOGIES.join(' or ')}`, { data: { column: '--methodology', expected: METHODOLOGIES.join(', ') } });
  }
  const file = await readFile(cwd);
  const merged: Record<string, unknown> = {
    ...file,
    ...(env['GREENOPS_DB'] ? { db: env['GREENOPS_DB'] } : {}),
    ...(env['GREENOPS_METHODOLOGY'] ? { methodology: env['GREENOPS_METHODOLOGY'] } : {}),
    ...(env['GREENOPS_MEMORY_LIMIT'] ? { memoryLimit: env['GREENOPS_MEMORY_LIMIT'] } : {}),
    ...intensityFromEnv(file['intensity'], env),
    ...(flags.db ? { db: flags.db } : {}),
    ...(flags.methodology ? { methodology: flags.methodology } : {}),
  };
  const data = plainConfig(merged) ?? (await validated(merged));
  return { ...data, db: data.db === ':memory:' ? ':memory:' : resolve(cwd, data.db) };
}

const MEMORY = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** The plain settings, checked by hand; undefined when there is anything the schema must judge. */
export function plainConfig(merged: Record<string, unknown>): Config | undefined {
  const { db, methodology, memoryLimit, threads, ...rest } = merged;
  if (Object.keys(rest).length > 0) return undefined;
  const okDb = db === undefined || (typeof db === 'string' && db.length > 0);
  const okMethodology = methodology === undefined || (typeof methodology === 'string' && METHODOLOGIES.includes(methodology));
  const okMemory = memoryLimit === undefined || (typeof memoryLimit === 'string' && MEMORY.test(memoryLimit));
  const okThreads = threads === undefined || (typeof threads === 'number' && Number.isInteger(threads) && threads > 0);
  if (!okDb || !okMethodology || !okMemory || !okThreads) return undefined;
  return {
    db: (db as string | undefined) ?? '.greenops/greenops.duckdb',
    methodology: (methodology as 'default' | 'ccf' | undefined) ?? 'default',
    ...(memoryLimit === undefined ? {} : { memoryLimit: memoryLimit as string }),
    ...(threads === undefined ? {} : { threads: threads as number }),
    attribution: structuredClone({ ...DEFAULT_ATTRIBUTION }),
  };
}

async function validated(merged: Record<string, unknown>): Promise<Config> {
  const { configSchema } = await import('./config-schema.js');
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GreenopsError('E_CONFIG_INVALID', `invalid configuration at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, { data: { column: issue?.path.join('.') } });
  }
  return parsed.data;
}

/** Environment credentials, by the provider id they belong to. */
const CREDENTIAL_ENV: ReadonlyArray<readonly [provider: string, option: string, variable: string]> = [
  ['electricitymaps', 'token', 'GREENOPS_ELECTRICITYMAPS_TOKEN'],
  ['watttime', 'username', 'GREENOPS_WATTTIME_USERNAME'],
  ['watttime', 'password', 'GREENOPS_WATTTIME_PASSWORD'],
];

/** The file's `intensity` section with GREENOPS_INTENSITY_PROVIDER and the credential variables laid over it. */
function intensityFromEnv(section: unknown, env: NodeJS.ProcessEnv): { intensity?: unknown } {
  const set = CREDENTIAL_ENV.filter(([, , name]) => env[name]);
  if (!env['GREENOPS_INTENSITY_PROVIDER'] && set.length === 0) return section === undefined ? {} : { intensity: section };
  const base = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
  const credentials: Record<string, Record<string, unknown>> = { ...(base['credentials'] as Record<string, Record<string, unknown>> | undefined) };
  for (const [provider, option, name] of set) credentials[provider] = { ...credentials[provider], [option]: env[name] };
  return {
    intensity: {
      ...base,
      ...(env['GREENOPS_INTENSITY_PROVIDER'] ? { provider: env['GREENOPS_INTENSITY_PROVIDER'] } : {}),
      ...(set.length > 0 ? { credentials } : {}),
    },
  };
}
