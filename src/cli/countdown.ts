/** Waiting for a planned start: a live countdown on a terminal, plain periodic lines otherwise. */
import { setTimeout as sleep } from 'node:timers/promises';

export interface CountdownOptions {
  /** A line updated in place (true) or periodic lines (false). */
  readonly tty: boolean;
  /** Raw writes to the terminal (no newline added). */
  readonly write: (text: string) => void;
  /** Aborting ends the wait early: the result is then `interrupted`. */
  readonly signal: AbortSignal;
  /** What is being waited for, after "until <time>": e.g. "in DE (expected 123 gCO2e/kWh)". */
  readonly label: string;
  readonly now?: () => number;
}

/** How often a non-terminal gets a line: often enough for a log, rarely enough not to flood it. */
const PLAIN_EVERY_MS = 15 * 60_000;

/** `1d 02:03:04` / `02:03:04` / `00:00:05`. @example remaining(3_723_000) // '01:02:03' */
export function remaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400);
  const hms = [Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60].map((x) => String(x).padStart(2, '0')).join(':');
  return d > 0 ? `${d}d ${hms}` : hms;
}

/**
 * Wait until `targetMs`, showing the time left; resolves `started` at the time (at once when it has
 * passed) or `interrupted` when the signal aborts. The clock is read again after every sleep, so a
 * suspended laptop or a slow timer never makes the wait overshoot by more than one step.
 *
 * @example await waitUntil(Date.parse(plan.start), { tty: true, write: (s) => process.stderr.write(s), signal, label: 'in DE' })
 */
export async function waitUntil(targetMs: number, o: CountdownOptions): Promise<'started' | 'interrupted'> {
  const now = o.now ?? Date.now;
  const at = new Date(targetMs).toISOString().replace('.000Z', 'Z');
  const line = (): string => `greenops: waiting ${remaining(targetMs - now())} until ${at} ${o.label} (Ctrl-C to cancel)`;
  let lastPlain = -Infinity;
  try {
    while (now() < targetMs) {
      if (o.tty) o.write(`\r\x1b[2K${line()}`);
      else if (now() - lastPlain >= PLAIN_EVERY_MS) {
        o.write(`${line()}\n`);
        lastPlain = now();
      }
      const left = targetMs - now();
      const step = o.tty ? Math.min(1000, left - Math.floor(left / 1000) * 1000 || 1000) : Math.min(PLAIN_EVERY_MS, left);
      await sleep(Math.max(1, Math.min(step, left)), undefined, { signal: o.signal });
    }
    return 'started';
  } catch (e) {
    if (o.signal.aborted) return 'interrupted';
    throw e;
  } finally {
    if (o.tty) o.write('\r\x1b[2K');
  }
}
