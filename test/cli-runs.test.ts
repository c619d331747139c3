import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { greenops } from './helpers/cli.js';
import { scratchDir } from './helpers/focus.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/codecarbon/', import.meta.url));
const ALL = ['a100-france-v3.csv', 'laptop-v2.csv', 'v1-no-run-id.csv'].map((f) => join(FIXTURES, f));
const json = <T>(text: string): T => JSON.parse(text) as T;

interface ListRow { id: string; project: string | null; energy_kwh: number; co2e_g: number; status: string; source: string }

describe('greenops runs', () => {
  it('imports CodeCarbon files once, lists them newest first, shows one by prefix', () => {
    const cwd = scratchDir();
    const first = greenops(['runs', 'import', 'codecarbon', ...ALL, '--utc-offset', '+02:00', '--format', 'json'], cwd);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(json<Array<Record<string, unknown>>>(first.stdout)).toEqual([
      { file: 'a100-france-v3.csv', codecarbon: '3.3.0', rows_read: 3, runs: 2, earlier_flushes: 1, new: 2, replaced: 0 },
      { file: 'laptop-v2.csv', codecarbon: '2.8.3', rows_read: 2, runs: 2, earlier_flushes: 0, new: 2, replaced: 0 },
      { file: 'v1-no-run-id.csv', codecarbon: 'unknown', rows_read: 2, runs: 2, earlier_flushes: 0, new: 2, replaced: 0 },
    ]);
    const again = greenops(['runs', 'import', 'codecarbon', ALL[0]!, '--utc-offset', '+02:00', '--format', 'json'], cwd);
    expect(json<Array<{ new: number; replaced: number }>>(again.stdout)[0]).toMatchObject({ new: 0, replaced: 2 });

    const list = json<ListRow[]>(greenops(['runs', '--format', 'json'], cwd).stdout);
    expect(list).toHaveLength(6);
    expect(list[0]).toMatchObject({ id: 'codecarbon-c41e8d20-9a7f-4b3e-8f15-6e2d0b9a4c18', project: 'llm-eval', status: 'complete', source: 'codecarbon' });
    expect(list.map((r) => r.id).at(-1)).toMatch(/^codecarbon-[0-9a-f]{16}$/);
    const one = json<ListRow[]>(greenops(['runs', '--project', 'llm-finetune', '--limit', '5', '--format', 'json'], cwd).stdout);
    expect(one.map((r) => r.id)).toEqual(['codecarbon-7f3c2a9e-5b1d-4e8a-9c4f-2d6b8e1a0c37']);

    const cut = greenops(['runs', '--limit', '2'], cwd);
    expect(cut.stderr).toBe('showing 2 of 6 runs (newest first); --limit N to change, --limit 0 for all\n');
    expect(greenops(['runs', '--limit', '0'], cwd).stderr).toBe('');

    const table = greenops(['runs'], cwd).stdout;
    expect(table.split('\n')[0]).toMatch(/^id\s+name\s+project\s+started\s+duration \(s\)\s+cpu \(kWh\)\s+dram \(kWh\)\s+gpu \(kWh\)\s+energy \(kWh\)\s+co2e \(gCO2e\)\s+intensity \(gCO2e\/kWh\)\s+status\s+source$/);
    expect(table).toMatch(/26\.26 \[18\.39–39\.4\]/);

    const show = greenops(['runs', 'show', 'codecarbon-7f3c'], cwd);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^Run codecarbon-7f3c2a9e-5b1d-4e8a-9c4f-2d6b8e1a0c37/);
    expect(show.stdout).toMatch(/Energy \(kWh, before PUE\)[\s\S]*gpu\s+0\.310[\s\S]*Emissions \(gCO2e\)[\s\S]*operational\s+26\.26 \[18\.39–39\.4\]/);
    expect(show.stdout).toMatch(/intensity \(gCO2e\/kWh\)\s+56\.04\s+CodeCarbon \(France \/ île-de-france\)/);
    expect(show.stdout).toMatch(/Notes\n\s+- Imported from CodeCarbon 3\.3\.0: .*a100-france-v3\.csv, line 3\./);
    const full = json<{ source: string; summary: { runId: string; endedAt: string }; samples: unknown[] }>(greenops(['runs', 'show', 'codecarbon-7f3c', '--format', 'json'], cwd).stdout);
    expect(full).toMatchObject({ source: 'codecarbon', summary: { runId: 'codecarbon-7f3c2a9e-5b1d-4e8a-9c4f-2d6b8e1a0c37', endedAt: '2026-06-15T08:12:04Z' }, samples: [] });
  });

  it('exports CodeCarbon CSV to a file that imports back to the same runs', () => {
    const cwd = scratchDir();
    greenops(['runs', 'import', 'codecarbon', ...ALL], cwd);
    const out = join(cwd, 'emissions.csv');
    const exported = greenops(['runs', 'export', '--as', 'codecarbon', '--output', out], cwd);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/6 run\(s\) written to .*emissions\.csv/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,water_consumed,country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,latitude,ram_total_size,tracking_mode,cpu_utilization_percent,gpu_utilization_percent,ram_utilization_percent,ram_used_gb,on_cloud,pue,wue');
    expect(lines).toHaveLength(7);
    // Oldest first, as CodeCarbon appends.
    expect(lines[1]).toMatch(/^2021-06-29T11:00:38,codecarbon,/);

    const other = join(cwd, 'other.duckdb');
    expect(greenops(['--db', other, 'runs', 'import', 'codecarbon', out], cwd).code).toBe(0);
    const before = json<ListRow[]>(greenops(['runs', '--format', 'json'], cwd).stdout);
    const after = json<ListRow[]>(greenops(['--db', other, 'runs', '--format', 'json'], cwd).stdout);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    for (const [i, r] of after.entries()) {
      expect(r.energy_kwh).toBeCloseTo(before[i]!.energy_kwh, 12);
      expect(r.co2e_g).toBeCloseTo(before[i]!.co2e_g, 10);
    }
    const asJson = json<Array<{ runId: string }>>(greenops(['runs', 'export', '--as', 'json', '--project', 'llm-eval'], cwd).stdout);
    expect(asJson.map((s) => s.runId)).toEqual(['codecarbon-c41e8d20-9a7f-4b3e-8f15-6e2d0b9a4c18']);
  });

  it('refuses unknown ids, bad files and wrong usage, storing nothing from a bad import', () => {
    const cwd = scratchDir();
    const unknown = greenops(['runs', 'show', 'no-such-run'], cwd);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no stored run has the id or id prefix "no-such-run"/);

    const bad = join(cwd, 'bad.csv');
    const text = readFileSync(ALL[1]!, 'utf8').replace(',0.0029569010672968158,', ',0.00295x,');
    writeFileSync(bad, text);
    const r = greenops(['runs', 'import', 'codecarbon', ALL[0]!, bad], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv:2: column emissions: "0\.00295x" is not valid; expected a number ≥ 0 \(kg CO2e\) \[E_INPUT_VALUE\]/);
    expect(json<unknown[]>(greenops(['runs', '--format', 'json'], cwd).stdout)).toEqual([]);

    expect(greenops(['runs', 'import', 'mlflow', bad], cwd).code).toBe(2);
    expect(greenops(['runs', 'import', 'codecarbon', ALL[0]!, '--utc-offset', 'CEST'], cwd).code).toBe(2);
    expect(greenops(['runs', 'export', '--as', 'xml'], cwd).code).toBe(2);
    expect(greenops(['runs', '--limit', '-1'], cwd).code).toBe(2);
  });
});
