/**
 * A planned start in the native form of a scheduler, so that the waiting is done by `at`, Slurm, cron
 * or Kubernetes instead of a greenops process. Pure formatting: every time is UTC, every argument is
 * quoted for a POSIX shell, and each form says how it reads time.
 */
import { stringify } from 'yaml';
import { GreenopsError } from '../core/errors.js';
import { isoUtc, parseInstant } from './_time.js';
import type { Instant } from './types.js';

export type EmitForm = 'at' | 'sbatch' | 'cron' | 'k8s';
export const EMIT_FORMS: readonly EmitForm[] = ['at', 'sbatch', 'cron', 'k8s'];

export interface EmitRequest {
  readonly start: Instant;
  /** The command and its arguments, unquoted (as argv). */
  readonly command: readonly string[];
  /** Kubernetes Job name (DNS-1123); default `greenops-<yyyymmddhhmm>`. */
  readonly name?: string;
  /** Container image, needed for `k8s`. */
  readonly image?: string;
}

/**
 * One argument quoted for a POSIX shell: left bare when it holds only safe characters, else in single
 * quotes, with each `'` written as `'\''` (a single-quoted string cannot contain one).
 *
 * @example shellQuote("it's") // 'it'\''s'
 */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** @example commandLine(['echo', 'a b']) // "echo 'a b'" */
export function commandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * The scheduler-native form of a planned start.
 *
 * @example emit('sbatch', { start: '2024-06-01T08:00:00Z', command: ['python', 'train.py'] })
 * // "TZ=UTC sbatch --begin=2024-06-01T08:00:00 --wrap='python train.py'" (after a comment line)
 */
export function emit(form: EmitForm, req: EmitRequest): string {
  if (req.command.length === 0) throw new GreenopsError('E_USAGE', 'no command to schedule: put it after --, e.g. greenops run --within 12h --emit at -- ./job.sh', { data: { expected: '-- <command…>' } });
  // Line-based forms (a crontab line, an at job, a Slurm --wrap) would read a line break inside an
  // argument as the start of another command: refuse it rather than quote it.
  const broken = req.command.findIndex((a) => /[\r\n]/.test(a));
  if (broken >= 0) {
    throw new GreenopsError('E_USAGE', `argument ${broken + 1} of the command contains a line break, which a scheduler would read as a second command; put the command in a script`, { data: { expected: 'arguments without line breaks' } });
  }
  const ms = parseInstant(req.start, 'start');
  const d = new Date(ms);
  const line = commandLine(req.command);
  const utc = isoUtc(ms);
  switch (form) {
    case 'at': {
      const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}.${pad(d.getUTCSeconds())}`;
      const eof = heredocEnd(line);
      return [
        `# starts at ${utc}. at reads -t in the machine's time zone: TZ=UTC makes it read UTC (the job inherits TZ=UTC).`,
        `TZ=UTC at -t ${stamp} <<'${eof}'`, line, eof,
      ].join('\n');
    }
    case 'sbatch':
      return [
        `# starts at ${utc}. sbatch reads --begin in the local time zone: TZ=UTC makes it read UTC (the job inherits TZ=UTC).`,
        `TZ=UTC sbatch --begin=${utc.slice(0, 19)} --wrap=${shellQuote(line)}`,
      ].join('\n');
    case 'cron':
      return [
        `# starts at ${utc}. cron runs in the machine's time zone, so this is written with CRON_TZ=UTC (cronie; where`,
        '# CRON_TZ is not supported, convert the time to the machine\'s zone). The line fires every year on this',
        '# date: the year test keeps it to one run; remove it afterwards. % is escaped as cron requires.',
        'CRON_TZ=UTC',
        `${d.getUTCMinutes()} ${d.getUTCHours()} ${d.getUTCDate()} ${d.getUTCMonth() + 1} * [ "$(date -u +\\%Y)" = ${d.getUTCFullYear()} ] && ${line.replace(/%/g, '\\%')}`,
      ].join('\n');
    case 'k8s':
      return k8sJob(req, ms);
  }
}

function heredocEnd(body: string): string {
  let eof = 'GREENOPS_JOB';
  while (body.split('\n').includes(eof)) eof += '_';
  return eof;
}

/**
 * A `batch/v1` Job whose init container sleeps until the start, then the job's own container runs
 * the command in exec form (no shell, so no quoting). The wait reserves the pod's resource requests
 * on its node; for long waits on scarce nodes, create the Job with `spec.suspend: true` instead and
 * unsuspend it at the start (`kubectl patch job NAME -p '{"spec":{"suspend":false}}'`).
 */
function k8sJob(req: EmitRequest, ms: number): string {
  if (req.image === undefined || req.image.trim() === '') {
    throw new GreenopsError('E_USAGE', '--emit k8s needs --image <container image> for the job to run in', { data: { column: '--image', expected: 'e.g. ghcr.io/acme/train:1.4' } });
  }
  const name = req.name ?? `greenops-${isoUtc(ms).slice(0, 16).replace(/[-T:]/g, '')}`;
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name)) {
    throw new GreenopsError('E_USAGE', `--name ${JSON.stringify(name.slice(0, 70))} is not a valid Kubernetes name; use lower-case letters, digits and '-', at most 63 characters`, { data: { column: '--name' } });
  }
  const epoch = Math.ceil(ms / 1000);
  const wait = `t=${epoch}; now=$(date +%s); if [ "$t" -gt "$now" ]; then sleep $((t - now)); fi`;
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, annotations: { 'greenops.dev/planned-start': isoUtc(ms) } },
    spec: {
      backoffLimit: 0,
      template: {
        spec: {
          restartPolicy: 'Never',
          initContainers: [{ name: 'wait-for-start', image: 'busybox:1.36', command: ['sh', '-c', wait] }],
          containers: [{ name: 'job', image: req.image, command: [...req.command] }],
        },
      },
    },
  };
  return `# starts at ${isoUtc(ms)}: the init container sleeps until then (its requests, and the job's, are held on the node meanwhile;\n# for long waits create it with spec.suspend: true and unsuspend at the start instead)\n${stringify(job, { lineWidth: 0 })}`;
}
