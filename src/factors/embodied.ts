/**
 * Embodied (manufacturing) emissions of one whole host per instance family, the expected server
 * lifetime, and Impact Framework's generic server model as the fallback.
 *
 * How a family's host figure is chosen, in order:
 * 1. The five CCF application values quoted in METHODOLOGY-FACTS (m5, c5, t2, g5, p4d), so a CCF
 *    profile matches CCF's AWS estimates. They use 1.3869 kg per GB of memory; CCF's csv uses 533/384.
 * 2. CCF's embodied csv (`coefficients-{aws,gcp,azure}-embodied.csv`): its `total` is kg for one whole
 *    host configuration and is the same for every size of a family; where a family has two totals
 *    (AWS c5d, Azure Esv4/Fsv2: one odd row) the modal one is used.
 * 3. Families CCF lacks: CCF's own model (`ccfHostEmbodiedKg`) applied to the family's largest size,
 *    with its memory, CPU sockets, local drives and GPUs stated in the note.
 * A family with none of these (lookupEmbodied returns undefined) uses `genericHostEmbodiedKg`.
 */
import { GreenopsError, quote } from '../core/errors.js';
import type { Band, EmbodiedFactor, Provider, SourceRef } from './types.js';

export const embodiedSources: readonly SourceRef[] = [
  {
    id: 'ccf-app-embodied',
    title: 'Cloud Carbon Footprint AWS instance embodied coefficients (t CO2e per host), as quoted in greenops METHODOLOGY-FACTS',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://www.cloudcarbonfootprint.org/docs/embodied-emissions',
    license: 'Apache-2.0',
  },
  {
    id: 'ccf-coefficients-embodied',
    title: 'Cloud Carbon Footprint coefficients: output/coefficients-{aws,gcp,azure}-embodied.csv (kg CO2e per host)',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients/tree/dda7621f8ab227dcb45096af6ccc2227aaf92b3e/output',
    license: 'Apache-2.0',
  },
  {
    id: 'ccf-embodied-model',
    title:
      'Cloud Carbon Footprint embodied model (Dell PowerEdge R740 LCA: 1,000 kg base with 1 CPU and 16 GB; +533/384 kg per GB, +100 kg per extra CPU, +100 kg per SSD, +50 kg per HDD, +150 kg per GPU), applied by greenops',
    publisher: 'Thoughtworks / Cloud Carbon Footprint; Dell',
    year: 2022,
    url: 'https://www.cloudcarbonfootprint.org/docs/embodied-emissions',
    license: 'Apache-2.0',
  },
  {
    id: 'if-sci-embodied',
    title: 'Impact Framework builtin sci-embodied: generic server defaults (baseline 1 vCPU, 16 GB; per-component grams)',
    publisher: 'Green Software Foundation',
    year: 2024,
    url: 'https://github.com/Green-Software-Foundation/if/tree/main/src/if-run/builtins/sci-embodied',
    license: 'MIT',
  },
];

/** Expected server lifetime for amortising embodied emissions: 4 years (CCF, SCI guidance, IF's 126,144,000 s). */
export const DEFAULT_LIFETIME_HOURS = 35_040;

/** The same constant with its provenance, for lineage and reports. */
export const defaultServerLifetime = {
  id: 'lifetime:server',
  hours: DEFAULT_LIFETIME_HOURS,
  source: 'ccf-embodied-model',
  year: 2022,
  band: { low: 0.75, high: 1.5 } satisfies Band,
  note: 'CCF SERVER_EXPECTED_LIFESPAN = 35,040 h; Impact Framework 126,144,000 s (= 4 years). Hyperscalers report 5-6 years of depreciation.',
} as const;

/** A scaled single-server LCA is coarse; the band spans most published server LCAs. */
const CCF_BAND: Band = { low: 0.5, high: 2 };
/** Our own application of CCF's model adds guesses about drives and sockets. */
const DERIVED_BAND: Band = { low: 0.4, high: 2.5 };

/** Host configuration for CCF's embodied model. */
export interface HostConfig {
  readonly memoryGB: number;
  readonly cpuSockets: number;
  readonly ssdDrives?: number;
  readonly hddDrives?: number;
  readonly gpus?: number;
}

/**
 * CCF's embodied model for one host, kg CO2e: the Dell R740 LCA (1,000 kg with one CPU and 16 GB)
 * scaled by extra memory, CPUs, drives and GPUs. Reproduces CCF's csv totals (m5: 384 GB, 2 sockets
 * gives 1,610.79 kg).
 *
 * @example ccfHostEmbodiedKg({ memoryGB: 384, cpuSockets: 2 }) // 1610.79...
 */
export function ccfHostEmbodiedKg(h: HostConfig): number {
  return (
    1000 +
    Math.max(0, h.memoryGB - 16) * (533 / 384) +
    Math.max(0, h.cpuSockets - 1) * 100 +
    (h.ssdDrives ?? 0) * 100 +
    (h.hddDrives ?? 0) * 50 +
    (h.gpus ?? 0) * 150
  );
}

function make(provider: Provider, family: string, kg: number, source: string, year: number, band: Band, note?: string): EmbodiedFactor {
  const f = { id: `embodied:${provider}:${family}`, provider, family, kgCO2ePerHost: kg, source, year, band };
  return note === undefined ? f : { ...f, note };
}

const app = (family: string, tonnes: number, note?: string): EmbodiedFactor =>
  make('aws', family, tonnes * 1000, 'ccf-app-embodied', 2023, CCF_BAND, note);

const csv = (provider: Provider, family: string, kg: number, note?: string): EmbodiedFactor =>
  make(provider, family, kg, 'ccf-coefficients-embodied', 2023, CCF_BAND, note);

function derived(provider: Provider, family: string, h: HostConfig, note = ''): EmbodiedFactor {
  const parts = [`${h.memoryGB} GB`, `${h.cpuSockets} CPU`];
  if (h.ssdDrives) parts.push(`${h.ssdDrives} SSD`);
  if (h.hddDrives) parts.push(`${h.hddDrives} HDD`);
  if (h.gpus) parts.push(`${h.gpus} GPU`);
  const text = `CCF model on the largest size: ${parts.join(', ')}. ${note}`.trim();
  return make(provider, family, ccfHostEmbodiedKg(h), 'ccf-embodied-model', 2024, DERIVED_BAND, text);
}

/** Spreads one figure over families that share a host configuration. */
const each = (families: readonly string[], f: (family: string) => EmbodiedFactor): EmbodiedFactor[] => families.map(f);

const aws: readonly EmbodiedFactor[] = [
  app('m5', 1.6103792, 'CCF csv: 1,610.79 kg.'),
  app('c5', 1.3440944, 'CCF csv: 1,344.29 kg.'),
  app('t2', 1.4772368, 'CCF csv: 1,477.54 kg.'),
  app('g5', 3.434, 'Not in the csv; CCF\'s model on g5.48xlarge would give about 3.54 t.'),
  app('p4d', 4.6755184, 'CCF csv: 4,676.79 kg.'),
  csv('aws', 'a1', 1022.21),
  ...each(['t3', 't3a'], (f) => csv('aws', f, 1610.79)),
  csv('aws', 't4g', 1333.12),
  csv('aws', 'm4', 1433.12),
  ...each(['m5a', 'm5n'], (f) => csv('aws', f, 1610.79)),
  ...each(['m5d', 'm5ad', 'm5dn'], (f) => csv('aws', f, 2010.79)),
  csv('aws', 'm5zn', 1344.29),
  csv('aws', 'm6g', 1333.12),
  csv('aws', 'm6gd', 1533.12),
  csv('aws', 'm6i', 1788.46),
  csv('aws', 'mac1', 1022.21),
  csv('aws', 'c4', 1161.07),
  csv('aws', 'c5d', 1544.29, 'Modal total; 3 of 9 rows (4 NVMe drives) give 1,744.29 kg.'),
  csv('aws', 'c5a', 1244.29),
  csv('aws', 'c5ad', 1444.29),
  csv('aws', 'c5n', 1344.29),
  ...each(['c6g', 'c6gn'], (f) => csv('aws', f, 1155.46)),
  csv('aws', 'c6gd', 1355.46),
  csv('aws', 'inf1', 1344.29, 'Inferentia chips not counted (CCF has no figure).'),
  csv('aws', 'r4', 1755.15),
  ...each(['r5', 'r5a', 'r5b', 'r5n'], (f) => csv('aws', f, 2143.79)),
  ...each(['r5ad', 'r5d', 'r5dn'], (f) => csv('aws', f, 2543.79)),
  csv('aws', 'r6g', 1688.46),
  csv('aws', 'r6gd', 1888.46),
  csv('aws', 'x1', 4187.21),
  csv('aws', 'x1e', 6896.62),
  csv('aws', 'x2gd', 2599.12),
  csv('aws', 'z1d', 1810.79),
  ...each(['u-6tb1', 'u-9tb1', 'u-12tb1', 'u-18tb1', 'u-24tb1'], (f) =>
    csv('aws', f, 35789.79, 'CCF models every u-*tb1 host with 24 TB of memory and 8 CPUs.'),
  ),
  csv('aws', 'i3', 2588.46),
  csv('aws', 'i3en', 2943.79),
  csv('aws', 'd2', 2616.47),
  csv('aws', 'd3', 2633.12),
  csv('aws', 'd3en', 2544.29),
  csv('aws', 'h1', 2633.12),
  csv('aws', 'f1', 2832.5, 'FPGA cards not counted.'),
  csv('aws', 'm3', 1610.92),
  csv('aws', 'c3', 1361.07),
  csv('aws', 'r3', 1616.47),
  csv('aws', 'i2', 2216.47),
  csv('aws', 'g2', 1961.07),
  ...each(['g3', 'g3s'], (f) => csv('aws', f, 2355.15)),
  csv('aws', 'g4dn', 3010.79),
  csv('aws', 'g4ad', 2310.79),
  csv('aws', 'p2', 4493.82),
  ...each(['p3', 'p3dn'], (f) => csv('aws', f, 3543.79)),
  derived('aws', 'm6a', { memoryGB: 768, cpuSockets: 2 }),
  derived('aws', 'm7i', { memoryGB: 768, cpuSockets: 2 }),
  derived('aws', 'm7a', { memoryGB: 768, cpuSockets: 2 }),
  derived('aws', 'm7g', { memoryGB: 256, cpuSockets: 1 }),
  derived('aws', 'c6i', { memoryGB: 256, cpuSockets: 2 }),
  derived('aws', 'c6a', { memoryGB: 384, cpuSockets: 2 }),
  derived('aws', 'c7i', { memoryGB: 384, cpuSockets: 2 }),
  derived('aws', 'c7g', { memoryGB: 128, cpuSockets: 1 }),
  derived('aws', 'r6i', { memoryGB: 1024, cpuSockets: 2 }),
  derived('aws', 'r6a', { memoryGB: 1536, cpuSockets: 2 }),
  derived('aws', 'r7i', { memoryGB: 1536, cpuSockets: 2 }),
  derived('aws', 'r7g', { memoryGB: 512, cpuSockets: 1 }),
  derived('aws', 'g5g', { memoryGB: 128, cpuSockets: 1, gpus: 2 }),
  derived('aws', 'g6', { memoryGB: 768, cpuSockets: 2, ssdDrives: 8, gpus: 8 }, 'Drive count approximate.'),
  derived('aws', 'g6e', { memoryGB: 1536, cpuSockets: 2, ssdDrives: 4, gpus: 8 }, 'Drive count approximate.'),
  derived('aws', 'p4de', { memoryGB: 1152, cpuSockets: 2, ssdDrives: 8, gpus: 8 }, 'Same host as p4d.'),
  ...each(['p5', 'p5e', 'p5en'], (f) => derived('aws', f, { memoryGB: 2048, cpuSockets: 2, ssdDrives: 8, gpus: 8 })),
];

const azure: readonly EmbodiedFactor[] = [
  ...each(['dv3', 'dsv3', 'ddv4'], (f) => csv('azure', f, 1483.12)),
  ...each(['dv4', 'dsv4'], (f) => csv('azure', f, 1433.12)),
  csv('azure', 'ddsv4', 1533.12),
  ...each(['dav4', 'dasv4'], (f) => csv('azure', f, 1560.79)),
  csv('azure', 'ev3', 1727.42),
  csv('azure', 'esv3', 1777.42),
  ...each(['ev4', 'easv4', 'ev5'], (f) => csv('azure', f, 2010.54)),
  csv('azure', 'esv4', 1777.35, 'Modal total; the E80is v4 row gives 1,827.35 kg.'),
  ...each(['edv4', 'edsv4'], (f) => csv('azure', f, 1877.35)),
  csv('azure', 'eav4', 1960.54),
  csv('azure', 'fsv2', 1377.67, "Modal total; CCF's F8s v2 row (platform memory 448 GB, a typo) gives 1,799.62 kg."),
  ...each(['f', 'fs'], (f) => csv('azure', f, 1222.21)),
  csv('azure', 'bs', 1238.83),
  ...each(['nc', 'nv'], (f) => csv('azure', f, 2038.71)),
  ...each(['nc-v2', 'nc-v3', 'nd', 'nc-t4-v3', 'nv-v3'], (f) => csv('azure', f, 2349.62)),
  csv('azure', 'nd-v2', 3260.54),
  ...each(['dv5', 'dsv5', 'dasv5'], (f) => derived('azure', f, { memoryGB: 384, cpuSockets: 2 })),
  ...each(['ddv5', 'ddsv5', 'dadsv5'], (f) => derived('azure', f, { memoryGB: 384, cpuSockets: 2, ssdDrives: 1 })),
  ...each(['esv5', 'easv5'], (f) => derived('azure', f, { memoryGB: 672, cpuSockets: 2 })),
  ...each(['edv5', 'edsv5', 'eadsv5'], (f) => derived('azure', f, { memoryGB: 672, cpuSockets: 2, ssdDrives: 1 })),
  derived('azure', 'nv-a10-v5', { memoryGB: 880, cpuSockets: 2, ssdDrives: 1, gpus: 2 }),
  derived('azure', 'nc-a100-v4', { memoryGB: 880, cpuSockets: 2, ssdDrives: 1, gpus: 4 }),
  derived('azure', 'nd-a100-v4', { memoryGB: 900, cpuSockets: 2, ssdDrives: 1, gpus: 8 }),
  derived('azure', 'ndm-a100-v4', { memoryGB: 1900, cpuSockets: 2, ssdDrives: 1, gpus: 8 }),
  derived('azure', 'nd-h100-v5', { memoryGB: 1900, cpuSockets: 2, ssdDrives: 1, gpus: 8 }),
  derived('azure', 'nc-h100-v5', { memoryGB: 640, cpuSockets: 2, ssdDrives: 1, gpus: 2 }),
];

const gcp: readonly EmbodiedFactor[] = [
  ...each(['e2-standard', 'e2-highmem', 'e2-shared'], (f) => csv('gcp', f, 1255.46)),
  csv('gcp', 'e2-highcpu', 1122.21),
  csv('gcp', 'n1-standard', 1677.48),
  csv('gcp', 'n1-highmem', 2043.92),
  csv('gcp', 'n1-highcpu', 1297.72),
  csv('gcp', 'n1-shared', 1577.48),
  csv('gcp', 'n2-standard', 1888.46),
  csv('gcp', 'n2-highmem', 2377.04),
  csv('gcp', 'n2-highcpu', 1311.04),
  csv('gcp', 'n2d-standard', 2321.46),
  csv('gcp', 'n2d-highmem', 2143.79),
  csv('gcp', 'n2d-highcpu', 1388.71),
  csv('gcp', 't2d-standard', 1310.92),
  csv('gcp', 'c2-standard', 1510.92),
  csv('gcp', 'm1-ultramem', 3067.66),
  csv('gcp', 'm1-megamem', 3167.66),
  ...each(['a2-highgpu', 'a2-megagpu'], (f) => csv('gcp', f, 5465.5, 'CCF counts 16 A100s per host.')),
  derived('gcp', 'c3-standard', { memoryGB: 704, cpuSockets: 2 }),
  derived('gcp', 'c3-highmem', { memoryGB: 1408, cpuSockets: 2 }),
  derived('gcp', 'c3-highcpu', { memoryGB: 352, cpuSockets: 2 }),
  derived('gcp', 'm2-ultramem', { memoryGB: 11776, cpuSockets: 8 }, "CCF's csv reads m2 memory as 11.776 GB (a unit slip), so its 1,100 kg is not used."),
  derived('gcp', 'm2-megamem', { memoryGB: 5888, cpuSockets: 8 }),
  derived('gcp', 'a2-ultragpu', { memoryGB: 1360, cpuSockets: 2, ssdDrives: 1, gpus: 8 }),
  ...each(['a3-highgpu', 'a3-megagpu'], (f) => derived('gcp', f, { memoryGB: 1872, cpuSockets: 2, ssdDrives: 1, gpus: 8 })),
  derived('gcp', 'g2-standard', { memoryGB: 384, cpuSockets: 2, ssdDrives: 1, gpus: 8 }),
];

/** Embodied kg CO2e of one whole host, per provider and instance family. */
export const embodiedFactors: readonly EmbodiedFactor[] = [...aws, ...azure, ...gcp];

const index = new Map(embodiedFactors.map((f) => [`${f.provider}:${f.family}`, f]));

/**
 * Host embodied figure of a family ('m5', 'dsv3', 'n2-standard'); undefined when greenops has none,
 * in which case callers use `genericHostEmbodiedKg`.
 *
 * @example lookupEmbodied('aws', 'm5')?.kgCO2ePerHost // 1610.3792
 */
export function lookupEmbodied(provider: Provider, family: string): EmbodiedFactor | undefined {
  return index.get(`${provider}:${family.trim().toLowerCase()}`);
}

/** Impact Framework sci-embodied defaults, grams CO2e. */
const IF_GRAMS = {
  baseline: 1_000_000,
  baselineVcpus: 1,
  baselineMemoryGB: 16,
  perVcpu: 100_000,
  perGB: 533 / 384,
  perSsd: 50_000,
  perHdd: 100_000,
  perGpu: 150_000,
} as const;

export interface GenericHost {
  readonly vcpus: number;
  readonly memoryGB: number;
  readonly gpus: number;
  /** Number of SSD drives. */
  readonly ssd: number;
  /** Number of HDD drives. */
  readonly hdd: number;
}

/**
 * Impact Framework's generic server model, kg CO2e: 1,000,000 g for a 1-vCPU, 16 GB baseline,
 * +100,000 g per extra vCPU, +533/384 g per GB above 16, +50,000 g per SSD, +100,000 g per HDD,
 * +150,000 g per GPU. Reproduced as published, including two departures from the CCF model it was
 * adapted from: it charges per vCPU (CCF: per CPU socket) and its memory term is grams where CCF's is
 * kilograms (so memory barely counts), and SSD/HDD weights are swapped relative to CCF.
 *
 * @example genericHostEmbodiedKg({ vcpus: 1, memoryGB: 16, gpus: 0, ssd: 0, hdd: 0 }) // 1000
 */
export function genericHostEmbodiedKg(h: GenericHost): number {
  for (const [key, value] of Object.entries(h)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new GreenopsError('E_INPUT_VALUE', `generic host ${key} must be a finite number >= 0, got ${quote(value)}`, {
        data: { column: key, expected: 'finite number >= 0', found: String(value) },
      });
    }
  }
  const grams =
    IF_GRAMS.baseline +
    Math.max(0, h.vcpus - IF_GRAMS.baselineVcpus) * IF_GRAMS.perVcpu +
    Math.max(0, h.memoryGB - IF_GRAMS.baselineMemoryGB) * IF_GRAMS.perGB +
    h.ssd * IF_GRAMS.perSsd +
    h.hdd * IF_GRAMS.perHdd +
    h.gpus * IF_GRAMS.perGpu;
  return grams / 1000;
}
