import type { Command } from 'commander';
import { GreenopsError } from '../../core/errors.js';
import type { CliContext } from '../context.js';
import { makePlan } from '../plan-compute.js';
import { addPlanOptions, parsePlanFlags, type PlanFlags } from '../plan-flags.js';
import { planJson, planTable } from '../plan-output.js';

/**
 * `greenops plan`: the cleanest start(s) for a deferrable job in one zone, across regions, or in
 * chunks, beside running it now.
 *
 * @example greenops plan --duration 4h --deadline 24h --zone DE --power 3.2kW
 */
export function registerPlan(program: Command, ctx: () => CliContext): void {
  const cmd = program
    .command('plan')
    .description('find the lowest-carbon start time (and region) for a deferrable job, beside running it now');
  addPlanOptions(cmd, '--deadline')
    .option('--interruptible', 'the job can pause and resume: place it in chunks (see --min-chunk)')
    .option('--min-chunk <d>', 'shortest chunk worth a restart, with --interruptible', '1h')
    .option('--format <format>', 'output: table | json', 'table')
    .action(async (opts: PlanFlags & { format: string }) => {
      const c = ctx();
      if (opts.format !== 'table' && opts.format !== 'json') throw new GreenopsError('E_USAGE', `--format must be table or json (got ${JSON.stringify(opts.format)})`, { data: { column: '--format' } });
      const input = parsePlanFlags(opts, Date.now(), 'up-to-minute');
      const { outcome, sources } = await makePlan(input, c.config, { warn: c.err });
      c.out(opts.format === 'json' ? planJson(outcome, input, sources) : planTable(outcome, input, sources));
    });
}
