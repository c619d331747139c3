import { GreenopsError, quote } from '../core/errors.js';
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

const FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json'];

/** `--format`, one of the formats a command writes (all three unless it says otherwise); a usage error if not. */
export function parseFormat(value: string | undefined, allowed: readonly OutputFormat[] = FORMATS): OutputFormat {
  const f = (value ?? 'table').toLowerCase();
  const found = allowed.find((a) => a === f);
  if (found) return found;
  throw new GreenopsError('E_USAGE', `--format must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1) ?? ''} (got ${quote(value)})`, { data: { column: '--format', expected: allowed.join(', ') } });
}
