import type { Config } from './config.js';
import type { OutputFormat } from '../report/format.js';

/** What every command gets from the shell: validated config and where to write. */
export interface CliContext {
  readonly config: Config;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTTY: boolean;
  /** The process exit code once the command returns (default 0); for commands that run another program. */
  readonly setExitCode: (code: number) => void;
}

export function parseFormat(value: string | undefined): OutputFormat {
  const f = (value ?? 'table').toLowerCase();
  if (f === 'table' || f === 'csv' || f === 'json') return f;
  throw new Error(`--format must be table, csv or json (got ${JSON.stringify(value)})`);
}
