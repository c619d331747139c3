import { execFile } from 'node:child_process';
import { errnoCode } from '../_io.js';

export type RunResult =
  | { readonly ok: true; readonly stdout: string }
  | { readonly ok: false; readonly notFound: boolean; readonly message: string };

/** Environment for child processes; absent: inherit this process's. PATH in it is used to find the binary. */
export type ChildEnv = Readonly<Record<string, string | undefined>> | undefined;

/**
 * Runs a short command once and captures its output; never rejects. The message of a failure is its
 * first non-empty line of output (nvidia-smi prints driver errors on stdout).
 *
 * @example
 * const r = await runOnce('nvidia-smi', ['-L'], undefined);
 * if (!r.ok && r.notFound) { ... }
 */
export function runOnce(binary: string, args: readonly string[], env: ChildEnv, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(binary, [...args], { env: env === undefined ? undefined : { ...env }, timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err === null) return resolve({ ok: true, stdout: String(stdout) });
      const notFound = errnoCode(err) === 'ENOENT';
      const first = `${String(stderr)}\n${String(stdout)}`.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
      resolve({ ok: false, notFound, message: (first ?? err.message).slice(0, 200) });
    });
  });
}
