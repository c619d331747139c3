import type { Command } from 'commander';
import { profile } from '../../core/profiles.js';
import { methodologyMarkdown } from '../../report/methodology.js';
import type { CliContext } from '../context.js';

export function registerMethodology(program: Command, ctx: () => CliContext): void {
  program
    .command('methodology')
    .description('print the methodology document (Markdown), generated from the code\'s own formulas and factor tables')
    .option('--methodology <id>', 'default | ccf')
    .option('--full', 'include every factor table in full')
    .action((opts: { methodology?: string; full?: boolean }) => {
      const c = ctx();
      c.out(methodologyMarkdown(profile(opts.methodology ?? c.config.methodology), { full: opts.full }));
    });
}
