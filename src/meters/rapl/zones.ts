/**
 * Discovery of RAPL zones in the Linux powercap sysfs class (`/sys/class/powercap`).
 *
 * Layout (kernel Documentation/power/powercap/powercap.rst): `intel-rapl:N` is a top-level zone whose
 * `name` is `package-N` (or `package-N-die-M` on multi-die parts) or `psys`; `intel-rapl:N:M` are its
 * sub-zones `core`, `uncore`, `dram`. The same driver serves AMD Zen (family 17h/19h), which exposes
 * package and core only; the out-of-tree `amd_energy` hwmon driver is not read.
 *
 * What is counted, and why:
 * - every package, and every `dram` zone (memory is outside the package domain);
 * - not `core`/`uncore`: they are parts of the package, adding them would double count;
 * - not `psys` by default: it covers the whole SoC/platform *including* the packages, so it is either
 *   reported on its own (scope `node`) or ignored, never added;
 * - not `intel-rapl-mmio:*`: the same package counter read through MMIO on recent Intel client parts.
 */
import { errnoCode, type MeterFs } from '../_io.js';

export type ZoneKind = 'package' | 'dram' | 'psys';

export interface RaplZone {
  /** sysfs directory name, e.g. `intel-rapl:0:0`. */
  readonly id: string;
  readonly dir: string;
  /** The zone's `name` file: `package-0`, `dram`, `psys`. */
  readonly name: string;
  readonly kind: ZoneKind;
  /** Reading device id: `package-0`, `package-0/dram`, `psys`. */
  readonly device: string;
  /** Counter range; undefined when the file is missing (a wrap then cannot be corrected). */
  readonly maxRangeUj: number | undefined;
}

export interface ZoneDiscovery {
  readonly zones: readonly RaplZone[];
  readonly notes: readonly string[];
}

const ZONE = /^intel-rapl:(\d+)(?::(\d+))?$/;

async function readTrim(fs: MeterFs, path: string): Promise<string | undefined> {
  try {
    return (await fs.readText(path)).trim();
  } catch (e) {
    if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'EISDIR') return undefined;
    throw e;
  }
}

function kindOf(name: string, top: boolean): ZoneKind | 'part' | undefined {
  if (top && /^package-\d+(-die-\d+)?$/.test(name)) return 'package';
  if (name === 'psys') return 'psys';
  if (name === 'dram') return 'dram';
  if (name === 'core' || name === 'uncore') return 'part';
  return undefined;
}

/**
 * Lists the RAPL zones under a powercap root. Rejects only when the root itself cannot be listed.
 *
 * @example
 * const { zones } = await discoverZones('/sys/class/powercap', nodeFs);
 * zones.map((z) => z.device) // ['package-0', 'package-0/dram', 'package-1', 'package-1/dram']
 */
export async function discoverZones(root: string, fs: MeterFs): Promise<ZoneDiscovery> {
  const entries = (await fs.list(root)).sort();
  const notes: string[] = [];
  if (entries.some((e) => e.startsWith('intel-rapl-mmio:'))) {
    notes.push('RAPL: intel-rapl-mmio zones ignored (the same package counters as intel-rapl, read over MMIO).');
  }
  const names = new Map<string, string>();
  for (const id of entries.filter((e) => ZONE.test(e))) {
    const name = await readTrim(fs, `${root}/${id}/name`);
    if (name === undefined) notes.push(`RAPL: zone ${id} has no name file; skipped.`);
    else names.set(id, name);
  }
  const zones: RaplZone[] = [];
  for (const [id, name] of names) {
    const m = ZONE.exec(id);
    const top = m?.[2] === undefined;
    const kind = kindOf(name, top);
    if (kind === 'part') {
      notes.push('RAPL: core/uncore zones are parts of the package; not added to it.');
      continue;
    }
    if (kind === undefined) {
      notes.push(`RAPL: zone ${id} '${name}' is not a package, dram or psys zone; skipped.`);
      continue;
    }
    const parent = top ? undefined : names.get(`intel-rapl:${m?.[1] ?? ''}`);
    const device = kind === 'dram' && parent !== undefined ? `${parent}/dram` : name;
    const dir = `${root}/${id}`;
    const max = await readTrim(fs, `${dir}/max_energy_range_uj`);
    const maxRangeUj = max === undefined || !/^\d+$/.test(max) ? undefined : Number(max);
    if (maxRangeUj === undefined) notes.push(`RAPL: ${device} has no max_energy_range_uj; a counter wrap there drops that interval.`);
    zones.push({ id, dir, name, kind, device, maxRangeUj });
  }
  return { zones, notes };
}

/**
 * Microjoules between two readings of a cumulative counter that wraps at `maxRangeUj`: when the new
 * reading is lower, the counter passed its maximum once, so delta = (max - prev) + cur. Undefined when
 * it went down and the range is unknown. Two wraps between readings cannot be seen: sample well within
 * max / power (about 262 kJ / 200 W = 22 min on a typical Xeon).
 *
 * @example
 * counterDeltaUj(100, 250, 1000) // 150
 * counterDeltaUj(900, 50, 1000) // 150
 */
export function counterDeltaUj(prev: number, cur: number, maxRangeUj: number | undefined): number | undefined {
  if (cur >= prev) return cur - prev;
  return maxRangeUj === undefined ? undefined : maxRangeUj - prev + cur;
}
