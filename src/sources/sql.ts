import { GreenopsError } from '../core/errors.js';
import type { ColumnInfo, TypedField } from './types.js';

/** Quote an identifier for DuckDB SQL. Column names come from files: always quote them. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quote a string literal. Only for our own constants; user values go in as parameters. */
export { text as lit } from '../core/sql.js';

/**
 * Column lookup over a file's header, tolerant of case and of the separators different exports use
 * (`lineItem/UsageType`, `line_item_usage_type`, `LineItemUsageType` all match each other).
 */
export class Columns {
  private readonly byKey = new Map<string, ColumnInfo>();

  constructor(readonly list: readonly ColumnInfo[]) {
    for (const c of list) {
      const key = Columns.key(c.name);
      if (!this.byKey.has(key)) this.byKey.set(key, c);
    }
  }

  static key(name: string): string {
    return name.toLowerCase().replace(/[^a-z0-9]/g, '');
  }

  find(...names: string[]): ColumnInfo | undefined {
    for (const n of names) {
      const c = this.byKey.get(Columns.key(n));
      if (c) return c;
    }
    return undefined;
  }

  has(...names: string[]): boolean {
    return this.find(...names) !== undefined;
  }

  /** Text of the first present column, trimmed, empty → NULL; NULL if none is present. */
  text(...names: string[]): string {
    const c = this.find(...names);
    if (!c) return 'NULL';
    const v = c.type === 'VARCHAR' ? ident(c.name) : `CAST(${ident(c.name)} AS VARCHAR)`;
    return `NULLIF(trim(${v}), '')`;
  }

  /** Raw value of the first present column (any type), or NULL. */
  raw(...names: string[]): string {
    const c = this.find(...names);
    return c ? ident(c.name) : 'NULL';
  }

  /** A typed canonical field from the first present column: its raw value, name and DuckDB type. */
  typed(required: boolean, ...names: string[]): TypedField {
    const c = this.find(...names);
    return { sql: c ? ident(c.name) : 'NULL', column: c?.name ?? names[0] ?? '', required, ...(c ? { type: c.type } : {}) };
  }

  /** Name of the first present column, for messages. */
  nameOf(...names: string[]): string {
    return this.find(...names)?.name ?? names[0] ?? '';
  }

  /** Names (as expected) that are not present. */
  missing(names: readonly string[]): string[] {
    return names.filter((n) => !this.has(n));
  }

  /** The closest present column to a missing one, to suggest a rename. */
  closest(name: string): string | undefined {
    const target = Columns.key(name);
    let best: { name: string; d: number } | undefined;
    for (const c of this.list) {
      const d = editDistance(target, Columns.key(c.name));
      if (d <= Math.max(2, Math.floor(target.length / 4)) && (!best || d < best.d)) best = { name: c.name, d };
    }
    return best?.name;
  }
}

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** Throw one clear error listing every required column that is missing, with rename suggestions. */
export function requireColumns(cols: Columns, groups: ReadonlyArray<readonly string[]>, file: string, format: string): void {
  const missing = groups.filter((alternatives) => !cols.has(...alternatives)).map((alternatives) => alternatives[0] ?? '');
  if (missing.length === 0) return;
  const hints = missing.map((m) => {
    const near = cols.closest(m);
    return near ? `${m} (found ${JSON.stringify(near)}: renamed?)` : m;
  });
  throw new GreenopsError(
    'E_INPUT_COLUMN_MISSING',
    `${file}: not a valid ${format} file: missing required column${missing.length > 1 ? 's' : ''} ${hints.join(', ')}`,
    { data: { file, column: missing[0], expected: `${format} columns ${missing.join(', ')}` } },
  );
}

/** Whether tags text is there but unreadable: not JSON, or JSON but not an object. Such tags are read as none. */
export function unreadableTagsSql(expr: string): string {
  return `(${expr} IS NOT NULL AND json_type(TRY_CAST(${expr} AS JSON)) IS DISTINCT FROM 'OBJECT')`;
}

/**
 * Tags as MAP(VARCHAR, VARCHAR) with keys lower-cased and trimmed (bills disagree on case and some
 * carry stray spaces, e.g. " org"), from a JSON object column. Anything else yields an empty map: the
 * store counts such rows and warns of them (`unreadableTagsSql`).
 */
export function tagsFromJson(expr: string): string {
  const j = `TRY_CAST(${expr} AS JSON)`;
  return `CASE WHEN ${expr} IS NULL OR ${unreadableTagsSql(expr)} THEN MAP {} ELSE map_from_entries(list_transform(list_distinct(list_transform(json_keys(${j}), k -> lower(trim(k)))), k -> {key: k, value: ${j}->>(list_filter(json_keys(${j}), o -> lower(trim(o)) = k)[1])})) END`;
}
