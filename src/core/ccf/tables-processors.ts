/**
 * CCF 0.15's per-processor watts and memory, the largest entry of each instance family, and the
 * small rules CCF applies to them. Sources (paths inside the npm packages' dist/):
 * aws/domain/AwsFootprintEstimationConstants.js (MIN_/MAX_WATTS_BY_COMPUTE_PROCESSOR,
 * MEMORY_BY_COMPUTE_PROCESSOR, getMinWatts/getMaxWatts/getMemory), core/FootprintEstimate.js
 * (getWattsByAverageOrMedian, getAverage), core/memory/helpers.js (getPhysicalChips),
 * aws/lib/AWSMemoryEstimatesBuilder.js (the m5zn/z1d two-chip rule), aws/lib/AWSInstanceTypes.js.
 */

/** Watts per vCPU (per GPU for GPUs) at idle and at full load; memory GB per physical chip. */
export interface CcfProcessor {
  readonly minWatts: number;
  readonly maxWatts: number;
  readonly memoryGbPerChip?: number;
}

export const CCF_PROCESSORS: Readonly<Record<string, CcfProcessor>> = {
  'Cascade Lake': { minWatts: 0.64, maxWatts: 3.97, memoryGbPerChip: 98.12 },
  Skylake: { minWatts: 0.65, maxWatts: 4.26, memoryGbPerChip: 81.32 },
  Broadwell: { minWatts: 0.71, maxWatts: 3.69, memoryGbPerChip: 69.65 },
  Haswell: { minWatts: 1, maxWatts: 4.74, memoryGbPerChip: 27.71 },
  'Coffee Lake': { minWatts: 1.14, maxWatts: 5.42, memoryGbPerChip: 19.56 },
  'Sandy Bridge': { minWatts: 2.17, maxWatts: 8.58, memoryGbPerChip: 16.7 },
  'Ivy Bridge': { minWatts: 3.04, maxWatts: 8.25, memoryGbPerChip: 9.67 },
  'AMD EPYC 1st Gen': { minWatts: 0.82, maxWatts: 2.55, memoryGbPerChip: 89.6 },
  'AMD EPYC 2nd Gen': { minWatts: 0.47, maxWatts: 1.69, memoryGbPerChip: 129.78 },
  'AWS Graviton2': { minWatts: 0.47, maxWatts: 1.69, memoryGbPerChip: 129.78 },
  'Nvidia K520': { minWatts: 26, maxWatts: 229 },
  'Nvidia A10G': { minWatts: 18, maxWatts: 153 },
  'Nvidia T4': { minWatts: 8, maxWatts: 71 },
  'Nvidia Tesla M60': { minWatts: 35, maxWatts: 306 },
  'Nvidia Tesla K80': { minWatts: 35, maxWatts: 306 },
  'Nvidia Tesla V100': { minWatts: 35, maxWatts: 306 },
  'Nvidia Tesla A100': { minWatts: 46, maxWatts: 407 },
  'Nvidia Tesla P4': { minWatts: 9, maxWatts: 76.5 },
  'Nvidia Tesla P100': { minWatts: 36, maxWatts: 306 },
  'AMD Radeon Pro V520': { minWatts: 26, maxWatts: 229 },
};

/** MIN_WATTS_AVG, MAX_WATTS_AVG, MEMORY_AVG: used for 'Unknown' and for any processor not in the table (Ice Lake, AMD EPYC 3rd Gen, AWS Graviton). */
export const CCF_UNKNOWN_PROCESSOR = { minWatts: 0.74, maxWatts: 3.5, memoryGbPerChip: 80.69 } as const;

/** getAverage: 0 for none, the value itself for one, else the mean (NaN when a value is missing). */
function average(xs: ReadonlyArray<number | undefined>): number {
  if (xs.length === 0) return 0;
  if (xs.length === 1) return xs[0] ?? Number.NaN;
  return xs.reduce<number>((a, b) => a + (b ?? Number.NaN), 0) / xs.length;
}

/** ramda's median (NaN when a value is missing). */
function median(xs: ReadonlyArray<number | undefined>): number {
  if (xs.length === 0 || xs.some((x) => x === undefined)) return Number.NaN;
  const a = (xs as number[]).slice().sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const width = 2 - (a.length % 2);
  const from = (a.length - width) / 2;
  return a.slice(from, from + width).reduce((p, c) => p + c, 0) / width;
}

/**
 * getMinWatts/getMaxWatts, then ComputeEstimator's average at CCF's fixed 50 % utilisation:
 * mean over the processors (median when Sandy or Ivy Bridge is among them); a falsy result
 * (an untabled processor gives NaN) falls back to the 'Unknown' average.
 */
export function ccfProcessorWatts(processors: readonly string[]): { minWatts: number; maxWatts: number; averageWatts: number } {
  const useMedian = processors.includes('Sandy Bridge') || processors.includes('Ivy Bridge');
  const pick = (f: (p: CcfProcessor) => number): number => {
    const xs = processors.map((p) => { const t = CCF_PROCESSORS[p]; return t ? f(t) : undefined; });
    return useMedian ? median(xs) : average(xs);
  };
  const minWatts = pick((p) => p.minWatts) || CCF_UNKNOWN_PROCESSOR.minWatts;
  const maxWatts = pick((p) => p.maxWatts) || CCF_UNKNOWN_PROCESSOR.maxWatts;
  // ComputeEstimator's ENERGY_ESTIMATION_FORMULA, same operation order.
  return { minWatts, maxWatts, averageWatts: minWatts + (50 / 100) * (maxWatts - minWatts) };
}

/** getMemory: mean memory per chip of the processors (never the median); falsy → 80.69. */
export function ccfProcessorMemoryGb(processors: readonly string[]): number {
  return average(processors.map((p) => CCF_PROCESSORS[p]?.memoryGbPerChip)) || CCF_UNKNOWN_PROCESSOR.memoryGbPerChip;
}

/**
 * The last entry of each family in EC2_INSTANCE_TYPES, else REDSHIFT_INSTANCE_TYPES (object order:
 * in 0.15 always the largest). Only these families get CCF's memory estimate.
 */
export const CCF_FAMILIES: Readonly<Record<string, { readonly largestVcpus: number; readonly largestMemoryGb: number }>> = {
  a1: { largestVcpus: 16, largestMemoryGb: 32 },
  c4: { largestVcpus: 36, largestMemoryGb: 60 },
  c5: { largestVcpus: 96, largestMemoryGb: 192 },
  c5a: { largestVcpus: 96, largestMemoryGb: 192 },
  c5ad: { largestVcpus: 96, largestMemoryGb: 192 },
  c5d: { largestVcpus: 96, largestMemoryGb: 192 },
  c5n: { largestVcpus: 72, largestMemoryGb: 192 },
  c6g: { largestVcpus: 64, largestMemoryGb: 128 },
  c6gd: { largestVcpus: 64, largestMemoryGb: 128 },
  c6gn: { largestVcpus: 64, largestMemoryGb: 128 },
  c6i: { largestVcpus: 96, largestMemoryGb: 192 },
  c6a: { largestVcpus: 192, largestMemoryGb: 384 },
  hpc6a: { largestVcpus: 96, largestMemoryGb: 384 },
  mac1: { largestVcpus: 12, largestMemoryGb: 32 },
  m4: { largestVcpus: 64, largestMemoryGb: 256 },
  m5: { largestVcpus: 96, largestMemoryGb: 384 },
  m5a: { largestVcpus: 96, largestMemoryGb: 384 },
  m5ad: { largestVcpus: 96, largestMemoryGb: 384 },
  m5d: { largestVcpus: 96, largestMemoryGb: 384 },
  m5dn: { largestVcpus: 96, largestMemoryGb: 384 },
  m5n: { largestVcpus: 96, largestMemoryGb: 384 },
  m5zn: { largestVcpus: 48, largestMemoryGb: 192 },
  m6g: { largestVcpus: 64, largestMemoryGb: 256 },
  m6gd: { largestVcpus: 64, largestMemoryGb: 256 },
  m6i: { largestVcpus: 128, largestMemoryGb: 512 },
  m6a: { largestVcpus: 192, largestMemoryGb: 768 },
  p2: { largestVcpus: 64, largestMemoryGb: 732 },
  p3: { largestVcpus: 64, largestMemoryGb: 488 },
  p3dn: { largestVcpus: 96, largestMemoryGb: 768 },
  p4d: { largestVcpus: 96, largestMemoryGb: 1152 },
  ra3: { largestVcpus: 48, largestMemoryGb: 384 },
  r4: { largestVcpus: 64, largestMemoryGb: 488 },
  r5: { largestVcpus: 96, largestMemoryGb: 768 },
  r5a: { largestVcpus: 96, largestMemoryGb: 768 },
  r5ad: { largestVcpus: 96, largestMemoryGb: 768 },
  r5b: { largestVcpus: 96, largestMemoryGb: 768 },
  r5d: { largestVcpus: 96, largestMemoryGb: 768 },
  r5dn: { largestVcpus: 96, largestMemoryGb: 768 },
  r5n: { largestVcpus: 96, largestMemoryGb: 768 },
  r6g: { largestVcpus: 64, largestMemoryGb: 512 },
  r6gd: { largestVcpus: 64, largestMemoryGb: 512 },
  r6i: { largestVcpus: 128, largestMemoryGb: 1024 },
  t2: { largestVcpus: 8, largestMemoryGb: 32 },
  t3: { largestVcpus: 8, largestMemoryGb: 32 },
  t3a: { largestVcpus: 8, largestMemoryGb: 32 },
  t4g: { largestVcpus: 8, largestMemoryGb: 32 },
  x1: { largestVcpus: 128, largestMemoryGb: 1952 },
  x1e: { largestVcpus: 128, largestMemoryGb: 3904 },
  x2gd: { largestVcpus: 64, largestMemoryGb: 1024 },
  x2idn: { largestVcpus: 128, largestMemoryGb: 2048 },
  x2iedn: { largestVcpus: 128, largestMemoryGb: 4096 },
  x2iezn: { largestVcpus: 48, largestMemoryGb: 1536 },
  z1d: { largestVcpus: 48, largestMemoryGb: 384 },
  c1: { largestVcpus: 8, largestMemoryGb: 7 },
  cr1: { largestVcpus: 32, largestMemoryGb: 244 },
  cc2: { largestVcpus: 32, largestMemoryGb: 60.5 },
  c2: { largestVcpus: 32, largestMemoryGb: 60.5 },
  c3: { largestVcpus: 32, largestMemoryGb: 60 },
  d2: { largestVcpus: 36, largestMemoryGb: 244 },
  dc2: { largestVcpus: 32, largestMemoryGb: 244 },
  ds2: { largestVcpus: 36, largestMemoryGb: 244 },
  d3: { largestVcpus: 32, largestMemoryGb: 256 },
  d3en: { largestVcpus: 48, largestMemoryGb: 192 },
  dl1: { largestVcpus: 96, largestMemoryGb: 768 },
  f1: { largestVcpus: 64, largestMemoryGb: 976 },
  g2: { largestVcpus: 32, largestMemoryGb: 60 },
  g3: { largestVcpus: 64, largestMemoryGb: 488 },
  g3s: { largestVcpus: 4, largestMemoryGb: 30.5 },
  g4ad: { largestVcpus: 64, largestMemoryGb: 256 },
  g4dn: { largestVcpus: 96, largestMemoryGb: 384 },
  g5: { largestVcpus: 192, largestMemoryGb: 768 },
  g5g: { largestVcpus: 64, largestMemoryGb: 128 },
  h1: { largestVcpus: 64, largestMemoryGb: 256 },
  hs1: { largestVcpus: 16, largestMemoryGb: 117 },
  i2: { largestVcpus: 32, largestMemoryGb: 244 },
  i3: { largestVcpus: 72, largestMemoryGb: 512 },
  i3en: { largestVcpus: 96, largestMemoryGb: 768 },
  inf1: { largestVcpus: 96, largestMemoryGb: 192 },
  im4gn: { largestVcpus: 64, largestMemoryGb: 256 },
  is4gen: { largestVcpus: 32, largestMemoryGb: 192 },
  i4i: { largestVcpus: 128, largestMemoryGb: 1024 },
  m1: { largestVcpus: 4, largestMemoryGb: 15 },
  m2: { largestVcpus: 8, largestMemoryGb: 68.4 },
  m3: { largestVcpus: 8, largestMemoryGb: 30 },
  r3: { largestVcpus: 32, largestMemoryGb: 244 },
  t1: { largestVcpus: 1, largestMemoryGb: 613 },
  vt1: { largestVcpus: 96, largestMemoryGb: 192 },
  dc1: { largestVcpus: 32, largestMemoryGb: 244 },
};

/** Memory per physical chip of a family's largest type: 2 chips for m5zn and z1d, else ceil(vCPUs / 96). */
export function ccfFamilyMemoryPerChipGb(family: string, f: { largestVcpus: number; largestMemoryGb: number }): number {
  const chips = ['m5zn', 'z1d'].includes(family) ? 2 : Math.ceil(f.largestVcpus / 96);
  return f.largestMemoryGb / chips;
}
