/** Running the user's command once its start has come (`greenops run --no-track`). */
import { exitCodeOf, forwardSignals, spawnCommand } from '../track/spawn.js';

/**
 * Run `argv` to its end and resolve with the exit code to pass on; `E_COMMAND_NOT_FOUND` (exit 127)
 * when it cannot be started.
 *
 * @example const code = await runCommand(['python', 'train.py'], { ...process.env, GREENOPS_ZONE: 'DE' });
 */
export async function runCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { child, exited } = await spawnCommand(argv, { env, usage: 'greenops run --within 12h -- ./job.sh' });
  const detach = forwardSignals(child);
  try {
    return exitCodeOf(await exited);
  } finally {
    detach();
  }
}
