import { classifySql } from '../../sources/classify.js';
import type { SourceMapping, TypedField } from '../../sources/types.js';
import { lit } from '../../sources/sql.js';

type Kind = 'timestamp' | 'number';

interface Check {
  readonly name: string;
  readonly field: TypedField;
  readonly kind: Kind;
}

const EXPECT: Record<Kind, string> = {
  timestamp: 'expected an ISO 8601 date-time',
  number: 'expected a number',
};

function typed(field: TypedField, kind: Kind): string {
  const text = `CAST(${field.sql} AS VARCHAR)`;
  return kind === 'timestamp' ? `CAST(TRY_CAST(${text} AS TIMESTAMPTZ) AS TIMESTAMP)` : `TRY_CAST(${text} AS DOUBLE)`;
}

/**
 * The INSERT that maps one file's raw rows to canonical usage rows in a single streaming pass:
 * canonical fields → per-cell type checks (a row that fails names its column and value) → classes.
 */
export function insertUsageSql(mapping: SourceMapping, reader: string): string {
  const f = mapping.fields;
  const checks: Check[] = [
    { name: 'period_start', field: f.period_start, kind: 'timestamp' },
    { name: 'period_end', field: f.period_end, kind: 'timestamp' },
    { name: 'quantity', field: f.quantity, kind: 'number' },
    { name: 'billed_cost', field: f.billed_cost, kind: 'number' },
    { name: 'effective_cost', field: f.effective_cost, kind: 'number' },
  ];
  const plain = Object.entries(f)
    .filter(([, v]) => typeof v === 'string')
    .map(([k, v]) => `${v as string} AS ${k}`);
  const raws = checks.map((c) => `${c.field.sql} AS __raw_${c.name}`);
  const casts = checks.map((c) => `${typed(c.field, c.kind)} AS ${c.name}`);
  const failures: Array<{ when: string; column: string; reason: string; value: string }> = [];
  for (const c of checks) {
    if (c.field.required) failures.push({ when: `c.__raw_${c.name} IS NULL`, column: c.field.column, reason: `missing value; ${EXPECT[c.kind]}`, value: 'NULL' });
    failures.push({ when: `c.__raw_${c.name} IS NOT NULL AND c.${c.name} IS NULL`, column: c.field.column, reason: EXPECT[c.kind], value: `left(CAST(c.__raw_${c.name} AS VARCHAR), 200)` });
  }
  const chain = (pick: 'column' | 'reason' | 'value'): string =>
    `CASE ${failures.map((x) => `WHEN ${x.when} THEN ${pick === 'value' ? x.value : lit(x[pick])}`).join(' ')} ELSE NULL END`;
  const cls = classifySql();
  const whenOk = (expr: string): string => `CASE WHEN t.reject_column IS NULL THEN ${expr} ELSE NULL END`;
  return `
INSERT INTO usage BY NAME
WITH raw AS (SELECT * FROM ${reader}),
c AS (SELECT __rn, ${[...plain, ...raws, ...casts].join(',\n  ')} FROM raw),
t AS (SELECT c.* EXCLUDE (${checks.map((x) => `__raw_${x.name}`).join(', ')}), ${chain('column')} AS reject_column, ${chain('reason')} AS reject_reason, ${chain('value')} AS reject_value FROM c)
SELECT
  $file_id AS file_id,
  t.__rn AS row_no,
  CASE WHEN t.reject_column IS NULL THEN 'ok' ELSE 'rejected' END AS status,
  t.* EXCLUDE (__rn),
  ${whenOk(cls.usage_class)} AS usage_class,
  ${whenOk(cls.class_reason)} AS class_reason,
  ${whenOk(`CASE WHEN (${cls.usage_class}) = 'gpu' THEN ${cls.gpu_model} END`)} AS gpu_model,
  ${whenOk(`CASE WHEN (${cls.usage_class}) = 'storage' THEN ${cls.storage_media} END`)} AS storage_media,
  ${whenOk(`CASE WHEN (${cls.usage_class}) = 'storage' THEN ${cls.storage_service} END`)} AS storage_service,
  ${whenOk(cls.amount)} AS amount,
  ${whenOk(cls.amount_unit)} AS amount_unit
FROM t`;
}
