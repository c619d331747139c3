import type { MethodologyProfile } from '../../core/methodology.js';
import { GreenopsError } from '../../core/errors.js';
import type { Db } from './connection.js';

/**
 * The `ccf` profile: Cloud Carbon Footprint 0.15's AWS estimation, reproduced in SQL over stored
 * usage rows (see src/core/ccf/).
 */
export async function ccfEstimator(_db: Db, profile: MethodologyProfile): Promise<void> {
  throw new GreenopsError('E_USAGE', `methodology ${profile.id} is not available yet`);
}
