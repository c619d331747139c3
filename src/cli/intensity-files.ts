/** Which zones and periods local grid files hold, so a command can pick the file for a zone. */
import { basename } from 'node:path';
import { GreenopsError, isGreenopsError, quote } from '../core/errors.js';
import { zoneForRegion, zoneId } from '../factors/zones.js';
import { readGridFile } from '../intensity/index.js';

export interface FileZone {
  readonly path: string;
  /** The zone as the file writes it (`DE-LU`, `US-CAL-CISO`). */
  readonly zone: string;
  /** Covered period of that zone's rows, epoch ms [fromMs, toMs). */
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The zone id a user's input stands for when matching file rows: a known zone, a region's zone, else the input.
 *
 * @example zoneKey('aws:us-west-1') // 'US-CAL-CISO'
 */
export function zoneKey(input: string): string {
  return (zoneId(input) ?? zoneForRegion(input) ?? input.trim()).toUpperCase();
}

/**
 * Every (file, zone) pair in `paths`, with the period each covers. `zone` is given to layouts whose
 * rows do not name one (EIA files with an unusual name).
 *
 * @example (await fileZones(['DE-LU_2024_hourly.csv']))[0].zone // 'DE-LU'
 */
export async function fileZones(paths: readonly string[], zone?: string): Promise<FileZone[]> {
  const out: FileZone[] = [];
  for (const path of paths) {
    const parsed = await read(path, zone);
    const spans = new Map<string, { zone: string; fromMs: number; toMs: number }>();
    for (const r of parsed.rows) {
      const end = r.start + (r.durationMinutes ?? 60) * 60_000;
      const s = spans.get(r.zone.toUpperCase());
      if (s === undefined) spans.set(r.zone.toUpperCase(), { zone: r.zone, fromMs: r.start, toMs: end });
      else spans.set(r.zone.toUpperCase(), { zone: s.zone, fromMs: Math.min(s.fromMs, r.start), toMs: Math.max(s.toMs, end) });
    }
    for (const s of spans.values()) out.push({ path, ...s });
  }
  return out;
}

/** A file's rows; `zone` labels them only when the file itself cannot say (an EIA file named unusually). */
async function read(path: string, zone: string | undefined): ReturnType<typeof readGridFile> {
  try {
    return await readGridFile(path);
  } catch (e) {
    if (zone === undefined || !isGreenopsError(e) || e.code !== 'E_ZONE_UNKNOWN') throw e;
    return readGridFile(path, { zone: zoneId(zone) ?? zoneForRegion(zone) ?? zone });
  }
}

/**
 * The file holding `input`'s zone, or (with no input) the only zone the files hold. `E_ZONE_UNKNOWN`
 * lists the zones the files do hold; `E_USAGE` asks for `--zone` when there are several.
 *
 * @example pickFile(await fileZones(paths), 'DE-LU').path
 */
export function pickFile(zones: readonly FileZone[], input: string | undefined): FileZone {
  const names = [...new Set(zones.map((z) => z.zone))];
  if (input === undefined) {
    const only = zones[0];
    if (names.length === 1 && only !== undefined) return only;
    throw new GreenopsError('E_USAGE', `the intensity files hold ${names.length} zones (${names.slice(0, 12).join(', ')}); say which with --zone`, {
      data: { expected: names.join(', ') },
    });
  }
  const key = zoneKey(input);
  const hit = zones.find((z) => z.zone.toUpperCase() === key);
  if (hit !== undefined) return hit;
  const files = [...new Set(zones.map((z) => basename(z.path)))];
  throw new GreenopsError('E_ZONE_UNKNOWN', `no intensity file has rows for zone ${quote(input)}; ${files.join(', ')} hold${files.length === 1 ? 's' : ''} ${names.join(', ') || 'no rows'}`, {
    data: { found: input, expected: names.join(', '), matches: names },
  });
}
