/**
 * Running the user's command once its start has come: inherited stdio, signals passed on, and the
 * exit code as a shell reports it (the command's own, 128 + signal number, 127 when it cannot start).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { GreenopsError } from '../core/errors.js';

/** Signals passed on. SIGINT only without a terminal: a terminal's Ctrl-C already reaches the whole process group. */
const FORWARD: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/**
 * Run `argv` to its end and resolve with the exit code to pass on; `E_COMMAND_NOT_FOUND` (exit 127)
 * when it cannot be started.
 *
 * @example const code = await runCommand(['python', 'train.py'], { ...process.env, GREENOPS_ZONE: 'DE' });
 */
export function runCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = argv;
  if (file === undefined) return Promise.reject(new GreenopsError('E_USAGE', 'no command to run: put it after --, e.g. greenops run --within 12h -- ./job.sh', { data: { expected: '-- <command…>' } }));
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env });
    const forward = (sig: NodeJS.Signals): void => {
      child.kill(sig);
    };
    const signals = process.stdin.isTTY ? FORWARD : [...FORWARD, 'SIGINT' as const];
    // With a terminal, Ctrl-C reaches the command itself; greenops stays to pass on its exit code.
    const ignore = (): void => undefined;
    const detach = (): void => {
      for (const s of signals) process.off(s, forward);
      process.off('SIGINT', ignore);
    };
    for (const s of signals) process.on(s, forward);
    if (process.stdin.isTTY) process.on('SIGINT', ignore);
    child.once('error', (e: NodeJS.ErrnoException) => {
      detach();
      const why = e.code === 'ENOENT' ? 'command not found' : e.code === 'EACCES' ? 'permission denied (not executable?)' : e.message;
      reject(new GreenopsError('E_COMMAND_NOT_FOUND', `cannot run ${JSON.stringify(file)}: ${why}`, { cause: e, data: { found: file } }));
    });
    child.once('exit', (code, signal) => {
      detach();
      const signo = signal === null ? 0 : ((constants.signals as Record<string, number>)[signal] ?? 0);
      resolve(code ?? 128 + signo);
    });
  });
}
