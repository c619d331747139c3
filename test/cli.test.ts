import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCur } from './helpers/aws-cur.js';
import { greenops } from './helpers/cli.js';
import { scratchDir, writeFocus } from './helpers/focus.js';

describe('greenops CLI', () => {
  it('demo generates, ingests and summarises into .greenops/ under the working directory', () => {
    const cwd = scratchDir();
    const r = greenops(['demo', '--rows', '4000', '--seed', '3'], cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/4,000 FOCUS charges/);
    expect(r.stdout).toMatch(/Total: [\d,.]+ kWh \[[\d,.]+–[\d,.]+\], [\d,.]+ kgCO2e/);
    expect(r.stdout).toMatch(/By team \(tag\)/);
    expect(existsSync(join(cwd, '.greenops', 'greenops.duckdb'))).toBe(true);
    const again = greenops(['demo', '--rows', '4000', '--seed', '3', '--format', 'json'], cwd);
    const first = greenops(['footprint', '--by', 'provider', '--format', 'json'], cwd);
    expect(again.code).toBe(0);
    // the same seed twice is the same file: ingested once
    expect(JSON.parse(again.stdout).accounting.rowsRead).toBe(4000);
    const totalRows = (JSON.parse(first.stdout) as Array<{ rows: number }>).reduce((s, x) => s + x.rows, 0);
    expect(totalRows).toBeLessThanOrEqual(4000);
  });

  it('ingests, refuses to double-count, and reports by team with units in CSV headers', () => {
    const cwd = scratchDir();
    const file = writeFocus(cwd, 'bill.csv', [{ Tags: '{"Team":"ml"}' }, { Tags: '{"team":"web"}', ConsumedQuantity: 3 }]);
    const first = greenops(['ingest', 'focus', file], cwd);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/bill\.csv\s+focus 1\.0\s+ingested\s+2\s+2\s+0\s+0\s+0/);
    const second = greenops(['ingest', 'auto', file], cwd);
    expect(second.stdout).toMatch(/already ingested/);
    const csv = greenops(['footprint', '--by', 'team', '--format', 'csv'], cwd);
    const [header, ...lines] = csv.stdout.trim().split('\n');
    expect(header).toBe('team,rows,cost,energy_kwh,energy_kwh_low,energy_kwh_high,co2e_kg,co2e_kg_low,co2e_kg_high,operational_kg,market_kg,embodied_kg,fallback_rows');
    expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(['ml', 'web']);
    const files = greenops(['files', '--format', 'json'], cwd);
    expect(JSON.parse(files.stdout)).toHaveLength(1);
  });

  it('names file, row and column of bad input and exits non-zero', () => {
    const cwd = scratchDir();
    const renamed = writeFocus(cwd, 'renamed.csv', [{}], ['BilledCost', 'ChargeCategory', 'ChargePeriodStrat', 'ChargePeriodEnd']);
    const r = greenops(['ingest', 'focus', renamed], cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/renamed\.csv: not a valid FOCUS file: missing required column ChargePeriodStart/);
    const missing = greenops(['ingest', 'focus', join(cwd, 'nope.csv')], cwd);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: no such file/);
    const bad = writeFocus(cwd, 'bad.csv', [{}, { ConsumedQuantity: 'lots' }, { Tags: '{team: z' }]);
    const ingest = greenops(['ingest', 'focus', bad], cwd);
    expect(ingest.stderr).toMatch(/1 row\(s\) rejected/);
    const tagsWarning = 'Tags unreadable in 1 row (not a JSON object): read as untagged; first: row 3, "{team: z"';
    expect(ingest.stderr).toContain(`warning: ${bad}: ${tagsWarning}`);
    const rejects = greenops(['rejects', '--format', 'json'], cwd);
    expect(JSON.parse(rejects.stdout)).toEqual([expect.objectContaining({ row: 2, column: 'ConsumedQuantity', reason: 'expected a number', value: 'lots' })]);
    // the file keeps its warnings: `files` shows them after its table, and in its JSON
    expect(greenops(['files'], cwd).stderr).toContain(`warning: ${bad}: ${tagsWarning}`);
    expect(JSON.parse(greenops(['files', '--format', 'json'], cwd).stdout)).toEqual([expect.objectContaining({ file: 'bad.csv', warnings: expect.arrayContaining([tagsWarning]) as unknown })]);
  });

  it('groups by usage type, unit and charge category, the grain a CCF reconciliation needs', () => {
    const cwd = scratchDir();
    const start = '2024-03-04T05:00:00Z';
    const file = writeCur(cwd, 'cur.csv', [
      { start, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:m5.large', unit: 'Hrs', amount: 2, cost: 0.2, region: 'us-east-1' },
      { start, productCode: 'AmazonEC2', usageType: 'USE1-BoxUsage:m5.large', unit: 'Hrs', amount: 3, cost: 0.3, region: 'us-east-1', resourceId: 'i-2' },
      { start, productCode: 'AmazonS3', usageType: 'USE1-TimedStorage-ByteHrs', unit: 'GB-Mo', amount: 10, cost: 0.2, region: 'us-east-1' },
      { lineItemType: 'Tax', start, productCode: 'AmazonEC2', usageType: '', unit: '', amount: 0, cost: 0.1, region: '' },
    ]);
    expect(greenops(['ingest', 'aws-cur', file], cwd).code).toBe(0);
    const r = greenops(['footprint', '--by', 'usage_type,unit,charge_category', '--methodology', 'ccf', '--format', 'json'], cwd);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ usage_type: string | null; unit: string | null; charge_category: string; rows: number }>;
    expect(rows.map((x) => [x.usage_type, x.unit, x.charge_category, x.rows]).sort()).toEqual([
      [null, null, 'tax', 1], ['USE1-BoxUsage:m5.large', 'Hrs', 'usage', 2], ['USE1-TimedStorage-ByteHrs', 'GB-Mo', 'usage', 1],
    ]);
  });

  it('rejects wrong usage with exit code 2', () => {
    const cwd = scratchDir();
    expect(greenops(['footprint', '--by', 'colour'], cwd).code).toBe(2);
    expect(greenops(['ingest', 'xml', 'a.xml'], cwd).code).toBe(2);
    expect(greenops(['no-such-command'], cwd).code).toBe(2);
  });

  it('prints the methodology and factor tables from the code', () => {
    const cwd = scratchDir();
    const m = greenops(['methodology'], cwd);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/## Sources/);
    expect(m.stdout).toMatch(/48× the embodied of an m5\.large-hour/);
    const gpus = JSON.parse(greenops(['factors', '--kind', 'gpu', '--format', 'json'], cwd).stdout) as Array<{ id: string; source: string; year: number }>;
    expect(gpus.some((g) => /h100/.test(g.id))).toBe(true);
    expect(gpus.every((g) => g.source && g.year > 2000)).toBe(true);
  });
});
