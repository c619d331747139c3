import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { attributionSchema } from '../analysis/attribution.js';
import { GreenopsError } from '../core/errors.js';

/**
 * Where grid intensity comes from: a provider id (`static`, offline, when absent) and that provider's
 * options, which the provider validates itself. Credentials may sit in `options` or come from the
 * environment (`credentials`, by provider id, filled from GREENOPS_* variables); they are never printed.
 */
export const intensityConfigSchema = z.strictObject({
  provider: z.enum(['static', 'file', 'electricitymaps', 'watttime', 'uk-grid']).default('static'),
  options: z.record(z.string(), z.unknown()).default({}),
  credentials: z.record(z.string(), z.record(z.string(), z.string())).default({}),
});

export type IntensityConfig = z.infer<typeof intensityConfigSchema>;

/** Configuration, validated once here and passed down: flags > GREENOPS_* env > config file > defaults. */
export const configSchema = z.object({
  db: z.string().min(1).default('.greenops/greenops.duckdb'),
  methodology: z.enum(['default', 'ccf']).default('default'),
  memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i).optional(),
  threads: z.number().int().positive().optional(),
  attribution: attributionSchema.default(attributionSchema.parse({})),
  intensity: intensityConfigSchema.optional(),
});

export type Config = z.infer<typeof configSchema>;

const FILES = ['greenops.config.yaml', 'greenops.config.yml', 'greenops.config.json'];

function readFile(cwd: string): Record<string, unknown> {
  for (const name of FILES) {
    const path = join(cwd, name);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    try {
      const data: unknown = name.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
      return (data ?? {}) as Record<string, unknown>;
    } catch (e) {
      throw new GreenopsError('E_CONFIG_INVALID', `${path}: not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`, { cause: e, data: { file: path } });
    }
  }
  return {};
}

export function loadConfig(flags: { db?: string; methodology?: string }, env: NodeJS.ProcessEnv, cwd: string): Config {
  const file = readFile(cwd);
  const merged = {
    ...file,
    ...(env['GREENOPS_DB'] ? { db: env['GREENOPS_DB'] } : {}),
    ...(env['GREENOPS_METHODOLOGY'] ? { methodology: env['GREENOPS_METHODOLOGY'] } : {}),
    ...(env['GREENOPS_MEMORY_LIMIT'] ? { memoryLimit: env['GREENOPS_MEMORY_LIMIT'] } : {}),
    ...intensityFromEnv(file['intensity'], env),
    ...(flags.db ? { db: flags.db } : {}),
    ...(flags.methodology ? { methodology: flags.methodology } : {}),
  };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GreenopsError('E_CONFIG_INVALID', `invalid configuration at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, { data: { column: issue?.path.join('.') } });
  }
  return { ...parsed.data, db: parsed.data.db === ':memory:' ? ':memory:' : resolve(cwd, parsed.data.db) };
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
