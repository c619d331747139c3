import { CLASSIFIER_VERSION, classifySql, instanceTypeSql } from '../../sources/classify.js';
import type { CanonicalFields, SourceMapping, TypedField } from '../../sources/types.js';
import { lit, tagsFromJson } from '../../sources/sql.js';

type Kind = 'timestamp' | 'number';

const EXPECT: Record<Kind, string> = {
  timestamp: 'expected an ISO 8601 date-time',
  number: 'expected a number',
};

/** Columns of `class_keys` that describe a kind of charge, and the canonical field each comes from. */
const KEY_FIELDS = [
  'provider', 'region', 'service', 'service_code', 'service_category', 'charge_category', 'charge_description',
  'usage_type', 'unit', 'resource_type', 'instance_type_hint', 'vcpus',
] as const satisfies ReadonlyArray<keyof CanonicalFields>;

/** Stored per row in `usage`. */
const ROW_FIELDS = [
  'provider', 'billing_account', 'sub_account', 'region', 'service', 'service_category', 'resource_id', 'charge_category', 'currency',
] as const satisfies ReadonlyArray<keyof CanonicalFields>;

const NUMERIC_TYPES = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)\b/;
const TIME_TYPES = /^(TIMESTAMP|DATE)\b/;

function typed(field: TypedField, kind: Kind): string {
  const type = field.type?.toUpperCase() ?? '';
  if (kind === 'timestamp') {
    // Parquet timestamps arrive typed (with a zone, they are stored as UTC: the session zone is UTC).
    if (TIME_TYPES.test(type)) return `CAST(${field.sql} AS TIMESTAMP)`;
    // Text: a UTC offset after the date ("+02:00", "-0500") needs the zone-aware parser, which is
    // ~30× slower; "Z" and zone-less times parse directly. Anything else falls back to the zone-aware parser.
    const v = `CAST(${field.sql} AS VARCHAR)`;
    const zoned = `CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AS TIMESTAMP)`;
    return `CASE WHEN strpos(substr(${v}, 11), '+') > 0 OR strpos(substr(${v}, 12), '-') > 0 THEN ${zoned} ELSE COALESCE(TRY_CAST(${v} AS TIMESTAMP), ${zoned}) END`;
  }
  if (NUMERIC_TYPES.test(type)) return `CAST(${field.sql} AS DOUBLE)`;
  // Hand-made exports write money as "$10,000.00": a leading currency sign and comma thousands
  // separators are accepted when unambiguous; "12,5" or "10 EUR" are not.
  const text = `CAST(${field.sql} AS VARCHAR)`;
  return `COALESCE(TRY_CAST(${field.sql} AS DOUBLE), CASE WHEN regexp_full_match(${text}, '\\s*-?[$€£]?\\s*-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?\\s*|\\s*-?[$€£]\\s*-?[0-9]+(\\.[0-9]+)?\\s*') THEN TRY_CAST(regexp_replace(${text}, '[$€£,\\s]', '', 'g') AS DOUBLE) END)`;
}

export function classKeySql(f: CanonicalFields): string {
  return `hash(${KEY_FIELDS.map((k) => f[k]).join(', ')})`;
}

export function tagsKeySql(f: CanonicalFields): string {
  return `hash(${f.tags_json})`;
}

/** The distinct kinds of charge and tag sets in a file: small, whatever the file's size. */
export function distinctKeysSql(mapping: SourceMapping, reader: string): string {
  const f = mapping.fields;
  return `CREATE OR REPLACE TEMP TABLE __new_keys AS
SELECT DISTINCT ${classKeySql(f)} AS class_key, ${KEY_FIELDS.map((k) => `${f[k]} AS ${k}`).join(', ')},
  ${tagsKeySql(f)} AS tags_key, ${f.tags_json} AS tags_raw
FROM ${reader}`;
}

/** New class keys and tag sets into their tables. */
export const storeKeysSql = [
  `INSERT INTO class_keys BY NAME
   SELECT DISTINCT class_key, ${KEY_FIELDS.join(', ')} FROM __new_keys WHERE class_key NOT IN (SELECT class_key FROM class_keys)`,
  `INSERT INTO tag_sets BY NAME
   SELECT DISTINCT tags_key, tags_raw AS raw FROM __new_keys WHERE tags_key NOT IN (SELECT tags_key FROM tag_sets)`,
  `UPDATE tag_sets SET tags = ${tagsFromJson('raw')} WHERE tags IS NULL`,
];

/** A 64-bit hash names each kind of charge; two different kinds with one hash would be merged, so refuse. */
export const keyCollisionSql = `SELECT class_key FROM (SELECT DISTINCT class_key, ${KEY_FIELDS.join(', ')} FROM __new_keys) GROUP BY class_key HAVING count(*) > 1 LIMIT 1`;

/** Class keys the current classifier has not seen. */
export const pendingKeysSql = `SELECT count(*) AS n FROM class_keys WHERE classifier_version IS DISTINCT FROM ${lit(CLASSIFIER_VERSION)}`;

/**
 * Classify the class keys the current classifier has not seen. The class expression is large; it is
 * written once (the second statement reads the stored class), since planning it is what costs here.
 */
export function classifyKeysSql(): string[] {
  const c = classifySql();
  const pending = `classifier_version IS DISTINCT FROM ${lit(CLASSIFIER_VERSION)}`;
  return [
    `UPDATE class_keys AS t SET instance_type = ${instanceTypeSql()} WHERE ${pending}`,
    `UPDATE class_keys AS t SET
       usage_class = ${c.usage_class}, class_reason = ${c.class_reason},
       amount_unit = ${c.amount_unit}, amount_factor = ${c.amount_factor}, per_month = ${c.per_month}
     WHERE ${pending}`,
    `UPDATE class_keys AS t SET
       gpu_model = CASE WHEN t.usage_class = 'gpu' THEN ${c.gpu_model} END,
       storage_media = CASE WHEN t.usage_class = 'storage' THEN ${c.storage_media} END,
       storage_service = CASE WHEN t.usage_class = 'storage' THEN ${c.storage_service} END,
       classifier_version = ${lit(CLASSIFIER_VERSION)}
     WHERE ${pending}`,
  ];
}

/**
 * The SELECT that maps one file's rows in a single streaming pass: canonical fields, per-cell type
 * checks (a row that fails names its column and value), and the keys of its kind of charge and tags.
 * `reader` must yield `__rn`, the data-row number, or 0 when rows are numbered afterwards.
 */
export function usageRowsSql(mapping: SourceMapping, reader: string): string {
  const f = mapping.fields;
  const checks: Array<{ name: string; field: TypedField; kind: Kind }> = [
    { name: 'period_start', field: f.period_start, kind: 'timestamp' },
    { name: 'period_end', field: f.period_end, kind: 'timestamp' },
    { name: 'quantity', field: f.quantity, kind: 'number' },
    { name: 'billed_cost', field: f.billed_cost, kind: 'number' },
    { name: 'effective_cost', field: f.effective_cost, kind: 'number' },
  ];
  const failures: Array<{ when: string; column: string; reason: string; value: string }> = [];
  for (const c of checks) {
    if (c.field.required) failures.push({ when: `c.__raw_${c.name} IS NULL`, column: c.field.column, reason: `missing value; ${EXPECT[c.kind]}`, value: 'NULL' });
    failures.push({ when: `c.__raw_${c.name} IS NOT NULL AND c.${c.name} IS NULL`, column: c.field.column, reason: EXPECT[c.kind], value: `left(CAST(c.__raw_${c.name} AS VARCHAR), 200)` });
  }
  const chain = (pick: 'column' | 'reason' | 'value'): string =>
    `CASE ${failures.map((x) => `WHEN ${x.when} THEN ${pick === 'value' ? x.value : lit(x[pick])}`).join(' ')} ELSE NULL END`;
  const columns = [
    ...ROW_FIELDS.map((k) => `${f[k]} AS ${k}`),
    ...checks.map((c) => `${c.field.sql} AS __raw_${c.name}`),
    ...checks.map((c) => `${typed(c.field, c.kind)} AS ${c.name}`),
    `${classKeySql(f)} AS class_key`,
    `${tagsKeySql(f)} AS tags_key`,
    `${typed(f.billing_period, 'timestamp')} AS __billing_period`,
    `${typed(f.blended_cost, 'number')} AS blended_cost`,
  ];
  return `
WITH c AS (SELECT __rn, ${columns.join(',\n  ')} FROM ${reader}),
t AS (SELECT c.* EXCLUDE (${checks.map((x) => `__raw_${x.name}`).join(', ')}), ${chain('column')} AS reject_column, ${chain('reason')} AS reject_reason, ${chain('value')} AS reject_value FROM c)
SELECT $file_id AS file_id, t.__rn AS row_no, CASE WHEN t.reject_column IS NULL THEN 'ok' ELSE 'rejected' END AS status,
  t.* EXCLUDE (__rn, class_key, tags_key, __billing_period),
  CAST(COALESCE(t.__billing_period, date_trunc('month', t.period_start)) AS DATE) AS billing_period,
  CASE WHEN t.reject_column IS NULL THEN t.class_key END AS class_key,
  CASE WHEN t.reject_column IS NULL THEN t.tags_key END AS tags_key
FROM t`;
}
