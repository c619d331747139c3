import { z } from 'zod';
import { lit } from '../sources/sql.js';
import { DEFAULT_ATTRIBUTION, type Attribution, type TagDimension } from './attribution-defaults.js';

/**
 * Which tag keys mean team, service, environment and owner in this organisation. Keys are matched
 * case-insensitively (tags are stored with lower-cased keys); the first present key wins.
 */
export const attributionSchema = z.object({
  team: z.array(z.string().min(1)).default([...DEFAULT_ATTRIBUTION.team]),
  service: z.array(z.string().min(1)).default([...DEFAULT_ATTRIBUTION.service]),
  environment: z.array(z.string().min(1)).default([...DEFAULT_ATTRIBUTION.environment]),
  owner: z.array(z.string().min(1)).default([...DEFAULT_ATTRIBUTION.owner]),
  /** Dimensions every charge should carry; coverage reports against these. */
  required: z.array(z.enum(['team', 'service', 'environment', 'owner'])).default([...DEFAULT_ATTRIBUTION.required]),
});

export type { Attribution, TagDimension } from './attribution-defaults.js';

export const defaultAttribution: Attribution = attributionSchema.parse({});

/** SQL for one attribution dimension over usage alias `u`. */
export function tagDimensionSql(attribution: Attribution, dim: TagDimension, alias = 'u'): string {
  const keys = attribution[dim].map((k) => `${alias}.tags[${lit(k.toLowerCase().trim())}]`);
  return keys.length ? `NULLIF(trim(COALESCE(${keys.join(', ')})), '')` : 'NULL';
}
