/** Seeded noise and order statistics for the backtest: the same seed gives the same figures everywhere. */
import { prng } from '../core/random.js';

/** Standard normal draws from a seeded mulberry32 stream (Box–Muller; one uniform pair per draw). */
export function normalSampler(seed: number): () => number {
  const uniform = prng(seed);
  return () => {
    // 1 − u lies in (0, 1]: the logarithm stays finite.
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/**
 * The q-quantile (0..1) of ascending values, interpolated between closest ranks (Hyndman & Fan type 7,
 * the default of R and NumPy).
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo] ?? Number.NaN;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)] ?? below;
  return below + (h - lo) * (above - below);
}
