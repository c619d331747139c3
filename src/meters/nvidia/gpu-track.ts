/**
 * The readings of one GPU from its stream of samples. A GPU is measured (`sampled`) when it reports
 * power.draw; one that reports `[Not Supported]`/`[N/A]` power from its first sample on (some GeForce
 * and vGPU parts) is modelled from utilisation with the GPU factor table's idle and max watts on the
 * CCF line, for the whole run, so one GPU's readings never mix methods. A measured GPU's occasional
 * missing value is a gap that the trapezoid bridges.
 */
import { watts } from '../../core/power.js';
import { lookupGpu } from '../../factors/gpu.js';
import type { GpuFactor } from '../../factors/types.js';
import { meanWatts, type Reading } from '../types.js';
import { createTrapezoid } from './integrate.js';
import type { GpuSample } from './parse.js';

export interface GpuTrack {
  add(s: GpuSample): void;
  take(): Reading | undefined;
}

/**
 * @example
 * const track = createGpuTrack(notes.add);
 * track.add(sample); track.add(nextSample);
 * track.take() // { method: 'sampled', scope: 'gpu', device: 'gpu-0', joules, ... }
 */
export function createGpuTrack(note: (text: string) => void): GpuTrack {
  const tz = createTrapezoid();
  let mode: 'sampled' | 'model' | undefined;
  let factor: GpuFactor | undefined;
  let latest: GpuSample | undefined;

  const decide = (s: GpuSample): void => {
    if (s.powerW !== undefined) {
      mode = 'sampled';
      return;
    }
    factor = lookupGpu(s.name);
    if (s.utilisation === undefined || factor === undefined) return;
    mode = 'model';
    note(`GPU ${s.index} (${s.name}) reports no power.draw: modelled from utilisation with ${factor.id} (idle ${factor.idleWatts.toFixed(0)} W, max ${factor.maxWatts} W).`);
  };

  return {
    add(s) {
      latest = s;
      if (mode === undefined) decide(s);
      const w = mode === 'sampled' ? s.powerW : mode === 'model' && factor !== undefined && s.utilisation !== undefined
        ? watts('linear', factor.idleWatts, factor.maxWatts, s.utilisation)
        : undefined;
      if (w === undefined) return;
      if (!tz.add({ t: s.t, watts: w, ...(s.utilisation === undefined ? {} : { utilisation: s.utilisation }) })) {
        note(`GPU ${s.index}: samples out of time order were skipped.`);
      }
    },
    take() {
      const i = tz.take();
      if (i === undefined || latest === undefined || mode === undefined) return undefined;
      const s = latest;
      const mean = meanWatts(i.joules, i.t0, i.t1);
      return {
        meter: 'nvidia-smi',
        method: mode,
        scope: 'gpu',
        device: `gpu-${s.index}`,
        uuid: s.uuid,
        name: s.name,
        t0: i.t0,
        t1: i.t1,
        joules: i.joules,
        ...(mean === undefined ? {} : { watts: mean }),
        ...(i.utilisation === undefined ? {} : { utilisation: i.utilisation }),
        ...(s.memoryUsedBytes === undefined ? {} : { memoryUsedBytes: s.memoryUsedBytes }),
        ...(s.memoryTotalBytes === undefined ? {} : { memoryTotalBytes: s.memoryTotalBytes }),
        ...(mode === 'model' && factor !== undefined
          ? {
              idleWatts: factor.idleWatts,
              model: { curve: 'linear', factorIds: [factor.id], fallback: false, band: factor.band, ...(i.utilisation === undefined ? {} : { load: i.utilisation }) },
            }
          : {}),
      };
    },
  };
}
