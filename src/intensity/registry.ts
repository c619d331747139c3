/**
 * The table of grid-signal providers. Shells and planners create providers through it by id, with
 * options from a config file validated here once; nothing outside a provider's folder branches on
 * its name.
 */
import { z } from 'zod';
import { GreenopsError } from '../core/errors.js';
import { electricityMaps } from './electricitymaps/index.js';
import { fileProvider } from './file/index.js';
import type { Sleep } from './http.js';
import { staticProvider } from './static/index.js';
import type { IntensityProvider } from './types.js';
import { ukGrid } from './uk-grid/index.js';
import { wattTime } from './watttime/index.js';

/** What a program, not a config file, supplies: the clock and how to wait between retries. */
export interface ProviderRuntime {
  readonly now?: () => Date;
  readonly sleep?: Sleep;
}

export interface ProviderFactory {
  readonly id: string;
  readonly description: string;
  /** Validates `options` (`E_CONFIG_INVALID` naming each bad field, never its value) and builds the provider. */
  create(options: unknown, runtime?: ProviderRuntime): IntensityProvider;
}

const http = {
  baseUrl: z.url().optional(),
  timeoutMs: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(10).optional(),
  backoffMs: z.number().nonnegative().optional(),
  maxDelayMs: z.number().nonnegative().optional(),
};

function define<S extends z.ZodType>(id: string, description: string, schema: S, make: (o: z.output<S> & ProviderRuntime) => IntensityProvider): ProviderFactory {
  return {
    id,
    description,
    create(options, runtime = {}) {
      const parsed = schema.safeParse(options ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
        throw new GreenopsError('E_CONFIG_INVALID', `options of intensity provider ${id}: ${issues.join('; ')}`, { data: { provider: id, issues } });
      }
      return make(Object.assign({}, parsed.data, runtime));
    },
  };
}

const emissionFactor = z.enum(['lifecycle', 'direct']);

/**
 * Every provider, in the order a config lists them.
 *
 * @example providerFactories.map((f) => `${f.id}: ${f.description}`)
 */
export const providerFactories: readonly ProviderFactory[] = [
  define('static', 'annual grid factor of the zone or region (offline)', z.strictObject({}), (o) => staticProvider(o)),
  define('file', 'a local CSV or JSON file (Electricity Maps export, EIA-930, time,zone,gco2e_per_kwh)',
    z.strictObject({ path: z.string().min(1), zone: z.string().min(1).optional(), emissionFactor: emissionFactor.optional(), eiaLabel: z.enum(['hour-ending', 'hour-beginning']).optional() }),
    (o) => fileProvider(o)),
  define('electricitymaps', 'Electricity Maps API v3 (auth-token)',
    z.strictObject({ token: z.string().min(1), emissionFactorType: emissionFactor.optional(), ...http }), (o) => electricityMaps(o)),
  define('watttime', 'WattTime API v3 marginal emissions (username and password)',
    z.strictObject({ username: z.string().min(1), password: z.string().min(1), ...http }), (o) => wattTime(o)),
  define('uk-grid', 'UK Carbon Intensity API (Great Britain, no key)', z.strictObject({ ...http }), (o) => ukGrid(o)),
];

/**
 * A provider by id. Unknown ids are `E_CONFIG_INVALID` listing the known ones.
 *
 * @example createProvider('electricitymaps', { token: config.electricityMapsToken })
 * @example createProvider('static')
 */
export function createProvider(id: string, options: unknown = {}, runtime?: ProviderRuntime): IntensityProvider {
  const factory = providerFactories.find((f) => f.id === id);
  if (factory === undefined) {
    const ids = providerFactories.map((f) => f.id);
    throw new GreenopsError('E_CONFIG_INVALID', `unknown intensity provider ${JSON.stringify(id)}; known: ${ids.join(', ')}`, {
      data: { found: id, expected: ids.join(', ') },
    });
  }
  return factory.create(options, runtime);
}
