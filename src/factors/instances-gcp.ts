/**
 * Google Compute Engine machine types, generated from machine-series definitions.
 *
 * `family` is series + shape ('n2-standard', 'a2-highgpu') because CCF describes a host per shape:
 * its platform memory (and so its embodied figure) differs between standard, highmem and highcpu.
 * Host vCPUs follow CCF's gcp-instances.csv ('Platform vCPUs (highest vCPU possible)', i.e. the
 * largest size of that shape) and, for newer series, the largest size in Google's documentation.
 */
import { seriesInstances, type SizeRow } from './instance-series.js';
import type { InstanceType, SourceRef } from './types.js';

export const gcpInstanceSources: readonly SourceRef[] = [
  {
    id: 'ccf-gcp-instances',
    title: 'Cloud Carbon Footprint coefficients: data/gcp-instances.csv (machine types, vCPUs, memory, platform, microarchitecture)',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients/blob/dda7621f8ab227dcb45096af6ccc2227aaf92b3e/data/gcp-instances.csv',
    license: 'Apache-2.0',
  },
  {
    id: 'gcp-machine-types',
    title: 'Compute Engine machine families resource and comparison guide (general-purpose, compute-, memory- and accelerator-optimized)',
    publisher: 'Google Cloud',
    year: 2024,
    url: 'https://cloud.google.com/compute/docs/machine-resource',
  },
];

const CCF = 'ccf-gcp-instances' as const;
const GOOGLE = 'gcp-machine-types' as const;

/** CCF's processor mixes for series that land on several generations (see cpu.ts). */
const E2_MIX = 'skylake+broadwell+haswell+epyc-2nd-gen';
const N1_MIX = 'skylake+broadwell+haswell+ivy-bridge+sandy-bridge';
const M1_MIX = 'skylake+broadwell';

type Row = SizeRow;

interface GcpSeries {
  readonly family: string;
  readonly cpuArch: string;
  readonly hostVcpus: number;
  readonly source: typeof CCF | typeof GOOGLE;
  readonly gpuModel?: string;
  /** '<family>-<n>' machine types: vCPU counts and memory per vCPU. */
  readonly vcpus?: readonly number[];
  readonly gbPerVcpu?: number;
  readonly memoryAt?: Readonly<Record<number, number>>;
  /** '<family>-<g>g' accelerator types: vCPUs and memory scale with the GPU count. */
  readonly perGpu?: { readonly vcpus: number; readonly memoryGB: number; readonly counts: readonly number[] };
  readonly rows?: readonly Row[];
}

const N2_SIZES = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128];
const N2_HIGHCPU = [2, 4, 8, 16, 32, 48, 64, 80, 96];
const C3_SIZES = [4, 8, 22, 44, 88, 176];

const series: readonly GcpSeries[] = [
  { family: 'e2-standard', cpuArch: E2_MIX, hostVcpus: 32, vcpus: [2, 4, 8, 16, 32], gbPerVcpu: 4, source: CCF },
  // CCF's platform for e2-highmem is its largest size, 16 vCPUs.
  { family: 'e2-highmem', cpuArch: E2_MIX, hostVcpus: 16, vcpus: [2, 4, 8, 16], gbPerVcpu: 8, source: CCF },
  { family: 'e2-highcpu', cpuArch: E2_MIX, hostVcpus: 32, vcpus: [2, 4, 8, 16, 32], gbPerVcpu: 1, source: CCF },
  {
    family: 'e2-shared',
    cpuArch: E2_MIX,
    hostVcpus: 32,
    source: CCF,
    // Shared-core: 2 vCPUs billed, sustained share 0.25 / 0.5 / 1 vCPU. CCF counts 2.
    rows: [
      { name: 'e2-micro', vcpus: 2, memoryGB: 1 },
      { name: 'e2-small', vcpus: 2, memoryGB: 2 },
      { name: 'e2-medium', vcpus: 2, memoryGB: 4 },
    ],
  },
  { family: 'n1-standard', cpuArch: N1_MIX, hostVcpus: 96, vcpus: [1, 2, 4, 8, 16, 32, 64, 96], gbPerVcpu: 3.75, source: CCF },
  { family: 'n1-highmem', cpuArch: N1_MIX, hostVcpus: 96, vcpus: [2, 4, 8, 16, 32, 64, 96], gbPerVcpu: 6.5, source: CCF },
  { family: 'n1-highcpu', cpuArch: N1_MIX, hostVcpus: 96, vcpus: [2, 4, 8, 16, 32, 64, 96], gbPerVcpu: 0.9, source: CCF },
  {
    family: 'n1-shared',
    cpuArch: N1_MIX,
    hostVcpus: 96,
    source: CCF,
    rows: [
      { name: 'f1-micro', vcpus: 1, memoryGB: 0.6 },
      { name: 'g1-small', vcpus: 1, memoryGB: 1.7 },
    ],
  },
  { family: 'n2-standard', cpuArch: 'cascade-lake', hostVcpus: 128, vcpus: N2_SIZES, gbPerVcpu: 4, source: CCF },
  { family: 'n2-highmem', cpuArch: 'cascade-lake', hostVcpus: 128, vcpus: N2_SIZES, gbPerVcpu: 8, memoryAt: { 128: 864 }, source: CCF },
  { family: 'n2-highcpu', cpuArch: 'cascade-lake', hostVcpus: 96, vcpus: N2_HIGHCPU, gbPerVcpu: 1, source: CCF },
  { family: 'n2d-standard', cpuArch: 'epyc-2nd-gen', hostVcpus: 224, vcpus: [...N2_SIZES, 224], gbPerVcpu: 4, source: CCF },
  { family: 'n2d-highmem', cpuArch: 'epyc-2nd-gen', hostVcpus: 96, vcpus: N2_HIGHCPU, gbPerVcpu: 8, source: CCF },
  { family: 'n2d-highcpu', cpuArch: 'epyc-2nd-gen', hostVcpus: 224, vcpus: [...N2_SIZES, 224], gbPerVcpu: 1, source: CCF },
  { family: 't2d-standard', cpuArch: 'epyc-3rd-gen', hostVcpus: 60, vcpus: [1, 2, 4, 8, 16, 32, 48, 60], gbPerVcpu: 4, source: CCF },
  { family: 'c2-standard', cpuArch: 'cascade-lake', hostVcpus: 60, vcpus: [4, 8, 16, 30, 60], gbPerVcpu: 4, source: CCF },
  { family: 'c3-standard', cpuArch: 'sapphire-rapids', hostVcpus: 176, vcpus: C3_SIZES, gbPerVcpu: 4, source: GOOGLE },
  { family: 'c3-highmem', cpuArch: 'sapphire-rapids', hostVcpus: 176, vcpus: C3_SIZES, gbPerVcpu: 8, source: GOOGLE },
  { family: 'c3-highcpu', cpuArch: 'sapphire-rapids', hostVcpus: 176, vcpus: C3_SIZES, gbPerVcpu: 2, source: GOOGLE },
  { family: 'm1-ultramem', cpuArch: M1_MIX, hostVcpus: 160, vcpus: [40, 80, 160], gbPerVcpu: 24.025, source: CCF },
  { family: 'm1-megamem', cpuArch: M1_MIX, hostVcpus: 160, vcpus: [96], gbPerVcpu: 14.933333333333334, memoryAt: { 96: 1433.6 }, source: CCF },
  // CCF's csv gives m2 memory in TB (5.888); Google documents 5,888 / 11,776 GB.
  { family: 'm2-ultramem', cpuArch: 'cascade-lake', hostVcpus: 416, vcpus: [208, 416], gbPerVcpu: 28.307692307692307, memoryAt: { 208: 5888, 416: 11776 }, source: GOOGLE },
  { family: 'm2-megamem', cpuArch: 'cascade-lake', hostVcpus: 416, vcpus: [416], gbPerVcpu: 14.153846153846153, memoryAt: { 416: 5888 }, source: GOOGLE },
  {
    family: 'a2-highgpu',
    cpuArch: 'cascade-lake',
    hostVcpus: 96,
    gpuModel: 'a100-sxm4-40gb',
    perGpu: { vcpus: 12, memoryGB: 85, counts: [1, 2, 4, 8] },
    source: CCF,
  },
  {
    family: 'a2-megagpu',
    cpuArch: 'cascade-lake',
    hostVcpus: 96,
    gpuModel: 'a100-sxm4-40gb',
    rows: [{ name: 'a2-megagpu-16g', vcpus: 96, memoryGB: 1360, gpus: 16 }],
    source: CCF,
  },
  {
    family: 'a2-ultragpu',
    cpuArch: 'cascade-lake',
    hostVcpus: 96,
    gpuModel: 'a100-sxm4-80gb',
    perGpu: { vcpus: 12, memoryGB: 170, counts: [1, 2, 4, 8] },
    source: GOOGLE,
  },
  {
    family: 'a3-highgpu',
    cpuArch: 'sapphire-rapids',
    hostVcpus: 208,
    gpuModel: 'h100-sxm5-80gb',
    perGpu: { vcpus: 26, memoryGB: 234, counts: [1, 2, 4, 8] },
    source: GOOGLE,
  },
  {
    family: 'a3-megagpu',
    cpuArch: 'sapphire-rapids',
    hostVcpus: 208,
    gpuModel: 'h100-sxm5-80gb', // 'H100 Mega': the SXM part with more host networking
    rows: [{ name: 'a3-megagpu-8g', vcpus: 208, memoryGB: 1872, gpus: 8 }],
    source: GOOGLE,
  },
  {
    family: 'g2-standard',
    cpuArch: 'cascade-lake',
    hostVcpus: 96,
    gpuModel: 'l4',
    source: GOOGLE,
    rows: [
      { name: 'g2-standard-4', vcpus: 4, memoryGB: 16, gpus: 1 },
      { name: 'g2-standard-8', vcpus: 8, memoryGB: 32, gpus: 1 },
      { name: 'g2-standard-12', vcpus: 12, memoryGB: 48, gpus: 1 },
      { name: 'g2-standard-16', vcpus: 16, memoryGB: 64, gpus: 1 },
      { name: 'g2-standard-24', vcpus: 24, memoryGB: 96, gpus: 2 },
      { name: 'g2-standard-32', vcpus: 32, memoryGB: 128, gpus: 1 },
      { name: 'g2-standard-48', vcpus: 48, memoryGB: 192, gpus: 4 },
      { name: 'g2-standard-96', vcpus: 96, memoryGB: 384, gpus: 8 },
    ],
  },
];

const YEAR: Readonly<Record<string, number>> = { [CCF]: 2023, [GOOGLE]: 2024 };

function rowsOf(s: GcpSeries): readonly Row[] {
  if (s.rows !== undefined) return s.rows;
  if (s.perGpu !== undefined) {
    const p = s.perGpu;
    return p.counts.map((g) => ({ name: `${s.family}-${g}g`, vcpus: p.vcpus * g, memoryGB: p.memoryGB * g, gpus: g }));
  }
  const { vcpus, gbPerVcpu } = s;
  if (vcpus === undefined || gbPerVcpu === undefined) throw new Error(`gcp ${s.family}: give rows, perGpu or vcpus + gbPerVcpu`);
  // Rounded to MB so that 0.9 x 96 reads 86.4, not 86.39999999999999.
  return vcpus.map((n) => ({ name: `${s.family}-${n}`, vcpus: n, memoryGB: s.memoryAt?.[n] ?? Math.round(n * gbPerVcpu * 1000) / 1000 }));
}

function expand(s: GcpSeries): InstanceType[] {
  return seriesInstances('gcp', s, rowsOf(s), YEAR[s.source] ?? 2024);
}

/** Every Compute Engine machine type greenops knows ('n2-standard-4'). */
export const gcpInstanceTypes: readonly InstanceType[] = series.flatMap(expand);

/** Machine type from a bare name or a resource URL ('zones/us-central1-a/machineTypes/n2-standard-4'). */
export function gcpCanonicalName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.slice(lower.lastIndexOf('/') + 1);
}
