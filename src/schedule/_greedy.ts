/**
 * Greedy placement of an interruptible job into the cleanest stretches of [from, to], in chunks of at
 * least `minMs`. Each round takes the cheapest (lowest average intensity, then earliest) of:
 * - growing an existing chunk by the slot next to it (a chunk already long enough stays so), or
 * - opening a new chunk on a slot boundary, as few whole slots as reach `minMs` (never shorter),
 * each capped by the time still to place. A slot is a data step clipped to [from, to].
 *
 * Limits: it is myopic. When the minimum chunk forces a chunk to bridge dearer slots to reach a very
 * clean one, or an early cheap block blocks a better-aligned one, it can miss the optimum (an exact
 * answer is a dynamic programme over slots × placed time × run length). The caller also compares
 * the best uninterrupted window, so the result is never worse than that nor than running now.
 * Against exhaustive search on small cases (chunks.test.ts) it is exact in about 97 % of them; the
 * worst miss there is about 18 % above the optimum.
 *
 * Cost: O(rounds × slots × slots per minimum chunk), rounds ≤ slots placed: horizons of days
 * (a 24-hour job in a week of 5-minute data takes well under a second), not years.
 */
import { integralBetween } from './_integral.js';
import type { IntegralTable } from './types.js';

interface Span { s: number; e: number }
interface Move { s: number; e: number; avg: number }

export function greedyChunks(table: IntegralTable, boundaries: readonly number[], needMs: number, minMs: number): Span[] {
  const chunks: Span[] = [];
  const from = boundaries[0] ?? 0;
  const to = boundaries[boundaries.length - 1] ?? 0;
  const avg = (s: number, e: number): number => integralBetween(table, s, e) / (e - s);
  let remaining = needMs;
  while (remaining > 0) {
    let best: Move | undefined;
    const consider = (s: number, e: number): void => {
      if (e <= s) return;
      const m = { s, e, avg: avg(s, e) };
      if (!best || m.avg < best.avg || (m.avg === best.avg && m.s < best.s)) best = m;
    };
    chunks.forEach((c, i) => {
      const prevEnd = chunks[i - 1]?.e ?? from;
      const nextStart = chunks[i + 1]?.s ?? to;
      consider(c.e, Math.min(after(boundaries, c.e), nextStart, c.e + remaining));
      consider(Math.max(before(boundaries, c.s), prevEnd, c.s - remaining), c.s);
    });
    if (remaining >= minMs) {
      for (let j = 0; j + 1 < boundaries.length; j++) {
        const s = boundaries[j] ?? 0;
        let e = s;
        for (let k = j + 1; k < boundaries.length && e - s < minMs; k++) e = boundaries[k] ?? e;
        e = Math.min(e, s + remaining);
        if (e - s >= Math.min(minMs, remaining) && isFree(chunks, s, e)) consider(s, e);
      }
    }
    // Cannot happen while free time ≥ remaining (checked by the caller); guards an endless loop.
    if (!best) break;
    const move: Move = best;
    remaining -= move.e - move.s;
    insert(chunks, move);
  }
  return chunks;
}

/** First boundary strictly after x (or the last one). */
function after(b: readonly number[], x: number): number {
  for (const v of b) if (v > x) return v;
  return b[b.length - 1] ?? x;
}

/** Last boundary strictly before x (or the first one). */
function before(b: readonly number[], x: number): number {
  let out = b[0] ?? x;
  for (const v of b) {
    if (v >= x) break;
    out = v;
  }
  return out;
}

function isFree(chunks: readonly Span[], s: number, e: number): boolean {
  return chunks.every((c) => c.e <= s || c.s >= e);
}

/** Add a span, keeping chunks sorted and merging those that touch. */
function insert(chunks: Span[], span: Span): void {
  chunks.push({ s: span.s, e: span.e });
  chunks.sort((a, b) => a.s - b.s);
  for (let i = chunks.length - 1; i > 0; i--) {
    const prev = chunks[i - 1];
    const cur = chunks[i];
    if (prev && cur && prev.e >= cur.s) {
      prev.e = Math.max(prev.e, cur.e);
      chunks.splice(i, 1);
    }
  }
}
