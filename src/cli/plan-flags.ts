/** The planning flags `plan` and `run` share, parsed once into a plain request. */
import type { Command } from 'commander';
import { GreenopsError, quote } from '../core/errors.js';
import type { GapPolicy, Semantics } from '../schedule/index.js';
import { parseDuration, parseNumber, parsePower, parseUtc } from './units.js';

export interface PlanFlags {
  readonly duration: string;
  readonly earliest?: string;
  /** `plan --deadline` / `run --within`: latest end, as a duration from the earliest start. */
  readonly deadline?: string;
  readonly by?: string;
  readonly zone?: string;
  readonly regions?: string;
  readonly intensityFile?: readonly string[];
  readonly provider?: string;
  readonly power?: string;
  readonly semantics: string;
  readonly fillGaps?: boolean;
  readonly maxDelay?: string;
  readonly price?: readonly string[];
  readonly carbonPrice?: string;
  readonly interruptible?: boolean;
  readonly minChunk?: string;
}

export interface PlanInput {
  readonly durationMinutes: number;
  readonly earliestMs: number;
  /** Latest end, after any `--max-delay`. */
  readonly deadlineMs: number;
  /** Zone ids or regions as typed; several means a region plan; empty means the file's zone. */
  readonly zones: readonly string[];
  readonly regions: boolean;
  readonly files?: readonly string[];
  readonly provider?: string;
  readonly powerKW?: number;
  readonly semantics: Semantics;
  readonly onGap: GapPolicy;
  readonly maxDelayMinutes?: number;
  readonly dollarsPerHour: ReadonlyMap<string, number>;
  readonly carbonPriceUsdPerTonne?: number;
  /** Set with `--interruptible`: the shortest chunk worth a restart. */
  readonly minChunkMinutes?: number;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Register the shared flags; `deadlineFlag` is `--deadline` for plan and `--within` for run.
 *
 * @example addPlanOptions(program.command('plan'), '--deadline').action(…)
 */
export function addPlanOptions(cmd: Command, deadlineFlag: '--deadline' | '--within', defaultDuration?: string): Command {
  return cmd
    .option('--duration <d>', 'how long the job runs: 4h, 90m, 1h30m, PT4H', defaultDuration)
    .option('--earliest <time>', 'earliest start, ISO 8601 UTC (default now)')
    .option(`${deadlineFlag} <d>`, 'the job must END within this long after the earliest start (default 24h)')
    .option('--by <time>', 'the job must END by this time, ISO 8601 UTC')
    .option('--zone <zone>', 'grid zone id or cloud region (DE, SE-SE3, aws:eu-north-1)')
    .option('--regions <list>', 'comma-separated zones or regions to choose among; the first is where the job would run now')
    .option('--intensity-file <paths...>', 'plan on series from local files (Electricity Maps export, EIA-930, time,zone,gco2e_per_kwh)')
    .option('--provider <id>', 'intensity provider: static | electricitymaps | watttime | uk-grid (default: config, else static)')
    .option('--power <p>', 'the job\'s draw: 3.2kW, 450W (adds kWh and gCO2e)')
    .option('--semantics <s>', 'step (Carbon Aware SDK) | linear (CATS)', 'step')
    .option('--fill-gaps', 'interpolate gaps in the series (filled points are flagged) instead of refusing them')
    .option('--max-delay <d>', 'start no later than this long after the earliest start')
    .option('--price <region=usd>', 'USD per hour of the job in a region (repeat per region)', collect)
    .option('--carbon-price <usd>', 'USD per tonne CO2e: rank regions by cost + carbon price × emissions');
}

/**
 * @example parsePlanFlags({ duration: '4h', zone: 'DE', semantics: 'step' }, Date.now(), 'up-to-minute')
 */
export function parsePlanFlags(f: PlanFlags, nowMs: number, round: 'up-to-minute' | 'down-to-second', deadlineFlag = '--deadline'): PlanInput {
  if (f.duration === undefined) throw new GreenopsError('E_USAGE', '--duration is required (e.g. --duration 4h)', { data: { column: '--duration' } });
  const durationMinutes = parseDuration(f.duration, '--duration');
  // A printed plan starts on a whole minute; a run that waits starts "now" without waiting for one.
  const nowRounded = round === 'up-to-minute' ? Math.ceil(nowMs / 60_000) * 60_000 : Math.floor(nowMs / 1000) * 1000;
  const earliestMs = f.earliest === undefined ? nowRounded : parseUtc(f.earliest, '--earliest');
  if (f.deadline !== undefined && f.by !== undefined) throw new GreenopsError('E_USAGE', `give ${deadlineFlag} or --by, not both`, { data: { column: '--by' } });
  const latestEnd = f.by !== undefined ? parseUtc(f.by, '--by') : earliestMs + parseDuration(f.deadline ?? '24h', deadlineFlag) * 60_000;
  const maxDelayMinutes = f.maxDelay === undefined ? undefined : parseDuration(f.maxDelay, '--max-delay', { allowZero: true });
  if (f.zone !== undefined && f.regions !== undefined) throw new GreenopsError('E_USAGE', 'give --zone or --regions, not both', { data: { column: '--regions' } });
  const zones = f.regions !== undefined ? f.regions.split(',').map((r) => r.trim()).filter((r) => r !== '') : f.zone === undefined ? [] : [f.zone];
  if (zones.length === 0 && (f.intensityFile ?? []).length === 0) {
    throw new GreenopsError('E_USAGE', 'say where: --zone DE, --regions aws:eu-north-1,aws:eu-central-1, or --intensity-file <path>', { data: { column: '--zone' } });
  }
  const semantics = f.semantics === 'step' || f.semantics === 'linear' ? f.semantics : badSemantics(f.semantics);
  const input: PlanInput = {
    durationMinutes, earliestMs, zones, semantics,
    regions: f.regions !== undefined,
    deadlineMs: maxDelayMinutes === undefined ? latestEnd : Math.min(latestEnd, earliestMs + (maxDelayMinutes + durationMinutes) * 60_000),
    onGap: f.fillGaps === true ? 'interpolate' : 'error',
    dollarsPerHour: prices(f.price ?? [], zones),
    ...(f.intensityFile === undefined ? {} : { files: f.intensityFile }),
    ...(f.provider === undefined ? {} : { provider: f.provider }),
    ...(f.power === undefined ? {} : { powerKW: parsePower(f.power, '--power') }),
    ...(maxDelayMinutes === undefined ? {} : { maxDelayMinutes }),
    ...(f.carbonPrice === undefined ? {} : { carbonPriceUsdPerTonne: parseNumber(f.carbonPrice, '--carbon-price', 'USD per tonne CO2e such as 100') }),
    ...(f.interruptible === true ? { minChunkMinutes: parseDuration(f.minChunk ?? '1h', '--min-chunk') } : {}),
  };
  if (input.minChunkMinutes !== undefined && zones.length > 1) throw new GreenopsError('E_USAGE', '--interruptible plans one zone; drop --regions or --interruptible', { data: { column: '--interruptible' } });
  requireFeasible(durationMinutes, earliestMs, latestEnd);
  return input;
}

/** `E_SCHEDULE_INFEASIBLE` before anything is fetched, giving the earliest possible end. */
function requireFeasible(durationMinutes: number, earliestMs: number, latestEnd: number): void {
  const end = earliestMs + durationMinutes * 60_000;
  if (latestEnd >= end) return;
  const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
  throw new GreenopsError('E_SCHEDULE_INFEASIBLE', `a ${durationMinutes}-minute job starting no earlier than ${iso(earliestMs)} cannot end by ${iso(latestEnd)}: the earliest possible end is ${iso(end)}`, {
    data: { earliest: iso(earliestMs), deadline: iso(latestEnd), earliestEnd: iso(end) },
  });
}

function prices(entries: readonly string[], zones: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    const m = /^(.+)=(.+)$/.exec(e);
    const region = m?.[1]?.trim() ?? '';
    if (m === null || !zones.includes(region)) {
      throw new GreenopsError('E_USAGE', `--price ${quote(e)}: expected REGION=USD_PER_HOUR with a region from --regions (${zones.join(', ') || 'none given'}), e.g. --price eu-north-1=3.1`, { data: { column: '--price' } });
    }
    out.set(region, parseNumber(m[2] ?? '', '--price', 'USD per hour such as 3.1'));
  }
  return out;
}

function badSemantics(value: string): never {
  throw new GreenopsError('E_USAGE', `--semantics ${quote(value)}: expected step (Carbon Aware SDK) or linear (CATS)`, { data: { column: '--semantics' } });
}
