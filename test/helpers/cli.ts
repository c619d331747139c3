import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// tsx's loader, resolved from this repository (the child's working directory is a scratch folder)
const TSX = import.meta.resolve('tsx');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the real CLI entry point (TypeScript through tsx) as a user would, in `cwd`. */
export function greenops(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', TSX, `${ROOT}src/cli/main.ts`, ...args], {
    cwd,
    env: { ...process.env, CI: '1', GREENOPS_DB: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI without blocking this process (a fake server in it must keep answering); `onStderr` sees output as it comes. */
export function greenopsAsync(args: readonly string[], cwd: string, onStderr?: (text: string, kill: (s: NodeJS.Signals) => void) => void, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', TSX, `${ROOT}src/cli/main.ts`, ...args], { cwd, env: { ...process.env, CI: '1', GREENOPS_DB: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr, (s) => child.kill(s));
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}
