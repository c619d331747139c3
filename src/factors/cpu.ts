/**
 * Per-vCPU power of CPU microarchitectures at idle and at 100 % load (Teads / Cloud Carbon Footprint
 * method: SPECpower_ssj2008 results, watts divided by hardware threads, averaged per family).
 *
 * Central values are CCF's full-precision `coefficients-aws-use.csv` so that a CCF-compatible profile
 * reproduces CCF exactly. Two caveats a reader must know:
 * - CCF's *application* (`@cloud-carbon-footprint/core` ComputeProcessorTypes) ships two-decimal values
 *   that differ from this file for Haswell (app 1.00/4.74 W) and Skylake max (app 4.26 W); the
 *   METHODOLOGY-FACTS table quotes the app. Each affected factor's note gives the app value.
 * - CCF's GCP file lowers max watts by the memory share (`max_watts_gcp_adjusted`); those are
 *   `cpuArchProviderVariants` and `lookupCpuArch(key, 'gcp')` returns them.
 */
import type { Band, CpuArchFactor, Provider, SourceRef } from './types.js';

export const cpuSources: readonly SourceRef[] = [
  {
    id: 'ccf-coefficients-use',
    title:
      'Cloud Carbon Footprint coefficients: output/coefficients-{aws,gcp,azure}-use.csv (per-vCPU min/max watts by microarchitecture)',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients/tree/dda7621f8ab227dcb45096af6ccc2227aaf92b3e/output',
    license: 'Apache-2.0',
  },
  {
    id: 'ccf-app-constants',
    title:
      'Cloud Carbon Footprint: {Aws,Gcp,Azure}FootprintEstimationConstants.ts (fallback watts per vCPU for unknown processors)',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint/tree/0656d55594b69d74ce35ff18019be36140beaa50/packages',
    license: 'Apache-2.0',
  },
  {
    id: 'ccf-specpower-results',
    title: 'SPECpower_ssj2008 published results as collected by CCF (data/SPECpower-full-results.csv), 2007-2021',
    publisher: 'SPEC, collected by Cloud Carbon Footprint',
    year: 2021,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients/blob/dda7621f8ab227dcb45096af6ccc2227aaf92b3e/data/SPECpower-full-results.csv',
    license: 'Apache-2.0 (data: SPEC)',
  },
];

/** Families CCF derived from many SPECpower results: SKU spread within a family is roughly ±30 %. */
const MEASURED: Band = { low: 0.7, high: 1.35 };
/** Figures borrowed from another architecture (no published measurement of this one). */
const PROXY: Band = { low: 0.5, high: 1.8 };
/** Provider-wide fallbacks for an unknown processor. */
const AVERAGE: Band = { low: 0.5, high: 2 };

function ccf(arch: string, min: number, max: number, note?: string): CpuArchFactor {
  const base = {
    id: `cpu:${arch}`,
    arch,
    minWattsPerVcpu: min,
    maxWattsPerVcpu: max,
    source: 'ccf-coefficients-use',
    year: 2023,
    band: MEASURED,
  };
  return note === undefined ? base : { ...base, note };
}

const base: readonly CpuArchFactor[] = [
  ccf('cascade-lake', 0.6389493581523519, 3.9673047343937564),
  ccf(
    'skylake',
    0.6446044454253452,
    4.193436438541878,
    "CCF's AWS file names it 'Sky Lake'. CCF app (core) uses 0.65/4.26 W.",
  ),
  ccf('broadwell', 0.7128342245989304, 3.6853275401069516),
  ccf(
    'haswell',
    1.9005681818181814,
    6.012910353535353,
    'CCF app (core) and METHODOLOGY-FACTS use 1.00/4.74 W; the coefficients file (used here) has 1.90/6.01 W.',
  ),
  ccf('coffee-lake', 1.138425925925926, 5.421759259259258),
  ccf('sandy-bridge', 2.1694411458333334, 8.575357663690477),
  ccf('ivy-bridge', 3.0369270833333335, 8.248611111111112),
  ccf('epyc-1st-gen', 0.82265625, 2.553125),
  ccf('epyc-2nd-gen', 0.4742621527777778, 1.6929615162037037),
  ccf(
    'epyc-3rd-gen',
    0.44538981119791665,
    2.0193277994791665,
    "Not in CCF's AWS file; taken from its Azure file (GCP file max 1.8719 W).",
  ),
  ccf(
    'graviton',
    0.4742621527777778,
    1.6929615162037037,
    'No SPECpower data for Graviton: CCF assumes AMD EPYC 2nd Gen figures.',
  ),
  ccf(
    'graviton2',
    0.4742621527777778,
    1.6929615162037037,
    'No SPECpower data for Graviton2: CCF assumes AMD EPYC 2nd Gen figures.',
  ),
  {
    id: 'cpu:graviton3',
    arch: 'graviton3',
    minWattsPerVcpu: 0.4742621527777778,
    maxWattsPerVcpu: 1.6929615162037037,
    source: 'ccf-coefficients-use',
    year: 2023,
    band: PROXY,
    note: "Proxy: not in CCF; CCF's Graviton/Graviton2 rule (= EPYC 2nd Gen) extended to Graviton3.",
  },
  {
    id: 'cpu:ice-lake',
    arch: 'ice-lake',
    minWattsPerVcpu: 0.9401041666666665,
    maxWattsPerVcpu: 4.245572916666667,
    source: 'ccf-specpower-results',
    year: 2021,
    band: MEASURED,
    note:
      "Not in CCF's use files. Derived by greenops with CCF's own method (mean of watts/threads at active " +
      'idle and at 100 %) over the 8 Ice Lake-SP results in its SPECpower file: Xeon Platinum 8380 (x6), ' +
      '8352Y, Gold 6336Y (2021). Cooper Lake 83xxH parts excluded.',
  },
  {
    id: 'cpu:sapphire-rapids',
    arch: 'sapphire-rapids',
    minWattsPerVcpu: 0.9401041666666665,
    maxWattsPerVcpu: 4.245572916666667,
    source: 'ccf-specpower-results',
    year: 2021,
    band: PROXY,
    note: "Proxy: no Sapphire Rapids result in CCF's SPECpower file; uses the Ice Lake derivation.",
  },
  {
    id: 'cpu:epyc-4th-gen',
    arch: 'epyc-4th-gen',
    minWattsPerVcpu: 0.44538981119791665,
    maxWattsPerVcpu: 2.0193277994791665,
    source: 'ccf-coefficients-use',
    year: 2023,
    band: PROXY,
    note: "Proxy: no EPYC 9004 (Genoa) result in CCF's data; uses CCF's EPYC 3rd Gen figures.",
  },
  {
    id: 'cpu:aws-average',
    arch: 'aws-average',
    minWattsPerVcpu: 0.74,
    maxWattsPerVcpu: 3.5,
    source: 'ccf-app-constants',
    year: 2023,
    band: AVERAGE,
    note: 'CCF AWS MIN_WATTS_AVG / MAX_WATTS_AVG, used when the processor is unknown.',
  },
  {
    id: 'cpu:gcp-average',
    arch: 'gcp-average',
    minWattsPerVcpu: 0.68,
    maxWattsPerVcpu: 4.11,
    source: 'ccf-app-constants',
    year: 2023,
    band: AVERAGE,
    note: 'CCF GCP MIN_WATTS_MEDIAN / MAX_WATTS_MEDIAN (a median, not a mean). Older CCF releases and docs: 0.71/4.26.',
  },
  {
    id: 'cpu:azure-average',
    arch: 'azure-average',
    minWattsPerVcpu: 0.74,
    maxWattsPerVcpu: 3.54,
    source: 'ccf-app-constants',
    year: 2023,
    band: AVERAGE,
    note: 'CCF Azure MIN_WATTS_AVG / MAX_WATTS_AVG. Older CCF releases and docs: 0.78/3.76.',
  },
];

/**
 * CCF's GCP file: same idle watts, lower max watts (memory power removed). Only the architectures GCP
 * lists are here; any other falls back to the base table.
 */
const gcpMaxWatts: Readonly<Record<string, number>> = {
  skylake: 3.8984738056304855,
  broadwell: 3.3857473048128344,
  haswell: 5.9688982156043195,
  'epyc-2nd-gen': 1.5751872939814815,
  'cascade-lake': 3.6424520285114035,
  'epyc-3rd-gen': 1.8719357994791666,
  'ivy-bridge': 8.199689511111112,
  'sandy-bridge': 8.550185877430936,
};

/** A CPU factor that applies to one provider only (overrides the base entry of the same arch). */
export type ProviderCpuArchFactor = CpuArchFactor & { readonly provider: Provider };

/**
 * Processor mixes CCF averages for one machine family (a VM may land on any of them). CCF takes the
 * median when Sandy Bridge or Ivy Bridge is in the list and the mean otherwise
 * (core `getWattsByAverageOrMedian`). Keys list the members, so they read as what they are.
 */
const mixes: readonly (readonly string[])[] = [
  ['skylake', 'broadwell', 'haswell', 'epyc-2nd-gen'], // GCP e2
  ['skylake', 'broadwell', 'haswell', 'ivy-bridge', 'sandy-bridge'], // GCP n1
  ['skylake', 'broadwell'], // GCP m1
  ['haswell', 'broadwell', 'skylake', 'cascade-lake'], // Azure Dv2, Dv3, Dsv3, F
  ['broadwell', 'skylake', 'cascade-lake'], // Azure Ev3, Esv3
  ['skylake', 'cascade-lake'], // Azure Fsv2
];

function central(values: readonly number[], useMedian: boolean): number {
  if (!useMedian) return values.reduce((a, b) => a + b, 0) / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? Number.NaN) + hi) / 2;
}

function mixFactor(members: readonly string[], table: ReadonlyMap<string, CpuArchFactor>): CpuArchFactor {
  const parts = members.map((m) => {
    const f = table.get(m);
    if (f === undefined) throw new Error(`cpu mix member '${m}' is not in the CPU table`);
    return f;
  });
  const useMedian = members.includes('sandy-bridge') || members.includes('ivy-bridge');
  const arch = members.join('+');
  return {
    id: `cpu:${arch}`,
    arch,
    minWattsPerVcpu: central(parts.map((p) => p.minWattsPerVcpu), useMedian),
    maxWattsPerVcpu: central(parts.map((p) => p.maxWattsPerVcpu), useMedian),
    source: 'ccf-coefficients-use',
    year: 2023,
    band: MEASURED,
    note: `CCF processor mix: ${useMedian ? 'median' : 'mean'} of ${members.join(', ')}.`,
  };
}

const baseByArch = new Map(base.map((f) => [f.arch, f]));

/** Every CPU architecture (and CCF processor mix) with its per-vCPU idle and max watts. */
export const cpuArchFactors: readonly CpuArchFactor[] = [
  ...base,
  ...mixes.map((m) => mixFactor(m, baseByArch)),
];

const gcpSingles: readonly ProviderCpuArchFactor[] = Object.entries(gcpMaxWatts).map(([arch, max]) => {
  const b = baseByArch.get(arch);
  if (b === undefined) throw new Error(`GCP CPU variant '${arch}' has no base entry`);
  return {
    ...b,
    id: `cpu:gcp:${arch}`,
    provider: 'gcp',
    maxWattsPerVcpu: max,
    note: "CCF GCP file: max watts net of memory power ('max_watts_gcp_adjusted').",
  };
});

const gcpByArch = new Map<string, CpuArchFactor>([...baseByArch, ...gcpSingles.map((f) => [f.arch, f] as const)]);

/** Provider-specific overrides (CCF's GCP file). `lookupCpuArch(key, provider)` prefers these. */
export const cpuArchProviderVariants: readonly ProviderCpuArchFactor[] = [
  ...gcpSingles,
  ...mixes.map((m) => ({ ...mixFactor(m, gcpByArch), id: `cpu:gcp:${m.join('+')}`, provider: 'gcp' as const })),
];

/** Spellings seen in CCF files, billing exports and CPU model strings. */
const aliases: Readonly<Record<string, string>> = {
  'sky-lake': 'skylake',
  icelake: 'ice-lake',
  'cascadelake': 'cascade-lake',
  'coffeelake': 'coffee-lake',
  'sapphirerapids': 'sapphire-rapids',
  'amd-epyc-1st-gen': 'epyc-1st-gen',
  'amd-epyc-2nd-gen': 'epyc-2nd-gen',
  'amd-epyc-3rd-gen': 'epyc-3rd-gen',
  'amd-epyc-4th-gen': 'epyc-4th-gen',
  naples: 'epyc-1st-gen',
  rome: 'epyc-2nd-gen',
  milan: 'epyc-3rd-gen',
  genoa: 'epyc-4th-gen',
  'aws-graviton': 'graviton',
  'aws-graviton2': 'graviton2',
  'aws-graviton-2': 'graviton2',
  'graviton-2': 'graviton2',
  'aws-graviton3': 'graviton3',
  'aws-graviton-3': 'graviton3',
  'graviton-3': 'graviton3',
};

function normalise(key: string): string {
  const k = key.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return aliases[k] ?? k;
}

/**
 * Finds a CPU architecture factor. Case, spaces and CCF's spellings are tolerated; 'unknown' with a
 * provider gives that provider's CCF average. With a provider, its CCF variant wins where one exists.
 *
 * @example
 * lookupCpuArch('Cascade Lake')?.maxWattsPerVcpu // 3.9673047343937564
 * lookupCpuArch('skylake', 'gcp')?.maxWattsPerVcpu // 3.8984738056304855
 * lookupCpuArch('Unknown', 'azure')?.arch // 'azure-average'
 */
export function lookupCpuArch(key: string, provider?: Provider): CpuArchFactor | undefined {
  let arch = normalise(key);
  if (arch === 'unknown' || arch === 'average') {
    if (provider === 'aws' || provider === 'gcp' || provider === 'azure') arch = `${provider}-average`;
    else return undefined;
  }
  if (provider !== undefined) {
    const variant = cpuArchProviderVariants.find((f) => f.provider === provider && f.arch === arch);
    if (variant !== undefined) return variant;
  }
  return cpuArchFactors.find((f) => f.arch === arch);
}
