/**
 * Rendering result rows for people (aligned tables) and machines (CSV, JSON). Column names carry
 * their unit (`energy_kwh`, `co2e_kg`); tables print them as headers with the unit spelled out.
 */
export type OutputFormat = 'table' | 'csv' | 'json';
export type Row = Record<string, unknown>;

// Longest suffix first: `_g_per_kwh` must not be read as `_kwh`.
const UNIT_SUFFIXES: ReadonlyArray<[RegExp, string]> = [
  [/_g_per_kwh$/, ' (gCO2e/kWh)'],
  [/_kwh$/, ' (kWh)'],
  [/_kg$/, ' (kgCO2e)'],
  [/_g$/, ' (gCO2e)'],
  [/_s$/, ' (s)'],
  [/_share$/, ' (%)'],
  [/^cost$/, 'cost (billing currency)'],
];

export function header(name: string): string {
  for (const [re, unit] of UNIT_SUFFIXES) if (re.test(name)) return `${name.replace(re, '').replace(/_/g, ' ')}${unit}`;
  return name.replace(/_/g, ' ');
}

export function formatNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1000) return v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (a >= 1) return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return v.toPrecision(3);
}

// Numbers that name rather than measure (a year, an id, a row or file number) print as written: 2023, not 2,023.
const LABEL_COLUMNS = /^(year|id|file|row)$|_(year|id)$/;

/**
 * Text as a table can show it: a control character (a newline in a tag value, a terminal escape)
 * would break the table's lines or drive the terminal, so each C0 control and DEL is shown as its
 * Unicode control picture (␊, ␉, ␛, ␡) and a C1 control as �.
 */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

function cell(v: unknown, column = ''): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return LABEL_COLUMNS.test(column) ? String(v) : formatNumber(v);
  if (Array.isArray(v)) return printable(v.join(', '));
  if (v instanceof Date) return v.toISOString();
  return printable(String(v));
}

/**
 * Fold `x`, `x_low`, `x_high` into one column "x [low–high]" for tables, so every estimate is shown
 * with its interval.
 */
export function foldIntervals(rows: readonly Row[]): Row[] {
  return rows.map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) {
      if (/_(low|high)$/.test(k) && `${k.replace(/_(low|high)$/, '')}` in r) continue;
      const lo = r[`${k}_low`];
      const hi = r[`${k}_high`];
      out[k] = typeof v === 'number' && typeof lo === 'number' && typeof hi === 'number' ? `${formatNumber(v)} [${formatNumber(lo)}–${formatNumber(hi)}]` : v;
    }
    return out;
  });
}

export function renderTable(rows: readonly Row[], shares: readonly string[] = []): string {
  if (rows.length === 0) return '(no rows)';
  const cols = Object.keys(rows[0] ?? {});
  const body = rows.map((r) => cols.map((c) => (shares.includes(c) && typeof r[c] === 'number' ? `${((r[c] as number) * 100).toFixed(1)}` : cell(r[c], c))));
  const heads = cols.map(header);
  const widths = cols.map((_, i) => Math.max(heads[i]?.length ?? 0, ...body.map((b) => b[i]?.length ?? 0)));
  const numeric = cols.map((c) => rows.every((r) => typeof r[c] === 'number' || r[c] === null || (typeof r[c] === 'string' && /^[\d,.]+ \[/.test(r[c] as string))));
  const line = (cells: readonly string[]): string => cells.map((s, i) => (numeric[i] ? s.padStart(widths[i] ?? 0) : s.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(heads), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

// A text cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  const text = Array.isArray(v) ? v.join(';') : v instanceof Date ? v.toISOString() : String(v);
  // OWASP's defence: a leading single quote, so the cell stays text. Numbers are never text, so -3 stays -3.
  const s = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a header row; with no rows, the header alone when `columns` says what it would be. */
export function renderCsv(rows: readonly Row[], columns?: readonly string[]): string {
  const first = rows[0];
  if (!first) return columns ? columns.join(',') : '';
  const cols = Object.keys(first);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c])).join(','))].join('\n');
}

export function render(rows: readonly Row[], format: OutputFormat, options: { shares?: readonly string[]; columns?: readonly string[] } = {}): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  if (format === 'csv') return renderCsv(rows, options.columns);
  return renderTable(foldIntervals(rows), options.shares);
}
