/** The job's part of one journalled interval: the one place that turns a sample into attribution input. */
import { attributeEnergy, type Attribution } from '../meters/attribution.js';
import type { SampleRecord } from './types.js';

/**
 * @example attributeSample(sample, header.machine.memoryBytes).job.cpu_package // joules
 */
export function attributeSample(s: SampleRecord, memoryTotalBytes: number | null): Attribution {
  const memoryShare = memoryTotalBytes && memoryTotalBytes > 0 ? Math.min(1, s.rssBytes / memoryTotalBytes) : undefined;
  return attributeEnergy({
    readings: s.readings,
    cpu: [{ t0: s.t0, t1: s.t1, jobCpuSeconds: s.cpu.jobCpuSeconds, busyCpuSeconds: s.cpu.busyCpuSeconds, ...(memoryShare === undefined ? {} : { memoryShare }) }],
    ...(s.gpuShares ? { gpu: [{ t0: s.t0, t1: s.t1, shares: s.gpuShares }] } : {}),
  });
}
