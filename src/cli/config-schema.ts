import { z } from 'zod';
import { attributionSchema } from '../analysis/attribution.js';

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
export const configSchema = z.strictObject({
  db: z.string().min(1).default('.greenops/greenops.duckdb'),
  methodology: z.enum(['default', 'ccf']).default('default'),
  memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i).optional(),
  threads: z.number().int().positive().optional(),
  attribution: attributionSchema.default(attributionSchema.parse({})),
  intensity: intensityConfigSchema.optional(),
});

export type Config = z.infer<typeof configSchema>;
