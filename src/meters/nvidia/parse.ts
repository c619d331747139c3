/**
 * Parsing of `nvidia-smi --query-gpu=… --format=csv,noheader,nounits` lines. nvidia-smi writes
 * `[N/A]`, `[Not Supported]`, `[Unknown Error]` (any bracketed text) for a value it cannot give: those
 * are missing values, not malformed lines. A line is malformed when it has the wrong number of fields
 * or a field that is neither a value nor a bracketed placeholder (driver error text, a cut line).
 */

/** The fields asked for, in order; `parseGpuLine` relies on it. */
export const GPU_QUERY_FIELDS = [
  'timestamp', 'index', 'uuid', 'name', 'power.draw', 'power.limit', 'utilization.gpu', 'memory.used', 'memory.total',
] as const;

export interface GpuSample {
  /** nvidia-smi's timestamp, ms since the epoch read as local time (it prints local time, no zone). */
  readonly t: number;
  readonly index: number;
  readonly uuid: string;
  readonly name: string;
  /** Board power, W: a 1 s average on Ampere and newer, instantaneous before. */
  readonly powerW: number | undefined;
  readonly powerLimitW: number | undefined;
  /** 0..1, share of the last sample period in which a kernel ran (not SM occupancy). */
  readonly utilisation: number | undefined;
  readonly memoryUsedBytes: number | undefined;
  readonly memoryTotalBytes: number | undefined;
}

const MIB = 1024 * 1024;
const TIMESTAMP = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * `2024/05/01 12:00:00.123` as local time.
 *
 * @example
 * parseSmiTimestamp('2024/05/01 12:00:00.250') === new Date(2024, 4, 1, 12, 0, 0, 250).getTime() // true
 */
export function parseSmiTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  const t = new Date(y, mo - 1, d, h, mi, s, ms).getTime();
  return Number.isFinite(t) ? t : undefined;
}

/** A number, `undefined` for a placeholder, or `null` when the text is neither. */
function value(text: string): number | undefined | null {
  if (/^\[.*\]$/.test(text) || text === 'N/A') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/**
 * One CSV line, or undefined when it is malformed.
 *
 * @example
 * parseGpuLine('2024/05/01 12:00:00.000, 0, GPU-1a2b, NVIDIA H100 80GB HBM3, 312.45, 700.00, 87, 40000, 81559')?.powerW // 312.45
 * parseGpuLine('2024/05/01 12:00:00.000, 1, GPU-3c4d, Tesla T4, [N/A], [N/A], 0, 0, 15360')?.powerW // undefined
 */
export function parseGpuLine(line: string): GpuSample | undefined {
  const f = line.split(',').map((s) => s.trim());
  if (f.length !== GPU_QUERY_FIELDS.length) return undefined;
  const [ts = '', idx = '', uuid = '', name = '', ...rest] = f;
  const t = parseSmiTimestamp(ts);
  if (t === undefined || !/^\d+$/.test(idx) || !/^GPU-[0-9a-f-]+$/i.test(uuid) || name.length === 0) return undefined;
  const v = rest.map(value);
  if (v.some((x) => x === null || (x !== undefined && x < 0))) return undefined;
  const [power, limit, util, used, total] = v as Array<number | undefined>;
  return {
    t,
    index: Number(idx),
    uuid,
    name,
    powerW: power,
    powerLimitW: limit,
    utilisation: util === undefined ? undefined : Math.min(1, util / 100),
    memoryUsedBytes: used === undefined ? undefined : used * MIB,
    memoryTotalBytes: total === undefined ? undefined : total * MIB,
  };
}
