/** One-line charts of a series for terminal tables. */

const BARS = '▁▂▃▄▅▆▇█';

/**
 * A sparkline of `values`, at most `width` characters: longer inputs are split into `width` buckets
 * and each bucket drawn at its mean, so a year of hours still fits a line. The scale runs from
 * `min` to `max` (default: the values' own); a flat series is drawn at the lowest bar. Non-finite
 * values are drawn as spaces (gaps stay visible).
 *
 * @example sparkline([1, 2, 3, 4, 5, 6, 7, 8]) // '▁▂▃▄▅▆▇█'
 */
export function sparkline(values: readonly number[], options: { width?: number; min?: number; max?: number } = {}): string {
  const width = Math.max(1, Math.floor(options.width ?? 72));
  const buckets = bucketMeans(values, width);
  const finite = buckets.filter(Number.isFinite);
  if (finite.length === 0) return ' '.repeat(buckets.length);
  const lo = options.min ?? Math.min(...finite);
  const hi = options.max ?? Math.max(...finite);
  const span = hi - lo;
  return buckets
    .map((v) => {
      if (!Number.isFinite(v)) return ' ';
      const level = span <= 0 ? 0 : Math.round(((v - lo) / span) * (BARS.length - 1));
      return BARS[Math.min(BARS.length - 1, Math.max(0, level))] ?? ' ';
    })
    .join('');
}

/** Means of `width` equal buckets (or the values themselves when there are no more than `width`). */
function bucketMeans(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let b = 0; b < width; b++) {
    const from = Math.floor((b * values.length) / width);
    const to = Math.floor(((b + 1) * values.length) / width);
    const part = values.slice(from, to).filter(Number.isFinite);
    out.push(part.length === 0 ? Number.NaN : part.reduce((s, v) => s + v, 0) / part.length);
  }
  return out;
}
