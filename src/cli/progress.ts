import cliProgress from 'cli-progress';
import type { CliContext } from './context.js';

export interface Progress {
  /** How many of the total are done (a retried batch starts again from fewer). */
  done(count: number): void;
  stop(): void;
}

/** A progress bar on a terminal; nothing at all in CI or when output is piped. */
export function progress(ctx: CliContext, total: number, label: string): Progress {
  if (!ctx.isTTY || total < 2) return { done: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} files`, noTTYOutput: false, stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { done: (count) => bar.update(count), stop: () => bar.stop() };
}
