/**
 * The lifecycle of a meter that reads a value on demand (RAPL counters, the model): probe once at
 * start, read the interval since the last reading on each sample, read once more at stop. The
 * meter supplies only how to probe, how to read, and how to move its last reading's time to `now`.
 */
import { GreenopsError } from '../core/errors.js';
import type { Meter, MeterStatus, Reading } from './types.js';

export interface PolledParts {
  readonly id: string;
  probe(): Promise<MeterStatus>;
  /** Readings since the last call; called only while running. */
  read(now: number | undefined): Promise<Reading[]>;
  /** Start the first interval at the caller's `now` rather than at the probe's own clock. */
  rebase(now: number): void;
  notes(): readonly string[];
}

/** @example return polledMeter({ id: 'rapl', probe, read, rebase: (now) => …, notes: () => notes.list() }); */
export function polledMeter(parts: PolledParts): Meter {
  let status: MeterStatus = { state: 'idle' };
  const read = async (now: number | undefined): Promise<Reading[]> => (status.state === 'running' ? parts.read(now) : []);
  return {
    id: parts.id,
    async start(now) {
      if (status.state !== 'idle') throw new GreenopsError('E_METER', `${parts.id} meter started twice`);
      status = await parts.probe();
      if (now !== undefined && status.state === 'running') parts.rebase(now);
      return status;
    },
    sample: (now) => read(now),
    async stop(now) {
      const out = await read(now);
      if (status.state === 'running') status = { state: 'stopped' };
      return out;
    },
    status: () => status,
    notes: () => parts.notes(),
  };
}
