import {
  CCF_EMISSIONS_FACTORS, CCF_FAMILIES, CCF_INSTANCE_TYPES, CCF_MSK_VCPUS, CCF_PROCESSORS,
  ccfFamilyMemoryPerChipGb, ccfProcessorMemoryGb, ccfProcessorWatts,
} from './tables.js';

/** A small lookup table the CCF SQL joins: name, DuckDB column types, rows. */
export interface TempTable {
  readonly name: string;
  readonly columns: Readonly<Record<string, string>>;
  readonly rows: ReadonlyArray<Record<string, string | number | boolean | null>>;
}

const tabled = (processors: readonly string[]): boolean => processors.every((p) => CCF_PROCESSORS[p] !== undefined);

/**
 * CCF's instance tables resolved per type name (processor lists to watts and memory per chip), so
 * the SQL only joins. Columns the SQL leaves NULL mean "absent in CCF's table" (its `undefined`).
 */
function typeRows(): TempTable['rows'] {
  return Object.entries(CCF_INSTANCE_TYPES).map(([type, t]) => ({
    type,
    vcpus: t.vcpus ?? null,
    redshift_vcpus: t.redshiftVcpus ?? null,
    memory_gb: t.memoryGb ?? null,
    cpu_id: t.cpu ? t.cpu.join(', ') : null,
    cpu_watts: t.cpu ? ccfProcessorWatts(t.cpu).averageWatts : null,
    // An untabled processor (Ice Lake, EPYC 3rd Gen, Graviton) silently gets the 'Unknown' average.
    cpu_average: t.cpu ? !tabled(t.cpu) : true,
    processor_memory_gb: t.cpu ? ccfProcessorMemoryGb(t.cpu) : null,
    embodied_t_per_hour: t.embodiedTPerHour ?? null,
    gpus: t.gpus ?? null,
    gpu_id: t.gpu ? t.gpu.join(', ') : null,
    gpu_watts: t.gpu ? ccfProcessorWatts(t.gpu).averageWatts : null,
    burstable_pct: t.burstableBaselinePct ?? null,
  }));
}

/** The lookup tables of the ccf profile, loaded once per estimation run. */
export function ccfTempTables(): TempTable[] {
  return [
    {
      name: '__ccf_type',
      columns: {
        type: 'VARCHAR', vcpus: 'DOUBLE', redshift_vcpus: 'DOUBLE', memory_gb: 'DOUBLE', cpu_id: 'VARCHAR', cpu_watts: 'DOUBLE',
        cpu_average: 'BOOLEAN', processor_memory_gb: 'DOUBLE', embodied_t_per_hour: 'DOUBLE', gpus: 'DOUBLE', gpu_id: 'VARCHAR',
        gpu_watts: 'DOUBLE', burstable_pct: 'DOUBLE',
      },
      rows: typeRows(),
    },
    {
      name: '__ccf_family',
      columns: { family: 'VARCHAR', per_chip_gb: 'DOUBLE', largest_gb: 'DOUBLE' },
      rows: Object.entries(CCF_FAMILIES).map(([family, f]) => ({ family, per_chip_gb: ccfFamilyMemoryPerChipGb(family, f), largest_gb: f.largestMemoryGb })),
    },
    {
      name: '__ccf_ef',
      columns: { region: 'VARCHAR', t_per_kwh: 'DOUBLE' },
      rows: Object.entries(CCF_EMISSIONS_FACTORS).map(([region, t]) => ({ region, t_per_kwh: t })),
    },
    {
      name: '__ccf_msk',
      columns: { usage_key: 'VARCHAR', vcpus: 'DOUBLE' },
      rows: Object.entries(CCF_MSK_VCPUS).map(([usage_key, vcpus]) => ({ usage_key, vcpus })),
    },
  ];
}
