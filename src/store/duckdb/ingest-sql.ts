import { CLASSIFIER_VERSION, classifyInputsSql, classifySql, instanceTypeSql } from '../../sources/classify.js';
import type { CanonicalFields, SourceMapping } from '../../sources/types.js';
import { ident, lit, tagsFromJson } from '../../sources/sql.js';
import { cellFailures, typedSql, withinYearsSql, type Check } from './cells-sql.js';

/** Columns of `class_keys` that describe a kind of charge, and the canonical field each comes from. */
const KEY_FIELDS = [
  'provider', 'region', 'service', 'service_code', 'service_category', 'charge_category', 'charge_description',
  'usage_type', 'unit', 'resource_type', 'instance_type_hint', 'vcpus', 'billed_region',
] as const satisfies ReadonlyArray<keyof CanonicalFields>;

/** Stored per row in `usage`. */
const ROW_FIELDS = [
  'provider', 'billing_account', 'sub_account', 'region', 'service', 'service_category', 'resource_id', 'charge_category', 'currency',
] as const satisfies ReadonlyArray<keyof CanonicalFields>;

/** New class keys and tag sets (of `__kinds`, `__tagsets`) into their tables. */
export const storeKeysSql = [
  `INSERT INTO class_keys BY NAME
   SELECT DISTINCT class_key, ${KEY_FIELDS.join(', ')} FROM __kinds WHERE class_key NOT IN (SELECT class_key FROM class_keys)`,
  `INSERT INTO tag_sets BY NAME
   SELECT DISTINCT tags_key, tags_raw AS raw FROM __tagsets WHERE tags_key NOT IN (SELECT tags_key FROM tag_sets)`,
  `UPDATE tag_sets SET tags = ${tagsFromJson('raw')} WHERE tags IS NULL`,
];

/** A 64-bit hash names each kind of charge; two different kinds with one hash would be merged, so refuse. */
export const keyCollisionSql = `SELECT class_key FROM (SELECT DISTINCT class_key, ${KEY_FIELDS.join(', ')} FROM __kinds) GROUP BY class_key HAVING count(*) > 1 LIMIT 1`;

/** Class keys the current classifier has not seen. */
export const pendingKeysSql = `SELECT count(*) AS n FROM class_keys WHERE classifier_version IS DISTINCT FROM ${lit(CLASSIFIER_VERSION)}`;

/**
 * Classify the class keys the current classifier has not seen: their instance type, then the helper
 * columns (texts and predicates, once per key), then the class and what depends on it.
 */
export function classifyKeysSql(): string[] {
  const c = classifySql();
  const pending = `classifier_version IS DISTINCT FROM ${lit(CLASSIFIER_VERSION)}`;
  return [
    `UPDATE class_keys AS t SET instance_type = ${instanceTypeSql()} WHERE ${pending}`,
    `CREATE OR REPLACE TEMP TABLE __cls AS ${classifyInputsSql(`(SELECT * FROM class_keys WHERE ${pending})`)}`,
    `UPDATE class_keys AS k SET
       usage_class = ${c.usage_class}, class_reason = ${c.class_reason},
       amount_unit = ${c.amount_unit}, amount_factor = ${c.amount_factor}, per_month = ${c.per_month}
     FROM __cls AS t WHERE k.class_key = t.class_key`,
    `UPDATE class_keys AS k SET
       gpu_model = CASE WHEN k.usage_class = 'gpu' THEN ${c.gpu_model} END,
       storage_media = CASE WHEN k.usage_class = 'storage' THEN ${c.storage_media} END,
       storage_service = CASE WHEN k.usage_class = 'storage' THEN ${c.storage_service} END,
       classifier_version = ${lit(CLASSIFIER_VERSION)}
     FROM __cls AS t WHERE k.class_key = t.class_key`,
    'DROP TABLE __cls',
  ];
}

/** Stored per row and not part of the kind of charge. */
const ROW_ONLY_FIELDS = ROW_FIELDS.filter((k) => !(KEY_FIELDS as readonly string[]).includes(k));

/** The file's columns that the stored fields read, by what they describe. */
export interface StoredColumns {
  /** Read by the fields of the kind of charge (`class_keys`). */
  readonly kind: readonly string[];
  /** Read by the tags. */
  readonly tags: readonly string[];
  /** Read by the other descriptive fields (account, resource, currency). */
  readonly row: readonly string[];
  /** Everything read, typed columns included. */
  readonly all: readonly string[];
}

export function storedColumns(columnNames: readonly string[], mapping: SourceMapping): StoredColumns {
  const f = mapping.fields;
  const reads = (sql: string): string[] => columnNames.filter((name) => sql.includes(ident(name)));
  const kind = reads(KEY_FIELDS.map((k) => f[k]).join('\n'));
  const tags = reads(f.tags_json);
  const row = reads(ROW_ONLY_FIELDS.map((k) => f[k]).join('\n'));
  const typedCols = reads(TYPED_FIELDS.map((k) => f[k].sql).join('\n'));
  const all = columnNames.filter((n) => kind.includes(n) || tags.includes(n) || row.includes(n) || typedCols.includes(n));
  return { kind, tags, row, all };
}

/** Equality of raw columns `cols` between `a` and the numbered copies (`__c0`, …) in `b`, NULLs equal. */
function sameRaw(cols: readonly string[], a: string, b: string): string {
  return cols.length ? cols.map((c, i) => `${a}.${ident(c)} IS NOT DISTINCT FROM ${b}.__c${i}`).join(' AND ') : 'true';
}

/**
 * The distinct kinds of charge (`__kinds`) and tag sets (`__tagsets`) among the groups, with the
 * mapping's expressions evaluated once per distinct combination of the raw columns they read: a few
 * hundred, whatever the file's size. Raw columns are kept under numbered names for the join back.
 */
export function distinctKeysSql(mapping: SourceMapping, used: StoredColumns): string[] {
  const f = mapping.fields;
  const numbered = (cols: readonly string[]): string => cols.map((c, i) => `${ident(c)} AS __c${i}`).join(', ');
  const distinct = (cols: readonly string[]): string => (cols.length ? `SELECT DISTINCT ${cols.map(ident).join(', ')} FROM __groups` : 'SELECT 1');
  return [
    `CREATE OR REPLACE TEMP TABLE __kinds AS
SELECT * EXCLUDE (${KEY_FIELDS.map((k) => `__f_${k}`).join(', ')}), hash(${KEY_FIELDS.map((k) => `__f_${k}`).join(', ')}) AS class_key,
  ${KEY_FIELDS.map((k) => `__f_${k} AS ${k}`).join(', ')}
FROM (SELECT ${[numbered(used.kind), ...KEY_FIELDS.map((k) => `${f[k]} AS __f_${k}`)].filter(Boolean).join(', ')} FROM (${distinct(used.kind)}))`,
    `CREATE OR REPLACE TEMP TABLE __tagsets AS
SELECT *, hash(tags_raw) AS tags_key
FROM (SELECT ${[numbered(used.tags), `${f.tags_json} AS tags_raw`].filter(Boolean).join(', ')} FROM (${distinct(used.tags)}))`,
  ];
}

const TYPED_FIELDS = ['period_start', 'period_end', 'quantity', 'billed_cost', 'effective_cost', 'billing_period', 'blended_cost'] as const satisfies ReadonlyArray<keyof CanonicalFields>;

/**
 * Pass 1, over the file's rows (once; a file with bad cells twice): type-check every cell (a row that
 * fails names its column and value and is kept on its own) and sum the accepted rows per day and kind
 * of charge, resource, account, tags and billing period, the finest grain any footprint is reported
 * at. Every formula of every methodology is linear in the amount and the cost, so a group's footprint
 * is the sum of its lines' footprints; hourly exports shrink about 24-fold. The descriptive columns are
 * kept raw (the mapping's expressions run once per group afterwards, in `usageRowsSql`), and each group
 * keeps how many lines it holds. `reader` yields `__rn`, the data-row number, or NULL (a first,
 * unnumbered read: numbering a CSV file serialises its read). That first pass only marks a rejected
 * row with its column (its reason, value and number are NULL, outside the grouping: three fewer keys
 * to hash per row); its groups are discarded and the file read again, numbered, with
 * `only = 'rejected'`, which names each rejected row's number, reason and value.
 */
export function groupRowsSql(mapping: SourceMapping, reader: string, descriptive: readonly string[], only: 'all' | 'rejected' = 'all'): string {
  const f = mapping.fields;
  const checks: Check[] = [
    { name: 'period_start', field: f.period_start, kind: 'timestamp' },
    { name: 'period_end', field: f.period_end, kind: 'timestamp' },
    { name: 'quantity', field: f.quantity, kind: 'number' },
    { name: 'billed_cost', field: f.billed_cost, kind: 'number' },
    { name: 'effective_cost', field: f.effective_cost, kind: 'number' },
  ];
  const failures = cellFailures(checks);
  const chain = (pick: 'column' | 'reason' | 'value'): string =>
    `CASE ${failures.map((x) => `WHEN ${x.when} THEN ${pick === 'value' ? x.value : lit(x[pick])}`).join(' ')} ELSE NULL END`;
  const keys = descriptive.map(ident);
  const rejected = only === 'rejected';
  const columns = [
    ...keys,
    ...checks.map((c) => `${c.field.sql} AS __raw_${c.name}`),
    ...checks.map((c) => `${typedSql(c.field, c.kind)} AS __${c.name}`),
    // a billing period that does not parse, or is out of range, is the month of the charge (below)
    `${withinYearsSql(typedSql(f.billing_period, 'timestamp'))} AS __billing_period`,
    `${typedSql(f.blended_cost, 'number')} AS __blended_cost`,
  ];
  const grouped = `WITH c AS (SELECT __rn, ${columns.join(',\n  ')} FROM ${reader}),
t AS (SELECT c.__rn, ${[...keys, ...checks.map((x) => `c.__${x.name}`), 'c.__billing_period', 'c.__blended_cost'].join(', ')},
  ${[`${chain('column')} AS __reject_column`, ...(rejected ? [`${chain('reason')} AS __reject_reason`, `${chain('value')} AS __reject_value`] : [])].join(',\n  ')} FROM c)
SELECT ${[...keys,
    '__reject_column',
    // a rejected row stays on its own, with its number
    ...(rejected ? ['__reject_reason', '__reject_value', '__rn AS __row_no'] : []),
    "date_trunc('day', __period_start) AS __day",
    "CAST(COALESCE(__billing_period, date_trunc('month', __period_start)) AS DATE) AS __billing_period",
    // lines with and without a blended cost are not summed together (the ccf profile falls back per line)
    '__blended_cost IS NULL AS __no_blended',
    // nor lines with and without a quantity (one without is priced from cost, see the footprint view)
    '__quantity IS NULL AS __no_quantity',
  ].join(', ')},
  count(*) AS __line_count,
  min(__period_start) AS __period_start, max(__period_end) AS __period_end,
  sum(__quantity) AS __quantity, sum(__billed_cost) AS __billed_cost, sum(__effective_cost) AS __effective_cost,
  sum(__blended_cost) AS __blended_cost, sum(greatest(__effective_cost, __billed_cost, 0)) AS __cost_basis
FROM t ${rejected ? 'WHERE __reject_column IS NOT NULL ' : ''}GROUP BY ALL`;
  return rejected ? grouped : `SELECT *, NULL::VARCHAR AS __reject_reason, NULL::VARCHAR AS __reject_value, NULL::BIGINT AS __row_no FROM (${grouped})`;
}

/** Pass 2, over the groups of pass 1 (small): canonical fields, and the keys of each group's kind of charge and tags. */
export function usageRowsSql(mapping: SourceMapping, used: StoredColumns): string {
  const f = mapping.fields;
  return `
WITH g AS (SELECT *, ${ROW_ONLY_FIELDS.map((k) => `${f[k]} AS __f_${k}`).join(', ')} FROM __groups)
SELECT $file_id AS file_id, g.__row_no AS row_no, CASE WHEN g.__reject_column IS NULL THEN 'ok' ELSE 'rejected' END AS status,
  g.__reject_column AS reject_column, g.__reject_reason AS reject_reason, g.__reject_value AS reject_value,
  ${ROW_FIELDS.map((k) => (ROW_ONLY_FIELDS.includes(k) ? `g.__f_${k} AS ${k}` : `k.${k}`)).join(', ')},
  g.__period_start AS period_start, g.__period_end AS period_end, g.__quantity AS quantity, g.__billed_cost AS billed_cost,
  g.__effective_cost AS effective_cost, g.__blended_cost AS blended_cost, g.__cost_basis AS cost_basis, g.__line_count AS line_count,
  g.__billing_period AS billing_period,
  CASE WHEN g.__reject_column IS NULL THEN k.class_key END AS class_key,
  CASE WHEN g.__reject_column IS NULL THEN t.tags_key END AS tags_key
FROM g JOIN __kinds k ON ${sameRaw(used.kind, 'g', 'k')} JOIN __tagsets t ON ${sameRaw(used.tags, 'g', 't')}`;
}
