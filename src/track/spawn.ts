/**
 * Starting the user's command the way a shell would, for `greenops track` and `greenops run`:
 * inherited stdio, signals passed on, and the exit code as a shell reports it (the command's own,
 * 128 + signal number, 127 when it cannot be started).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { GreenopsError } from '../core/errors.js';

export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface Started {
  readonly child: ChildProcess;
  /** Listened for from the moment of spawning: a command that ends at once is not missed. */
  readonly exited: Promise<Ended>;
}

/**
 * Resolves once the command runs; rejects with `E_COMMAND_NOT_FOUND` when it cannot be started.
 *
 * @example const { child, exited } = await spawnCommand(['python', 'train.py'], { env: process.env });
 */
export function spawnCommand(argv: readonly string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; usage: string }): Promise<Started> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new GreenopsError('E_USAGE', `no command to run: put it after --, e.g. ${o.usage}`, { data: { expected: '-- <command…>' } }));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: o.cwd, env: o.env, stdio: 'inherit' });
    const exited = new Promise<Ended>((done) => child.once('exit', (code, signal) => done({ code, signal })));
    child.once('spawn', () => resolve({ child, exited }));
    child.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? 'command not found' : e.code === 'EACCES' ? 'permission denied (not executable?)' : e.message;
      reject(new GreenopsError('E_COMMAND_NOT_FOUND', `cannot run ${JSON.stringify(file)}: ${why}`, { cause: e, data: { found: file } }));
    });
  });
}

/** Signals passed on. SIGINT only without a terminal: a terminal's Ctrl-C already reaches the whole process group. */
const FORWARD: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/**
 * Pass this process's signals on to `child` until the returned function is called. With a terminal,
 * Ctrl-C reaches the command directly and greenops stays to record its end.
 */
export function forwardSignals(child: ChildProcess): () => void {
  const forward = (sig: NodeJS.Signals): void => {
    child.kill(sig);
  };
  const ignore = (): void => undefined;
  const signals = process.stdin.isTTY ? FORWARD : [...FORWARD, 'SIGINT' as const];
  for (const s of signals) process.on(s, forward);
  if (process.stdin.isTTY) process.on('SIGINT', ignore);
  return () => {
    for (const s of signals) process.off(s, forward);
    process.off('SIGINT', ignore);
  };
}

/** The exit code a shell would report. */
export function exitCodeOf(e: Ended): number {
  return e.code ?? 128 + (e.signal ? ((constants.signals as Record<string, number>)[e.signal] ?? 0) : 0);
}
