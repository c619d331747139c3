import { isGreenopsError, type GreenopsError } from '../../src/core/errors.js';

/** The GreenopsError a promise rejects with; anything else (or success) fails the test. */
export async function failure(p: Promise<unknown>): Promise<GreenopsError> {
  try {
    await p;
  } catch (e) {
    if (isGreenopsError(e)) return e;
    throw e;
  }
  throw new Error('expected a GreenopsError');
}
