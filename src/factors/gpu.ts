/**
 * Power of one GPU (or accelerator) at idle and at full load.
 *
 * Cloud Carbon Footprint's figures are used where CCF has the part, so a CCF-compatible profile
 * reproduces it. Newer parts use the vendor's board power / TDP as the maximum and
 * idle = 0.113 x TDP, the ratio of CCF's A100 pair (46 W / 407 W = 0.1130). TDP is a ceiling, not a
 * measured draw, so TDP-derived entries carry a wider band than CCF's.
 */
import type { Band, GpuFactor, SourceRef } from './types.js';

export const gpuSources: readonly SourceRef[] = [
  {
    id: 'ccf-gpu-watts',
    title: 'Cloud Carbon Footprint core ComputeProcessorTypes.ts: GPU min/max watts (min_watts_avg, max_watts_avg)',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-footprint/blob/trunk/packages/core/src/compute/ComputeProcessorTypes.ts',
    license: 'Apache-2.0',
  },
  {
    id: 'nvidia-a100-datasheet',
    title: 'NVIDIA A100 Tensor Core GPU datasheet (max TDP: SXM4 400 W, PCIe 40GB 250 W, PCIe 80GB 300 W)',
    publisher: 'NVIDIA',
    year: 2021,
    url: 'https://www.nvidia.com/en-us/data-center/a100/',
  },
  {
    id: 'nvidia-a10-datasheet',
    title: 'NVIDIA A10 Tensor Core GPU datasheet (max TDP 150 W, 24 GB)',
    publisher: 'NVIDIA',
    year: 2021,
    url: 'https://www.nvidia.com/en-us/data-center/products/a10-gpu/',
  },
  {
    id: 'nvidia-h100-datasheet',
    title: 'NVIDIA H100 Tensor Core GPU datasheet (SXM 700 W; PCIe 350 W; NVL 350-400 W, 94 GB)',
    publisher: 'NVIDIA',
    year: 2023,
    url: 'https://www.nvidia.com/en-us/data-center/h100/',
  },
  {
    id: 'nvidia-h200-datasheet',
    title: 'NVIDIA H200 Tensor Core GPU datasheet (SXM up to 700 W, 141 GB)',
    publisher: 'NVIDIA',
    year: 2024,
    url: 'https://www.nvidia.com/en-us/data-center/h200/',
  },
  {
    id: 'nvidia-l4-datasheet',
    title: 'NVIDIA L4 Tensor Core GPU datasheet (max TDP 72 W, 24 GB)',
    publisher: 'NVIDIA',
    year: 2023,
    url: 'https://www.nvidia.com/en-us/data-center/l4/',
  },
  {
    id: 'nvidia-l40s-datasheet',
    title: 'NVIDIA L40S GPU datasheet (max power 350 W, 48 GB)',
    publisher: 'NVIDIA',
    year: 2023,
    url: 'https://www.nvidia.com/en-us/data-center/l40s/',
  },
  {
    id: 'nvidia-dgx-b200',
    title: 'NVIDIA DGX B200 datasheet (8x B200, 1,440 GB total GPU memory; B200 configured at 1,000 W)',
    publisher: 'NVIDIA',
    year: 2024,
    url: 'https://www.nvidia.com/en-us/data-center/dgx-b200/',
  },
  {
    id: 'amd-mi300x-datasheet',
    title: 'AMD Instinct MI300X accelerator datasheet (750 W peak board power, 192 GB HBM3)',
    publisher: 'AMD',
    year: 2023,
    url: 'https://www.amd.com/en/products/accelerators/instinct/mi300/mi300x.html',
  },
  {
    id: 'google-tpuv4-isca-2023',
    title:
      'Jouppi et al., "TPU v4: An Optically Reconfigurable Supercomputer for Machine Learning with Hardware Support for Embeddings", ISCA 2023',
    publisher: 'Google / ACM',
    year: 2023,
    url: 'https://arxiv.org/abs/2304.01433',
  },
];

/** Idle / TDP ratio of CCF's A100 (46 / 407), applied where only TDP is published. */
export const IDLE_TO_TDP_RATIO = 0.113;

const CCF_BAND: Band = { low: 0.8, high: 1.2 };
const TDP_BAND: Band = { low: 0.6, high: 1.3 };

function fromCcf(model: string, idleWatts: number, maxWatts: number, memoryGB: number, note?: string): GpuFactor {
  const f = { id: `gpu:${model}`, model, idleWatts, maxWatts, memoryGB, source: 'ccf-gpu-watts', year: 2023, band: CCF_BAND };
  return note === undefined ? f : { ...f, note };
}

function fromTdp(model: string, tdpWatts: number, memoryGB: number, source: string, year: number, note: string): GpuFactor {
  return {
    id: `gpu:${model}`,
    model,
    idleWatts: tdpWatts * IDLE_TO_TDP_RATIO,
    maxWatts: tdpWatts,
    memoryGB,
    source,
    year,
    band: TDP_BAND,
    note: `max = vendor TDP ${tdpWatts} W; idle = 0.113 x TDP (CCF A100 ratio). ${note}`.trim(),
  };
}

/** Every GPU / accelerator model greenops knows, keyed by `model`. */
export const gpuFactors: readonly GpuFactor[] = [
  fromCcf('k80', 35, 306, 12, 'Per GK210 GPU as clouds count them (a K80 board holds two).'),
  fromCcf('k520', 26, 229, 4),
  fromCcf('m60', 35, 306, 8, 'Per GPU as clouds count them (an M60 board holds two).'),
  fromCcf('p4', 9, 76.5, 8),
  fromCcf('p40', 30, 255, 24),
  fromCcf('p100', 36, 306, 16),
  fromCcf('t4', 8, 71, 16, 'Also used for the Arm-host T4G (AWS g5g), the same silicon.'),
  fromCcf('v100', 35, 306, 16, 'CCF uses one figure for SXM2 and PCIe, 16 and 32 GB.'),
  fromCcf('a10g', 18, 153, 24),
  fromCcf('a100-sxm4-40gb', 46, 407, 40, 'CCF\'s A100 figure (vendor TDP 400 W).'),
  fromCcf('a100-sxm4-80gb', 46, 407, 80, 'CCF\'s A100 figure (vendor TDP 400 W).'),
  fromCcf('radeon-pro-v520', 26, 229, 8),
  fromCcf('alveo-u250', 27, 229.5, 64, 'Xilinx FPGA card; CCF models it like a GPU.'),
  fromTdp('a100-pcie-40gb', 250, 40, 'nvidia-a100-datasheet', 2021, "CCF applies its A100 46/407 W to every A100."),
  fromTdp('a100-pcie-80gb', 300, 80, 'nvidia-a100-datasheet', 2021, "CCF applies its A100 46/407 W to every A100."),
  fromTdp('a10', 150, 24, 'nvidia-a10-datasheet', 2021, ''),
  fromTdp('h100-sxm5-80gb', 700, 80, 'nvidia-h100-datasheet', 2023, ''),
  fromTdp('h100-pcie-80gb', 350, 80, 'nvidia-h100-datasheet', 2023, ''),
  fromTdp('h100-nvl-94gb', 400, 94, 'nvidia-h100-datasheet', 2023, 'Top of the configurable 350-400 W range.'),
  fromTdp('h200-sxm-141gb', 700, 141, 'nvidia-h200-datasheet', 2024, ''),
  fromTdp('l4', 72, 24, 'nvidia-l4-datasheet', 2023, ''),
  fromTdp('l40s', 350, 48, 'nvidia-l40s-datasheet', 2023, ''),
  fromTdp('b200', 1000, 180, 'nvidia-dgx-b200', 2024, 'HGX/DGX B200 configuration; GB200 parts run higher and are not listed.'),
  fromTdp('mi300x', 750, 192, 'amd-mi300x-datasheet', 2023, ''),
  fromTdp(
    'tpu-v4',
    192,
    32,
    'google-tpuv4-isca-2023',
    2023,
    'Per chip: the paper gives 192 W max and 170 W mean measured on production workloads; max = 192 W used. ' +
      'The NVIDIA-derived idle ratio is an assumption for TPUs. TPU v5e/v5p: no per-chip power published, left out.',
  ),
];

/** Exact names (normalised) that the token rules below would not resolve. */
const exactAliases: Readonly<Record<string, string>> = {
  'grid k520': 'k520',
  'radeon pro v520': 'radeon-pro-v520',
  v520: 'radeon-pro-v520',
  'alveo u250': 'alveo-u250',
  u250: 'alveo-u250',
};

/** Vendor words that carry no model information. */
const noise = new Set(['nvidia', 'tesla', 'amd', 'instinct', 'google', 'cloud', 'xilinx', 'geforce', 'gpu', 'tensor', 'core']);

function tokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t.length > 0 && !noise.has(t));
}

function resolve(t: readonly string[]): string | undefined {
  const has = (x: string): boolean => t.includes(x);
  if (has('a100')) {
    const mem = has('80gb') || has('80') ? 80 : 40;
    return has('pcie') ? `a100-pcie-${mem}gb` : `a100-sxm4-${mem}gb`;
  }
  if (has('h100')) {
    if (has('nvl')) return 'h100-nvl-94gb';
    return has('pcie') ? 'h100-pcie-80gb' : 'h100-sxm5-80gb'; // 'HBM3', 'SXM5', 'mega' and bare H100 are SXM
  }
  if (has('h200')) return 'h200-sxm-141gb';
  if (has('tpu') && (has('v4') || has('4'))) return 'tpu-v4';
  const direct = ['k80', 'k520', 'm60', 'p4', 'p40', 'p100', 't4', 'v100', 'a10g', 'a10', 'l4', 'l40s', 'b200', 'mi300x', 'v520', 'u250'];
  if (has('t4g')) return 't4';
  const hit = direct.find(has);
  return hit === undefined ? undefined : (exactAliases[hit] ?? hit);
}

/**
 * Finds a GPU factor from a model key, an nvidia-smi name, a cloud accelerator id or a marketing name.
 * A100/H100 without a form factor are taken as SXM (what cloud GPU hosts use); A100 without a memory
 * size as 40 GB.
 *
 * @example
 * lookupGpu('NVIDIA A100-SXM4-80GB')?.id // 'gpu:a100-sxm4-80gb'
 * lookupGpu('nvidia-tesla-a100')?.id // 'gpu:a100-sxm4-40gb' (GCP accelerator type)
 * lookupGpu('H100 80GB HBM3')?.id // 'gpu:h100-sxm5-80gb'
 * lookupGpu('Tesla T4')?.maxWatts // 71
 */
export function lookupGpu(model: string): GpuFactor | undefined {
  const key = model.trim().toLowerCase();
  const exact = gpuFactors.find((f) => f.model === key || f.id === key);
  if (exact !== undefined) return exact;
  const t = tokens(model);
  const joined = t.join(' ');
  const resolved = exactAliases[joined] ?? resolve(t);
  return resolved === undefined ? undefined : gpuFactors.find((f) => f.model === resolved);
}
