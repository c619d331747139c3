import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Command } from 'commander';
import { GreenopsError, isGreenopsError } from '../../core/errors.js';
import { lookupPue } from '../../factors/pue.js';
import { regionOf, resolveZone } from '../../factors/zones.js';
import { readJournal } from '../../track/journal.js';
import { defaultMeters, gpuShareSource } from '../../track/meters.js';
import { staticRunIntensity } from '../../track/intensity.js';
import { summariseJournal } from '../../track/record.js';
import type { RunSummary } from '../../track/summary.js';
import { getRun } from '../../store/duckdb/runs.js';
import { runReport, statusLine } from '../../track/report.js';
import { runJob } from '../../track/run-job.js';
import { parseCpuinfo } from '../../meters/procfs/cpuinfo.js';
import type { CliContext } from '../context.js';
import { journalDirOf, recordContextFor } from '../run-record.js';
import { withStore } from '../store.js';
import { parseDuration, parseNumber } from '../units.js';

interface TrackFlags {
  name?: string;
  project?: string;
  tag: string[];
  region?: string;
  zone?: string;
  pue?: string;
  interval: string;
  metricsPort?: string;
  store: boolean;
}

function tags(list: readonly string[]): Record<string, string> {
  return Object.fromEntries(list.map((t) => {
    const i = t.indexOf('=');
    if (i <= 0) throw new GreenopsError('E_USAGE', `--tag ${JSON.stringify(t)}: expected key=value, e.g. --tag team=ml`);
    return [t.slice(0, i).trim(), t.slice(i + 1).trim()];
  }));
}

/** Zone and PUE: --zone wins; a --region gives its zone and its provider's PUE; --pue overrides. */
function place(f: TrackFlags): { zone: string | null; region: string | null; pue: number; pueNote?: string } {
  const region = f.region ? regionOf(f.region) : undefined;
  if (f.region && !region) resolveZone(f.region); // throws E_ZONE_UNKNOWN with close matches
  const zone = f.zone ? resolveZone(f.zone) : (region?.zone ?? null);
  if (f.pue !== undefined) return { zone, region: region ? `${region.provider}:${region.region}` : null, pue: parseNumber(f.pue, '--pue', 'a PUE such as 1.1', { positive: true }) };
  const pue = region ? lookupPue(region.provider, region.region) : undefined;
  return { zone, region: region ? `${region.provider}:${region.region}` : null, pue: pue?.pue ?? 1, ...(pue ? {} : { pueNote: 'PUE 1 (no --pue or --region): facility overhead not counted' }) };
}

function machine(): { cpuModel: string | null; cpus: number; memoryBytes: number | null; gpus: string[] } {
  let model: string | null = null;
  try {
    model = parseCpuinfo(readFileSync('/proc/cpuinfo', 'utf8')).modelName ?? null;
  } catch {
    model = cpus()[0]?.model ?? null;
  }
  return { cpuModel: model, cpus: cpus().length, memoryBytes: totalmem(), gpus: [] };
}

export function registerTrack(program: Command, ctx: () => CliContext): void {
  program
    .command('track')
    .description('run a command and measure its energy (RAPL, NVIDIA GPUs, or a CPU model) and emissions; prints a summary and stores the run')
    .argument('<command...>', 'the command to run, after --')
    .option('--name <name>', 'run name (default: the command)')
    .option('--project <project>', 'project the run belongs to')
    .option('--tag <key=value>', 'tag the run (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--region <region>', 'cloud region the job runs in (gives the grid zone and PUE), e.g. aws:eu-west-1')
    .option('--zone <zone>', 'grid zone (e.g. DE, SE-SE3, US-CAL-CISO); default: from --region, else the world average')
    .option('--pue <pue>', 'power usage effectiveness of the data centre (default: the region\'s provider figure, else 1)')
    .option('--interval <duration>', 'sampling interval (e.g. 1s, 500ms)', '1s')
    .option('--metrics-port <port>', 'serve live Prometheus metrics on 127.0.0.1:<port>')
    .option('--no-store', 'keep the run journal only; store it with the next command that opens the store')
    .action(async (command: string[], f: TrackFlags) => {
      const c = ctx();
      const ms = /^\s*(\d+)\s*ms\s*$/i.exec(f.interval);
      const intervalMs = ms ? Number(ms[1]) : Math.round(parseDuration(f.interval, '--interval') * 60_000);
      if (intervalMs < 100) throw new GreenopsError('E_USAGE', `--interval ${f.interval}: at least 100ms`);
      const where = place(f);
      const live = staticRunIntensity(where.zone);
      const journalDir = journalDirOf(c.config);
      const visible = process.env['CUDA_VISIBLE_DEVICES'];
      const gpuOptions = visible === undefined ? {} : { visibleDevices: visible };
      const { meters, gpu } = defaultMeters({ intervalMs, ...gpuOptions });
      const header = {
        id: randomUUID(), name: f.name ?? command.join(' ').slice(0, 120), project: f.project ?? null, tags: tags(f.tag), command, cwd: process.cwd(),
        intervalMs, zone: where.zone, region: where.region, pue: where.pue, machine: machine(),
      };
      let drawn = false;
      const result = await runJob({
        command, header, meters, gpuShares: gpuShareSource(gpu, gpuOptions), journalDir, liveIntensity: () => live.at(0, 1),
        ...(f.metricsPort === undefined ? {} : { metricsPort: parseNumber(f.metricsPort, '--metrics-port', 'a TCP port such as 9464', { integer: true }) }),
        onMetrics: (m) => c.err(`greenops: metrics at http://127.0.0.1:${m.port}/metrics`),
        onTick: (l) => {
          if (!c.isTTY) return;
          process.stderr.write(`\r\x1b[2K${statusLine(l)}`);
          drawn = true;
        },
      });
      if (drawn) process.stderr.write('\r\x1b[2K');
      c.setExitCode(result.exitCode);
      let summary: RunSummary | undefined;
      if (f.store) {
        try {
          // Opening the store records every finished journal, this run's included.
          summary = await withStore(c.config, async (store) => (await getRun(store.db, header.id))?.summary);
        } catch (e) {
          // The job has run: whatever happened to the store, its summary is printed and its exit code passed on.
          const why = isGreenopsError(e) && e.code === 'E_STORE_BUSY' ? 'the store is busy' : `the store failed (${e instanceof Error ? e.message : String(e)})`;
          c.err(`greenops: ${why}; run ${header.id} stays in ${result.journalPath} and is stored by the next greenops command`);
        }
      }
      summary ??= await summariseJournal(readJournal(result.journalPath), recordContextFor(c.config, { warn: c.err }));
      for (const line of runReport(where.pueNote ? { ...summary, notes: [...summary.notes, where.pueNote] } : summary)) c.err(line);
    });
}
