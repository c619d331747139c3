import { describe, expect, it } from 'vitest';
import { gpuFactors, gpuSources, IDLE_TO_TDP_RATIO, lookupGpu } from './gpu.js';

const sourceIds = new Set(gpuSources.map((s) => s.id));

describe('gpu factor table', () => {
  it('cites a listed source, with finite positive watts, idle below max, and a band around 1', () => {
    for (const f of gpuFactors) {
      expect(sourceIds.has(f.source), f.id).toBe(true);
      expect(Number.isFinite(f.idleWatts) && f.idleWatts > 0, f.id).toBe(true);
      expect(Number.isFinite(f.maxWatts) && f.maxWatts > f.idleWatts, f.id).toBe(true);
      expect(f.memoryGB === undefined || f.memoryGB > 0, f.id).toBe(true);
      expect(f.band.low).toBeLessThanOrEqual(1);
      expect(f.band.high).toBeGreaterThanOrEqual(1);
    }
  });

  it('has unique ids of the form gpu:<model>', () => {
    expect(new Set(gpuFactors.map((f) => f.id)).size).toBe(gpuFactors.length);
    for (const f of gpuFactors) expect(f.id).toBe(`gpu:${f.model}`);
  });

  it('covers the accelerators clouds rent', () => {
    const models = [
      'k80', 'k520', 'm60', 'p4', 'p40', 'p100', 't4', 'v100', 'a10', 'a10g', 'a100-sxm4-40gb', 'a100-sxm4-80gb',
      'a100-pcie-40gb', 'a100-pcie-80gb', 'h100-sxm5-80gb', 'h100-pcie-80gb', 'h100-nvl-94gb', 'h200-sxm-141gb',
      'l4', 'l40s', 'b200', 'mi300x', 'tpu-v4',
    ];
    for (const m of models) expect(lookupGpu(m), m).toBeDefined();
  });

  it("uses CCF's figures where CCF has the part", () => {
    const ccf: ReadonlyArray<[string, number, number]> = [
      ['k520', 26, 229], ['a10g', 18, 153], ['t4', 8, 71], ['v100', 35, 306], ['a100-sxm4-40gb', 46, 407],
      ['p4', 9, 76.5], ['p100', 36, 306], ['p40', 30, 255],
    ];
    for (const [model, idle, max] of ccf) expect(lookupGpu(model), model).toMatchObject({ idleWatts: idle, maxWatts: max, source: 'ccf-gpu-watts' });
  });

  it('derives TDP-only parts as max = TDP, idle = 0.113 x TDP, with a wider band than CCF figures', () => {
    expect(IDLE_TO_TDP_RATIO).toBeCloseTo(46 / 407, 3);
    const tdp: ReadonlyArray<[string, number]> = [
      ['h100-sxm5-80gb', 700], ['h100-pcie-80gb', 350], ['h200-sxm-141gb', 700], ['l4', 72], ['l40s', 350], ['b200', 1000],
    ];
    const ccfBand = lookupGpu('t4')?.band;
    for (const [model, watts] of tdp) {
      const f = lookupGpu(model);
      expect(f?.maxWatts, model).toBe(watts);
      expect(f?.idleWatts, model).toBeCloseTo(0.113 * watts, 9);
      expect(f?.band.low ?? 1).toBeLessThan(ccfBand?.low ?? 0);
      expect(f?.band.high ?? 0).toBeGreaterThan(ccfBand?.high ?? 0);
    }
  });
});

describe('lookupGpu', () => {
  it.each([
    ['NVIDIA A100-SXM4-80GB', 'gpu:a100-sxm4-80gb'],
    ['NVIDIA A100-SXM4-40GB', 'gpu:a100-sxm4-40gb'],
    ['NVIDIA A100-PCIE-40GB', 'gpu:a100-pcie-40gb'],
    ['NVIDIA A100 80GB PCIe', 'gpu:a100-pcie-80gb'],
    ['A100 80GB', 'gpu:a100-sxm4-80gb'],
    ['nvidia-tesla-a100', 'gpu:a100-sxm4-40gb'],
    ['nvidia-a100-80gb', 'gpu:a100-sxm4-80gb'],
    ['Tesla T4', 'gpu:t4'],
    ['nvidia-tesla-t4', 'gpu:t4'],
    ['NVIDIA T4G', 'gpu:t4'],
    ['Tesla V100-SXM2-16GB', 'gpu:v100'],
    ['Tesla K80', 'gpu:k80'],
    ['GRID K520', 'gpu:k520'],
    ['NVIDIA A10G', 'gpu:a10g'],
    ['NVIDIA A10', 'gpu:a10'],
    ['H100 80GB HBM3', 'gpu:h100-sxm5-80gb'],
    ['NVIDIA H100 PCIe', 'gpu:h100-pcie-80gb'],
    ['NVIDIA H100 NVL', 'gpu:h100-nvl-94gb'],
    ['nvidia-h100-mega-80gb', 'gpu:h100-sxm5-80gb'],
    ['nvidia-h200-141gb', 'gpu:h200-sxm-141gb'],
    ['nvidia-l4', 'gpu:l4'],
    ['NVIDIA L40S', 'gpu:l40s'],
    ['NVIDIA B200', 'gpu:b200'],
    ['AMD Instinct MI300X', 'gpu:mi300x'],
    ['AMD Radeon Pro V520', 'gpu:radeon-pro-v520'],
    ['TPU v4', 'gpu:tpu-v4'],
    ['gpu:l4', 'gpu:l4'],
  ])('%s -> %s', (name, id) => {
    expect(lookupGpu(name)?.id).toBe(id);
  });

  it('returns undefined for parts it has no figure for', () => {
    expect(lookupGpu('NVIDIA GB200')).toBeUndefined();
    expect(lookupGpu('TPU v5e')).toBeUndefined();
    expect(lookupGpu('NVIDIA L40')).toBeUndefined();
    expect(lookupGpu('')).toBeUndefined();
  });
});
