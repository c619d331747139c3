import { lit } from './sql.js';

/**
 * Instance types as they appear inside usage types, SKU meters and charge descriptions:
 * AWS `BoxUsage:m5.large`, `per On Demand Linux m4.10xlarge Instance Hour`, `InstanceUsage:db.r5.large`;
 * Azure `Standard_NC24ads_A100_v4`; GCP `a2-highgpu-1g`, `n2-standard-4`.
 * Service prefixes (RDS `db.`, ElastiCache `cache.`, SageMaker `ml.`, OpenSearch `search.`) are removed:
 * the hardware is the base type's.
 */
const AWS = String.raw`(?:^|[^a-z0-9.])(?:db\.|cache\.|ml\.|search\.|elasticsearch\.)?([a-z][a-z0-9-]*[0-9][a-z0-9-]*\.(?:nano|micro|small|medium|large|[0-9]*xlarge|metal(?:-[0-9]+xl)?))(?:$|[^a-z0-9])`;
const AZURE = String.raw`(standard_[a-z0-9]+(?:_[a-z0-9]+)*)`;
const GCP = String.raw`(?:^|[^a-z0-9-])([a-z][0-9][a-z]?-(?:standard|highmem|highcpu|highgpu|megagpu|ultragpu|ultramem|megamem|micro|small|medium)(?:-[0-9]+g?)?)(?:$|[^a-z0-9-])`;

/** Azure meters name sizes as "D11 v2" / "NC24ads A100 v4" after "Virtual Machines … - ". */
const AZURE_METER = String.raw`virtual machines.* - ([a-z]+[0-9]+[a-z]*(?: [a-z0-9]+)*? v[0-9]+)`;
/** … and sizes without a version ("Virtual Machines BS Series - B2ms - US East"), up to the next " - " or "/". */
const AZURE_METER_UNVERSIONED = String.raw`virtual machines[^-]* - ([a-z]+[0-9]+[a-z]*)(?: (?:spot|low priority))?(?: -|/|$)`;

/** SQL: the first instance type found in a text expression, lower case, or NULL. */
export function instanceTypeFromText(expr: string): string {
  if (expr === 'NULL') return 'NULL';
  const t = `lower(${expr})`;
  return `COALESCE(
    NULLIF(regexp_extract(${t}, ${lit(AWS)}, 1), ''),
    NULLIF(regexp_extract(${t}, ${lit(AZURE)}, 1), ''),
    'standard_' || replace(NULLIF(regexp_extract(${t}, ${lit(AZURE_METER)}, 1), ''), ' ', '_'),
    'standard_' || NULLIF(regexp_extract(${t}, ${lit(AZURE_METER_UNVERSIONED)}, 1), ''),
    NULLIF(regexp_extract(${t}, ${lit(GCP)}, 1), ''))`;
}

/** The same patterns for JavaScript callers (tests, the job tracker). */
export function instanceTypeFromString(text: string): string | undefined {
  const t = text.toLowerCase();
  for (const p of [AWS, AZURE, AZURE_METER, AZURE_METER_UNVERSIONED, GCP]) {
    const m = new RegExp(p).exec(t);
    if (m?.[1]) return p === AZURE_METER || p === AZURE_METER_UNVERSIONED ? `standard_${m[1].replace(/ /g, '_')}` : m[1];
  }
  return undefined;
}
