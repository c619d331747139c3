/**
 * Power of a CPU or GPU as a function of utilisation.
 *
 * - `linear`: the Cloud Carbon Footprint line, W = Wmin + u × (Wmax − Wmin).
 * - `teads`: the Teads/Davy curve. Measured server power as a share of the 100 % figure at load
 *   0/10/50/100 % is about 0.12/0.32/0.75/1.02 (Teads Engineering, "Estimating AWS EC2 instances
 *   power consumption", 2021). Servers draw disproportionately more at low load than a line through
 *   idle and max suggests. We keep each part's published idle and max watts and take only the
 *   *shape* from Teads: the curve is rescaled so that it passes through Wmin at 0 % and Wmax at 100 %.
 */
export type PowerCurve = 'linear' | 'teads';

const TEADS_POINTS: ReadonlyArray<readonly [number, number]> = [
  [0, 0.12],
  [0.1, 0.32],
  [0.5, 0.75],
  [1, 1.02],
];

function interpolate(points: ReadonlyArray<readonly [number, number]>, x: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) throw new RangeError('empty curve');
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a && b && x <= b[0]) return a[1] + ((x - a[0]) / (b[0] - a[0])) * (b[1] - a[1]);
  }
  return last[1];
}

/**
 * Fraction of the idle-to-max span drawn at utilisation u (0..1): 0 at idle, 1 at full load.
 *
 * @example
 * loadFraction('linear', 0.5) // 0.5
 * loadFraction('teads', 0.5)  // 0.7
 */
export function loadFraction(curve: PowerCurve, utilisation: number): number {
  const u = Math.min(1, Math.max(0, utilisation));
  if (curve === 'linear') return u;
  const f0 = TEADS_POINTS[0]?.[1] ?? 0;
  const f1 = TEADS_POINTS[TEADS_POINTS.length - 1]?.[1] ?? 1;
  return (interpolate(TEADS_POINTS, u) - f0) / (f1 - f0);
}

/** Watts at utilisation u for a part that draws `minWatts` idle and `maxWatts` at full load. */
export function watts(curve: PowerCurve, minWatts: number, maxWatts: number, utilisation: number): number {
  return minWatts + loadFraction(curve, utilisation) * (maxWatts - minWatts);
}
