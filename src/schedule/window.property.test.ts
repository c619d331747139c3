/**
 * Property test: the O(n) sliding search against a brute-force O(n·w) search written independently
 * (overlap sums for `step`, a point-by-point trapezoid for `linear`) on seeded random series with
 * random lengths, mixed steps, off-grid starts, durations that are not multiples of the step, power
 * profiles and many ties.
 */
import { describe, expect, it } from 'vitest';
import type { IntensityPoint, IntensitySeries } from '../intensity/types.js';
import type { PowerSegment, Semantics } from './types.js';
import { bestWindows } from './window.js';
import { prng } from '../core/random.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);

interface Pt { start: number; end: number; value: number }

/** ∫ over [s, e] (ms) of the series, minutes × g/kWh, computed the slow and obvious way. */
function bruteIntegral(pts: readonly Pt[], semantics: Semantics, s: number, e: number): number {
  if (semantics === 'step') {
    let sum = 0;
    for (const p of pts) sum += (p.value * Math.max(0, Math.min(e, p.end) - Math.max(s, p.start))) / MIN;
    return sum;
  }
  // Knots at every point start, value held from the last start to the series end.
  const last = pts[pts.length - 1] as Pt;
  const knots = [...pts.map((p) => [p.start, p.value] as const), [last.end, last.value] as const];
  const f = (x: number): number => {
    for (let i = 0; i + 1 < knots.length; i++) {
      const [ta, va] = knots[i] as readonly [number, number];
      const [tb, vb] = knots[i + 1] as readonly [number, number];
      if (x <= tb) return va + ((vb - va) * (x - ta)) / (tb - ta);
    }
    return last.value;
  };
  const xs = [s, ...knots.map(([x]) => x).filter((x) => x > s && x < e), e];
  let sum = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = xs[i] as number;
    const b = xs[i + 1] as number;
    sum += ((f(a) + f(b)) / 2) * ((b - a) / MIN);
  }
  return sum;
}

interface Case {
  series: IntensitySeries; pts: Pt[]; earliest: number; deadline: number; duration: number;
  tick: number | undefined; power: number | PowerSegment[] | undefined; ties: boolean;
}

function randomCase(rnd: () => number): Case {
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const ties = rnd() < 0.5;
  const steps = [5, 10, 15, 30, 60];
  const mixed = rnd() < 0.3;
  const step0 = steps[int(0, steps.length - 1)] as number;
  const pts: Pt[] = [];
  let t = T0 + int(0, 59) * MIN;
  for (let i = 0, n = int(1, 60); i < n; i++) {
    const len = (mixed ? (steps[int(0, steps.length - 1)] as number) : step0) * MIN;
    // Integer data in runs of equal values: plateaus make ties under both semantics.
    const prev = pts[pts.length - 1]?.value;
    const value = !ties ? 50 + rnd() * 500 : prev !== undefined && rnd() < 0.6 ? prev : int(1, 3);
    pts.push({ start: t, end: t + len, value });
    t += len;
  }
  const first = (pts[0] as Pt).start;
  const total = (t - first) / MIN;
  const earliest = first + int(0, total - 1) * MIN;
  const room = (t - earliest) / MIN;
  // Short jobs half the time: more candidates, and more ties on integer data.
  const duration = rnd() < 0.5 ? int(1, Math.min(room, 2 * step0)) : int(1, room);
  const deadline = earliest + (duration + int(0, room - duration)) * MIN;
  const tick = rnd() < 0.5 ? undefined : int(1, 90);
  let power: Case['power'];
  const mode = rnd();
  if (mode < 0.33) power = undefined;
  else if (mode < 0.66 || duration < 4) power = ties ? int(1, 3) : rnd() * 10;
  else {
    const cuts = [0, int(1, duration - 1), duration].sort((a, b) => a - b);
    power = [{ durationMinutes: (cuts[1] as number) - 0, kW: int(0, 4) }, { durationMinutes: duration - (cuts[1] as number), kW: int(0, 4) }];
  }
  const points = pts.map((p): IntensityPoint => ({
    start: new Date(p.start).toISOString(), durationMinutes: (p.end - p.start) / MIN, gCO2ePerKWh: p.value,
    kind: 'forecast', signal: 'average', estimated: false,
  }));
  // Shuffle: preparation must sort.
  points.sort(() => rnd() - 0.5);
  return { series: { zone: 'RND', points, provider: 'test', fetchedAt: '2024-01-01T00:00:00Z' }, pts, earliest, deadline, duration, tick, power, ties };
}

/** Brute-force objective of every candidate (emissions with a profile, else the window integral). */
function bruteSearch(c: Case, semantics: Semantics): { starts: number[]; values: number[] } {
  const stepMin = Math.min(...c.pts.map((p) => (p.end - p.start) / MIN));
  const tick = (c.tick ?? stepMin) * MIN;
  const starts: number[] = [];
  const values: number[] = [];
  for (let s = c.earliest; s + c.duration * MIN <= c.deadline; s += tick) {
    starts.push(s);
    if (Array.isArray(c.power)) {
      let off = s;
      let sum = 0;
      for (const seg of c.power) {
        sum += seg.kW * bruteIntegral(c.pts, semantics, off, off + seg.durationMinutes * MIN);
        off += seg.durationMinutes * MIN;
      }
      values.push(sum);
    } else values.push(bruteIntegral(c.pts, semantics, s, s + c.duration * MIN));
  }
  return { starts, values };
}

describe.each(['step', 'linear'] as const)('bestWindows matches brute force (%s)', (semantics) => {
  it('on 400 seeded random cases', () => {
    const rnd = prng(semantics === 'step' ? 20240331 : 20240401);
    let tiedCases = 0;
    for (let n = 0; n < 400; n++) {
      const c = randomCase(rnd);
      const plan = bestWindows({
        series: c.series, semantics, durationMinutes: c.duration, earliest: new Date(c.earliest), deadline: new Date(c.deadline),
        ...(c.tick === undefined ? {} : { tickMinutes: c.tick }), ...(c.power === undefined ? {} : { power: c.power }),
      });
      const brute = bruteSearch(c, semantics);
      const min = Math.min(...brute.values);
      const scale = Math.max(Math.abs(min), 1e-9);
      expect(plan.candidates, `case ${n}`).toBe(brute.starts.length);
      const profile = Array.isArray(c.power);
      const ours = (w: (typeof plan.optima)[number]): number => (profile ? (w.emissionsG ?? 0) * 60 : w.averageGCO2ePerKWh * c.duration);
      const best = plan.optima[0];
      expect(best, `case ${n}`).toBeDefined();
      if (!best) continue;
      expect(Math.abs(ours(best) - min) / scale, `case ${n}`).toBeLessThan(1e-9);
      const optimumStarts = plan.optima.map((w) => Date.parse(w.start));
      for (const s of optimumStarts) {
        const v = brute.values[brute.starts.indexOf(s)] ?? Number.NaN;
        expect((v - min) / scale, `case ${n}`).toBeLessThan(1e-8);
      }
      const bruteOptima = brute.starts.filter((_, k) => ((brute.values[k] ?? 0) - min) / scale < 1e-9);
      expect(optimumStarts.includes(brute.starts[brute.values.indexOf(min)] ?? -1), `case ${n}`).toBe(true);
      // Integer data: ties are exact, so the sets must agree.
      if (c.ties) expect(optimumStarts, `case ${n}`).toEqual(bruteOptima);
      if (bruteOptima.length > 1) tiedCases++;
      expect(plan.runNow.start).toBe(new Date(c.earliest).toISOString().replace('.000Z', 'Z'));
    }
    // The generator must actually exercise ties.
    expect(tiedCases).toBeGreaterThan(30);
  });
});
