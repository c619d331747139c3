/**
 * Grid signals from a local file: Electricity Maps hourly exports, EIA-930 derived hourly files, or a
 * plain `time,zone,gco2e_per_kwh` CSV / JSON array. The layout is recognised from the header.
 *
 * Times: Electricity Maps' `Datetime (UTC)` is the start of the hour in UTC. EIA timestamps carry an
 * explicit `+00:00` (UTC, so no daylight-saving gap or repeat: 8,760 distinct hours in 2022) and, as
 * EIA-930 publishes them, label the END of the hour ("UTC time at end of hour"): the interval is
 * [t − 1 h, t). The solar profiles agree: CAISO and ERCOT solar output is centred on local solar noon
 * only when read as hour-ending. `eiaLabel: 'hour-beginning'` reads them as starts instead. Plain
 * files must give `Z` or an offset. Empty values are gaps, counted in `source`, never filled.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { GreenopsError, quote } from '../../core/errors.js';
import { zoneForRegion, zoneId } from '../../factors/zones.js';
import { checkQuery, clipPoints, throwIfAborted } from '../series.js';
import { isoZ, MINUTE_MS } from '../time.js';
import type { IntensityPoint, IntensityProvider } from '../types.js';
import type { FileRow, ParsedFile } from './_cells.js';

export type { FileRow, ParsedFile } from './_cells.js';
import { parseCsv } from './csv.js';
import { parseJsonFile } from './_json.js';
import { csvLayouts, type LayoutContext } from './_layouts.js';

/** Larger files belong in the store, read by DuckDB. */
const MAX_BYTES = 64 * 1024 * 1024;

export interface FileOptions {
  readonly path: string;
  /** Zone of a file whose rows do not name one (EIA); default: from the file name (`CISO_…` → US-CAL-CISO). */
  readonly zone?: string;
  /** Which Electricity Maps column to read. Default `lifecycle`, as the Electricity Maps API. */
  readonly emissionFactor?: 'lifecycle' | 'direct';
  /** Default `hour-ending` (EIA-930's convention). */
  readonly eiaLabel?: 'hour-ending' | 'hour-beginning';
  readonly now?: () => Date;
}

/**
 * Every row of a grid file, layout detected, checked for bad cells and duplicate intervals.
 *
 * @example (await readGridFile('GB_2024_hourly.csv')).rows.length // 8784
 */
export async function readGridFile(path: string, options: Omit<FileOptions, 'path'> = {}): Promise<ParsedFile> {
  const file = basename(path);
  const text = await readText(path, file);
  const ctx: LayoutContext = {
    file,
    ...(options.zone === undefined ? {} : { zone: options.zone }),
    emissionFactor: options.emissionFactor ?? 'lifecycle',
    eiaLabel: options.eiaLabel ?? 'hour-ending',
  };
  const parsed = extname(path).toLowerCase() === '.json' || text.trimStart().startsWith('[') ? parseJsonFile(text, file) : readCsv(text, ctx);
  const seen = new Map<string, number>();
  for (const r of parsed.rows) {
    const key = `${r.zone.toUpperCase()} ${r.start}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new GreenopsError('E_INPUT_VALUE', `${file}:${r.line}: a second value for ${r.zone} at ${isoZ(r.start)} (first on line ${first})`, {
        data: { file, row: r.line, expected: 'one row per zone and interval', found: `duplicate of line ${first}` },
      });
    }
    seen.set(key, r.line);
  }
  return parsed;
}

function readCsv(text: string, ctx: LayoutContext): ParsedFile {
  const [header, ...records] = parseCsv(text, ctx.file);
  if (header === undefined) throw new GreenopsError('E_INPUT_FILE_EMPTY', `${ctx.file} has no header`, { data: { file: ctx.file } });
  const layout = csvLayouts.find((l) => l.matches(header.fields));
  if (layout === undefined) {
    throw new GreenopsError('E_INPUT_FORMAT_UNKNOWN', `${ctx.file}: not a grid file layout greenops knows; header is ${quote(header.fields.join(','), 200)}`, {
      data: { file: ctx.file, row: 1, expected: 'an Electricity Maps hourly export, an EIA file (timestamp,…,avg_CI), or time,zone,gco2e_per_kwh' },
    });
  }
  return layout.read(records, header.fields, ctx);
}

async function readText(path: string, file: string): Promise<string> {
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new GreenopsError('E_INPUT_FILE_UNREADABLE', `${file} is not a file`, { data: { file } });
    if (st.size > MAX_BYTES) throw new GreenopsError('E_INPUT_FILE_UNREADABLE', `${file} is larger than 64 MiB; load it into the store instead`, { data: { file } });
    const text = await readFile(path, 'utf8');
    if (text.trim() === '') throw new GreenopsError('E_INPUT_FILE_EMPTY', `${file} is empty`, { data: { file } });
    return text;
  } catch (e) {
    if (e instanceof GreenopsError) throw e;
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT') throw new GreenopsError('E_INPUT_FILE_MISSING', `${path} does not exist`, { data: { file: path }, cause: e });
    throw new GreenopsError('E_INPUT_FILE_UNREADABLE', `cannot read ${path} (${String(code ?? e)})`, { data: { file: path }, cause: e });
  }
}

/**
 * Points of one zone, durations filled in from the rows' spacing where the file does not give them;
 * `E_INPUT_VALUE` when two intervals overlap.
 *
 * @example pointsOf((await readGridFile(path)).rows, 'DE', 'de.csv')
 */
export function pointsOf(rows: readonly FileRow[], zone: string, file: string): IntensityPoint[] {
  const mine = rows.filter((r) => r.zone.toUpperCase() === zone.toUpperCase()).sort((a, b) => a.start - b.start);
  const steps = mine.slice(1).map((r, i) => (r.start - mine[i]!.start) / MINUTE_MS);
  const inferred = steps.length === 0 ? 60 : Math.min(...steps);
  return mine.map((r, i) => {
    const durationMinutes = r.durationMinutes ?? inferred;
    const next = mine[i + 1];
    if (next !== undefined && r.start + durationMinutes * MINUTE_MS > next.start) {
      throw new GreenopsError('E_INPUT_VALUE', `${file}:${next.line}: interval at ${isoZ(next.start)} overlaps the ${durationMinutes}-minute one on line ${r.line}`, {
        data: { file, row: next.line, expected: 'intervals that do not overlap' },
      });
    }
    return { start: isoZ(r.start), durationMinutes, gCO2ePerKWh: r.g, kind: r.kind, signal: r.signal, estimated: r.estimated };
  });
}

/**
 * @example
 * const p = fileProvider({ path: 'data/DE-LU_2024_hourly.csv' });
 * const s = await p.series({ zone: 'DE', from: new Date('2024-03-31T00:00Z'), to: new Date('2024-04-01T00:00Z') });
 */
export function fileProvider(options: FileOptions): IntensityProvider {
  const now = options.now ?? (() => new Date());
  let memo: { key: string; parsed: ParsedFile } | undefined;
  const load = async (): Promise<ParsedFile> => {
    const st = await stat(options.path).catch(() => undefined);
    const key = st === undefined ? '' : `${st.mtimeMs}:${st.size}`;
    if (memo !== undefined && memo.key === key && key !== '') return memo.parsed;
    const parsed = await readGridFile(options.path, options);
    memo = { key, parsed };
    return parsed;
  };
  return {
    id: 'file',
    async series(query, opts) {
      throwIfAborted(opts?.signal, 'file');
      const { from, to } = checkQuery(query);
      const parsed = await load();
      const file = basename(options.path);
      const zone = zoneId(query.zone) ?? zoneForRegion(query.zone) ?? query.zone.trim();
      const all = pointsOf(parsed.rows, zone, file);
      if (all.length === 0) {
        const zones = [...new Set(parsed.rows.map((r) => r.zone))].slice(0, 10);
        throw new GreenopsError('E_ZONE_UNKNOWN', `${file} has no rows for zone ${quote(zone)}; it has ${zones.join(', ') || 'no rows with a value'}`, {
          data: { file, found: zone, expected: zones.join(', ') },
        });
      }
      const gaps = parsed.emptyLines.length === 0 ? '' : `; ${parsed.emptyLines.length} rows without a value left as gaps (first on line ${parsed.emptyLines[0]})`;
      return {
        zone: zoneId(zone) ?? zone,
        points: clipPoints(all, from, to),
        provider: 'file',
        fetchedAt: isoZ(now().getTime()),
        source: `${parsed.description}: ${file}${gaps}`,
      };
    },
  };
}
