/**
 * Which physical GPUs a job can use: `nvidia-smi -L` lists them (and their MIG instances), and
 * CUDA_VISIBLE_DEVICES selects among them the way the CUDA runtime does (CUDA C Programming Guide,
 * "CUDA Environment Variables"): a comma-separated list of indices, `GPU-<uuid>` (a unique prefix is
 * enough) or MIG ids; the first entry that matches nothing hides itself and every entry after it;
 * an empty value hides every GPU; unset shows all.
 */

export interface MigInstance {
  /** `MIG-<uuid>` (R470+) or `MIG-GPU-<parent uuid>/<gi>/<ci>` (R450). */
  readonly uuid: string;
  readonly profile: string;
}

export interface GpuDevice {
  readonly index: number;
  readonly name: string;
  readonly uuid: string;
  readonly mig: readonly MigInstance[];
}

const GPU_LINE = /^GPU (\d+): (.+?) \(UUID: (GPU-[^)]+)\)\s*$/;
const MIG_LINE = /^\s+MIG (\S+)\s+Device\s+\d+: \(UUID: (MIG-[^)]+)\)\s*$/;

/**
 * @example
 * parseGpuList('GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-5a2e)\n  MIG 1g.5gb     Device  0: (UUID: MIG-8d0f)\n')
 * // [{ index: 0, name: 'NVIDIA A100-SXM4-40GB', uuid: 'GPU-5a2e', mig: [{ uuid: 'MIG-8d0f', profile: '1g.5gb' }] }]
 */
export function parseGpuList(text: string): GpuDevice[] {
  const out: Array<{ index: number; name: string; uuid: string; mig: MigInstance[] }> = [];
  for (const line of text.split('\n')) {
    const g = GPU_LINE.exec(line);
    if (g !== null) {
      out.push({ index: Number(g[1]), name: g[2] ?? '', uuid: g[3] ?? '', mig: [] });
      continue;
    }
    const m = MIG_LINE.exec(line);
    if (m !== null) out[out.length - 1]?.mig.push({ profile: m[1] ?? '', uuid: m[2] ?? '' });
  }
  return out;
}

export interface VisibleGpus {
  readonly indices: ReadonlySet<number>;
  readonly notes: readonly string[];
}

function byUuidPrefix(gpus: readonly GpuDevice[], prefix: string): GpuDevice | undefined {
  const hits = gpus.filter((g) => g.uuid.toLowerCase().startsWith(prefix.toLowerCase()));
  return hits.length === 1 ? hits[0] : undefined;
}

function byMig(gpus: readonly GpuDevice[], id: string): GpuDevice | undefined {
  const legacy = /^MIG-(GPU-[^/]+)\/\d+\/\d+$/i.exec(id);
  if (legacy?.[1] !== undefined) return byUuidPrefix(gpus, legacy[1]);
  return gpus.find((g) => g.mig.some((m) => m.uuid.toLowerCase().startsWith(id.toLowerCase())));
}

/**
 * The physical GPUs a CUDA_VISIBLE_DEVICES value selects. Indices are read in nvidia-smi's order
 * (PCI bus id); CUDA's default order (fastest first) is the same on hosts with one GPU model, and
 * CUDA_DEVICE_ORDER=PCI_BUS_ID makes it the same everywhere: on mixed hosts a note says so.
 *
 * @example
 * resolveVisibleGpus('GPU-5a2e,1', gpus).indices // Set {0, 1}
 * resolveVisibleGpus(undefined, gpus).indices // every GPU
 */
export function resolveVisibleGpus(spec: string | undefined, gpus: readonly GpuDevice[]): VisibleGpus {
  if (spec === undefined) return { indices: new Set(gpus.map((g) => g.index)), notes: [] };
  const indices = new Set<number>();
  const notes: string[] = [];
  const tokens = spec.split(',').map((t) => t.trim());
  for (const token of tokens) {
    let gpu: GpuDevice | undefined;
    if (/^\d+$/.test(token)) {
      gpu = gpus.find((g) => g.index === Number(token));
      if (gpu !== undefined && new Set(gpus.map((g) => g.name)).size > 1) {
        notes.push('CUDA_VISIBLE_DEVICES indices read in PCI bus order (nvidia-smi); on this mixed-GPU host set CUDA_DEVICE_ORDER=PCI_BUS_ID or use GPU UUIDs.');
      }
    } else if (/^GPU-/i.test(token)) {
      gpu = byUuidPrefix(gpus, token);
    } else if (/^MIG-/i.test(token)) {
      gpu = byMig(gpus, token);
      if (gpu !== undefined) {
        notes.push(`CUDA_VISIBLE_DEVICES ${token} is a MIG instance of GPU ${gpu.index}: nvidia-smi gives power per physical GPU, not per MIG instance, so GPU ${gpu.index}'s whole power is read.`);
      }
    }
    if (gpu === undefined) {
      if (token !== '') notes.push(`CUDA_VISIBLE_DEVICES entry '${token.slice(0, 60)}' matches no GPU; as in CUDA, it and the entries after it are ignored.`);
      break;
    }
    indices.add(gpu.index);
  }
  return { indices, notes };
}
