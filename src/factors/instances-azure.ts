/**
 * Azure VM sizes, generated from series definitions. Names are the billed ARM names, lower case
 * ('standard_d2s_v3'); `azureCanonicalName` also accepts meter names ('D2s v3').
 *
 * Series CCF covers follow CCF's azure-instances.csv for vCPUs and memory; the rest follow Microsoft's
 * size documentation. The host is the series' largest size, as CCF does ('Platform vCPUs (highest
 * vCPU possible)'); where CCF's platform column is inconsistent within a series (Dv4, Ev4) the
 * largest size is used instead.
 */
import { seriesInstances, type SizeRow } from './instance-series.js';
import type { InstanceType, SourceRef } from './types.js';

export const azureInstanceSources: readonly SourceRef[] = [
  {
    id: 'ccf-azure-instances',
    title: 'Cloud Carbon Footprint coefficients: data/azure-instances.csv (series, vCPUs, memory, microarchitecture)',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients/blob/dda7621f8ab227dcb45096af6ccc2227aaf92b3e/data/azure-instances.csv',
    license: 'Apache-2.0',
  },
  {
    id: 'azure-vm-sizes',
    title: 'Sizes for virtual machines in Azure (series pages: Dv5, Dasv5, Ev5, NC A100 v4, ND A100 v4, ND H100 v5, NVadsA10 v5, ...)',
    publisher: 'Microsoft',
    year: 2024,
    url: 'https://learn.microsoft.com/en-us/azure/virtual-machines/sizes/overview',
  },
];

const CCF = 'ccf-azure-instances' as const;
const MS = 'azure-vm-sizes' as const;

/** CCF lists these series on several Intel generations and averages them. */
const DV3_MIX = 'haswell+broadwell+skylake+cascade-lake';
const EV3_MIX = 'broadwell+skylake+cascade-lake';

type Row = SizeRow;

interface AzureSeries {
  readonly family: string;
  readonly cpuArch: string;
  readonly hostVcpus: number;
  readonly source: typeof CCF | typeof MS;
  readonly gpuModel?: string;
  /** Regular series: name template with '{n}' for the vCPU count, sizes, and memory per vCPU. */
  readonly template?: string;
  readonly vcpus?: readonly number[];
  readonly gbPerVcpu?: number;
  /** Memory of sizes that break the per-vCPU rule, by vCPU count. */
  readonly memoryAt?: Readonly<Record<number, number>>;
  /** Irregular series: explicit rows; with a template, sizes outside its rule (isolated sizes). */
  readonly rows?: readonly Row[];
}

const D_V4 = [2, 4, 8, 16, 32, 48, 64];
const D_V5 = [2, 4, 8, 16, 32, 48, 64, 96];
const E_V4 = [2, 4, 8, 16, 20, 32, 48, 64];
const E_V5 = [2, 4, 8, 16, 20, 32, 48, 64, 96];

function dSeries(family: string, template: string, cpuArch: string, vcpus: readonly number[], source: typeof CCF | typeof MS): AzureSeries {
  return { family, template, cpuArch, vcpus, gbPerVcpu: 4, hostVcpus: Math.max(...vcpus), source };
}

function eSeries(
  family: string,
  template: string,
  cpuArch: string,
  vcpus: readonly number[],
  largestGB: number,
  source: typeof CCF | typeof MS,
): AzureSeries {
  const largest = Math.max(...vcpus);
  return { family, template, cpuArch, vcpus, gbPerVcpu: 8, memoryAt: { [largest]: largestGB }, hostVcpus: largest, source };
}

const series: readonly AzureSeries[] = [
  dSeries('dv3', 'standard_d{n}_v3', DV3_MIX, D_V4, CCF),
  dSeries('dsv3', 'standard_d{n}s_v3', DV3_MIX, D_V4, CCF),
  dSeries('dv4', 'standard_d{n}_v4', 'cascade-lake', D_V4, CCF),
  // CCF lists Dsv4 on four Intel generations (copied from Dsv3); Microsoft documents Cascade Lake 8272CL.
  dSeries('dsv4', 'standard_d{n}s_v4', 'cascade-lake', D_V4, CCF),
  dSeries('ddv4', 'standard_d{n}d_v4', 'cascade-lake', D_V4, CCF),
  dSeries('ddsv4', 'standard_d{n}ds_v4', 'cascade-lake', D_V4, CCF),
  dSeries('dav4', 'standard_d{n}a_v4', 'epyc-2nd-gen', D_V5, CCF),
  dSeries('dasv4', 'standard_d{n}as_v4', 'epyc-2nd-gen', D_V5, CCF),
  dSeries('dv5', 'standard_d{n}_v5', 'ice-lake', D_V5, MS),
  dSeries('dsv5', 'standard_d{n}s_v5', 'ice-lake', D_V5, MS),
  dSeries('ddv5', 'standard_d{n}d_v5', 'ice-lake', D_V5, MS),
  dSeries('ddsv5', 'standard_d{n}ds_v5', 'ice-lake', D_V5, MS),
  dSeries('dasv5', 'standard_d{n}as_v5', 'epyc-3rd-gen', D_V5, MS),
  dSeries('dadsv5', 'standard_d{n}ads_v5', 'epyc-3rd-gen', D_V5, MS),
  // 'i' sizes are isolated: the whole host for one customer, so they fix the host's vCPUs.
  { ...eSeries('ev3', 'standard_e{n}_v3', EV3_MIX, E_V4, 432, CCF), rows: [{ name: 'standard_e64i_v3', vcpus: 64, memoryGB: 432 }] },
  { ...eSeries('esv3', 'standard_e{n}s_v3', EV3_MIX, E_V4, 432, CCF), rows: [{ name: 'standard_e64is_v3', vcpus: 64, memoryGB: 432 }] },
  eSeries('ev4', 'standard_e{n}_v4', 'cascade-lake', E_V4, 504, CCF),
  {
    ...eSeries('esv4', 'standard_e{n}s_v4', 'cascade-lake', E_V4, 504, CCF),
    hostVcpus: 80,
    rows: [{ name: 'standard_e80is_v4', vcpus: 80, memoryGB: 504 }],
  },
  eSeries('edv4', 'standard_e{n}d_v4', 'cascade-lake', E_V4, 504, CCF),
  {
    ...eSeries('edsv4', 'standard_e{n}ds_v4', 'cascade-lake', E_V4, 504, CCF),
    hostVcpus: 80,
    rows: [{ name: 'standard_e80ids_v4', vcpus: 80, memoryGB: 504 }],
  },
  eSeries('eav4', 'standard_e{n}a_v4', 'epyc-2nd-gen', E_V5, 672, CCF),
  eSeries('easv4', 'standard_e{n}as_v4', 'epyc-2nd-gen', E_V5, 672, CCF),
  // CCF has Ev5 with an 'Unknown' CPU; Microsoft documents Ice Lake 8370C for Ev5/Esv5/Edv5/Edsv5.
  eSeries('ev5', 'standard_e{n}_v5', 'ice-lake', E_V5, 672, CCF),
  eSeries('esv5', 'standard_e{n}s_v5', 'ice-lake', E_V5, 672, MS),
  eSeries('edv5', 'standard_e{n}d_v5', 'ice-lake', E_V5, 672, MS),
  eSeries('edsv5', 'standard_e{n}ds_v5', 'ice-lake', E_V5, 672, MS),
  eSeries('easv5', 'standard_e{n}as_v5', 'epyc-3rd-gen', E_V5, 672, MS),
  eSeries('eadsv5', 'standard_e{n}ads_v5', 'epyc-3rd-gen', E_V5, 672, MS),
  {
    family: 'fsv2',
    template: 'standard_f{n}s_v2',
    cpuArch: 'skylake+cascade-lake',
    vcpus: [2, 4, 8, 16, 32, 48, 64, 72],
    gbPerVcpu: 2,
    hostVcpus: 72,
    source: CCF,
  },
  { family: 'f', template: 'standard_f{n}', cpuArch: DV3_MIX, vcpus: [1, 2, 4, 8, 16], gbPerVcpu: 2, hostVcpus: 16, source: CCF },
  // CCF: 'Unknown' CPU for Fs, B and the older GPU series; it then uses its Azure average.
  { family: 'fs', template: 'standard_f{n}s', cpuArch: 'azure-average', vcpus: [1, 2, 4, 8, 16], gbPerVcpu: 2, hostVcpus: 16, source: CCF },
  {
    family: 'bs',
    cpuArch: 'azure-average',
    hostVcpus: 20,
    source: CCF,
    rows: [
      { name: 'standard_b1ls', vcpus: 1, memoryGB: 0.5 },
      { name: 'standard_b1s', vcpus: 1, memoryGB: 1 },
      { name: 'standard_b1ms', vcpus: 1, memoryGB: 2 },
      { name: 'standard_b2s', vcpus: 2, memoryGB: 4 },
      { name: 'standard_b2ms', vcpus: 2, memoryGB: 8 },
      { name: 'standard_b4ms', vcpus: 4, memoryGB: 16 },
      { name: 'standard_b8ms', vcpus: 8, memoryGB: 32 },
      { name: 'standard_b12ms', vcpus: 12, memoryGB: 48 },
      { name: 'standard_b16ms', vcpus: 16, memoryGB: 64 },
      { name: 'standard_b20ms', vcpus: 20, memoryGB: 80 },
    ],
  },
  // GPU series
  {
    family: 'nc-t4-v3',
    cpuArch: 'epyc-2nd-gen', // Microsoft: AMD EPYC 7V12 (Rome); CCF: 'Unknown'
    hostVcpus: 64,
    gpuModel: 't4',
    source: MS,
    // Microsoft lists 110 / 440 GiB for the two largest sizes; CCF's csv has 112 / 448.
    rows: [
      { name: 'standard_nc4as_t4_v3', vcpus: 4, memoryGB: 28, gpus: 1 },
      { name: 'standard_nc8as_t4_v3', vcpus: 8, memoryGB: 56, gpus: 1 },
      { name: 'standard_nc16as_t4_v3', vcpus: 16, memoryGB: 110, gpus: 1 },
      { name: 'standard_nc64as_t4_v3', vcpus: 64, memoryGB: 440, gpus: 4 },
    ],
  },
  {
    family: 'nc',
    cpuArch: 'haswell', // Microsoft: Xeon E5-2690 v3; retired 2023, still in historical bills
    hostVcpus: 24,
    gpuModel: 'k80',
    source: CCF,
    rows: [
      { name: 'standard_nc6', vcpus: 6, memoryGB: 56, gpus: 1 },
      { name: 'standard_nc12', vcpus: 12, memoryGB: 112, gpus: 2 },
      { name: 'standard_nc24', vcpus: 24, memoryGB: 224, gpus: 4 },
      { name: 'standard_nc24r', vcpus: 24, memoryGB: 224, gpus: 4 },
    ],
  },
  {
    family: 'nc-v2',
    cpuArch: 'broadwell', // Microsoft: Xeon E5-2690 v4; retired 2023
    hostVcpus: 24,
    gpuModel: 'p100',
    source: CCF,
    rows: [
      { name: 'standard_nc6s_v2', vcpus: 6, memoryGB: 112, gpus: 1 },
      { name: 'standard_nc12s_v2', vcpus: 12, memoryGB: 224, gpus: 2 },
      { name: 'standard_nc24s_v2', vcpus: 24, memoryGB: 448, gpus: 4 },
      { name: 'standard_nc24rs_v2', vcpus: 24, memoryGB: 448, gpus: 4 },
    ],
  },
  {
    family: 'nd',
    cpuArch: 'broadwell', // Microsoft: Xeon E5-2690 v4; retired 2023
    hostVcpus: 24,
    gpuModel: 'p40',
    source: CCF,
    rows: [
      { name: 'standard_nd6s', vcpus: 6, memoryGB: 112, gpus: 1 },
      { name: 'standard_nd12s', vcpus: 12, memoryGB: 224, gpus: 2 },
      { name: 'standard_nd24s', vcpus: 24, memoryGB: 448, gpus: 4 },
      { name: 'standard_nd24rs', vcpus: 24, memoryGB: 448, gpus: 4 },
    ],
  },
  {
    family: 'nc-v3',
    cpuArch: 'broadwell', // Microsoft: Xeon E5-2690 v4
    hostVcpus: 24,
    gpuModel: 'v100',
    source: CCF,
    rows: [
      { name: 'standard_nc6s_v3', vcpus: 6, memoryGB: 112, gpus: 1 },
      { name: 'standard_nc12s_v3', vcpus: 12, memoryGB: 224, gpus: 2 },
      { name: 'standard_nc24s_v3', vcpus: 24, memoryGB: 448, gpus: 4 },
      { name: 'standard_nc24rs_v3', vcpus: 24, memoryGB: 448, gpus: 4 },
    ],
  },
  {
    family: 'nd-v2',
    cpuArch: 'skylake', // Microsoft: Xeon Platinum 8168
    hostVcpus: 40,
    gpuModel: 'v100',
    source: CCF,
    rows: [{ name: 'standard_nd40rs_v2', vcpus: 40, memoryGB: 672, gpus: 8 }],
  },
  {
    family: 'nv',
    cpuArch: 'haswell', // Microsoft: Xeon E5-2690 v3
    hostVcpus: 24,
    gpuModel: 'm60',
    source: CCF,
    rows: [
      { name: 'standard_nv6', vcpus: 6, memoryGB: 56, gpus: 1 },
      { name: 'standard_nv12', vcpus: 12, memoryGB: 112, gpus: 2 },
      { name: 'standard_nv24', vcpus: 24, memoryGB: 224, gpus: 4 },
    ],
  },
  {
    family: 'nv-v3',
    cpuArch: 'broadwell', // Microsoft: Xeon E5-2690 v4
    hostVcpus: 48,
    gpuModel: 'm60',
    source: CCF,
    rows: [
      { name: 'standard_nv12s_v3', vcpus: 12, memoryGB: 112, gpus: 1 },
      { name: 'standard_nv24s_v3', vcpus: 24, memoryGB: 224, gpus: 2 },
      { name: 'standard_nv48s_v3', vcpus: 48, memoryGB: 448, gpus: 4 },
    ],
  },
  {
    family: 'nv-a10-v5',
    cpuArch: 'epyc-3rd-gen', // Microsoft: AMD EPYC 74F3V (Milan)
    hostVcpus: 72,
    gpuModel: 'a10',
    source: MS,
    // Partitioned GPUs: the small sizes get 1/6, 1/3 and 1/2 of one A10.
    rows: [
      { name: 'standard_nv6ads_a10_v5', vcpus: 6, memoryGB: 55, gpus: 1 / 6 },
      { name: 'standard_nv12ads_a10_v5', vcpus: 12, memoryGB: 110, gpus: 1 / 3 },
      { name: 'standard_nv18ads_a10_v5', vcpus: 18, memoryGB: 220, gpus: 1 / 2 },
      { name: 'standard_nv36ads_a10_v5', vcpus: 36, memoryGB: 440, gpus: 1 },
      { name: 'standard_nv36adms_a10_v5', vcpus: 36, memoryGB: 880, gpus: 1 },
      { name: 'standard_nv72ads_a10_v5', vcpus: 72, memoryGB: 880, gpus: 2 },
    ],
  },
  {
    family: 'nc-a100-v4',
    cpuArch: 'epyc-3rd-gen', // Microsoft: AMD EPYC 7V13 (Milan)
    hostVcpus: 96,
    gpuModel: 'a100-pcie-80gb',
    source: MS,
    rows: [
      { name: 'standard_nc24ads_a100_v4', vcpus: 24, memoryGB: 220, gpus: 1 },
      { name: 'standard_nc48ads_a100_v4', vcpus: 48, memoryGB: 440, gpus: 2 },
      { name: 'standard_nc96ads_a100_v4', vcpus: 96, memoryGB: 880, gpus: 4 },
    ],
  },
  {
    family: 'nd-a100-v4',
    cpuArch: 'epyc-2nd-gen', // Microsoft: AMD EPYC 7V12 (Rome)
    hostVcpus: 96,
    gpuModel: 'a100-sxm4-40gb',
    source: MS,
    rows: [{ name: 'standard_nd96asr_v4', vcpus: 96, memoryGB: 900, gpus: 8 }],
  },
  {
    family: 'ndm-a100-v4',
    cpuArch: 'epyc-3rd-gen', // Microsoft: AMD EPYC 7V13 (Milan)
    hostVcpus: 96,
    gpuModel: 'a100-sxm4-80gb',
    source: MS,
    rows: [{ name: 'standard_nd96amsr_a100_v4', vcpus: 96, memoryGB: 1900, gpus: 8 }],
  },
  {
    family: 'nd-h100-v5',
    cpuArch: 'sapphire-rapids', // Microsoft: 4th Gen Xeon Scalable
    hostVcpus: 96,
    gpuModel: 'h100-sxm5-80gb',
    source: MS,
    rows: [{ name: 'standard_nd96isr_h100_v5', vcpus: 96, memoryGB: 1900, gpus: 8 }],
  },
  {
    family: 'nc-h100-v5',
    cpuArch: 'epyc-4th-gen', // Microsoft: AMD EPYC 9V84 (Genoa)
    hostVcpus: 80,
    gpuModel: 'h100-nvl-94gb',
    source: MS,
    rows: [
      { name: 'standard_nc40ads_h100_v5', vcpus: 40, memoryGB: 320, gpus: 1 },
      { name: 'standard_nc80adis_h100_v5', vcpus: 80, memoryGB: 640, gpus: 2 },
    ],
  },
];

const YEAR: Readonly<Record<string, number>> = { [CCF]: 2023, [MS]: 2024 };

function rowsOf(s: AzureSeries): readonly Row[] {
  const { template, vcpus, gbPerVcpu } = s;
  if (template === undefined && s.rows !== undefined) return s.rows;
  if (template === undefined || vcpus === undefined || gbPerVcpu === undefined) {
    throw new Error(`azure ${s.family}: give rows or template + vcpus + gbPerVcpu`);
  }
  const regular = vcpus.map((n) => ({ name: template.replace('{n}', String(n)), vcpus: n, memoryGB: s.memoryAt?.[n] ?? n * gbPerVcpu }));
  return [...regular, ...(s.rows ?? [])];
}

function expand(s: AzureSeries): InstanceType[] {
  return seriesInstances('azure', s, rowsOf(s), YEAR[s.source] ?? 2024);
}

/** Every Azure VM size greenops knows, named as billed ('standard_d2s_v3'). */
export const azureInstanceTypes: readonly InstanceType[] = series.flatMap(expand);

/**
 * Billed ARM name from the forms bills use: 'Standard_D2s_v3', 'standard_d2s_v3', 'D2s v3' (meter),
 * 'D2s v3 Spot' / 'Low Priority' (the pricing tier is dropped).
 *
 * @example azureCanonicalName('NC24ads A100 v4') // 'standard_nc24ads_a100_v4'
 */
export function azureCanonicalName(name: string): string {
  const core = name
    .trim()
    .toLowerCase()
    .replace(/\s+(spot|low priority)$/, '')
    .replace(/^(standard|basic)[_\s]+/, '')
    .replace(/\s+/g, '_') // not '-': constrained-vCPU sizes are named like 'E16-4s_v3'
    .replace(/_+/g, '_');
  return `standard_${core}`;
}
