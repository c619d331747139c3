import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCur } from './helpers/aws-cur.js';
import { greenops } from './helpers/cli.js';
import { profile } from '../src/core/profiles.js';
import { scratchDir, writeFocus } from './helpers/focus.js';

const VERSION = profile('default').version;

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
    const summary = JSON.parse(again.stdout) as { file: string; accounting: Record<string, unknown> };
    expect(summary.accounting).toMatchObject({ rows_read: 4000, estimated: expect.any(Number) as unknown, fallback: expect.any(Number) as unknown });
    expect(Object.keys(summary)).not.toContain('outcome');
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
    copyFileSync(file, join(cwd, 'bill-copy.csv'));
    const copy = greenops(['ingest', 'auto', join(cwd, 'bill-copy.csv')], cwd);
    expect(copy.stderr).toMatch(/bill-copy\.csv has the same content as \S*bill\.csv \(file 1, compressed or not\): counted once/);
    const csv = greenops(['footprint', '--by', 'team', '--format', 'csv'], cwd);
    const [header, ...lines] = csv.stdout.trim().split('\n');
    expect(header).toBe('team,rows,cost,currency,energy_kwh,energy_kwh_low,energy_kwh_high,co2e_kg,co2e_kg_low,co2e_kg_high,operational_kg,market_kg,embodied_kg,fallback_rows,methodology,methodology_version');
    expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(['ml', 'web']);
    // every row says what produced it
    expect(lines.map((l) => l.split(',').slice(-2))).toEqual([['default', VERSION], ['default', VERSION]]);
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
    const noFile = greenops(['rejects', '--file', '99'], cwd);
    expect([noFile.code, noFile.stderr]).toEqual([2, expect.stringMatching(/--file 99: no file has that id/)]);
    // the file keeps its warnings: `files` shows them after its table, and in its JSON
    expect(greenops(['files'], cwd).stderr).toContain(`warning: ${bad}: ${tagsWarning}`);
    expect(JSON.parse(greenops(['files', '--format', 'json'], cwd).stdout)).toEqual([expect.objectContaining({ file: 'bad.csv', warnings: expect.arrayContaining([tagsWarning]) as unknown })]);
  });

  it('lists every group in csv and json unless --limit is given; a cut listing says so on stderr', () => {
    const cwd = scratchDir();
    expect(greenops(['demo', '--rows', '3000'], cwd).code).toBe(0);
    const all = greenops(['footprint', '--by', 'resource', '--format', 'json'], cwd);
    const groups = (JSON.parse(all.stdout) as unknown[]).length;
    expect(groups).toBeGreaterThan(50);
    expect(all.stderr).toBe('');
    expect(greenops(['footprint', '--by', 'resource', '--format', 'csv'], cwd).stdout.trim().split('\n')).toHaveLength(groups + 1);
    const table = greenops(['footprint', '--by', 'resource'], cwd);
    expect(table.stdout.split('\n').filter((l) => /^\S+\s+[\d,]+\s/.test(l))).toHaveLength(50);
    expect(table.stderr).toBe(`showing 50 of ${groups} groups (largest CO2e first); --limit N to change, --limit 0 for all\n`);
    expect(greenops(['footprint', '--by', 'resource', '--limit', '0'], cwd).stderr).toBe('');
    // no group in the period: csv still says what its columns are
    const none = greenops(['footprint', '--by', 'day', '--from', '2030-01-01', '--format', 'csv'], cwd);
    expect([none.code, none.stdout.trim()]).toEqual([0, 'day,rows,cost,currency,energy_kwh,energy_kwh_low,energy_kwh_high,co2e_kg,co2e_kg_low,co2e_kg_high,operational_kg,market_kg,embodied_kg,fallback_rows,methodology,methodology_version']);
    expect(greenops(['footprint', '--by', 'resource', '--format', 'csv'], cwd).stdout.split('\n')[0]).toBe(none.stdout.trim().replace(/^day,/, 'resource,'));
    const seven = greenops(['footprint', '--by', 'resource', '--format', 'json', '--limit', '7'], cwd);
    expect(JSON.parse(seven.stdout)).toHaveLength(7);
    expect(seven.stderr).toMatch(/^showing 7 of \d+ groups/);

    const untagged = (JSON.parse(greenops(['coverage', '--format', 'json'], cwd).stdout) as { untagged: unknown[] }).untagged.length;
    expect(untagged).toBeGreaterThan(10);
    expect(greenops(['coverage'], cwd).stderr).toBe(`showing 10 of ${untagged} untagged spenders (largest cost first); --limit N to change, --limit 0 for all\n`);

    const bad = writeFocus(cwd, 'bad.csv', [{ ConsumedQuantity: 'x' }, { ConsumedQuantity: 'y' }, { ConsumedQuantity: 'z' }]);
    expect(greenops(['ingest', 'focus', bad], cwd).code).toBe(0);
    const rejects = greenops(['rejects', '--limit', '2', '--format', 'csv'], cwd);
    expect(rejects.stdout.trim().split('\n')).toHaveLength(3);
    expect(rejects.stderr).toMatch(/^showing 2 of 3 rejected rows \(in file and row order\)/);
  });

  it('refuses a --db or GREENOPS_DB that is an existing file but not a DuckDB database, and leaves it alone', () => {
    const cwd = scratchDir();
    const bill = writeFocus(cwd, 'good.csv', [{}]);
    const victim = writeFocus(cwd, 'victim.csv', [{ ResourceId: 'i-victim' }]);
    const before = readFileSync(victim, 'utf8');
    for (const [args, env] of [[['--db', victim, 'ingest', 'focus', bill], {}], [['ingest', 'focus', bill], { GREENOPS_DB: victim }]] as const) {
      const r = greenops(args, cwd, env);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`${victim}: the file exists but is not a DuckDB database`);
    }
    expect(readFileSync(victim, 'utf8')).toBe(before);
  });

  it('keeps formula-like tag values as text in csv and control characters out of table lines', () => {
    const cwd = scratchDir();
    const bill = writeFocus(cwd, 'bill.csv', [{ Tags: '{"team":"=HYPERLINK(\\"http://x\\")"}' }, { Tags: '{"team":"two\\nlines"}', ResourceId: 'i-2' }]);
    expect(greenops(['ingest', 'focus', bill], cwd).code).toBe(0);
    const csv = greenops(['footprint', '--by', 'team', '--format', 'csv'], cwd).stdout;
    expect(csv).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",1,/m);
    expect(csv).toMatch(/^"two\nlines",1,/m);
    const table = greenops(['footprint', '--by', 'team'], cwd).stdout.split('\n');
    expect(table.some((l) => l.startsWith('two␊lines '))).toBe(true);
    expect(table.some((l) => l.startsWith('=HYPERLINK("http://x") '))).toBe(true);
  });

  it('coverage: csv is one table per invocation (--table), json one object', () => {
    const cwd = scratchDir();
    const bill = writeFocus(cwd, 'bill.csv', [{ Tags: '{"team":"ml","env":"prod"}' }, { Tags: '{"team":"web"}', ResourceId: 'i-2' }, { Tags: '{}', ResourceId: 'i-3' }]);
    expect(greenops(['ingest', 'focus', bill], cwd).code).toBe(0);
    const lines = (args: string[]) => greenops(['coverage', '--format', 'csv', ...args], cwd).stdout.trim().split('\n');
    const dims = lines([]);
    expect(dims[0]).toMatch(/^dimension,cost_share,co2e_share,untagged_cost,currency,untagged_co2e_kg/);
    // with nothing to list, the same header alone
    const empty = greenops(['coverage', '--format', 'csv'], scratchDir()).stdout.trim().split('\n');
    expect(empty).toEqual([dims[0]]);
    expect(dims.slice(1).map((l) => l.split(',')[0])).toEqual(['team', 'app', 'environment', 'owner']);
    expect(lines(['--table', 'dimensions'])).toEqual(dims);
    const untagged = lines(['--table', 'untagged']);
    expect(untagged[0]).toMatch(/^provider,account,service,resource,missing_tags,cost,currency,co2e_kg/);
    expect(greenops(['coverage', '--format', 'csv', '--table', 'untagged'], scratchDir()).stdout.trim()).toBe(untagged[0]);
    expect(untagged.slice(1).map((l) => l.split(',')[3]).sort()).toEqual(['i-2', 'i-3']);
    expect(dims.slice(1).every((l) => l.endsWith(`,default,${VERSION}`))).toBe(true);
    expect(untagged[0]).toMatch(/,methodology,methodology_version$/);
    const json = JSON.parse(greenops(['coverage', '--format', 'json'], cwd).stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['required', 'dimensions', 'untagged']));
    expect(json).toMatchObject({ methodology: 'default', methodology_version: VERSION });
    expect(JSON.parse(greenops(['--methodology', 'ccf', 'coverage', '--format', 'json'], cwd).stdout)).toMatchObject({ methodology: 'ccf' });
    expect(Object.keys(JSON.parse(greenops(['coverage', '--format', 'json', '--table', 'untagged'], cwd).stdout) as object)).not.toContain('dimensions');
    expect(greenops(['coverage', '--table', 'both'], cwd).code).toBe(2);
  });

  it('coverage: credits cannot take a cost share past 100 %; the untagged cost stays net', () => {
    const cwd = scratchDir();
    const bill = writeFocus(cwd, 'bill.csv', [
      { Tags: '{"team":"ml","env":"prod"}', BilledCost: 10, EffectiveCost: 10 },
      { Tags: '{}', ChargeCategory: 'Credit', BilledCost: -3, EffectiveCost: -3, ConsumedQuantity: null, ConsumedUnit: null, ResourceId: 'credit' },
      { Tags: '{}', BilledCost: 1, EffectiveCost: 1, ResourceId: 'i-9' },
    ]);
    expect(greenops(['ingest', 'focus', bill], cwd).code).toBe(0);
    const json = JSON.parse(greenops(['coverage', '--format', 'json'], cwd).stdout) as { dimensions: Array<{ dimension: string; cost_share: number; untagged_cost: number }> };
    const team = json.dimensions.find((d) => d.dimension === 'team');
    expect(team?.cost_share).toBeCloseTo(10 / 11, 12);
    expect(team?.untagged_cost).toBeCloseTo(-2, 12);
    // an RI's fee line carries only what went unused: a fully used reservation counts once, on the usage it covers
    const cur = join(cwd, 'ri.csv');
    const head = 'identity/LineItemId,bill/PayerAccountId,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,reservation/EffectiveCost,reservation/UnusedAmortizedUpfrontFeeForBillingPeriod,reservation/UnusedRecurringFee,pricing/unit,product/region,resourceTags/user:team,resourceTags/user:env';
    writeFileSync(cur, `${head}\nli-1,111,222,DiscountedUsage,2024-03-04T05:00:00Z,2024-03-04T06:00:00Z,AmazonEC2,USE1-BoxUsage:m5.large,1,USD,0,0.06,,,Hrs,us-east-1,ml,prod\nli-2,111,222,RIFee,2024-03-01T00:00:00Z,2024-04-01T00:00:00Z,AmazonEC2,USE1-HeavyUsage:m5.large,1,USD,0.06,,0,0,Hrs,us-east-1,,\n`);
    const other = scratchDir();
    expect(greenops(['ingest', 'aws-cur', cur], other).code).toBe(0);
    const ri = JSON.parse(greenops(['coverage', '--format', 'json'], other).stdout) as { dimensions: Array<{ dimension: string; cost_share: number }> };
    expect(ri.dimensions.find((d) => d.dimension === 'team')?.cost_share).toBe(1);
  });

  it('coverage never adds costs in different currencies: a row per dimension and currency, a spender per currency', () => {
    const cwd = scratchDir();
    const eur = { BillingCurrency: 'EUR', BilledCost: 10, EffectiveCost: 10 };
    const bill = writeFocus(cwd, 'bill.csv', [
      { Tags: '{"team":"ml"}', ResourceId: 'i-1' },
      { ...eur, Tags: '{}', ResourceId: 'i-1' },
      { ...eur, Tags: '{"team":"web","env":"prod"}', ResourceId: 'i-2' },
    ]);
    expect(greenops(['ingest', 'focus', bill], cwd).code).toBe(0);
    const json = JSON.parse(greenops(['coverage', '--format', 'json'], cwd).stdout) as {
      dimensions: Array<{ dimension: string; currency: string; cost_share: number; untagged_cost: number }>;
      untagged: Array<{ resource: string; currency: string; cost: number }>;
    };
    const team = json.dimensions.filter((d) => d.dimension === 'team').map((d) => [d.currency, d.cost_share, d.untagged_cost]);
    expect(team).toEqual([['EUR', 0.5, 10], ['USD', 1, 0]]);
    // i-1 misses a required tag in both currencies: listed once in each, never summed (10.096)
    expect(json.untagged.map((u) => [u.resource, u.currency, u.cost])).toEqual([['i-1', 'EUR', 10], ['i-1', 'USD', 0.096]]);
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
    const rows = JSON.parse(r.stdout) as Array<{ usage_type: string | null; unit: string | null; charge_category: string; rows: number; methodology: string }>;
    expect(new Set(rows.map((x) => x.methodology))).toEqual(new Set(['ccf']));
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

  it('refuses bad option values as wrong usage (exit 2), naming the option, before the store is touched', () => {
    const cwd = scratchDir();
    const cases: Array<[string[], RegExp]> = [
      [['footprint', '--limit', 'abc'], /--limit "abc" is not valid; expected a whole number ≥ 0/],
      [['footprint', '--limit', '-1'], /--limit "-1" is not valid/],
      [['footprint', '--format', 'xml'], /--format must be table, csv or json \(got "xml"\)/],
      [['footprint', '--methodology', 'xyz'], /unknown methodology "xyz"/],
      [['--methodology', 'xyz', 'coverage'], /unknown methodology "xyz"/],
      [['footprint', '--from', '2026-09-01', '--to', '2026-08-01'], /--from "2026-09-01" is not before --to "2026-08-01"/],
      [['footprint', '--from', '2026-08-01', '--to', '2026-08-01'], /the period is empty/],
      [['footprint', '--from', '2026-09-31'], /--from "2026-09-31" is not a date; expected ISO 8601 such as 2026-08-01/],
      [['footprint', '--to', '2026-8-2'], /--to "2026-8-2" is not a date/],
      [['footprint', '--by', 'team,day,team'], /dimension "team" is given twice/],
      [['coverage', '--limit', '1.5'], /--limit "1\.5" is not valid/],
      [['rejects', '--file', 'abc'], /--file "abc" is not valid; expected a file id/],
      [['rejects', '--file', '0'], /--file "0" is not valid/],
      [['rejects', '--limit', 'ten'], /--limit "ten" is not valid/],
      [['demo', '--format', 'csv'], /--format must be table or json/],
    ];
    for (const [args, message] of cases) {
      const r = greenops(args, cwd);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/Error:/);
    }
    // nothing ran far enough to create a store
    expect(existsSync(join(cwd, '.greenops'))).toBe(false);
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

  it('factors: years as written; --provider and --search filter with or without --kind', () => {
    const cwd = scratchDir();
    const gpu = greenops(['factors', '--kind', 'gpu'], cwd).stdout;
    expect(gpu).toMatch(/\s2023\n/);
    expect(gpu).not.toMatch(/2,023/);
    const byKind = (args: string[]) => Object.fromEntries((JSON.parse(greenops(['factors', ...args, '--format', 'json'], cwd).stdout) as Array<{ kind: string; rows: number }>).map((t) => [t.kind, t.rows]));
    const all = byKind([]);
    const gcp = byKind(['--provider', 'GCP']);
    expect(Object.keys(gcp)).toContain('instance');
    expect(Object.keys(gcp)).not.toContain('gpu');
    expect(gcp['instance']).toBeLessThan(all['instance'] ?? 0);
    expect(gcp['instance']).toBe((JSON.parse(greenops(['factors', '--kind', 'instance', '--provider', 'gcp', '--format', 'json'], cwd).stdout) as unknown[]).length);
    const h100 = byKind(['--search', 'h100']);
    expect(h100['gpu']).toBe((JSON.parse(greenops(['factors', '--kind', 'gpu', '--search', 'H100', '--format', 'json'], cwd).stdout) as unknown[]).length);
    expect(Object.keys(h100)).not.toContain('grid');
    const typo = greenops(['factors', '--provider', 'gpc'], cwd);
    expect([typo.code, typo.stderr]).toEqual([2, expect.stringMatching(/--provider "gpc": no factor is for that provider; expected one of aws, azure, gcp/)]);
  });
});
