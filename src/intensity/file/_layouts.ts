/**
 * The CSV layouts the file provider reads, each recognised by its header. Adding one is adding an
 * entry to `csvLayouts`; nothing else looks at layout names.
 */
import { GreenopsError, quote } from '../../core/errors.js';
import { zoneForBalancingAuthority } from '../../factors/zones.js';
import { HOUR_MS } from '../time.js';
import type { CsvRecord } from './csv.js';
import {
  type At, type FileRow, type ParsedFile, cellError,
  readBoolean, readInstant, readIntensity, readKind, readMinutes, readSignal,
} from './_cells.js';

export interface LayoutContext {
  /** The file's name, for messages. */
  readonly file: string;
  /** Zone for layouts without a zone column (EIA); otherwise inferred from the file name. */
  readonly zone?: string;
  /** Electricity Maps files carry both; the API's default, and so ours, is lifecycle. */
  readonly emissionFactor: 'lifecycle' | 'direct';
  /** What an EIA timestamp labels: the end of its hour (EIA-930's convention) or the start. */
  readonly eiaLabel: 'hour-ending' | 'hour-beginning';
}

export interface CsvLayout {
  readonly id: string;
  matches(header: readonly string[]): boolean;
  read(records: readonly CsvRecord[], header: readonly string[], ctx: LayoutContext): ParsedFile;
}

/** Header cells compared case-, space- and subscript-insensitively ('gCO₂eq' is 'gco2eq'). */
export const norm = (h: string): string => h.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Column indexes by name; `E_INPUT_COLUMN_MISSING` naming the first required one absent. */
function columns<K extends string>(header: readonly string[], file: string, want: Readonly<Record<K, RegExp>>, optional: readonly NoInfer<K>[] = []): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(want) as K[]) {
    const i = header.findIndex((h) => want[key].test(norm(h)));
    if (i < 0 && !optional.includes(key)) {
      throw new GreenopsError('E_INPUT_COLUMN_MISSING', `${file}: no column matching ${want[key].source}; header is ${quote(header.join(','), 200)}`, {
        data: { file, row: 1, column: key, expected: want[key].source },
      });
    }
    out[key] = i;
  }
  return out;
}

/** Cells of one record, checked for the header's width. */
function cells(rec: CsvRecord, width: number, file: string): (i: number) => string {
  if (rec.fields.length !== width) {
    throw new GreenopsError('E_INPUT_VALUE', `${file}:${rec.line}: expected ${width} fields as in the header, found ${rec.fields.length}`, {
      data: { file, row: rec.line, expected: `${width} fields`, found: String(rec.fields.length) },
    });
  }
  return (i) => (i < 0 ? '' : rec.fields[i]!);
}

function readRows(records: readonly CsvRecord[], header: readonly string[], ctx: LayoutContext,
  row: (cell: (i: number) => string, at: (column: string) => At) => Omit<FileRow, 'line' | 'g'> & { g: number | undefined }): { rows: FileRow[]; emptyLines: number[] } {
  const rows: FileRow[] = [];
  const emptyLines: number[] = [];
  for (const rec of records) {
    const cell = cells(rec, header.length, ctx.file);
    const r = row(cell, (column) => ({ file: ctx.file, line: rec.line, column }));
    if (r.g === undefined) emptyLines.push(rec.line);
    else rows.push({ ...r, g: r.g, line: rec.line });
  }
  return { rows, emptyLines };
}

/** Electricity Maps data portal exports (`Datetime (UTC)`, `Zone Id`, both intensities, `Data Estimated`). */
const electricityMaps: CsvLayout = {
  id: 'electricitymaps',
  matches: (h) => h.some((c) => norm(c) === 'datetime (utc)') && h.some((c) => norm(c).startsWith('carbon intensity gco2eq/kwh')),
  read(records, header, ctx) {
    const col = columns(header, ctx.file, {
      time: /^datetime \(utc\)$/,
      zone: /^zone id$/,
      value: ctx.emissionFactor === 'direct' ? /^carbon intensity gco2eq\/kwh \(direct\)$/ : /^carbon intensity gco2eq\/kwh \((lca|life ?cycle)\)$/,
      estimated: /^data estimated$/,
    }, ['estimated']);
    const out = readRows(records, header, ctx, (cell, at) => ({
      zone: cell(col.zone).trim(),
      start: readInstant(cell(col.time), at(header[col.time]!), true),
      durationMinutes: 60,
      g: readIntensity(cell(col.value), at(header[col.value]!)),
      kind: 'actual',
      signal: 'average',
      estimated: readBoolean(cell(col.estimated), at('Data Estimated'), false),
    }));
    return { ...out, description: `Electricity Maps hourly export (${ctx.emissionFactor} intensity)` };
  },
};

/** EIA-930 derived files (HewlettPackard/dc-rl): `timestamp` with a UTC offset, MWh per fuel, `avg_CI`. */
const eia: CsvLayout = {
  id: 'eia',
  matches: (h) => h.some((c) => norm(c) === 'timestamp') && h.some((c) => norm(c) === 'avg_ci'),
  read(records, header, ctx) {
    const col = columns(header, ctx.file, { time: /^timestamp$/, value: /^avg_ci$/ });
    const ba = /^([A-Za-z]{3,5})_/.exec(ctx.file)?.[1];
    const zone = ctx.zone ?? (ba === undefined ? undefined : zoneForBalancingAuthority(ba));
    if (zone === undefined) {
      throw new GreenopsError('E_ZONE_UNKNOWN', `${ctx.file}: cannot tell the zone of an EIA file from its name; pass the zone option (e.g. US-CAL-CISO)`, {
        data: { file: ctx.file, expected: 'a file name starting with an EIA balancing authority code (CISO_…) or the zone option' },
      });
    }
    const shift = ctx.eiaLabel === 'hour-ending' ? HOUR_MS : 0;
    const out = readRows(records, header, ctx, (cell, at) => ({
      zone,
      start: readInstant(cell(col.time), at('timestamp')) - shift,
      durationMinutes: 60,
      g: readIntensity(cell(col.value), at('avg_CI')),
      kind: 'actual',
      signal: 'average',
      estimated: false,
    }));
    return { ...out, description: `EIA-930 hourly average intensity (timestamps UTC, ${ctx.eiaLabel})` };
  },
};

/** greenops' own plain layout: `time,zone,gco2e_per_kwh` (+ optional duration_minutes, kind, signal, estimated). */
const plain: CsvLayout = {
  id: 'plain',
  matches: (h) => ['time', 'zone', 'gco2e_per_kwh'].every((c) => h.some((x) => norm(x) === c)),
  read(records, header, ctx) {
    const col = columns(header, ctx.file, {
      time: /^time$/, zone: /^zone$/, value: /^gco2e_per_kwh$/,
      duration: /^duration_minutes$/, kind: /^kind$/, signal: /^signal$/, estimated: /^estimated$/,
    }, ['duration', 'kind', 'signal', 'estimated']);
    const out = readRows(records, header, ctx, (cell, at) => {
      const zone = cell(col.zone).trim();
      if (zone === '') throw cellError(at('zone'), 'a zone id', '');
      const durationMinutes = readMinutes(cell(col.duration), at('duration_minutes'));
      return {
        zone,
        start: readInstant(cell(col.time), at('time')),
        ...(durationMinutes === undefined ? {} : { durationMinutes }),
        g: readIntensity(cell(col.value), at('gco2e_per_kwh')),
        kind: readKind(cell(col.kind), at('kind')),
        signal: readSignal(cell(col.signal), at('signal')),
        estimated: readBoolean(cell(col.estimated), at('estimated'), false),
      };
    });
    return { ...out, description: 'plain CSV time,zone,gco2e_per_kwh' };
  },
};

/** Tried in order; the first whose header matches reads the file. */
export const csvLayouts: readonly CsvLayout[] = [electricityMaps, eia, plain];
