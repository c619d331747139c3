import type { Command } from 'commander';
import { GreenopsError, isGreenopsError, quote } from '../../core/errors.js';
import { regionOf, zoneId } from '../../factors/zones.js';
import { commandLine, emit, EMIT_FORMS, type EmitForm } from '../../schedule/emit.js';
import { runCommand } from '../child.js';
import type { CliContext } from '../context.js';
import { remaining, waitUntil } from '../countdown.js';
import { fetchSeries, makePlan, planOn, type Planned } from '../plan-compute.js';
import { addPlanOptions, parsePlanFlags, type PlanFlags, type PlanInput } from '../plan-flags.js';
import { planTable } from '../plan-output.js';
import { decideStart, type StartDecision } from '../run-decision.js';
import { parseNumber } from '../units.js';

interface RunFlags extends PlanFlags {
  within?: string;
  threshold?: string;
  emit?: string;
  image?: string;
  name?: string;
  dryRun?: boolean;
  track: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const g = (v: number): string => String(Math.round(v * 10) / 10);

/**
 * `greenops run`: wait for the lowest-carbon start within a deadline, then run a command (under
 * `greenops track` unless `--no-track`), or print the start for a scheduler with `--emit`.
 *
 * @example greenops run --within 12h --duration 2h --zone DE -- python train.py
 */
export function registerRun(program: Command, ctx: () => CliContext): void {
  const cmd = program
    .command('run')
    .description('wait for the lowest-carbon start within a deadline, then run a command; or print it for at, Slurm, cron or Kubernetes')
    .argument('[command...]', 'the command to run, after --');
  addPlanOptions(cmd, '--within', '1h')
    .option('--threshold <g>', 'start as soon as the intensity is at or below this many gCO2e/kWh')
    .option('--emit <form>', `print the scheduler-native form instead of waiting: ${EMIT_FORMS.join(' | ')}`)
    .option('--image <ref>', 'container image, for --emit k8s')
    .option('--name <name>', 'Kubernetes Job name, for --emit k8s')
    .option('--dry-run', 'print the plan and how long it would wait; run nothing')
    .option('--no-track', 'run the command directly instead of under greenops track')
    .action(async (command: string[], f: RunFlags) => {
      const c = ctx();
      const form = f.emit === undefined ? undefined : emitForm(f.emit);
      const input = parsePlanFlags({ ...f, ...(f.within === undefined ? {} : { deadline: f.within }) }, Date.now(), form === undefined ? 'down-to-second' : 'up-to-minute', '--within');
      const threshold = f.threshold === undefined ? undefined : parseNumber(f.threshold, '--threshold', 'gCO2e/kWh such as 150');
      const planned = await planForRun(input, c);
      const start = decideStart(planned.outcome, planned.sources, { ...input, ...(threshold === undefined ? {} : { threshold }) });
      c.err(summary(start, input));
      if (form !== undefined) {
        c.out(emit(form, { start: new Date(start.startMs), command, ...(f.image === undefined ? {} : { image: f.image }), ...(f.name === undefined ? {} : { name: f.name }) }));
        return;
      }
      if (f.dryRun === true) {
        c.out(planTable(planned.outcome, input, planned.sources));
        c.out(`\nwould wait ${remaining(start.startMs - Date.now())} until ${iso(start.startMs)}, then run: ${command.length === 0 ? '(no command given)' : commandLine(command)}`);
        return;
      }
      if (command.length === 0) throw new GreenopsError('E_USAGE', 'no command to run: put it after --, e.g. greenops run --within 12h -- ./job.sh', { data: { expected: '-- <command…>' } });
      const waited = await wait(start, c);
      if (waited !== 'started') {
        c.err(`greenops: cancelled before the start (${waited}); ${commandLine(command)} was not run`);
        c.setExitCode(waited === 'SIGTERM' ? 143 : 130);
        return;
      }
      const env = { ...process.env, GREENOPS_PLANNED_START: iso(start.startMs), GREENOPS_ZONE: start.zone, ...(start.region === undefined ? {} : { GREENOPS_REGION: start.region }) };
      c.setExitCode(await runCommand(f.track ? underTracker(command, start, c) : command, env));
    });
}

/**
 * Plan so that the deadline holds whatever the data: a forecast that ends early is planned up to
 * its end; live data that cannot be planned on at all gives way to the static factor (start at once).
 */
async function planForRun(input: PlanInput, c: CliContext): Promise<Planned> {
  const deps = { warn: c.err };
  const sources = await fetchSeries(input, c.config, deps);
  try {
    return { outcome: planOn(input, sources), sources };
  } catch (e) {
    if (input.files !== undefined || !isGreenopsError(e) || e.code !== 'E_SERIES_GAP') throw e;
    const horizon = Date.parse(String(e.data['coveredTo'] ?? ''));
    const from = Date.parse(String(e.data['coveredFrom'] ?? ''));
    if (!input.regions && e.data['kind'] === 'coverage' && from <= input.earliestMs && horizon >= input.earliestMs + input.durationMinutes * 60_000) {
      c.err(`warning: the intensity data ends at ${iso(horizon)}, before the deadline; planning within it`);
      return { outcome: planOn({ ...input, deadlineMs: horizon }, sources), sources };
    }
    c.err(`warning: cannot plan on the intensity data (${e.message}); planning on the static annual factor, which starts at once`);
    return makePlan({ ...input, provider: 'static' }, c.config, deps);
  }
}

function summary(s: StartDecision, input: PlanInput): string {
  const where = s.region === undefined ? s.zone : `${s.region} (${s.zone})`;
  const why = s.reason === 'threshold' ? `intensity ${g(s.expectedGCO2ePerKWh)} gCO2e/kWh is at or below the threshold` : `best window, average ${g(s.expectedGCO2ePerKWh)} gCO2e/kWh`;
  const saving = s.runNowGCO2ePerKWh === 0 ? 0 : ((s.runNowGCO2ePerKWh - s.expectedGCO2ePerKWh) / s.runNowGCO2ePerKWh) * 100;
  return `greenops: start at ${iso(s.startMs)} in ${where}: ${why}; running now: ${g(s.runNowGCO2ePerKWh)} (${g(saving)} % saved); ends by ${iso(input.deadlineMs)} at the latest`;
}

/** Wait with a countdown; Ctrl-C or SIGTERM ends the wait and nothing is run. */
async function wait(s: StartDecision, c: CliContext): Promise<'started' | NodeJS.Signals> {
  const ac = new AbortController();
  let got: NodeJS.Signals = 'SIGINT';
  const stop = (sig: NodeJS.Signals): void => {
    got = sig;
    ac.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const r = await waitUntil(s.startMs, { tty: c.isTTY, write: (t) => process.stderr.write(t), signal: ac.signal, label: `in ${s.region ?? s.zone}` });
    return r === 'started' ? 'started' : got;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** `greenops track -- <command>` (this same CLI, a second process), in the planned zone or region. */
function underTracker(command: readonly string[], s: StartDecision, c: CliContext): string[] {
  const script = process.argv[1];
  if (script === undefined) return [...command];
  const where = s.region !== undefined && regionOf(s.region) !== undefined ? ['--region', s.region] : zoneId(s.zone) !== undefined ? ['--zone', s.zone] : [];
  return [process.execPath, ...process.execArgv, script, '--db', c.config.db, 'track', ...where, '--', ...command];
}

function emitForm(value: string): EmitForm {
  const form = EMIT_FORMS.find((x) => x === value);
  if (form === undefined) throw new GreenopsError('E_USAGE', `--emit ${quote(value)}: expected ${EMIT_FORMS.join(', ')}`, { data: { column: '--emit' } });
  return form;
}
