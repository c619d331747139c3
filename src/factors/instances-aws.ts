/**
 * AWS EC2 instance types, generated from family definitions.
 *
 * Families CCF covers follow CCF's aws-instances.csv (vCPUs, memory, platform vCPUs, CPU), checked
 * type by type in instances.test.ts. Newer families follow AWS's instance-type documentation; their
 * host is the family's largest size (metal where offered), as CCF does.
 */
import type { InstanceType, SourceRef } from './types.js';

export const awsInstanceSources: readonly SourceRef[] = [
  {
    id: 'ccf-aws-instances',
    title: 'Cloud Carbon Footprint coefficients: data/aws-instances.csv (instance and platform vCPUs, memory, CPU, GPUs)',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2023,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients/blob/dda7621f8ab227dcb45096af6ccc2227aaf92b3e/data/aws-instances.csv',
    license: 'Apache-2.0',
  },
  {
    id: 'aws-ec2-instance-types',
    title: 'Amazon EC2 instance type specifications (general purpose, compute, memory, storage, accelerated computing)',
    publisher: 'Amazon Web Services',
    year: 2024,
    url: 'https://docs.aws.amazon.com/ec2/latest/instancetypes/',
  },
];

/** vCPUs of the regular size names; metal sizes take the host's vCPUs. */
const SIZE_VCPUS: Readonly<Record<string, number>> = {
  medium: 1,
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '3xlarge': 12,
  '4xlarge': 16,
  '6xlarge': 24,
  '8xlarge': 32,
  '9xlarge': 36,
  '12xlarge': 48,
  '16xlarge': 64,
  '18xlarge': 72,
  '24xlarge': 96,
  '32xlarge': 128,
  '48xlarge': 192,
};

/** Where one size departs from its family's rule (or a size the ladder does not know). */
interface SizeOverride {
  readonly vcpus?: number;
  readonly memoryGB?: number;
  readonly hostVcpus?: number;
  readonly cpuArch?: string;
  readonly source?: string;
}

interface AwsFamily {
  readonly family: string;
  readonly cpuArch: string;
  /** CCF's 'Platform Total Number of vCPU', or the family's largest size. */
  readonly hostVcpus: number;
  readonly gbPerVcpu: number;
  /** Space-separated size names. */
  readonly sizes: string;
  readonly gpuModel?: string;
  /** GPUs per size; required for every size when gpuModel is set. */
  readonly gpus?: Readonly<Record<string, number>>;
  readonly overrides?: Readonly<Record<string, SizeOverride>>;
  readonly source: 'ccf-aws-instances' | 'aws-ec2-instance-types';
}

const CCF = 'ccf-aws-instances' as const;
const AWS = 'aws-ec2-instance-types' as const;
const YEAR: Readonly<Record<string, number>> = { [CCF]: 2023, [AWS]: 2024 };

const M_SIZES = 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge';
const GRAVITON_SIZES = 'medium large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge';
const ICE_SIZES = `${M_SIZES} 32xlarge metal`;
const MILAN_SIZES = `${M_SIZES} 32xlarge 48xlarge metal`;
const SPR_SIZES = 'large xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge 24xlarge 48xlarge metal-24xl metal-48xl';
const SPR_OVERRIDES = { 'metal-24xl': { vcpus: 96 } };
const BURSTABLE = 'nano micro small medium large xlarge 2xlarge';
/** t3/t3a/t4g: every size up to large has 2 vCPUs; memory doubles per size. */
const BURSTABLE_OVERRIDES: Readonly<Record<string, SizeOverride>> = {
  nano: { vcpus: 2, memoryGB: 0.5 },
  micro: { vcpus: 2, memoryGB: 1 },
  small: { vcpus: 2, memoryGB: 2 },
  medium: { vcpus: 2, memoryGB: 4 },
  large: { memoryGB: 8 },
};
/** GPU families with the g5 layout: one GPU up to 16xlarge, 4 at 12x/24xlarge, 8 at 48xlarge. */
const G5_GPUS = { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 1, '12xlarge': 4, '24xlarge': 4, '48xlarge': 8 };
const G5_SIZES = Object.keys(G5_GPUS).join(' ');
const P5_MEMORY = { '48xlarge': { memoryGB: 2048 } };

const families: readonly AwsFamily[] = [
  // General purpose
  { family: 'a1', cpuArch: 'graviton', hostVcpus: 16, gbPerVcpu: 2, sizes: 'medium large xlarge 2xlarge 4xlarge metal', source: CCF },
  {
    family: 't2',
    cpuArch: 'haswell',
    hostVcpus: 48,
    gbPerVcpu: 4,
    sizes: BURSTABLE,
    // CCF places t2.large and up on Broadwell hosts (72 vCPU), the small sizes on Haswell (48).
    overrides: {
      nano: { vcpus: 1, memoryGB: 0.5 },
      micro: { vcpus: 1, memoryGB: 1 },
      small: { vcpus: 1, memoryGB: 2 },
      medium: { vcpus: 2, memoryGB: 4 },
      large: { memoryGB: 8, hostVcpus: 72, cpuArch: 'broadwell' },
      xlarge: { hostVcpus: 72, cpuArch: 'broadwell' },
      '2xlarge': { hostVcpus: 72, cpuArch: 'broadwell' },
    },
    source: CCF,
  },
  // CCF's csv puts t3 on Skylake 8175M; its app maps t3 to Cascade Lake.
  { family: 't3', cpuArch: 'skylake', hostVcpus: 96, gbPerVcpu: 4, sizes: BURSTABLE, overrides: BURSTABLE_OVERRIDES, source: CCF },
  { family: 't3a', cpuArch: 'epyc-1st-gen', hostVcpus: 96, gbPerVcpu: 4, sizes: BURSTABLE, overrides: BURSTABLE_OVERRIDES, source: CCF },
  { family: 't4g', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 4, sizes: BURSTABLE, overrides: BURSTABLE_OVERRIDES, source: CCF },
  {
    family: 'm4',
    cpuArch: 'broadwell',
    hostVcpus: 72,
    gbPerVcpu: 4,
    sizes: 'large xlarge 2xlarge 4xlarge 10xlarge 16xlarge',
    overrides: { '10xlarge': { vcpus: 40, hostVcpus: 48, cpuArch: 'haswell' } },
    source: CCF,
  },
  { family: 'm5', cpuArch: 'skylake', hostVcpus: 96, gbPerVcpu: 4, sizes: `${M_SIZES} metal`, source: CCF },
  { family: 'm5d', cpuArch: 'skylake', hostVcpus: 96, gbPerVcpu: 4, sizes: `${M_SIZES} metal`, source: CCF },
  { family: 'm5a', cpuArch: 'epyc-1st-gen', hostVcpus: 96, gbPerVcpu: 4, sizes: M_SIZES, source: CCF },
  { family: 'm5ad', cpuArch: 'epyc-1st-gen', hostVcpus: 96, gbPerVcpu: 4, sizes: M_SIZES, source: CCF },
  { family: 'm5n', cpuArch: 'cascade-lake', hostVcpus: 96, gbPerVcpu: 4, sizes: `${M_SIZES} metal`, source: CCF },
  { family: 'm5dn', cpuArch: 'cascade-lake', hostVcpus: 96, gbPerVcpu: 4, sizes: `${M_SIZES} metal`, source: CCF },
  { family: 'm5zn', cpuArch: 'cascade-lake', hostVcpus: 48, gbPerVcpu: 4, sizes: 'large xlarge 2xlarge 3xlarge 6xlarge 12xlarge metal', source: CCF },
  { family: 'm6g', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 4, sizes: `${GRAVITON_SIZES} metal`, source: CCF },
  { family: 'm6gd', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 4, sizes: `${GRAVITON_SIZES} metal`, source: CCF },
  { family: 'm6i', cpuArch: 'ice-lake', hostVcpus: 128, gbPerVcpu: 4, sizes: ICE_SIZES, overrides: { metal: { source: AWS } }, source: CCF },
  { family: 'm6a', cpuArch: 'epyc-3rd-gen', hostVcpus: 192, gbPerVcpu: 4, sizes: MILAN_SIZES, source: AWS },
  { family: 'm7i', cpuArch: 'sapphire-rapids', hostVcpus: 192, gbPerVcpu: 4, sizes: SPR_SIZES, overrides: SPR_OVERRIDES, source: AWS },
  { family: 'm7g', cpuArch: 'graviton3', hostVcpus: 64, gbPerVcpu: 4, sizes: `${GRAVITON_SIZES} metal`, source: AWS },
  { family: 'm7a', cpuArch: 'epyc-4th-gen', hostVcpus: 192, gbPerVcpu: 4, sizes: `medium ${M_SIZES} 32xlarge 48xlarge metal-48xl`, source: AWS },
  { family: 'mac1', cpuArch: 'coffee-lake', hostVcpus: 12, gbPerVcpu: 32 / 12, sizes: 'metal', overrides: { metal: { memoryGB: 32 } }, source: CCF },
  // Compute optimised
  {
    family: 'c4',
    cpuArch: 'haswell',
    hostVcpus: 40,
    gbPerVcpu: 1.875,
    sizes: 'large xlarge 2xlarge 4xlarge 8xlarge',
    overrides: { '8xlarge': { vcpus: 36, memoryGB: 60 } },
    source: CCF,
  },
  ...(['c5', 'c5d'] as const).map(
    (family): AwsFamily => ({
      family,
      cpuArch: 'skylake',
      hostVcpus: 72,
      gbPerVcpu: 2,
      sizes: 'large xlarge 2xlarge 4xlarge 9xlarge 12xlarge 18xlarge 24xlarge metal',
      // CCF: 12xlarge, 24xlarge and metal run on the 96-vCPU Cascade Lake (8275CL) platform.
      overrides: {
        '12xlarge': { hostVcpus: 96, cpuArch: 'cascade-lake' },
        '24xlarge': { hostVcpus: 96, cpuArch: 'cascade-lake' },
        metal: { hostVcpus: 96, cpuArch: 'cascade-lake' },
      },
      source: CCF,
    }),
  ),
  { family: 'c5a', cpuArch: 'epyc-2nd-gen', hostVcpus: 96, gbPerVcpu: 2, sizes: M_SIZES, source: CCF },
  { family: 'c5ad', cpuArch: 'epyc-2nd-gen', hostVcpus: 96, gbPerVcpu: 2, sizes: M_SIZES, source: CCF },
  {
    family: 'c5n',
    cpuArch: 'skylake',
    hostVcpus: 72,
    gbPerVcpu: 2.625,
    sizes: 'large xlarge 2xlarge 4xlarge 9xlarge 18xlarge metal',
    overrides: { '9xlarge': { memoryGB: 96 }, '18xlarge': { memoryGB: 192 }, metal: { memoryGB: 192 } },
    source: CCF,
  },
  { family: 'c6g', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 2, sizes: `${GRAVITON_SIZES} metal`, source: CCF },
  { family: 'c6gd', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 2, sizes: `${GRAVITON_SIZES} metal`, source: CCF },
  { family: 'c6gn', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 2, sizes: GRAVITON_SIZES, source: CCF },
  { family: 'c6i', cpuArch: 'ice-lake', hostVcpus: 128, gbPerVcpu: 2, sizes: ICE_SIZES, source: AWS },
  { family: 'c6a', cpuArch: 'epyc-3rd-gen', hostVcpus: 192, gbPerVcpu: 2, sizes: MILAN_SIZES, source: AWS },
  { family: 'c7g', cpuArch: 'graviton3', hostVcpus: 64, gbPerVcpu: 2, sizes: `${GRAVITON_SIZES} metal`, source: AWS },
  { family: 'c7i', cpuArch: 'sapphire-rapids', hostVcpus: 192, gbPerVcpu: 2, sizes: SPR_SIZES, overrides: SPR_OVERRIDES, source: AWS },
  { family: 'inf1', cpuArch: 'cascade-lake', hostVcpus: 96, gbPerVcpu: 2, sizes: 'xlarge 2xlarge 6xlarge 24xlarge', source: CCF },
  // Memory optimised
  { family: 'r4', cpuArch: 'broadwell', hostVcpus: 72, gbPerVcpu: 7.625, sizes: 'large xlarge 2xlarge 4xlarge 8xlarge 16xlarge', source: CCF },
  { family: 'r5', cpuArch: 'skylake', hostVcpus: 96, gbPerVcpu: 8, sizes: `${M_SIZES} metal`, source: CCF },
  { family: 'r5a', cpuArch: 'epyc-1st-gen', hostVcpus: 96, gbPerVcpu: 8, sizes: M_SIZES, source: CCF },
  { family: 'r5ad', cpuArch: 'epyc-1st-gen', hostVcpus: 96, gbPerVcpu: 8, sizes: M_SIZES, source: CCF },
  ...(['r5b', 'r5d', 'r5dn', 'r5n'] as const).map(
    (family): AwsFamily => ({ family, cpuArch: 'cascade-lake', hostVcpus: 96, gbPerVcpu: 8, sizes: `${M_SIZES} metal`, source: CCF }),
  ),
  { family: 'r6g', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 8, sizes: `${GRAVITON_SIZES} metal`, source: CCF },
  { family: 'r6gd', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 8, sizes: `${GRAVITON_SIZES} metal`, source: CCF },
  { family: 'r6i', cpuArch: 'ice-lake', hostVcpus: 128, gbPerVcpu: 8, sizes: ICE_SIZES, source: AWS },
  { family: 'r6a', cpuArch: 'epyc-3rd-gen', hostVcpus: 192, gbPerVcpu: 8, sizes: MILAN_SIZES, source: AWS },
  { family: 'r7g', cpuArch: 'graviton3', hostVcpus: 64, gbPerVcpu: 8, sizes: `${GRAVITON_SIZES} metal`, source: AWS },
  { family: 'r7i', cpuArch: 'sapphire-rapids', hostVcpus: 192, gbPerVcpu: 8, sizes: SPR_SIZES, overrides: SPR_OVERRIDES, source: AWS },
  { family: 'x1', cpuArch: 'haswell', hostVcpus: 128, gbPerVcpu: 15.25, sizes: '16xlarge 32xlarge', source: CCF },
  { family: 'x1e', cpuArch: 'haswell', hostVcpus: 128, gbPerVcpu: 30.5, sizes: 'xlarge 2xlarge 4xlarge 8xlarge 16xlarge 32xlarge', source: CCF },
  { family: 'x2gd', cpuArch: 'graviton2', hostVcpus: 64, gbPerVcpu: 16, sizes: `${GRAVITON_SIZES} metal`, source: CCF },
  { family: 'z1d', cpuArch: 'skylake', hostVcpus: 48, gbPerVcpu: 8, sizes: 'large xlarge 2xlarge 3xlarge 6xlarge 12xlarge metal', source: CCF },
  ...(['u-6tb1', 'u-9tb1', 'u-12tb1', 'u-18tb1', 'u-24tb1'] as const).map(
    (family): AwsFamily => ({
      family,
      cpuArch: 'skylake',
      hostVcpus: 448,
      gbPerVcpu: 0,
      sizes: 'metal',
      overrides: { metal: { memoryGB: Number(family.slice(2, -3)) * 1024 } }, // 'u-6tb1' has 6 TiB
      source: CCF,
    }),
  ),
  // Storage optimised
  {
    family: 'i3',
    cpuArch: 'broadwell',
    hostVcpus: 72,
    gbPerVcpu: 7.625,
    sizes: 'large xlarge 2xlarge 4xlarge 8xlarge 16xlarge metal',
    overrides: { metal: { memoryGB: 512 } },
    source: CCF,
  },
  { family: 'i3en', cpuArch: 'skylake', hostVcpus: 96, gbPerVcpu: 8, sizes: 'large xlarge 2xlarge 3xlarge 6xlarge 12xlarge 24xlarge metal', source: CCF },
  {
    family: 'd2',
    cpuArch: 'haswell',
    hostVcpus: 48,
    gbPerVcpu: 7.625,
    sizes: 'xlarge 2xlarge 4xlarge 8xlarge',
    overrides: { '8xlarge': { vcpus: 36, memoryGB: 244 } },
    source: CCF,
  },
  { family: 'd3', cpuArch: 'cascade-lake', hostVcpus: 96, gbPerVcpu: 8, sizes: 'xlarge 2xlarge 4xlarge 8xlarge', source: CCF },
  { family: 'd3en', cpuArch: 'cascade-lake', hostVcpus: 96, gbPerVcpu: 4, sizes: 'xlarge 2xlarge 4xlarge 6xlarge 8xlarge 12xlarge', source: CCF },
  { family: 'h1', cpuArch: 'broadwell', hostVcpus: 72, gbPerVcpu: 4, sizes: '2xlarge 4xlarge 8xlarge 16xlarge', source: CCF },
  { family: 'f1', cpuArch: 'broadwell', hostVcpus: 72, gbPerVcpu: 15.25, sizes: '2xlarge 4xlarge 16xlarge', source: CCF },
  // Previous generation still billed
  { family: 'm3', cpuArch: 'sandy-bridge', hostVcpus: 32, gbPerVcpu: 3.75, sizes: 'medium large xlarge 2xlarge', source: CCF },
  { family: 'c3', cpuArch: 'ivy-bridge', hostVcpus: 40, gbPerVcpu: 1.875, sizes: 'large xlarge 2xlarge 4xlarge 8xlarge', source: CCF },
  { family: 'r3', cpuArch: 'ivy-bridge', hostVcpus: 40, gbPerVcpu: 7.625, sizes: 'large xlarge 2xlarge 4xlarge 8xlarge', source: CCF },
  { family: 'i2', cpuArch: 'ivy-bridge', hostVcpus: 40, gbPerVcpu: 7.625, sizes: 'xlarge 2xlarge 4xlarge 8xlarge', source: CCF },
  // Accelerated computing
  {
    family: 'g2',
    cpuArch: 'sandy-bridge',
    hostVcpus: 32,
    gbPerVcpu: 1.875,
    sizes: '2xlarge 8xlarge',
    gpuModel: 'k520',
    gpus: { '2xlarge': 1, '8xlarge': 4 },
    source: CCF,
  },
  {
    family: 'g3',
    cpuArch: 'broadwell',
    hostVcpus: 72,
    gbPerVcpu: 7.625,
    sizes: '4xlarge 8xlarge 16xlarge',
    gpuModel: 'm60',
    gpus: { '4xlarge': 1, '8xlarge': 2, '16xlarge': 4 },
    source: CCF,
  },
  { family: 'g3s', cpuArch: 'broadwell', hostVcpus: 72, gbPerVcpu: 7.625, sizes: 'xlarge', gpuModel: 'm60', gpus: { xlarge: 1 }, source: CCF },
  {
    family: 'g4dn',
    cpuArch: 'cascade-lake',
    hostVcpus: 96,
    gbPerVcpu: 4,
    sizes: 'xlarge 2xlarge 4xlarge 8xlarge 12xlarge 16xlarge metal',
    gpuModel: 't4',
    gpus: { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 1, '12xlarge': 4, metal: 8 },
    source: CCF,
  },
  {
    family: 'g4ad',
    cpuArch: 'epyc-2nd-gen',
    hostVcpus: 96,
    gbPerVcpu: 4,
    sizes: 'xlarge 2xlarge 4xlarge 8xlarge 16xlarge',
    gpuModel: 'radeon-pro-v520',
    gpus: { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 2, '16xlarge': 4 },
    overrides: { xlarge: { source: AWS }, '2xlarge': { source: AWS } },
    source: CCF,
  },
  { family: 'g5', cpuArch: 'epyc-2nd-gen', hostVcpus: 192, gbPerVcpu: 4, sizes: G5_SIZES, gpuModel: 'a10g', gpus: G5_GPUS, source: AWS },
  {
    family: 'g5g',
    cpuArch: 'graviton2',
    hostVcpus: 64,
    gbPerVcpu: 2,
    sizes: 'xlarge 2xlarge 4xlarge 8xlarge 16xlarge metal',
    gpuModel: 't4', // NVIDIA T4G: the T4 part on an Arm host
    gpus: { xlarge: 1, '2xlarge': 1, '4xlarge': 1, '8xlarge': 1, '16xlarge': 2, metal: 2 },
    source: AWS,
  },
  { family: 'g6', cpuArch: 'epyc-3rd-gen', hostVcpus: 192, gbPerVcpu: 4, sizes: G5_SIZES, gpuModel: 'l4', gpus: G5_GPUS, source: AWS },
  { family: 'g6e', cpuArch: 'epyc-3rd-gen', hostVcpus: 192, gbPerVcpu: 8, sizes: G5_SIZES, gpuModel: 'l40s', gpus: G5_GPUS, source: AWS },
  {
    family: 'p2',
    cpuArch: 'broadwell',
    hostVcpus: 72,
    gbPerVcpu: 15.25,
    sizes: 'xlarge 8xlarge 16xlarge',
    gpuModel: 'k80',
    gpus: { xlarge: 1, '8xlarge': 8, '16xlarge': 16 },
    overrides: { xlarge: { memoryGB: 61 }, '16xlarge': { memoryGB: 732 } },
    source: CCF,
  },
  {
    family: 'p3',
    cpuArch: 'broadwell',
    hostVcpus: 72,
    gbPerVcpu: 7.625,
    sizes: '2xlarge 8xlarge 16xlarge',
    gpuModel: 'v100',
    gpus: { '2xlarge': 1, '8xlarge': 4, '16xlarge': 8 },
    source: CCF,
  },
  { family: 'p3dn', cpuArch: 'skylake', hostVcpus: 96, gbPerVcpu: 8, sizes: '24xlarge', gpuModel: 'v100', gpus: { '24xlarge': 8 }, source: CCF },
  { family: 'p4d', cpuArch: 'cascade-lake', hostVcpus: 96, gbPerVcpu: 12, sizes: '24xlarge', gpuModel: 'a100-sxm4-40gb', gpus: { '24xlarge': 8 }, source: CCF },
  { family: 'p4de', cpuArch: 'cascade-lake', hostVcpus: 96, gbPerVcpu: 12, sizes: '24xlarge', gpuModel: 'a100-sxm4-80gb', gpus: { '24xlarge': 8 }, source: AWS },
  { family: 'p5', cpuArch: 'epyc-3rd-gen', hostVcpus: 192, gbPerVcpu: 0, overrides: P5_MEMORY, sizes: '48xlarge', gpuModel: 'h100-sxm5-80gb', gpus: { '48xlarge': 8 }, source: AWS },
  { family: 'p5e', cpuArch: 'epyc-3rd-gen', hostVcpus: 192, gbPerVcpu: 0, overrides: P5_MEMORY, sizes: '48xlarge', gpuModel: 'h200-sxm-141gb', gpus: { '48xlarge': 8 }, source: AWS },
  { family: 'p5en', cpuArch: 'sapphire-rapids', hostVcpus: 192, gbPerVcpu: 0, overrides: P5_MEMORY, sizes: '48xlarge', gpuModel: 'h200-sxm-141gb', gpus: { '48xlarge': 8 }, source: AWS },
];

function expand(f: AwsFamily): InstanceType[] {
  return f.sizes.split(' ').map((size) => {
    const o = f.overrides?.[size] ?? {};
    const hostVcpus = o.hostVcpus ?? f.hostVcpus;
    const vcpus = o.vcpus ?? (size.startsWith('metal') ? hostVcpus : SIZE_VCPUS[size]);
    if (vcpus === undefined) throw new Error(`aws ${f.family}.${size}: unknown size, give its vcpus`);
    const gpus = f.gpus?.[size] ?? 0;
    if (f.gpuModel !== undefined && gpus === 0) throw new Error(`aws ${f.family}.${size}: GPU count missing`);
    const source = o.source ?? f.source;
    const base = {
      provider: 'aws' as const,
      name: `${f.family}.${size}`,
      family: f.family,
      vcpus,
      memoryGB: o.memoryGB ?? Math.round(vcpus * f.gbPerVcpu * 1000) / 1000,
      gpus,
      cpuArch: o.cpuArch ?? f.cpuArch,
      hostVcpus,
      source,
      year: YEAR[source] ?? 2024,
    };
    return f.gpuModel === undefined ? base : { ...base, gpuModel: f.gpuModel };
  });
}

/** Every AWS EC2 instance type greenops knows. Names as billed, lower case ('m5.large'). */
export const awsInstanceTypes: readonly InstanceType[] = families.flatMap(expand);

/**
 * Managed services bill EC2 hardware under their own prefix or suffix: RDS 'db.', SageMaker 'ml.',
 * ElastiCache 'cache.', MSK 'kafka.', OpenSearch '.search' / '.elasticsearch'.
 */
export function awsBaseTypeName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^(db|ml|cache|kafka)\./, '')
    .replace(/\.(search|elasticsearch)$/, '');
}
