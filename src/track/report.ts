/** A tracked run's summary, as a person reads it after the job. */
import type { RunSummary } from './summary.js';

// Small runs stay readable: three significant digits below one unit rather than 0.000.
const small = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3));
const kwh = (v: number): string => (v >= 1 ? `${v.toFixed(3)} kWh` : `${small(v * 1000)} Wh`);
const grams = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(3)} kgCO2e` : v >= 10 ? `${v.toFixed(1)} gCO2e` : `${small(v)} gCO2e`);
const dur = (s: number): string => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h ? `${h}h ${String(m).padStart(2, '0')}m` : m ? `${m}m ${sec.toFixed(0).padStart(2, '0')}s` : `${sec.toFixed(1)}s`;
};

/**
 * @example runReport(summary).join('\n')
 */
export function runReport(s: RunSummary): string[] {
  const lines: string[] = [];
  const status = s.complete ? (s.exitCode === 0 ? 'exit 0' : s.signal ? `killed by ${s.signal}` : `exit ${s.exitCode ?? '?'}`) : 'INCOMPLETE (tracker stopped early)';
  lines.push(`run ${s.runId}  ${s.name}${s.project ? ` (project ${s.project})` : ''}  ${dur(s.durationSeconds)}  ${status}`);
  const method = (c: 'cpu' | 'dram' | 'gpu'): string => (s.methods[c] ? ` [${s.methods[c]}]` : ' [not measured]');
  lines.push(`energy   ${kwh(s.energy.itKWh)} (${kwh(s.energy.lowKWh)}–${kwh(s.energy.highKWh)})  ×PUE ${s.pue} = ${kwh(s.energy.facilityKWh)}`);
  lines.push(`  cpu ${kwh(s.energy.cpu)}${method('cpu')}   memory ${kwh(s.energy.dram)}${method('dram')}   gpu ${kwh(s.energy.gpu)}${method('gpu')}`);
  lines.push(`  not the job's: idle ${kwh(s.energy.idleKWh)}, other processes ${kwh(s.energy.otherKWh)}; job's CPU share ${(s.cpuShare * 100).toFixed(0)} %`);
  for (const g of s.gpus) {
    lines.push(`  ${g.device}${g.name ? ` ${g.name}` : ''}: ${kwh(g.kWh)}, share ${(g.share * 100).toFixed(0)} % (${g.basis})${g.meanWatts !== undefined ? `, mean ${g.meanWatts.toFixed(0)} W` : ''}${g.meanUtilisation !== undefined ? `, util ${(g.meanUtilisation * 100).toFixed(0)} %` : ''}`);
  }
  lines.push(`emissions ${grams(s.emissions.operationalG)} (${grams(s.emissions.lowG)}–${grams(s.emissions.highG)}) at ${s.intensity.meanGCO2ePerKWh.toFixed(0)} gCO2e/kWh${s.zone ? ` in ${s.zone}` : ''}`);
  lines.push(`  intensity: ${s.intensity.source}${s.intensity.fallback ? ` [fallback: ${s.intensity.fallback}]` : ''}`);
  if (s.emissions.embodiedSource) {
    const range = s.emissions.embodiedLowG !== undefined && s.emissions.embodiedHighG !== undefined ? ` (${grams(s.emissions.embodiedLowG)}–${grams(s.emissions.embodiedHighG)})` : '';
    lines.push(`  embodied share of the machine: ${grams(s.emissions.embodiedG)}${range} (${s.emissions.embodiedSource})`);
  }
  if (s.phases.length) {
    lines.push('phases');
    for (const p of s.phases) lines.push(`  ${p.name}: ${kwh(p.kWh)}, ${grams(p.gCO2e)} (${p.start} → ${p.end})`);
  }
  for (const n of s.notes) lines.push(`note: ${n}`);
  return lines;
}

/** The live one-line status: elapsed, W now, kWh so far, gCO2e so far. */
export function statusLine(live: { elapsedSeconds: number; powerWatts: number; energyJoules: Readonly<Record<string, number>>; emissionsGrams: number }): string {
  const j = Object.values(live.energyJoules).reduce((a, b) => a + b, 0);
  return `greenops ${dur(live.elapsedSeconds)}  ${live.powerWatts.toFixed(1)} W  ${kwh(j / 3.6e6)}  ${grams(live.emissionsGrams)}`;
}
