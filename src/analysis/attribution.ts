import { z } from 'zod';
import { lit } from '../sources/sql.js';
import { DEFAULT_ATTRIBUTION, type Attribution, type TagDimension } from './attribution-defaults.js';

const DIMENSION_NAMES = ['team', 'app', 'environment', 'owner'] as const;

/**
 * Which tag keys mean team, app, environment and owner in this organisation. Keys are matched
 * case-insensitively (tags are stored with lower-cased keys); the first present key wins. `service`
 * is read as `app` (the name `footprint --by` uses; `service` there is the provider's service). Any
 * other key is an error, never ignored.
 */
export const attributionSchema = z.preprocess(
  (raw) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
    const out: Record<string, unknown> = { ...raw };
    // both given: left as is, and the strict object below refuses `service`
    if ('service' in out && !('app' in out)) {
      out['app'] = out['service'];
      delete out['service'];
    }
    if (Array.isArray(out['required'])) out['required'] = out['required'].map((d: unknown) => (d === 'service' ? 'app' : d));
    return out;
  },
  z.strictObject({
    team: z.array(z.string().min(1)).default([...DEFAULT_ATTRIBUTION.team]),
    app: z.array(z.string().min(1)).default([...DEFAULT_ATTRIBUTION.app]),
    environment: z.array(z.string().min(1)).default([...DEFAULT_ATTRIBUTION.environment]),
    owner: z.array(z.string().min(1)).default([...DEFAULT_ATTRIBUTION.owner]),
    /** Dimensions every charge should carry; coverage reports against these. */
    required: z.array(z.enum(DIMENSION_NAMES)).default([...DEFAULT_ATTRIBUTION.required]),
  }),
);

export type { Attribution, TagDimension } from './attribution-defaults.js';

export const defaultAttribution: Attribution = attributionSchema.parse({});

/** SQL for one attribution dimension over usage alias `u`. */
export function tagDimensionSql(attribution: Attribution, dim: TagDimension, alias = 'u'): string {
  const keys = attribution[dim].map((k) => `${alias}.tags[${lit(k.toLowerCase().trim())}]`);
  return keys.length ? `NULLIF(trim(COALESCE(${keys.join(', ')})), '')` : 'NULL';
}
