/**
 * The plain layout as JSON: an array of `{ time, zone, gco2e_per_kwh }` objects (optional
 * `duration_minutes`, `kind`, `signal`, `estimated`), checked item by item.
 */
import { z } from 'zod';
import { GreenopsError, quote } from '../../core/errors.js';
import { type FileRow, type ParsedFile, cellError, readInstant } from './_cells.js';

const item = z.object({
  time: z.string(),
  zone: z.string().trim().min(1),
  gco2e_per_kwh: z.number().nonnegative().nullable(),
  duration_minutes: z.number().int().positive().optional(),
  kind: z.enum(['actual', 'forecast']).optional(),
  signal: z.enum(['average', 'marginal']).optional(),
  estimated: z.boolean().optional(),
});

/**
 * Rows of a JSON grid file; `row` in errors is the 1-based position in the array.
 *
 * @example parseJsonFile('[{"time":"2024-01-01T00:00Z","zone":"DE","gco2e_per_kwh":300}]', 'de.json').rows.length // 1
 */
export function parseJsonFile(text: string, file: string): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new GreenopsError('E_INPUT_VALUE', `${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`, {
      data: { file, expected: 'a JSON array of {time, zone, gco2e_per_kwh}' }, cause: e,
    });
  }
  if (!Array.isArray(json)) {
    throw new GreenopsError('E_INPUT_VALUE', `${file}: expected a JSON array of {time, zone, gco2e_per_kwh}, found ${quote(typeof json)}`, {
      data: { file, expected: 'a JSON array' },
    });
  }
  const rows: FileRow[] = [];
  const emptyLines: number[] = [];
  json.forEach((raw: unknown, i) => {
    const line = i + 1;
    const parsed = item.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const column = String(issue.path[0] ?? '(item)');
      const found = issue.path.length > 0 && typeof raw === 'object' && raw !== null ? JSON.stringify((raw as Record<string, unknown>)[column]) ?? 'nothing' : JSON.stringify(raw);
      throw cellError({ file, line, column }, issue.message, found);
    }
    const v = parsed.data;
    if (v.gco2e_per_kwh === null) {
      emptyLines.push(line);
      return;
    }
    rows.push({
      line,
      zone: v.zone,
      start: readInstant(v.time, { file, line, column: 'time' }),
      ...(v.duration_minutes === undefined ? {} : { durationMinutes: v.duration_minutes }),
      g: v.gco2e_per_kwh,
      kind: v.kind ?? 'actual',
      signal: v.signal ?? 'average',
      estimated: v.estimated ?? false,
    });
  });
  return { description: 'plain JSON [{time, zone, gco2e_per_kwh}]', rows, emptyLines };
}
