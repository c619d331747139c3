/**
 * Thermal design power (TDP) of CPU packages, for the energy model used where no counter (RAPL) can
 * be read. TDP is the vendor's sustained thermal ceiling, not a measured draw: turbo can exceed it
 * briefly and CodeCarbon's own RAPL profiling of a Xeon E5-2620 v3 pair reads about 0.7 x TDP at full
 * load. Hence bands of x0.5-1.3 even for vendor figures, wider for proxies.
 *
 * Cores are physical cores per package; the model scales TDP by the cores a VM can see (a 2-vCPU cloud
 * VM is a slice of a 24-core package, not the whole package).
 */
import { lookupCpuArch } from './cpu.js';
import type { Band, FactorMeta, SourceRef } from './types.js';

export interface CpuTdpFactor extends FactorMeta {
  /** Marketing name without (R)/(TM): 'Intel Xeon Platinum 8259CL'. */
  readonly model: string;
  /** Per package. */
  readonly tdpWatts: number;
  /** Physical cores per package. */
  readonly cores: number;
}

export const cpuTdpSources: readonly SourceRef[] = [
  {
    id: 'codecarbon-cpu-power',
    title: 'CodeCarbon codecarbon/data/hardware/cpu_power.csv (TDP per CPU model, from vendor specification pages)',
    publisher: 'CodeCarbon (mlco2)',
    year: 2025,
    url: 'https://github.com/mlco2/codecarbon/blob/b05965e43b69/codecarbon/data/hardware/cpu_power.csv',
    license: 'MIT',
  },
  {
    id: 'vendor-cpu-specs',
    title: 'Intel ARK, AMD EPYC/Ryzen product pages and cloud instance-type pages (core counts; processor of each custom cloud SKU)',
    publisher: 'Intel, AMD, AWS, Google Cloud, Microsoft Azure',
    year: 2024,
  },
  {
    id: 'anandtech-graviton2-2019',
    title: 'Graviton2 announcement coverage after AnandTech: 64 Neoverse N1 cores, 105 W TDP (a press figure; AWS publishes none)',
    publisher: 'Geektopia, via AnandTech',
    year: 2019,
    url: 'https://geektopia.es/es/technology/2019/12/04/noticias/el-graviton2-es-un-procesador-arm-de-64-nucleos-para-amazon-web-services.html',
  },
  {
    id: 'codecarbon-ram',
    title: 'CodeCarbon external/hardware.py RAM.power_per_GB = 3 / 8 W per GB (3 W per 8 GB of DDR3/DDR4, after Crucial)',
    publisher: 'CodeCarbon (mlco2)',
    year: 2022,
    url: 'https://github.com/mlco2/codecarbon',
    license: 'MIT',
  },
];

const VENDOR: Band = { low: 0.5, high: 1.3 };
const PROXY: Band = { low: 0.4, high: 1.8 };
const ESTIMATE: Band = { low: 0.3, high: 2.5 };

const key = (model: string): string => model.toLowerCase().replace(/[^a-z0-9+]+/g, '-');

function cc(model: string, tdpWatts: number, cores: number): CpuTdpFactor {
  return { id: `tdp:${key(model)}`, model, tdpWatts, cores, source: 'codecarbon-cpu-power', year: 2025, band: VENDOR };
}

/** A custom cloud SKU with no published TDP: the public part of the same generation and core count. */
function proxy(model: string, like: string, tdpWatts: number, cores: number, source = 'codecarbon-cpu-power'): CpuTdpFactor {
  const note = `No published TDP; proxy: ${like} (same generation and core count).`;
  return { id: `tdp:${key(model)}`, model, tdpWatts, cores, source, year: 2025, band: PROXY, note };
}

function estimate(model: string, tdpWatts: number, cores: number, source: string, year: number, note: string): CpuTdpFactor {
  return { id: `tdp:${key(model)}`, model, tdpWatts, cores, source, year, band: ESTIMATE, note };
}

const M1 = 'Apple publishes no TDP; CodeCarbon lists the M1 at 10 W';

/** Common CPUs, and the Xeon/EPYC parts behind AWS, Azure and GCP instance families. */
export const cpuTdpFactors: readonly CpuTdpFactor[] = [
  // Intel Xeon E5 (AWS c4/m4/r4/x1, Azure Dv2/Dv3)
  proxy('Intel Xeon E5-2666 v3', 'Xeon E5-2660 v3', 105, 10), proxy('Intel Xeon E5-2676 v3', 'Xeon E5-2680 v3', 120, 12),
  cc('Intel Xeon E5-2686 v4', 145, 18),
  cc('Intel Xeon E5-2673 v3', 110, 12), cc('Intel Xeon E5-2673 v4', 135, 20), cc('Intel Xeon E5-2670 v2', 115, 10),
  cc('Intel Xeon E5-2680 v3', 120, 12), cc('Intel Xeon E5-2680 v4', 120, 14),
  // Skylake / Cascade Lake (AWS c5/m5/r5, Azure Dv4/Ev4/Fsv2, GCP n1/n2/c2)
  cc('Intel Xeon Platinum 8124M', 240, 18), cc('Intel Xeon Platinum 8151', 240, 12), cc('Intel Xeon Platinum 8175M', 240, 24),
  cc('Intel Xeon Platinum 8259CL', 210, 24), cc('Intel Xeon Platinum 8275CL', 240, 24), cc('Intel Xeon Platinum 8272CL', 195, 26),
  cc('Intel Xeon Platinum 8171M', 165, 26), cc('Intel Xeon Platinum 8168', 205, 24), cc('Intel Xeon Platinum 8160', 150, 24),
  cc('Intel Xeon Platinum 8180', 205, 28), cc('Intel Xeon Platinum 8280', 205, 28), cc('Intel Xeon Gold 6148', 150, 20),
  cc('Intel Xeon Gold 6154', 200, 18), cc('Intel Xeon Gold 6230', 125, 20), cc('Intel Xeon Gold 6248', 150, 20),
  cc('Intel Xeon Gold 6268CL', 205, 24),
  // Ice Lake / Sapphire Rapids / Emerald Rapids (AWS m6i/m7i, Azure Dv5, GCP n2/c3)
  cc('Intel Xeon Platinum 8370C', 205, 32), cc('Intel Xeon Platinum 8375C', 300, 32), cc('Intel Xeon Platinum 8380', 270, 40),
  cc('Intel Xeon Platinum 8358', 250, 32), cc('Intel Xeon Platinum 8480+', 350, 56), cc('Intel Xeon Platinum 8468', 350, 48),
  cc('Intel Xeon Platinum 8462Y+', 300, 32), cc('Intel Xeon Platinum 8592+', 350, 64),
  proxy('Intel Xeon Platinum 8488C', 'Xeon Platinum 8468', 350, 48),
  proxy('Intel Xeon Platinum 8481C', 'Xeon Platinum 8480+', 350, 56),
  // Intel desktop and laptop
  cc('Intel Core i7-8550U', 15, 4), cc('Intel Core i7-10510U', 15, 4), cc('Intel Core i5-1135G7', 28, 4),
  cc('Intel Core i7-1165G7', 28, 4), cc('Intel Core i7-1185G7', 28, 4), cc('Intel Core i7-12700H', 45, 14),
  cc('Intel Core i7-9700K', 95, 8), cc('Intel Core i9-9900K', 95, 8), cc('Intel Core i9-13900K', 125, 24),
  cc('Intel Core Ultra 7 155H', 28, 16), cc('Intel Xeon E-2288G', 95, 8),
  // AMD EPYC (AWS m5a/c5a/m6a/m7a, Azure Dav4/Dav5/HB, GCP n2d/c2d/c3d)
  cc('AMD EPYC 7551', 180, 32), cc('AMD EPYC 7601', 180, 32), cc('AMD EPYC 7302', 155, 16), cc('AMD EPYC 7402', 180, 24),
  cc('AMD EPYC 7452', 155, 32), cc('AMD EPYC 7502', 180, 32), cc('AMD EPYC 7642', 225, 48), cc('AMD EPYC 7702', 200, 64),
  cc('AMD EPYC 7742', 225, 64), cc('AMD EPYC 7B12', 240, 64), cc('AMD EPYC 7543', 225, 32), cc('AMD EPYC 7713', 225, 64),
  cc('AMD EPYC 7763', 280, 64), cc('AMD EPYC 7R13', 225, 48), cc('AMD EPYC 9354', 280, 32), cc('AMD EPYC 9454', 290, 48),
  cc('AMD EPYC 9554', 360, 64), cc('AMD EPYC 9654', 360, 96), cc('AMD EPYC 9754', 360, 128),
  proxy('AMD EPYC 7R32', 'EPYC 7642', 225, 48), proxy('AMD EPYC 7B13', 'EPYC 7763', 280, 64),
  proxy('AMD EPYC 7V12', 'EPYC 7742', 225, 64), proxy('AMD EPYC 7V13', 'EPYC 7763', 280, 64),
  proxy('AMD EPYC 9R14', 'EPYC 9654', 360, 96), proxy('AMD EPYC 9B14', 'EPYC 9654', 360, 96),
  // AMD Ryzen
  cc('AMD Ryzen 5 5600X', 65, 6), cc('AMD Ryzen 7 5800X', 105, 8), cc('AMD Ryzen 9 5900X', 105, 12),
  cc('AMD Ryzen 9 5950X', 105, 16), cc('AMD Ryzen 5 7600', 65, 6), cc('AMD Ryzen 7 7700X', 105, 8),
  cc('AMD Ryzen 9 7900X', 170, 12), cc('AMD Ryzen 9 7950X', 170, 16), cc('AMD Ryzen 7 7840U', 28, 8),
  // Apple silicon: CodeCarbon's M1 figure; the others scaled from it by core count.
  estimate('Apple M1', 10, 8, 'codecarbon-cpu-power', 2025, `${M1}.`),
  ...([['M2', 8], ['M3', 8], ['M4', 10], ['M1 Pro', 10], ['M1 Max', 10], ['M2 Pro', 12], ['M2 Max', 12],
    ['M3 Pro', 12], ['M3 Max', 16], ['M4 Pro', 14], ['M4 Max', 16]] as const).map(([m, cores]) =>
    estimate(`Apple ${m}`, (10 * cores) / 8, cores, 'codecarbon-cpu-power', 2025, `${M1}; scaled by core count (${cores}/8).`)),
  // AWS Graviton: AWS publishes no TDP.
  estimate('AWS Graviton2', 105, 64, 'anandtech-graviton2-2019', 2019, 'Press figure for the 64-core Neoverse N1 part.'),
  estimate('AWS Graviton3', 105, 64, 'anandtech-graviton2-2019', 2019, 'Proxy: Graviton2 figure (same core count; none published).'),
  estimate('AWS Graviton4', 157.5, 96, 'anandtech-graviton2-2019', 2019, 'Proxy: Graviton2 figure scaled by cores (96/64).'),
];

/**
 * Arm cores report no model name in /proc/cpuinfo, only an implementer and part number; the procfs
 * reader names them 'ARM Neoverse-N1' etc. Each maps to the Graviton generation built on it (Ampere
 * Altra also uses N1 and NVIDIA Grace V2: the per-core scaling keeps those within the band).
 */
const aliases: Readonly<Record<string, string>> = {
  'arm:neoverse-n1': 'AWS Graviton2',
  'arm:neoverse-v1': 'AWS Graviton3',
  'arm:neoverse-v2': 'AWS Graviton4',
  'aws:graviton2': 'AWS Graviton2',
  'aws:graviton3': 'AWS Graviton3',
  'aws:graviton3e': 'AWS Graviton3',
  'aws:graviton4': 'AWS Graviton4',
};


/** Installed memory power of the model: 3 W per 8 GB (CodeCarbon). Per GiB, as CodeCarbon divides by 1024^3. */
export const ramWattsPerGB: FactorMeta & { readonly wattsPerGB: number } = {
  id: 'ram:codecarbon-3w-per-8gb',
  wattsPerGB: 3 / 8,
  source: 'codecarbon-ram',
  year: 2022,
  band: { low: 0.5, high: 2 },
  note: 'DDR3/DDR4 rule of thumb, independent of load; CodeCarbon 3.x moved to about 5 W per DIMM.',
};

const VENDORS = ['intel', 'amd', 'apple', 'arm', 'aws'] as const;
/** Words that name a brand or a product line, not the part; single digits are Ryzen/Core tiers. */
const NOISE = new Set(['xeon', 'core', 'platinum', 'gold', 'silver', 'bronze', 'epyc', 'ryzen', 'processor', 'cpu',
  'with', 'radeon', 'graphics', 'genuine', ...VENDORS]);

/**
 * Reduces a CPU model string to `vendor:part`: '(R)', '(TM)', the clock after '@', 'N-Core' and brand
 * words go, and Ryzen's tier digit (Ryzen 9 5950X); Intel's 'Ultra 7 155H' keeps its digit.
 *
 * @example
 * cpuModelKey('Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz') // 'intel:8259cl'
 * cpuModelKey('AMD Ryzen 9 5950X 16-Core Processor') // 'amd:5950x'
 */
export function cpuModelKey(name: string): string {
  const s = name.toLowerCase().replace(/\((r|tm)\)|[®™]/g, ' ').replace(/@.*$/, ' ');
  const vendor = VENDORS.find((v) => new RegExp(`\\b${v}\\b`).test(s)) ?? '';
  const tokens = s.split(/[\s,]+/).filter((t) => t.length > 0 && !/^\d+-core$/.test(t));
  // Ryzen's tier digit ('Ryzen 9 5950X') is not part of the part number; Intel's 'Ultra 7 155H' keeps it.
  const parts = tokens.filter((t, i) => !NOISE.has(t) && !(tokens[i - 1] === 'ryzen' && /^\d$/.test(t)));
  return `${vendor}:${parts.join(' ')}`;
}

const byKey = new Map(cpuTdpFactors.map((f) => [cpuModelKey(f.model), f]));
const byModel = new Map(cpuTdpFactors.map((f) => [f.model, f]));

export interface CpuTdpMatch {
  readonly factor: CpuTdpFactor;
  /** exact part; alias (Arm core name); base-sku (suffix letters dropped: 6148F -> 6148); fallback (unknown part). */
  readonly matched: 'exact' | 'alias' | 'base-sku' | 'fallback';
}

/**
 * Finds the TDP of a CPU from its model name as /proc/cpuinfo or a user writes it. Case, '(R)', clock
 * and brand words are ignored; a vendor-less part number matches when only one vendor has it; an
 * unknown suffix falls back to the base SKU. Returns undefined when nothing matches.
 *
 * @example
 * lookupCpuTdp('Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz')?.factor.tdpWatts // 210
 * lookupCpuTdp('AMD EPYC 7R13 Processor')?.factor.cores // 48
 * lookupCpuTdp('Intel Xeon Gold 6148F')?.matched // 'base-sku'
 */
export function lookupCpuTdp(modelName: string): CpuTdpMatch | undefined {
  const k = cpuModelKey(modelName);
  const [vendor = '', part = ''] = k.split(':');
  if (part === '') return undefined;
  const alias = aliases[k];
  const aliased = alias === undefined ? undefined : byModel.get(alias);
  if (aliased !== undefined) return { factor: aliased, matched: 'alias' };
  const find = (p: string): CpuTdpFactor | undefined => {
    if (vendor !== '') return byKey.get(`${vendor}:${p}`);
    const hits = VENDORS.map((v) => byKey.get(`${v}:${p}`)).filter((f) => f !== undefined);
    return hits.length === 1 ? hits[0] : undefined;
  };
  const exact = find(part);
  if (exact !== undefined) return { factor: exact, matched: 'exact' };
  const base = /^(.*\b\d{4,5})[a-z+]+$/.exec(part)?.[1];
  const baseHit = base === undefined ? undefined : find(base);
  return baseHit === undefined ? undefined : { factor: baseHit, matched: 'base-sku' };
}

/** What /proc/cpuinfo says about the CPUs this process can see. */
export interface CpuTopology {
  readonly logicalCpus: number;
  /** Hardware threads per core as seen (siblings / cpu cores): 2 with SMT, 1 without. */
  readonly threadsPerCore: number;
  readonly packages: number;
}

/**
 * The factor for a host: the table entry, or for an unknown part a per-logical-CPU default (CCF's
 * AWS-average max watts per vCPU) flagged `fallback` with a wide band.
 *
 * @example
 * cpuTdpForHost('AMD EPYC').matched // 'fallback'
 */
export function cpuTdpForHost(modelName: string | undefined): CpuTdpMatch {
  const hit = modelName === undefined ? undefined : lookupCpuTdp(modelName);
  if (hit !== undefined) return hit;
  const avg = lookupCpuArch('aws-average');
  const factor: CpuTdpFactor = {
    id: 'tdp:unknown-per-logical-cpu',
    model: 'unknown',
    tdpWatts: avg?.maxWattsPerVcpu ?? Number.NaN,
    cores: 1,
    source: avg?.source ?? 'ccf-app-constants',
    year: avg?.year ?? 2023,
    band: { low: 0.3, high: 3 },
    note: `CPU model ${modelName === undefined ? 'not reported' : 'not in the TDP table'}: watts per logical CPU = CCF AWS-average max W/vCPU.`,
  };
  return { factor, matched: 'fallback' };
}

/**
 * TDP of the part of the host this system sees: the package TDP times the share of its cores that are
 * visible (a VM slice), at most the number of packages. Fallback factors are per logical CPU.
 *
 * @example
 * // m5.large: 2 vCPUs = 1 core of a 24-core 210 W Xeon 8259CL
 * scaledTdpWatts(lookupCpuTdp('8259CL')!.factor, { logicalCpus: 2, threadsPerCore: 2, packages: 1 }) // 8.75
 */
export function scaledTdpWatts(factor: CpuTdpFactor, topo: CpuTopology): number {
  if (factor.id === 'tdp:unknown-per-logical-cpu') return factor.tdpWatts * topo.logicalCpus;
  const visibleCores = topo.logicalCpus / Math.max(1, topo.threadsPerCore);
  return factor.tdpWatts * Math.min(Math.max(1, topo.packages), visibleCores / factor.cores);
}
