import type { Band, Provider } from '../../factors/types.js';
import { lookupGrid, providerDefaultGrid } from '../../factors/grid.js';
import { lookupPue } from '../../factors/pue.js';
import { instanceTypes, lookupInstance } from '../../factors/instances.js';
import { lookupCpuArch } from '../../factors/cpu.js';
import { lookupGpu } from '../../factors/gpu.js';
import { lookupEmbodied, genericHostEmbodiedKg } from '../../factors/embodied.js';
import { lookupReplication } from '../../factors/coefficients.js';
import type { Db } from './connection.js';

/**
 * Factor resolution happens once per distinct key (region, instance type, GPU model, storage
 * service) in JavaScript, where the tolerant lookups live; the results are loaded as small tables
 * that the estimation SQL joins. Billing rows themselves never pass through JavaScript.
 */

const PROVIDERS: readonly Provider[] = ['aws', 'azure', 'gcp', 'oracle', 'other'];

function asProvider(p: string | null): Provider {
  return (PROVIDERS as readonly string[]).includes(p ?? '') ? (p as Provider) : 'other';
}

const ln2 = (b: Band): [number, number] => [Math.log(b.low) ** 2, Math.log(b.high) ** 2];

/** Load an array of flat objects as a temp table, typed by the given column types. */
export async function loadTable(db: Db, name: string, columns: Record<string, string>, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS ${name}`);
  const structure = JSON.stringify(Object.fromEntries(Object.entries(columns)));
  const cols = Object.keys(columns).map((c) => `x.${c} AS ${c}`).join(', ');
  await db.run(`CREATE TEMP TABLE ${name} AS SELECT ${cols} FROM (SELECT unnest(from_json($1::JSON, '[${structure}]')) AS x)`, [JSON.stringify(rows)]);
}

export async function resolveRegions(db: Db): Promise<void> {
  const keys = await db.all<{ provider: string | null; region: string | null }>('SELECT DISTINCT provider, region FROM __keys');
  const rows = keys.map((k) => {
    const provider = asProvider(k.provider);
    const found = k.region ? lookupGrid(provider, k.region) : undefined;
    const grid = found ?? providerDefaultGrid(provider);
    const pue = lookupPue(provider, found?.region ?? k.region ?? undefined);
    const [glo, ghi] = ln2(grid.band);
    const [plo, phi] = ln2(pue.band);
    return {
      provider: k.provider, region: k.region, region_known: found !== undefined,
      grid_id: grid.id, g_per_kwh: grid.gCO2ePerKWh, grid_lo2: glo, grid_hi2: ghi, cfe: grid.carbonFreeShare ?? null,
      pue_id: pue.id, pue: pue.pue, pue_lo2: plo, pue_hi2: phi,
    };
  });
  await loadTable(db, '__region', {
    provider: 'VARCHAR', region: 'VARCHAR', region_known: 'BOOLEAN', grid_id: 'VARCHAR', g_per_kwh: 'DOUBLE', grid_lo2: 'DOUBLE', grid_hi2: 'DOUBLE', cfe: 'DOUBLE',
    pue_id: 'VARCHAR', pue: 'DOUBLE', pue_lo2: 'DOUBLE', pue_hi2: 'DOUBLE',
  }, rows);
}

function embodiedOf(provider: Provider, family: string, spec: { vcpus: number; memoryGB: number; gpus: number }): { id: string; kg: number; band: Band } {
  const e = lookupEmbodied(provider, family);
  if (e) return { id: e.id, kg: e.kgCO2ePerHost, band: e.band };
  return { id: 'embodied:generic-server', kg: genericHostEmbodiedKg({ vcpus: spec.vcpus, memoryGB: spec.memoryGB, gpus: spec.gpus, ssd: 0, hdd: 0 }), band: { low: 0.5, high: 2 } };
}

export async function resolveInstances(db: Db): Promise<void> {
  const keys = await db.all<{ provider: string | null; instance_type: string }>(
    'SELECT DISTINCT provider, instance_type FROM __keys WHERE instance_type IS NOT NULL',
  );
  const rows = keys.map((k) => {
    const provider = asProvider(k.provider);
    const it = lookupInstance(provider, k.instance_type);
    if (!it) return { provider: k.provider, instance_type: k.instance_type, known: false };
    const cpu = lookupCpuArch(it.cpuArch, provider);
    const gpu = it.gpuModel ? lookupGpu(it.gpuModel) : undefined;
    // Embodied of the whole host, scaled to this type's share by vCPUs in the SQL.
    const host = embodiedOf(provider, it.family, { vcpus: it.hostVcpus, memoryGB: (it.memoryGB * it.hostVcpus) / it.vcpus, gpus: (it.gpus * it.hostVcpus) / it.vcpus });
    const [clo, chi] = cpu ? ln2(cpu.band) : [0, 0];
    const [glo, ghi] = gpu ? ln2(gpu.band) : [0, 0];
    const [elo, ehi] = ln2(host.band);
    return {
      provider: k.provider, instance_type: k.instance_type, known: cpu !== undefined,
      vcpus: it.vcpus, memory_gb: it.memoryGB, gpus: gpu ? it.gpus : 0, host_vcpus: it.hostVcpus,
      cpu_id: cpu?.id ?? null, cpu_min: cpu?.minWattsPerVcpu ?? null, cpu_max: cpu?.maxWattsPerVcpu ?? null, cpu_lo2: clo, cpu_hi2: chi,
      gpu_id: gpu?.id ?? null, gpu_idle: gpu?.idleWatts ?? null, gpu_max: gpu?.maxWatts ?? null, gpu_lo2: glo, gpu_hi2: ghi,
      emb_id: host.id, emb_kg_host: host.kg, emb_lo2: elo, emb_hi2: ehi,
    };
  });
  await loadTable(db, '__inst', {
    provider: 'VARCHAR', instance_type: 'VARCHAR', known: 'BOOLEAN', vcpus: 'DOUBLE', memory_gb: 'DOUBLE', gpus: 'DOUBLE', host_vcpus: 'DOUBLE',
    cpu_id: 'VARCHAR', cpu_min: 'DOUBLE', cpu_max: 'DOUBLE', cpu_lo2: 'DOUBLE', cpu_hi2: 'DOUBLE',
    gpu_id: 'VARCHAR', gpu_idle: 'DOUBLE', gpu_max: 'DOUBLE', gpu_lo2: 'DOUBLE', gpu_hi2: 'DOUBLE',
    emb_id: 'VARCHAR', emb_kg_host: 'DOUBLE', emb_lo2: 'DOUBLE', emb_hi2: 'DOUBLE',
  }, rows);
}

/** Embodied of one accelerator: Impact Framework's generic 150 kg per GPU, with a wide band. */
const GPU_EMBODIED_KG = 150;

export async function resolveGpus(db: Db): Promise<void> {
  const keys = await db.all<{ gpu_model: string }>('SELECT DISTINCT gpu_model FROM __keys WHERE gpu_model IS NOT NULL');
  const rows = keys.flatMap((k) => {
    const g = lookupGpu(k.gpu_model);
    if (!g) return [];
    const [lo, hi] = ln2(g.band);
    const [elo, ehi] = ln2({ low: 0.5, high: 2 });
    return [{ gpu_model: k.gpu_model, gpu_id: g.id, gpu_idle: g.idleWatts, gpu_max: g.maxWatts, gpu_lo2: lo, gpu_hi2: hi, emb_id: 'embodied:generic-gpu', emb_kg: GPU_EMBODIED_KG, emb_lo2: elo, emb_hi2: ehi }];
  });
  await loadTable(db, '__gpu', {
    gpu_model: 'VARCHAR', gpu_id: 'VARCHAR', gpu_idle: 'DOUBLE', gpu_max: 'DOUBLE', gpu_lo2: 'DOUBLE', gpu_hi2: 'DOUBLE',
    emb_id: 'VARCHAR', emb_kg: 'DOUBLE', emb_lo2: 'DOUBLE', emb_hi2: 'DOUBLE',
  }, rows);
}

/**
 * vCPU-hour SKUs (Fargate, GCP per-core, managed databases) name no instance: the provider's average
 * CPU (CCF's) carries the power, and the median embodied per vCPU of the provider's instance
 * families (each family's host figure over its host vCPUs) carries the embodied share.
 */
function medianEmbodiedPerVcpu(provider: Provider): { kg: number; id: string } {
  const perVcpu: number[] = [];
  const seen = new Set<string>();
  for (const t of instanceTypes) {
    if (t.provider !== provider || seen.has(t.family) || t.gpus > 0) continue;
    seen.add(t.family);
    const e = lookupEmbodied(provider, t.family);
    if (e) perVcpu.push(e.kgCO2ePerHost / t.hostVcpus);
  }
  perVcpu.sort((a, b) => a - b);
  const mid = perVcpu[Math.floor(perVcpu.length / 2)];
  // A one-vCPU generic server (Impact Framework's baseline), only if a provider had no family figures.
  if (mid === undefined) return { kg: genericHostEmbodiedKg({ vcpus: 1, memoryGB: 16, gpus: 0, ssd: 0, hdd: 0 }), id: 'embodied:generic-server' };
  return { kg: mid, id: `embodied:${provider}:median-per-vcpu` };
}

export async function resolveDefaults(db: Db): Promise<void> {
  const rows = PROVIDERS.map((p) => {
    const cpu = lookupCpuArch('unknown', p === 'oracle' || p === 'other' ? 'aws' : p);
    if (!cpu) throw new Error('factor table has no provider-average CPU');
    const [lo, hi] = ln2(cpu.band);
    const emb = medianEmbodiedPerVcpu(p === 'oracle' || p === 'other' ? 'aws' : p);
    const [elo, ehi] = ln2({ low: 0.5, high: 2 });
    return { provider: p, cpu_id: cpu.id, cpu_min: cpu.minWattsPerVcpu, cpu_max: cpu.maxWattsPerVcpu, cpu_lo2: lo, cpu_hi2: hi, emb_id: emb.id, emb_kg_host: emb.kg, host_vcpus: 1, emb_lo2: elo, emb_hi2: ehi };
  });
  await loadTable(db, '__cpu_default', {
    provider: 'VARCHAR', cpu_id: 'VARCHAR', cpu_min: 'DOUBLE', cpu_max: 'DOUBLE', cpu_lo2: 'DOUBLE', cpu_hi2: 'DOUBLE',
    emb_id: 'VARCHAR', emb_kg_host: 'DOUBLE', host_vcpus: 'DOUBLE', emb_lo2: 'DOUBLE', emb_hi2: 'DOUBLE',
  }, rows);
  // NULL provider rows (files that name none) use the 'other' defaults.
  await db.run("INSERT INTO __cpu_default SELECT NULL, * EXCLUDE (provider) FROM __cpu_default WHERE provider = 'other'");
}

export async function resolveReplication(db: Db): Promise<void> {
  const keys = await db.all<{ provider: string | null; storage_service: string }>(
    'SELECT DISTINCT provider, storage_service FROM __keys WHERE storage_service IS NOT NULL',
  );
  const rows = keys.flatMap((k) => {
    const r = lookupReplication(asProvider(k.provider), k.storage_service);
    return r ? [{ provider: k.provider, storage_service: k.storage_service, repl_id: r.id, factor: r.factor }] : [];
  });
  await loadTable(db, '__repl', { provider: 'VARCHAR', storage_service: 'VARCHAR', repl_id: 'VARCHAR', factor: 'DOUBLE' }, rows);
}
