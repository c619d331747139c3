/**
 * Energy from power samples of one device: the trapezoid rule between consecutive samples, so each
 * segment counts the mean of its two end powers. An interval ends at the last sample received; the next
 * starts there, so nothing is counted twice and nothing between samples is lost. Energy before the first
 * sample and after the last is not extrapolated: the reading's [t0, t1] says what was covered.
 */

export interface PowerPoint {
  readonly t: number;
  readonly watts: number;
  readonly utilisation?: number;
}

export interface Integrated {
  readonly t0: number;
  readonly t1: number;
  readonly joules: number;
  /** Time-weighted mean utilisation where both ends of a segment had one. */
  readonly utilisation: number | undefined;
  readonly points: number;
}

export interface Trapezoid {
  /** Adds a sample; one not after the previous is ignored and returns false. */
  add(p: PowerPoint): boolean;
  /** The energy since the previous take (undefined when no segment was completed); starts a new interval. */
  take(): Integrated | undefined;
}

/**
 * @example
 * const tz = createTrapezoid();
 * tz.add({ t: 0, watts: 100 }); tz.add({ t: 1000, watts: 300 });
 * tz.take()?.joules // 200
 */
export function createTrapezoid(): Trapezoid {
  let last: PowerPoint | undefined;
  let t0: number | undefined;
  let joules = 0;
  let utilSeconds = 0;
  let utilSpan = 0;
  let points = 0;
  return {
    add(p) {
      if (last !== undefined && p.t <= last.t) return false;
      if (last !== undefined) {
        const dt = (p.t - last.t) / 1000;
        joules += ((last.watts + p.watts) / 2) * dt;
        if (last.utilisation !== undefined && p.utilisation !== undefined) {
          utilSeconds += ((last.utilisation + p.utilisation) / 2) * dt;
          utilSpan += dt;
        }
      } else {
        t0 = p.t;
      }
      last = p;
      points++;
      return true;
    },
    take() {
      if (last === undefined || t0 === undefined || last.t <= t0) return undefined;
      const out = { t0, t1: last.t, joules, utilisation: utilSpan > 0 ? utilSeconds / utilSpan : undefined, points };
      t0 = last.t;
      joules = 0;
      utilSeconds = 0;
      utilSpan = 0;
      points = 0;
      return out;
    },
  };
}
