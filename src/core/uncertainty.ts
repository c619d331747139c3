import type { Band } from '../factors/types.js';

/**
 * Combine independent multiplicative bands in quadrature in log space: a product of factors whose
 * true values are log-normally spread around the central values has a log half-width equal to the
 * root-sum-square of the factors' log half-widths. Lows and highs are combined separately, so
 * asymmetric bands stay asymmetric. Sums over many rows add lows and highs (the factors are shared
 * between rows, so their errors are fully correlated, not independent).
 *
 * @example
 * combineBands([{ low: 0.9, high: 1.1 }, { low: 0.9, high: 1.1 }]) // ≈ { low: 0.862, high: 1.144 }
 */
export function combineBands(bands: readonly Band[]): Band {
  let lo = 0;
  let hi = 0;
  for (const b of bands) {
    lo += Math.log(b.low) ** 2;
    hi += Math.log(b.high) ** 2;
  }
  return { low: Math.exp(-Math.sqrt(lo)), high: Math.exp(Math.sqrt(hi)) };
}
