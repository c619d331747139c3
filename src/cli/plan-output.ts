/** Plan results for people (a table with the counterfactual and the saving) and for machines (JSON). */
import { formatNumber, render, type Row } from '../report/format.js';
import type { Saving, Window } from '../schedule/index.js';
import type { SourcedSeries } from './intensity-source.js';
import type { PlanOutcome } from './plan-compute.js';
import type { PlanInput } from './plan-flags.js';

// Keys carry their unit themselves: the shared header() reads a trailing `_kwh` as energy.
const AVG = 'avg (gCO2e/kWh)';
const SHOWN_TIES = 10;
const SEMANTICS = {
  step: 'step: each point holds over its interval, time-weighted average over the data\'s steps (GSF Carbon Aware SDK)',
  linear: 'linear: straight lines between points, trapezoid integral (CATS)',
} as const;

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const n = (v: number): string => formatNumber(Math.round(v * 100) / 100);

/** @example minutes(90) // '1 h 30 min' */
function minutes(m: number): string {
  const h = Math.floor(m / 60);
  const rest = Math.round((m - h * 60) * 100) / 100;
  return [h > 0 ? `${h} h` : '', rest > 0 ? `${rest} min` : ''].filter((x) => x !== '').join(' ') || '0 min';
}

function windowRow(option: string, w: Window, extra: Row = {}): Row {
  const base: Row = { option, ...extra, start: w.start, end: w.end, [AVG]: w.averageGCO2ePerKWh };
  return w.energyKWh === undefined ? base : { ...base, energy_kwh: w.energyKWh, emissions_g: w.emissionsG };
}

function savingLine(s: Saving): string {
  return `saving against running now: ${n(s.gCO2ePerKWh)} gCO2e/kWh (${n(s.percent)} %)${s.gCO2e === undefined ? '' : `, ${n(s.gCO2e)} gCO2e`}`;
}

/**
 * The plan as table text: what was asked, the best start(s), the run-now counterfactual, the saving,
 * the semantics and where the series came from, with filled (estimated) points admitted.
 *
 * @example ctx.out(planTable(outcome, input, sources))
 */
export function planTable(outcome: PlanOutcome, input: PlanInput, sources: readonly SourcedSeries[]): string {
  const where = sources.map((s) => s.series.zone).join(', ');
  const lines = [`${minutes(input.durationMinutes)} job in ${where}: start from ${iso(input.earliestMs)}, end by ${iso(input.deadlineMs)}`, ''];
  let filled = 0;
  if (outcome.method === 'bestWindows') {
    const r = outcome.result;
    const ties = r.optima.slice(0, SHOWN_TIES).map((w, i) => windowRow(i === 0 ? 'best' : 'best (tie)', w));
    lines.push(render([...ties, windowRow('run now', r.runNow)], 'table'));
    if (r.optima.length > SHOWN_TIES) lines.push(`(${r.optima.length - SHOWN_TIES} more starts tie with the best; --format json lists them all)`);
    if (r.optima.length === r.candidates && r.candidates > 1) lines.push('every start ties: the series is flat over the period (a static annual factor is; a live provider gives hourly forecasts)');
    lines.push('', savingLine(r.saving), `${r.candidates} candidate starts every ${n(r.tickMinutes)} min`);
    filled = r.filledPoints;
  } else if (outcome.method === 'planChunks') {
    const r = outcome.result;
    const rows = r.chunks.map((w, i) => windowRow(`chunk ${i + 1}`, w));
    lines.push(render([...rows, windowRow('run now', r.runNow)], 'table'), '');
    lines.push(`${r.method === 'chunks' ? `${r.chunks.length} chunks` : 'one uninterrupted window (splitting would not be cleaner)'}: average ${n(r.averageGCO2ePerKWh)} gCO2e/kWh`, savingLine(r.saving));
    filled = r.filledPoints;
  } else {
    const r = outcome.result;
    const cost = (o: { costUsd?: number }): Row => (o.costUsd === undefined ? {} : { 'cost (USD)': o.costUsd });
    // One row per region (its best start), best first; --format json has the ranked starts too.
    const rows = r.bestPerRegion.map((o, i) => regionRow(i === 0 ? 'best' : `#${i + 1}`, o, input, cost(o)));
    lines.push(render([...rows, regionRow('run now', r.runNow, input, cost(r.runNow))], 'table'), '');
    const s = r.saving;
    lines.push(savingLine({ gCO2ePerKWh: s.gCO2ePerKWh, percent: s.percent, ...(input.powerKW === undefined ? {} : { gCO2e: s.gCO2e }) }), `ranking: ${r.objectiveReason}`);
    for (const k of r.skipped) lines.push(`skipped ${k.region} (${k.zone}): ${k.message}`);
    filled = r.filledPoints;
  }
  lines.push(`semantics: ${SEMANTICS[input.semantics]}`);
  for (const s of sources) lines.push(`series ${s.series.zone}: ${s.provider}${s.fallback === undefined ? '' : ` (fallback for ${s.fallback.requested})`}: ${s.source}`);
  if (filled > 0) lines.push(`note: ${filled} point(s) in the period were filled by interpolation (estimated); the plan leans on them`);
  return lines.join('\n');
}

function regionRow(option: string, o: Window & { region: string; zone: string }, input: PlanInput, cost: Row): Row {
  const w = input.powerKW === undefined ? { start: o.start, end: o.end, averageGCO2ePerKWh: o.averageGCO2ePerKWh } : o;
  return { ...windowRow(option, w, { region: o.region, zone: o.zone }), ...cost };
}

/**
 * The plan as plain data for `--format json`: the schedule result as the library returns it, with
 * the request and the series' provenance.
 *
 * @example JSON.parse(planJson(outcome, input, sources)).result.optima[0].start
 */
export function planJson(outcome: PlanOutcome, input: PlanInput, sources: readonly SourcedSeries[]): string {
  return JSON.stringify({
    method: outcome.method,
    request: {
      durationMinutes: input.durationMinutes, earliest: iso(input.earliestMs), deadline: iso(input.deadlineMs), semantics: input.semantics,
      zones: input.zones, ...(input.powerKW === undefined ? {} : { powerKW: input.powerKW }), onGap: input.onGap,
    },
    series: sources.map((s) => ({ input: s.input, zone: s.series.zone, provider: s.provider, source: s.source, points: s.series.points.length, ...(s.fallback === undefined ? {} : { fallback: s.fallback }) })),
    result: outcome.result,
  }, null, 2);
}
