import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** ../shared/data beside the repository, if this checkout has it. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export const hasShared = existsSync(SHARED_DATA);

/** In CI the suite must not skip silently: GREENOPS_REQUIRE_SHARED=1 turns a missing folder into a failure. */
export function requireShared(): void {
  if (!hasShared && process.env['GREENOPS_REQUIRE_SHARED'] === '1') throw new Error(`conformance data not found at ${SHARED_DATA}`);
}
