/**
 * RAPL energy counters through powercap sysfs: exact cumulative energy per CPU package and DRAM,
 * read at each `sample()`. See zones.ts for which zones count and why.
 */
import { GreenopsError } from '../../core/errors.js';
import { errnoCode, nodeFs, noteSet, type MeterFs } from '../_io.js';
import { polledMeter } from '../_polled.js';
import { meanWatts, unavailable, type Meter, type MeterStatus, type Reading } from '../types.js';
import { counterDeltaUj, discoverZones, type RaplZone } from './zones.js';

export interface RaplMeterOptions {
  /** powercap class directory. Default `/sys/class/powercap`. */
  readonly root?: string;
  /** `report`: psys readings with scope `node`, never summed with packages. Default `ignore`. */
  readonly psys?: 'ignore' | 'report';
  readonly fs?: MeterFs;
}

/**
 * One message for the common case: the counters exist but are root-only. Since the PLATYPUS
 * side-channel fix (CVE-2020-8694, kernel 5.10 and stable backports) `energy_uj` is mode 0400.
 *
 * @example
 * raplPermissionMessage('/sys/class/powercap') // 'RAPL energy counters under /sys/class/powercap are readable by root only …'
 */
export function raplPermissionMessage(root: string): string {
  return (
    `RAPL energy counters under ${root} are readable by root only (CVE-2020-8694 fix). Grant read access ` +
    `with 'sudo chmod o+r ${root}/intel-rapl:*/energy_uj ${root}/intel-rapl:*:*/energy_uj' (until reboot) or the ` +
    `udev rule ACTION=="add", SUBSYSTEM=="powercap", RUN+="/bin/chmod o+r /sys%p/energy_uj", or run as root.`
  );
}

interface Last {
  readonly uj: number;
  readonly t: number;
}

/**
 * @example
 * const rapl = createRaplMeter({ root: '/sys/class/powercap' });
 * const st = await rapl.start();
 * // st.state === 'unavailable' on most cloud VMs (no powercap zones) or without read access
 */
export function createRaplMeter(options: RaplMeterOptions = {}): Meter {
  const root = options.root ?? '/sys/class/powercap';
  const fs = options.fs ?? nodeFs;
  const notes = noteSet();
  let zones: readonly RaplZone[] = [];
  const last = new Map<string, Last>();

  const readUj = async (z: RaplZone): Promise<number> => {
    const text = (await fs.readText(`${z.dir}/energy_uj`)).trim();
    if (!/^\d+$/.test(text)) throw new GreenopsError('E_METER', `RAPL ${z.device}: energy_uj is not a number`, { data: { file: `${z.dir}/energy_uj`, found: text.slice(0, 40) } });
    return Number(text);
  };

  const probe = async (): Promise<MeterStatus> => {
    let found;
    try {
      found = await discoverZones(root, fs);
    } catch (e) {
      const code = errnoCode(e);
      return unavailable(code === 'ENOENT' ? `no RAPL: ${root} does not exist (most cloud VMs expose no RAPL)` : `no RAPL: cannot list ${root} (${code ?? String(e)})`);
    }
    found.notes.forEach(notes.add);
    const wanted = found.zones.filter((z) => z.kind !== 'psys' || options.psys === 'report');
    if (found.zones.some((z) => z.kind === 'psys') && options.psys !== 'report') notes.add('RAPL: psys (whole platform, contains the packages) ignored; never added to the package total.');
    if (wanted.length === 0) return unavailable(`no RAPL package zones under ${root}`);
    const t = Date.now();
    const ok: RaplZone[] = [];
    for (const z of wanted) {
      try {
        last.set(z.id, { uj: await readUj(z), t });
        ok.push(z);
      } catch (e) {
        if (errnoCode(e) === 'EACCES' || errnoCode(e) === 'EPERM') return unavailable(raplPermissionMessage(root));
        notes.add(`RAPL: ${z.device} unreadable (${errnoCode(e) ?? (e instanceof Error ? e.message : String(e))}); skipped.`);
      }
    }
    zones = ok;
    return ok.some((z) => z.kind === 'package') ? { state: 'running' } : unavailable(`no readable RAPL package counter under ${root}`);
  };

  const read = async (now: number | undefined): Promise<Reading[]> => {
    const values = await Promise.all(zones.map((z) => readUj(z).then((uj) => uj, (e: unknown) => e)));
    const t1 = now ?? Date.now();
    const out: Reading[] = [];
    zones.forEach((z, i) => {
      const v = values[i];
      const prev = last.get(z.id);
      if (typeof v !== 'number' || prev === undefined) {
        notes.add(`RAPL: ${z.device} failed to read at least once; that time is folded into its next interval.`);
        return;
      }
      const delta = counterDeltaUj(prev.uj, v, z.maxRangeUj);
      last.set(z.id, { uj: v, t: t1 });
      if (delta === undefined) {
        notes.add(`RAPL: ${z.device} went backwards without a known range; interval dropped.`);
        return;
      }
      const joules = delta / 1e6;
      const watts = meanWatts(joules, prev.t, t1);
      const scope = z.kind === 'package' ? 'cpu_package' : z.kind === 'dram' ? 'dram' : 'node';
      out.push({ meter: 'rapl', method: 'counter', scope, device: z.device, name: z.name, t0: prev.t, t1, joules, ...(watts === undefined ? {} : { watts }) });
    });
    return out;
  };

  return polledMeter({
    id: 'rapl',
    probe,
    read,
    rebase: (now) => {
      for (const [k, v] of last) last.set(k, { ...v, t: now });
    },
    notes: () => notes.list(),
  });
}
