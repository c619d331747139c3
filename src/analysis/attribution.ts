import { z } from 'zod';
import { lit } from '../sources/sql.js';

/**
 * Which tag keys mean team, service, environment and owner in this organisation. Keys are matched
 * case-insensitively (tags are stored with lower-cased keys); the first present key wins.
 */
export const attributionSchema = z.object({
  team: z.array(z.string().min(1)).default(['team', 'business_unit', 'businessunit', 'cost-center', 'costcenter', 'org']),
  service: z.array(z.string().min(1)).default(['service', 'app', 'application', 'component']),
  environment: z.array(z.string().min(1)).default(['environment', 'env', 'stage']),
  owner: z.array(z.string().min(1)).default(['owner', 'created-by', 'createdby', 'contact']),
  /** Dimensions every charge should carry; coverage reports against these. */
  required: z.array(z.enum(['team', 'service', 'environment', 'owner'])).default(['team', 'environment']),
});

export type Attribution = z.infer<typeof attributionSchema>;
export type TagDimension = 'team' | 'service' | 'environment' | 'owner';

export const defaultAttribution: Attribution = attributionSchema.parse({});

/** SQL for one attribution dimension over usage alias `u`. */
export function tagDimensionSql(attribution: Attribution, dim: TagDimension, alias = 'u'): string {
  const keys = attribution[dim].map((k) => `${alias}.tags[${lit(k.toLowerCase().trim())}]`);
  return keys.length ? `NULLIF(trim(COALESCE(${keys.join(', ')})), '')` : 'NULL';
}
