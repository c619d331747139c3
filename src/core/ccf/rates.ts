import { CCF_UNITS } from './tables.js';
import { ALL_UNITS, ccfScope, readKind, type CcfKind, type CcfKindInput, type CcfKindName, type CcfScope } from './kind.js';

/**
 * Cloud Carbon Footprint 0.15's AWS CUR estimate as one rate per stored kind of charge (see kind.ts
 * for how a kind is read): a row's figures are its amount (or, for CCF's unknown usage, its cost)
 * times its kind's rate, as for the default profile. Pure.
 *
 * CCF's compute estimate returns embodied emissions as kWh too (t / EF): here that part sits in
 * compute_kwh, so the components still sum to kwh, and co2e is split: operational_g = (cpu + memory)
 * × EF, embodied_g = embodied.
 *   unknown  (after all other rows) kWh = Σ kWh / Σ cost of accumulated rows with the same unit ×
 *            the row's cost; co2e = kWh × EF. CCF has no interval: low = high = value.
 * CCF's NaN results are stored as zeros with status 'fallback' and a flag, never as NaN. One
 * difference of form: CCF decides per row whether memory and embodied are added, from the row's own
 * figures, so a row with a zero amount never has them; here a kind decides once, so a zero-amount row
 * of a kind whose memory is NaN in CCF carries that kind's flags and 'fallback' status (its figures
 * are zero either way).
 */

/** What a kind's stored rows add up to, over the rows in footprints (not rejected, not superseded). */
export interface CcfKindSums {
  /** Σ quantity. */
  readonly q: number;
  /** Σ quantity × the hours of the row's month. */
  readonly qh: number;
  /** Σ CCF's cost (line_item_blended_cost, the unblended cost where absent). */
  readonly cost: number;
}

export interface CcfKindOfStore {
  /** Any key the caller maps back to its kinds of charge. */
  readonly key: number;
  readonly input: CcfKindInput;
  /** Absent when the kind has no row in footprints. */
  readonly sums: CcfKindSums | undefined;
}

/**
 * A `rates` row of the ccf profile, less what follows from CCF having no interval and no market-based
 * figure: kwh_low = kwh_high = kwh; operational_g_low = operational_g_high = market_g = operational_g;
 * embodied_g_low = embodied_g_high = embodied_g; and cost_ratio, always false.
 */
export interface CcfRate {
  readonly key: number;
  readonly status: 'estimated' | 'fallback' | 'cost_only' | 'unclassified';
  readonly flags: string[];
  readonly amount_factor: number;
  readonly per_month: boolean;
  readonly per_cost: boolean;
  readonly compute_kwh: number;
  readonly gpu_kwh: number;
  readonly memory_kwh: number;
  readonly storage_kwh: number;
  readonly network_kwh: number;
  readonly kwh: number;
  readonly operational_g: number;
  readonly embodied_g: number;
  readonly grid_factor_id: string | null;
  readonly pue_factor_id: string | null;
  readonly power_factor_id: string | null;
  readonly embodied_factor_id: string | null;
  readonly coefficient_id: string | null;
}

/** Rows CCF drops without output. */
const DROPPED: readonly CcfKindName[] = ['unsupported', 'storage_unmatched', 'network_unmatched'];
const REPORTED: readonly CcfKindName[] = ['compute', 'seconds', 'ssd', 'hdd', 'network', 'unknown'];
const G = 1_000_000; // metric tonnes → grams

/** Where an unknown row's kWh goes: the component of its unit's class. */
const UNKNOWN_COMPONENT_UNITS = {
  compute: [...CCF_UNITS.compute, ...CCF_UNITS.seconds] as readonly string[],
  storage: CCF_UNITS.storage as readonly string[],
  network: CCF_UNITS.network as readonly string[],
};

/** core/FootprintEstimate.js accumulator: Σ cost and Σ kWh per usage unit over the run, and whether any kWh was NaN. */
interface Accumulated { cost: number; kwh: number; hasNan: boolean }

/** A kind CCF reads, with the figures of the run that depend on the other kinds. */
interface Valued {
  readonly k: CcfKind;
  readonly hasRatio: boolean;
  readonly anyProduced: boolean;
  /** kWh per unit of amount, or for unknown usage per unit of cost. */
  readonly kwhV: number;
  readonly opTV: number;
  /** CCF's figure is NaN (or infinite): stored as zeros, flagged. */
  readonly nan: boolean;
}

/**
 * The rates of every kind of charge in the store, priced as one CCF run over every stored row in
 * footprints: the unknown-usage ratio of a unit is Σ kWh / Σ cost of the known kinds with rows.
 */
export function ccfRates(kinds: readonly CcfKindOfStore[]): CcfRate[] {
  const read = kinds.map((x) => {
    const scope = ccfScope(x.input);
    return { x, scope, k: scope === 'cur' ? readKind(x.input) : undefined };
  });
  const acc = new Map<string, Accumulated>();
  let anyProduced = false;
  for (const { x, k } of read) {
    if (!k || !x.sums) continue;
    anyProduced ||= k.produced;
    if (!k.accumulate) continue;
    const amount = k.amountFactor * (k.perMonth ? x.sums.qh : x.sums.q);
    const a = acc.get(k.unit) ?? { cost: 0, kwh: 0, hasNan: false };
    a.cost += x.sums.cost;
    if (Number.isNaN(k.ccfKwh)) a.hasNan = true;
    else a.kwh += k.ccfKwh * amount;
    acc.set(k.unit, a);
  }
  return read.map(({ x, scope, k }) => rateOf(x.key, scope, k && valued(k, acc, anyProduced)));
}

function valued(k: CcfKind, acc: ReadonlyMap<string, Accumulated>, anyProduced: boolean): Valued {
  const a = acc.get(k.unit);
  let kwhV = k.ccfKwh;
  if (k.kind === 'unknown') {
    if (!a) kwhV = 0;
    else if (a.hasNan || a.cost === 0) kwhV = Number.NaN; // NaN or ±Infinity in CCF
    else kwhV = a.kwh / a.cost;
  }
  const opTV = k.kind === 'unknown' ? kwhV * k.ef : k.ccfOpT;
  const nan = REPORTED.includes(k.kind) && (k.kind !== 'unknown' || anyProduced)
    && !(Number.isFinite(kwhV) && Number.isFinite(opTV) && Number.isFinite(k.ccfEmbT));
  return { k, hasRatio: a !== undefined, anyProduced, kwhV, opTV, nan };
}

type Ids = Pick<CcfRate, 'grid_factor_id' | 'pue_factor_id' | 'power_factor_id' | 'embodied_factor_id' | 'coefficient_id'>;
const NO_IDS: Ids = { grid_factor_id: null, pue_factor_id: null, power_factor_id: null, embodied_factor_id: null, coefficient_id: null };

/** One literal of one shape for every rate (spreads would make V8 build each row slowly). */
function rate(key: number, status: CcfRate['status'], flags: string[], perUnit: {
  amountFactor: number; perMonth: boolean; perCost: boolean; compute: number; gpu: number; memory: number; storage: number;
  network: number; kwh: number; op: number; emb: number;
}, ids: Ids): CcfRate {
  return {
    key, status, flags,
    amount_factor: perUnit.amountFactor, per_month: perUnit.perMonth, per_cost: perUnit.perCost,
    compute_kwh: perUnit.compute, gpu_kwh: perUnit.gpu, memory_kwh: perUnit.memory, storage_kwh: perUnit.storage, network_kwh: perUnit.network,
    kwh: perUnit.kwh, operational_g: perUnit.op, embodied_g: perUnit.emb,
    grid_factor_id: ids.grid_factor_id, pue_factor_id: ids.pue_factor_id, power_factor_id: ids.power_factor_id,
    embodied_factor_id: ids.embodied_factor_id, coefficient_id: ids.coefficient_id,
  };
}

const NOTHING = { amountFactor: 1, perMonth: false, perCost: false, compute: 0, gpu: 0, memory: 0, storage: 0, network: 0, kwh: 0, op: 0, emb: 0 };

function rateOf(key: number, scope: CcfScope, v: Valued | undefined): CcfRate {
  if (scope !== 'cur' || !v) {
    return scope === 'not_usage'
      ? rate(key, 'cost_only', ['ccf:not_usage_line_item'], NOTHING, NO_IDS)
      : rate(key, 'unclassified', ['ccf:aws_cur_only'], NOTHING, NO_IDS);
  }
  const { k, nan } = v;
  const compute = !nan && (k.kind === 'compute' || k.kind === 'seconds');
  const reported = REPORTED.includes(k.kind) && (k.kind !== 'unknown' || v.anyProduced) && !nan;
  const unknownPart = (units: readonly string[]): number => (k.kind === 'unknown' && v.anyProduced && !nan && units.includes(k.unit) ? v.kwhV : 0);
  let status: CcfRate['status'] = 'estimated';
  if (DROPPED.includes(k.kind) || (k.kind === 'unknown' && !v.anyProduced)) status = 'unclassified';
  else if (nan || k.kind === 'unknown') status = 'fallback';
  return rate(key, status, flagsOf(v), {
    amountFactor: k.amountFactor, perMonth: k.perMonth, perCost: k.kind === 'unknown',
    compute: (compute ? k.cpuKwh + (k.extra ? k.embT / k.ef : 0) : 0) + unknownPart(UNKNOWN_COMPONENT_UNITS.compute),
    gpu: compute ? k.gpuKwh : 0,
    memory: !nan && k.extra ? k.memKwh : 0,
    storage: (!nan && (k.kind === 'ssd' || k.kind === 'hdd') ? k.storageKwh : 0) + unknownPart(UNKNOWN_COMPONENT_UNITS.storage),
    network: (!nan && k.kind === 'network' ? k.networkKwh : 0) + unknownPart(UNKNOWN_COMPONENT_UNITS.network),
    kwh: reported ? v.kwhV : 0,
    op: reported ? v.opTV * G : 0,
    emb: reported ? k.ccfEmbT * G : 0,
  }, idsOf(v));
}

/** Which CCF quirks a kind hit. */
function flagsOf(v: Valued): string[] {
  const { k, nan } = v;
  const compute = k.kind === 'compute';
  const kcNan = Number.isNaN(k.kc);
  const flags: string[] = [];
  const flag = (hit: boolean, name: string): void => { if (hit) flags.push(name); };
  flag(k.kind === 'unsupported', 'ccf:unsupported_usage_type');
  flag(k.kind === 'storage_unmatched', 'ccf:storage_usage_type_unmatched');
  flag(k.kind === 'network_unmatched', 'ccf:network_usage_type_unmatched');
  flag(k.kind === 'unknown', 'ccf:unknown_usage_cost_ratio');
  flag(k.kind === 'unknown' && !ALL_UNITS.includes(k.unit), 'ccf:unknown_usage_unit');
  flag(k.kind === 'unknown' && !v.anyProduced, 'ccf:no_known_usage');
  flag(k.kind === 'unknown' && v.anyProduced && !v.hasRatio, 'ccf:no_ratio_for_unit');
  flag(nan && compute && kcNan, 'ccf:vcpus_unknown');
  flag(nan, 'ccf:nan_co2e');
  flag(compute && !kcNan && Number.isNaN(k.memKwh) && !k.extra, 'ccf:memory_nan_dropped');
  flag(!nan && k.ccfEmbT !== 0, 'ccf:embodied_in_kwh');
  flag(compute && k.vcpuRule === 'burstable', 'ccf:burstable_baseline');
  flag(compute && (k.vcpuRule === 'burstable' || k.vcpuRule === 'table') && k.svc === 'AmazonRedshift' && !k.ut0.includes('Kafka'), 'ccf:redshift_vcpus_per_3600');
  flag((k.kind === 'ssd' || k.kind === 'hdd') && k.byteHours, 'ccf:byte_hours_as_bytes');
  flag(k.kind === 'seconds', 'ccf:seconds_as_vcpu_seconds');
  flag((compute || k.kind === 'seconds') && k.cpuLabel !== 'AWS Graviton2' && k.cpuAverage, 'ccf:processor_average');
  flag(REPORTED.includes(k.kind) && k.efRegion === undefined, 'ccf:region_unknown_factor');
  return flags;
}

/** Factor ids: CCF's own tables, prefixed ccf:. */
function idsOf(v: Valued): Ids {
  const { k } = v;
  // no figure, no factor: NaN, and unknown usage with no known usage or no ratio for its unit
  if (!REPORTED.includes(k.kind) || v.nan || (k.kind === 'unknown' && (!v.anyProduced || !v.hasRatio))) return NO_IDS;
  const rf = k.rf !== 1 ? ` ccf:replication:${k.rf}` : '';
  let coefficient: string | null = null;
  if (k.kind === 'unknown') coefficient = `ccf:cost_ratio:${k.unit}`;
  else if (k.kind === 'ssd' || k.kind === 'hdd') coefficient = `ccf:${k.kind}${rf}`;
  else if (k.kind === 'network') coefficient = 'ccf:network';
  else if (k.extra && !Number.isNaN(k.memKwh) && k.memKwh !== 0) coefficient = `ccf:memory${rf}`;
  else if (rf) coefficient = rf.trim();
  const compute = k.kind === 'compute' || k.kind === 'seconds';
  return {
    grid_factor_id: `ccf:ef:${k.efRegion ?? 'Unknown'}`,
    pue_factor_id: k.kind !== 'unknown' ? 'ccf:pue:aws' : null,
    power_factor_id: compute ? `ccf:cpu:${k.cpuLabel}${k.isGpu ? ` ccf:gpu:${k.gpuLabel}` : ''}` : null,
    embodied_factor_id: k.ccfEmbT !== 0 && k.lastTwo !== undefined ? `ccf:embodied:${k.lastTwo}` : null,
    coefficient_id: coefficient,
  };
}
