/**
 * CodeCarbon interoperability: read CodeCarbon's `emissions.csv` (any version from 1.x to 3.x) as
 * greenops runs, and write runs back in CodeCarbon's layout (codecarbon-export.ts).
 *
 * Facts from CodeCarbon's code (mlco2/codecarbon) this relies on:
 * - `timestamp` is `datetime.now().strftime("%Y-%m-%dT%H:%M:%S")` when the row is written, i.e. the
 *   end of the measured span, in the machine's local time with no zone (emissions_tracker.py,
 *   `_prepare_emissions_data`). It is read as UTC unless an offset is given.
 * - every row holds cumulative totals since `start()`; `flush()` appends another row with the same
 *   `run_id` (output_methods/file.py, `on_csv_write="append"`), so the last row of a run is the run.
 * - `energy_consumed` and each of `cpu_energy`, `gpu_energy`, `ram_energy` already include the PUE
 *   (`energy *= self._pue` in `_do_measurements`); `emissions` (kg) = `energy_consumed` × intensity.
 * - older files lack columns: those before 3.x's water and utilisation columns have no
 *   `water_consumed`, `*_utilization_percent`, `ram_used_gb` or `wue`; earlier ones also no
 *   `experiment_id`, `codecarbon_version` or `pue` (read as PUE 1); the first (2021) neither `run_id`
 *   nor energy by component. No version writes an `id` column.
 */
import { readFileSync } from 'node:fs';
import { GreenopsError, quote } from '../core/errors.js';
import { parseCsv } from '../intensity/file/csv.js';
import { codecarbonRun, type CodecarbonRun } from './codecarbon-row.js';

export { CODECARBON_COLUMNS } from './codecarbon-layout.js';
export { CODECARBON_DEFAULT_BAND, type CodecarbonRun } from './codecarbon-row.js';
export { codecarbonCsv, codecarbonRow, type ExportedRun } from './codecarbon-export.js';

export interface CodecarbonReadOptions {
  /** Minutes east of UTC of the machine that wrote the file; default 0 (UTC). */
  readonly utcOffsetMinutes?: number;
}

export interface CodecarbonFile {
  readonly file: string;
  /** One per run, in the order each run first appears. */
  readonly runs: readonly CodecarbonRun[];
  readonly rowsRead: number;
  /** Rows replaced by a later row of the same run_id: earlier flushes, whose totals the last row includes. */
  readonly earlierFlushes: number;
  /** The `codecarbon_version` values seen. */
  readonly versions: readonly string[];
}

const REQUIRED = ['timestamp', 'duration', 'emissions'] as const;
const COMPONENTS = ['cpu_energy', 'gpu_energy', 'ram_energy'] as const;

function missingColumns(columns: readonly string[]): string[] {
  const missing: string[] = REQUIRED.filter((c) => !columns.includes(c));
  if (!columns.includes('energy_consumed') && !COMPONENTS.every((c) => columns.includes(c))) missing.push('energy_consumed (or cpu_energy, gpu_energy and ram_energy)');
  return missing;
}

/**
 * Runs in the text of a CodeCarbon `emissions.csv`, the last row of each run_id kept. Throws
 * `E_INPUT_COLUMN_MISSING` or `E_INPUT_VALUE` naming the file, line and column of bad input.
 *
 * @example
 * const f = parseCodecarbonCsv(readFileSync('emissions.csv', 'utf8'), 'emissions.csv', { utcOffsetMinutes: 120 });
 * f.runs[0]?.summary.emissions.operationalG; // gCO2e
 */
export function parseCodecarbonCsv(text: string, file: string, options: CodecarbonReadOptions = {}): CodecarbonFile {
  const [head, ...records] = parseCsv(text, file);
  if (!head) throw new GreenopsError('E_INPUT_FILE_EMPTY', `${file}: empty file; expected CodeCarbon's emissions.csv with a header line`, { data: { file } });
  const columns = head.fields.map((c) => c.trim());
  if (columns.includes('task_name')) {
    throw new GreenopsError('E_INPUT_FORMAT_UNKNOWN', `${file}: a CodeCarbon task file (one row per task, not cumulative); import the run's emissions.csv instead`, { data: { file, column: 'task_name' } });
  }
  const missing = missingColumns(columns);
  if (missing.length > 0) {
    throw new GreenopsError('E_INPUT_COLUMN_MISSING', `${file}:${head.line}: not a CodeCarbon emissions file: missing column(s) ${missing.join(', ')}; expected at least timestamp, duration, emissions and energy_consumed`, {
      data: { file, row: head.line, column: missing.join(', '), expected: 'timestamp, duration, emissions, energy_consumed' },
    });
  }
  const byRun = new Map<string, CodecarbonRun>();
  const rowsOf = new Map<string, number>();
  const versions = new Set<string>();
  for (const rec of records) {
    if (rec.fields.length !== columns.length) {
      // pandas drops all-empty columns before appending a row (FileOutput.out, dropna): the cells shift.
      throw new GreenopsError('E_INPUT_VALUE', `${file}:${rec.line}: ${rec.fields.length} field(s) where the header has ${columns.length}; expected one cell per column`, {
        data: { file, row: rec.line, expected: `${columns.length} fields`, found: String(rec.fields.length) },
      });
    }
    const row = Object.fromEntries(columns.map((c, i) => [c, rec.fields[i] ?? '']));
    const run = codecarbonRun(row, columns, { file, line: rec.line }, options.utcOffsetMinutes ?? 0);
    const version = (row['codecarbon_version'] ?? '').trim();
    if (version) versions.add(version);
    byRun.delete(run.summary.runId);
    byRun.set(run.summary.runId, run);
    rowsOf.set(run.summary.runId, (rowsOf.get(run.summary.runId) ?? 0) + 1);
  }
  const runs = [...byRun.values()].sort((a, b) => a.line - b.line).map((r) => {
    const n = rowsOf.get(r.summary.runId) ?? 1;
    if (n === 1) return r;
    const note = `${n} rows of this run in the file (flushes): the last is kept, as CodeCarbon's rows are cumulative.`;
    return { ...r, summary: { ...r.summary, notes: [...r.summary.notes, note] } };
  });
  return { file, runs, rowsRead: records.length, earlierFlushes: records.length - runs.length, versions: [...versions] };
}

/**
 * `parseCodecarbonCsv` of a file on disk. Throws `E_INPUT_FILE_MISSING` when there is none.
 *
 * @example readCodecarbonFile('emissions.csv').runs.length
 */
export function readCodecarbonFile(path: string, options: CodecarbonReadOptions = {}): CodecarbonFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GreenopsError('E_INPUT_FILE_MISSING', `${path}: no such file`, { cause: e, data: { file: path } });
    throw new GreenopsError('E_INPUT_FILE_UNREADABLE', `${path}: cannot be read (${code ?? 'error'})`, { cause: e, data: { file: path } });
  }
  return parseCodecarbonCsv(text, path, options);
}

/**
 * Minutes east of UTC in `+02:00`, `-0530`, `+01`, `Z` or `UTC`. Throws `E_USAGE` naming the flag.
 *
 * @example parseUtcOffset('+02:00') // 120
 */
export function parseUtcOffset(value: string, flag = '--utc-offset'): number {
  const v = value.trim();
  if (/^(Z|UTC)$/i.test(v)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(v);
  const minutes = m ? Number(m[2]) * 60 + Number(m[3] ?? 0) : NaN;
  if (!m || Number(m[3] ?? 0) > 59 || minutes > 14 * 60) {
    throw new GreenopsError('E_USAGE', `${flag} ${quote(value)} is not valid; expected an offset from UTC such as +02:00, -05:00 or Z`, { data: { column: flag, expected: '±HH:MM', found: v.slice(0, 60) } });
  }
  return m[1] === '-' ? -minutes : minutes;
}
