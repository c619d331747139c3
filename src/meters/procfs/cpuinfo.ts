/**
 * The CPU as `/proc/cpuinfo` describes it: model name and topology, for the TDP model.
 */

export interface CpuInfo {
  /** x86 `model name`; on Arm, built from implementer and part ('ARM Neoverse-N1'); undefined if neither. */
  readonly modelName: string | undefined;
  readonly logicalCpus: number;
  /** Distinct `physical id`s; 1 where the field is absent (Arm, many VMs). */
  readonly packages: number;
  /** `siblings` / `cpu cores` (2 with SMT); 1 where absent. */
  readonly threadsPerCore: number;
}

/**
 * Arm's part numbers for the cores in cloud Arm servers (Arm Technical Reference Manuals, MIDR_EL1
 * PartNum). Implementer 0x41 is Arm Ltd.
 */
const ARM_PARTS: Readonly<Record<string, string>> = {
  '0xd08': 'Cortex-A72',
  '0xd0c': 'Neoverse-N1',
  '0xd40': 'Neoverse-V1',
  '0xd49': 'Neoverse-N2',
  '0xd4f': 'Neoverse-V2',
};

function fields(block: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of block.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) m.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return m;
}

/**
 * @example
 * parseCpuinfo('processor\t: 0\nmodel name\t: AMD EPYC 7R13 Processor\nphysical id\t: 0\nsiblings\t: 2\ncpu cores\t: 1\n')
 * // { modelName: 'AMD EPYC 7R13 Processor', logicalCpus: 1, packages: 1, threadsPerCore: 2 }
 */
export function parseCpuinfo(text: string): CpuInfo {
  const blocks = text.split(/\n\s*\n/).map(fields).filter((f) => f.has('processor'));
  const first = blocks[0] ?? new Map<string, string>();
  let modelName = first.get('model name');
  if (modelName === undefined && first.get('cpu implementer') === '0x41') {
    const part = ARM_PARTS[first.get('cpu part') ?? ''];
    if (part !== undefined) modelName = `ARM ${part}`;
  }
  const packages = new Set(blocks.map((b) => b.get('physical id')).filter((v) => v !== undefined)).size;
  const siblings = Number(first.get('siblings'));
  const cores = Number(first.get('cpu cores'));
  const threadsPerCore = siblings > 0 && cores > 0 ? Math.max(1, Math.round(siblings / cores)) : 1;
  return { modelName, logicalCpus: Math.max(1, blocks.length), packages: Math.max(1, packages), threadsPerCore };
}
