import { execFile } from 'node:child_process';

/**
 * USER_HZ from `getconf CLK_TCK`, asked once per run. Falls back to 100, the value on every mainstream
 * Linux architecture, when getconf is missing or says something else than a positive integer.
 *
 * @example
 * const hz = await readClockTicks(); // 100
 */
export function readClockTicks(binary = 'getconf'): Promise<number> {
  return new Promise((resolve) => {
    execFile(binary, ['CLK_TCK'], { timeout: 5_000 }, (err, stdout) => {
      const n = Number(String(stdout).trim());
      resolve(err === null && Number.isInteger(n) && n > 0 ? n : 100);
    });
  });
}
