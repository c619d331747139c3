import type { Command } from 'commander';
import type { IntensityPoint } from '../../intensity/index.js';
import { formatNumber, render, type Row } from '../../report/format.js';
import { parseFormat, type CliContext } from '../context.js';
import { loadSeries } from '../intensity-source.js';
import { sparkline } from '../sparkline.js';
import { parseUtc } from '../units.js';

/** Up to this many points are listed one per row; more are summarised one row per UTC day. */
const MAX_ROWS = 72;
const G = 'gCO2e/kWh';

interface IntensityFlags {
  from?: string;
  to?: string;
  hours?: string;
  provider?: string;
  intensityFile?: string[];
  format: string;
}

/**
 * `greenops intensity <zone|region>`: a zone's grid intensity over a period, with a sparkline.
 *
 * @example greenops intensity aws:eu-north-1 --provider electricitymaps
 */
export function registerIntensity(program: Command, ctx: () => CliContext): void {
  program
    .command('intensity')
    .description('grid carbon intensity (gCO2e/kWh) of a zone or cloud region over a period, with a sparkline')
    .argument('<zone>', 'grid zone id or cloud region (DE, SE-SE3, aws:eu-north-1)')
    .option('--from <time>', 'start, ISO 8601 UTC (default: this hour; with --intensity-file, the file\'s start)')
    .option('--to <time>', 'end, ISO 8601 UTC (default: --from + 24h; with --intensity-file, the file\'s end)')
    .option('--provider <id>', 'static | electricitymaps | watttime | uk-grid (default: config, else static)')
    .option('--intensity-file <paths...>', 'read the series from local files instead of a provider')
    .option('--format <format>', 'output: table | csv | json', 'table')
    .action(async (zone: string, f: IntensityFlags) => {
      const c = ctx();
      const format = parseFormat(f.format);
      const files = f.intensityFile ?? [];
      const hourStart = Math.floor(Date.now() / 3_600_000) * 3_600_000;
      const fromMs = f.from === undefined ? (files.length > 0 ? undefined : hourStart) : parseUtc(f.from, '--from');
      const toMs = f.to === undefined ? (fromMs === undefined ? undefined : fromMs + 24 * 3_600_000) : parseUtc(f.to, '--to');
      const [s] = await loadSeries({
        zones: [zone], files,
        ...(f.provider === undefined ? {} : { provider: f.provider }),
        ...(fromMs === undefined ? {} : { from: new Date(fromMs) }),
        ...(toMs === undefined ? {} : { to: new Date(toMs) }),
      }, c.config, { warn: c.err });
      if (s === undefined) return;
      const points = s.series.points;
      if (format === 'json') {
        c.out(JSON.stringify({ input: s.input, zone: s.series.zone, provider: s.provider, source: s.source, ...(s.fallback === undefined ? {} : { fallback: s.fallback }), points }, null, 2));
        return;
      }
      const rows = points.length <= MAX_ROWS || format === 'csv' ? points.map(pointRow) : dayRows(points);
      c.out(render(rows, format));
      if (format !== 'table' || points.length === 0) return;
      const values = points.map((p) => p.gCO2ePerKWh);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      c.out(`\n${s.series.zone} ${sparkline(values)}  min ${formatNumber(Math.min(...values))}, mean ${formatNumber(mean)}, max ${formatNumber(Math.max(...values))} ${G}`);
      const estimated = points.filter((p) => p.estimated).length;
      c.out(`${points.length} points from ${points[0]?.start} to ${points.at(-1)?.start}${estimated > 0 ? `, ${estimated} estimated` : ''}; ${s.provider}: ${s.source}`);
    });
}

function pointRow(p: IntensityPoint): Row {
  return { start: p.start, minutes: p.durationMinutes, [G]: p.gCO2ePerKWh, kind: p.kind, estimated: p.estimated ? 'yes' : '' };
}

/** One row per UTC day: min, mean, max and that day's own sparkline on a shared scale. */
function dayRows(points: readonly IntensityPoint[]): Row[] {
  const all = points.map((p) => p.gCO2ePerKWh);
  const scale = { min: Math.min(...all), max: Math.max(...all), width: 48 };
  const byDay = new Map<string, number[]>();
  for (const p of points) {
    const day = p.start.slice(0, 10);
    const list = byDay.get(day) ?? [];
    list.push(p.gCO2ePerKWh);
    byDay.set(day, list);
  }
  return [...byDay].map(([day, v]) => ({
    day, points: v.length, [`min ${G}`]: Math.min(...v), [`mean ${G}`]: v.reduce((a, b) => a + b, 0) / v.length, [`max ${G}`]: Math.max(...v), 'through the day': sparkline(v, scale),
  }));
}
