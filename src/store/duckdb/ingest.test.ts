import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { billingSources } from '../../sources/index.js';
import { focusSource } from '../../sources/focus/index.js';
import { FOCUS_HEADER, FOCUS_ROW, scratchDir, writeFocus } from '../../../test/helpers/focus.js';
import { openDuckStore, type DuckStore } from './index.js';
import type { IngestOutcome } from './ingest.js';
import { isGreenopsError } from '../../core/errors.js';
import { defaultProfile } from '../../core/methodology.js';
import { defaultAttribution } from '../../analysis/attribution.js';

let store: DuckStore;
let dir: string;

beforeEach(async () => {
  dir = scratchDir();
  store = await openDuckStore(join(dir, 'g.duckdb'));
});
afterEach(() => store.close());

const opts = { source: focusSource, candidates: billingSources };

/** Lines stored (a usage row holds the lines of one day and kind of charge). */
async function usageCount(): Promise<number> {
  return (await store.db.all<{ n: number }>('SELECT COALESCE(sum(line_count), 0) AS n FROM usage'))[0]?.n ?? -1;
}

/** The same rows as a Parquet file with typed columns. */
async function asParquet(csv: string): Promise<string> {
  const pq = csv.replace(/\.csv$/, '.parquet');
  await store.db.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${pq}' (FORMAT parquet)`);
  return pq;
}

async function expectError(p: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isGreenopsError(e), `expected a GreenopsError, got ${String(e)}`).toBe(true);
  if (isGreenopsError(e)) {
    expect(e.code).toBe(code);
    expect(e.message).toMatch(pattern);
  }
}

describe('ingest', () => {
  it('reads every row and classifies it', async () => {
    const path = writeFocus(dir, 'ok.csv', [
      {},
      { ChargeDescription: '$0.08 per GB-month of General Purpose (gp3) provisioned storage', ConsumedUnit: 'GB-Mo', ConsumedQuantity: 100, ServiceCategory: 'Storage' },
      { ChargeCategory: 'Tax', ConsumedQuantity: null, ConsumedUnit: null },
      { ChargeDescription: '$0.40 per million requests', ConsumedUnit: 'Requests', ConsumedQuantity: 1000 },
    ]);
    const r = await store.ingest(path, opts);
    expect(r.duplicate).toBe(false);
    expect(r.accounting).toMatchObject({ rowsRead: 4, estimated: 2, costOnly: 1, unclassified: 1, rejected: 0, byClass: { compute: 1, storage: 1 } });
    await store.estimate(defaultProfile);
    const u = await store.db.all<{ instance_type: string; amount: number }>("SELECT instance_type, amount FROM footprint WHERE usage_class = 'compute'");
    expect(u).toEqual([{ instance_type: 'm5.large', amount: 1 }]);
    // 100 GB-months in August (31 days) = 100 × 744 GB-hours
    const s = await store.db.all<{ amount: number }>("SELECT amount FROM footprint WHERE usage_class = 'storage'");
    expect(s[0]?.amount).toBeCloseTo(74_400, 6);
  });

  it('is idempotent: the same bytes twice count once (a copy under another name too)', async () => {
    const path = writeFocus(dir, 'a.csv', [{}, {}]);
    await store.ingest(path, opts);
    const copy = join(dir, 'copy-of-a.csv');
    copyFileSync(path, copy);
    const again = await store.ingest(copy, opts);
    expect(again.duplicate).toBe(true);
    expect(await usageCount()).toBe(2);
  });

  it('knows a gzipped file stored by an earlier version, which identified it by its compressed bytes', async () => {
    const csv = writeFocus(dir, 'old.csv', [{ ResourceId: 'x' }]);
    const gz = join(dir, 'old.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    await store.ingest(gz, opts);
    await store.db.run('UPDATE files SET sha256 = $1', [createHash('sha256').update(readFileSync(gz)).digest('hex')]);
    expect((await store.ingest(gz, opts)).duplicate).toBe(true);
    expect(await usageCount()).toBe(1);
  });

  it('counts the same content once, compressed or not, in one command or two', async () => {
    const csv = writeFocus(dir, 'b.csv', [{ ResourceId: 'x' }, { ResourceId: 'y' }]);
    const gz = join(dir, 'b.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    const both = await store.ingestAll([csv, gz], opts);
    expect(both.map((r) => [r.duplicate, r.fileId])).toEqual([[false, 1], [true, 1]]);
    expect(await usageCount()).toBe(2);
    const again = join(dir, 'b-again.csv.gz');
    writeFileSync(again, gzipSync(readFileSync(csv), { level: 1 }));
    expect((await store.ingest(again, opts)).duplicate).toBe(true);
    expect(await usageCount()).toBe(2);
    expect((await store.files()).length).toBe(1);
  });

  it('rejects a row with a bad cell, naming row, column and value, and keeps the rest', async () => {
    const path = writeFocus(dir, 'bad-cell.csv', [{}, { BilledCost: '12,5 EUR' }, { ChargePeriodStart: 'yesterday' }, {}, { ConsumedQuantity: 'NaN' }, { EffectiveCost: '-Infinity' }]);
    const r = await store.ingest(path, opts);
    expect(r.accounting.rowsRead).toBe(6);
    expect(r.accounting.rejected).toBe(4);
    const rejects = await store.rejects();
    expect(rejects.map((x) => [x.rowNo, x.column, x.reason, x.value])).toEqual([
      [2, 'BilledCost', 'expected a number', '12,5 EUR'],
      [3, 'ChargePeriodStart', 'expected an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)', 'yesterday'],
      [5, 'ConsumedQuantity', 'expected a finite number', 'NaN'],
      [6, 'EffectiveCost', 'expected a finite number', '-Infinity'],
    ]);
  });

  it('stores text date-times in UTC, applying any offset', async () => {
    const starts = [
      '2026-08-01T02:00:00+02:00', '2026-08-01T00:00:00Z', '2026-08-01 00:00:00', '2026-07-31T19:00:00-05:00', '2026-08-01T05:30:00+0530',
      '2026-08-01T00:00:00.000Z', '2026-08-01 00:00:00.000', '2026-08-01', '2026-08-01T00:00', '2026-08-01T03:00:00.5+03', '2026-08-01T00:00:00.123456Z',
    ];
    const path = writeFocus(dir, 'zones.csv', starts.map((ChargePeriodStart, i) => ({ ChargePeriodStart, ResourceId: `r${i}` })));
    await store.ingest(path, opts);
    const rows = await store.db.all<{ s: string }>("SELECT strftime(period_start, '%Y-%m-%dT%H:%M:%S') AS s FROM usage ORDER BY row_no");
    expect(rows.map((r) => r.s)).toEqual(starts.map(() => '2026-08-01T00:00:00'));
  });

  it('reads ISO 8601 date-times only, in the years 2000 to 2099, and refuses an end before its start', async () => {
    const header = [...FOCUS_HEADER, 'BillingPeriodStart'];
    const rows = [
      { ChargePeriodStart: '9/1/26', ChargePeriodEnd: '9/2/26' },
      { ChargePeriodStart: '2026/08/01' },
      { ChargePeriodStart: '2026-8-1' },
      { ChargePeriodStart: '2026-08-01 00:00:00 UTC' },
      { ChargePeriodStart: 'epoch' },
      { ChargePeriodStart: '1900-08-01T00:00:00Z', ChargePeriodEnd: '1900-08-01T01:00:00Z' },
      { ChargePeriodEnd: '2999-08-01T01:00:00Z' },
      { ChargePeriodStart: '2026-08-02T00:00:00Z', ChargePeriodEnd: '2026-08-01T00:00:00Z' },
      // an unreadable billing period is the month of the charge
      { BillingPeriodStart: '8/1/26' },
      { ChargePeriodStart: '2026-08-01', ChargePeriodEnd: '2026-08-01 01:00:00.000' },
    ];
    const path = writeFocus(dir, 'dates.csv', rows.map((r, i) => ({ ...r, ResourceId: `r${i + 1}` }) as never), header);
    const r = await store.ingest(path, opts);
    expect(r.accounting).toMatchObject({ rowsRead: 10, rejected: 8, estimated: 2 });
    const iso = 'expected an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)';
    const years = 'expected a date-time in the years 2000 to 2099';
    expect((await store.rejects()).map((x) => [x.rowNo, x.column, x.reason, x.value])).toEqual([
      [1, 'ChargePeriodStart', iso, '9/1/26'],
      [2, 'ChargePeriodStart', iso, '2026/08/01'],
      [3, 'ChargePeriodStart', iso, '2026-8-1'],
      [4, 'ChargePeriodStart', iso, '2026-08-01 00:00:00 UTC'],
      [5, 'ChargePeriodStart', iso, 'epoch'],
      [6, 'ChargePeriodStart', years, '1900-08-01T00:00:00Z'],
      [7, 'ChargePeriodEnd', years, '2999-08-01T01:00:00Z'],
      [8, 'ChargePeriodEnd', 'before ChargePeriodStart: expected an end at or after the start', '2026-08-01T00:00:00Z'],
    ]);
    const ok = await store.db.all<{ resource_id: string; s: string; e: string; p: string }>(
      "SELECT resource_id, strftime(period_start, '%Y-%m-%d %H') AS s, strftime(period_end, '%Y-%m-%d %H') AS e, strftime(billing_period, '%Y-%m-%d') AS p FROM usage WHERE status = 'ok' ORDER BY resource_id",
    );
    expect(ok).toEqual([
      { resource_id: 'r10', s: '2026-08-01 00', e: '2026-08-01 01', p: '2026-08-01' },
      { resource_id: 'r9', s: '2026-08-01 00', e: '2026-08-01 01', p: '2026-08-01' },
    ]);
  });

  it('applies the same years and order to typed Parquet date-times', async () => {
    const rows = [
      { ChargePeriodStart: '1999-12-31T23:00:00Z', ChargePeriodEnd: '2000-01-01T00:00:00Z' },
      { ChargePeriodStart: '2026-08-01T02:00:00Z', ChargePeriodEnd: '2026-08-01T01:00:00Z' },
      {},
    ];
    const csv = writeFocus(dir, 'typed.csv', rows.map((r, i) => ({ ...r, ResourceId: `r${i + 1}` })));
    const pq = join(dir, 'typed.parquet');
    await store.db.run(`COPY (SELECT * REPLACE (CAST(ChargePeriodStart AS TIMESTAMP) AS ChargePeriodStart, CAST(ChargePeriodEnd AS TIMESTAMP) AS ChargePeriodEnd)
      FROM read_csv('${csv}', all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
    const r = await store.ingest(pq, opts);
    expect(r.accounting).toMatchObject({ rowsRead: 3, rejected: 2, estimated: 1 });
    expect((await store.rejects()).map((x) => [x.rowNo, x.column, x.reason])).toEqual([
      [1, 'ChargePeriodStart', 'expected a date-time in the years 2000 to 2099'],
      [2, 'ChargePeriodEnd', 'before ChargePeriodStart: expected an end at or after the start'],
    ]);
  });

  it("reads ',' in a number only as a thousands separator, and names a decimal comma", async () => {
    const costs = ['0,096', '12,5', '1,23', '01,234', '1.234,56', '1,234.50', ' -1,234,567.5 ', '1,2,3'];
    const path = writeFocus(dir, 'commas.csv', costs.map((BilledCost, i) => ({ BilledCost, ResourceId: `r${i + 1}` })));
    const r = await store.ingest(path, opts);
    expect(r.accounting).toMatchObject({ rowsRead: 8, rejected: 6 });
    const comma = "expected a number with '.' as the decimal point";
    expect((await store.rejects()).map((x) => [x.rowNo, x.reason, x.value])).toEqual([
      [1, comma, '0,096'], [2, comma, '12,5'], [3, comma, '1,23'], [4, comma, '01,234'], [5, comma, '1.234,56'], [8, 'expected a number', '1,2,3'],
    ]);
    const ok = await store.db.all<{ resource_id: string; billed_cost: number }>("SELECT resource_id, billed_cost FROM usage WHERE status = 'ok' ORDER BY resource_id");
    expect(ok).toEqual([{ resource_id: 'r6', billed_cost: 1234.5 }, { resource_id: 'r7', billed_cost: -1234567.5 }]);
    // thousands without a decimal part, in a file with no decimal comma
    await store.ingest(writeFocus(dir, 'thousands.csv', ['$1,000', '2,500'].map((BilledCost, i) => ({ BilledCost, ResourceId: `t${i + 1}` }))), opts);
    const thousands = await store.db.all<{ billed_cost: number }>("SELECT billed_cost FROM usage WHERE resource_id LIKE 't%' ORDER BY resource_id");
    expect(thousands).toEqual([{ billed_cost: 1000 }, { billed_cost: 2500 }]);
  });

  it("refuses a file that writes ',' as its decimal point, where \"3,197\" or \"1.000\" would be read 1000× off", async () => {
    const rows = [{ BilledCost: '0,126' }, { BilledCost: '0.5' }, { ConsumedQuantity: '3,197' }, { BilledCost: '2,250' }];
    const csv = writeFocus(dir, 'european.csv', rows.map((r, i) => ({ ...r, ResourceId: `r${i + 1}` })));
    for (const file of [csv, await asParquet(csv)]) {
      const e = await store.ingest(file, opts).then(() => undefined, (x: unknown) => x);
      expect(isGreenopsError(e) && [e.code, e.data]).toEqual([
        'E_INPUT_FILE_UNREADABLE',
        { file, row: 3, column: 'ConsumedQuantity', found: '3,197', expected: "a number with '.' as the decimal point" },
      ]);
      expect(isGreenopsError(e) && e.message).toMatch(/written with ',' as the decimal point \(row 1, BilledCost: "0,126"\), so "3,197" \(row 3, ConsumedQuantity\) could be read 1000× off/);
      expect(await usageCount()).toBe(0);
    }
    // the mirror: "1.000" (one thousand, in a file that groups thousands with '.') would be read as 1
    const dotted = writeFocus(dir, 'dotted.csv', [{ BilledCost: '1.234,5' }, { ConsumedQuantity: '1.000' }].map((r, i) => ({ ...r, ResourceId: `d${i + 1}` })));
    const e = await store.ingest(dotted, opts).then(() => undefined, (x: unknown) => x);
    expect(isGreenopsError(e) && e.data).toMatchObject({ row: 2, column: 'ConsumedQuantity', found: '1.000' });
    // but a '.'-decimal file with one stray decimal comma keeps its "744.000": that one row is rejected
    const stray = await store.ingest(writeFocus(dir, 'stray.csv', [{ BilledCost: '0,5' }, { ConsumedQuantity: '744.000' }].map((r, i) => ({ ...r, ResourceId: `s${i + 1}` }))), opts);
    expect(stray.accounting).toMatchObject({ rowsRead: 2, rejected: 1 });
  });

  it('reads tags that are not a JSON object as none, and warns how many rows had them and which first', async () => {
    const rows = [{}, { Tags: '{team: z' }, { Tags: '[1, 2]' }, { Tags: '{"team":"b"}' }, { Tags: '{team: z', BilledCost: 'abc' }, { Tags: '{team: z' }];
    const csv = writeFocus(dir, 'tags.csv', rows.map((r, i) => ({ ...r, ResourceId: `r${i + 1}` })));
    for (const file of [csv, await asParquet(csv)]) {
      const r = await store.ingest(file, opts);
      // the rows are kept (their cost and usage are sound), untagged; the rejected row 5 is not counted
      expect(r.accounting).toMatchObject({ rowsRead: 6, rejected: 1, estimated: 5 });
      expect(r.accounting.warnings).toContain('Tags unreadable in 3 rows (not a JSON object): read as untagged; first: row 2, "{team: z"');
      expect((await store.files()).find((f) => f.fileId === r.fileId)?.warnings).toEqual(r.accounting.warnings);
      const teams = await store.db.all<{ resource_id: string; team: string | null }>(
        "SELECT resource_id, s.tags['team'] AS team FROM usage u JOIN tag_sets s USING (tags_key) WHERE file_id = $1 ORDER BY resource_id", [r.fileId]);
      expect(teams).toEqual([{ resource_id: 'r1', team: 'a' }, { resource_id: 'r2', team: null }, { resource_id: 'r3', team: null }, { resource_id: 'r4', team: 'b' }, { resource_id: 'r6', team: null }]);
    }
  });

  it('keeps malformed CSV lines as rejected rows and numbers the rows after them correctly', async () => {
    // past the sniffer's sample (20,480 rows), so the file is read strictly and the line is refused
    const n = 24_000;
    const bad: Record<number, string> = { 22_004: 'abc', 22_007: 'x' };
    const path = writeFocus(dir, 'ragged.csv', Array.from({ length: n }, (_, i) => ({
      ResourceId: `r${i + 1}`, ...(bad[i + 1] ? { BilledCost: bad[i + 1] } : {}), ...(i + 1 === 22_010 ? { Tags: '{bad' } : {}),
    })));
    const lines = readFileSync(path, 'utf8').split('\n');
    lines.splice(22_001, 0, 'just,three,fields');
    writeFileSync(path, lines.join('\n'));
    const r = await store.ingest(path, opts);
    expect(r.accounting).toMatchObject({ rowsRead: n + 1, rejected: 3, estimated: n - 2 });
    // r22010's unreadable tags are named by the row they sit in
    expect(r.accounting.warnings).toContain('Tags unreadable in 1 row (not a JSON object): read as untagged; first: row 22011, "{bad"');
    expect(r.accounting.warnings.join()).not.toMatch(/leniently/);
    // data rows: the malformed line = 22,001, r22001 = 22,002, r22004 = 22,005, r22007 = 22,008
    const rejected = (await store.rejects()).map((x) => [x.rowNo, x.column, x.value]);
    expect(rejected).toEqual([[22_001, 'ChargeCategory', 'just,three,fields'], [22_005, 'BilledCost', 'abc'], [22_008, 'BilledCost', 'x']]);
  });

  describe('CSV lines that disagree with the header', () => {
    /** A FOCUS file of `n` default rows, its data row `i` (from 1) replaced by `edit(line)`. */
    function edited(name: string, n: number, edits: Record<number, (line: string) => string>): string {
      const path = writeFocus(dir, name, Array.from({ length: n }, (_, i) => ({ ResourceId: `r${i + 1}` })));
      const lines = readFileSync(path, 'utf8').split('\n');
      for (const [i, edit] of Object.entries(edits)) lines[Number(i)] = edit(lines[Number(i)] ?? '');
      writeFileSync(path, lines.join('\n'));
      return path;
    }
    /** As the CLI ingests: the files of one command in one transaction, which a probe that fails must not abort. */
    async function asCommand(path: string): Promise<IngestOutcome> {
      const [r] = await store.ingestAll([path], opts);
      if (!r) throw new Error('no outcome');
      return r;
    }

    it('says whether rows have more or fewer fields than the header, and the first of them', async () => {
      const more = await asCommand(edited('more.csv', 4, { 2: (l) => `${l},EXTRA,FIELDS`, 4: (l) => `${l},X` }));
      expect(more.accounting).toMatchObject({ rowsRead: 4, rejected: 0 });
      expect(more.accounting.warnings.filter((w) => /fields/.test(w))).toEqual([
        "2 rows have more fields than the header's 16 (first: row 2, 18 fields): read leniently, the extra fields are ignored (check the export)",
      ]);
      const fewer = await asCommand(edited('fewer.csv', 4, { 3: (l) => l.split(',').slice(0, 13).join(',') }));
      expect(fewer.accounting.warnings.filter((w) => /fields/.test(w))).toEqual([
        "1 row has fewer fields than the header's 16 (first: row 3, 13 fields): read leniently, the missing trailing fields are empty (check the export)",
      ]);
    });

    it('rejects one line with a stray quote past the sniffed rows, LF or CRLF, and reads the rest', async () => {
      for (const crlf of [false, true]) {
        const name = crlf ? 'stray-crlf.csv' : 'stray-lf.csv';
        const path = edited(name, 25_000, { 22_000: (l) => l.replace(',Amazon Elastic Compute Cloud,', ',"Amazon" Elastic Compute Cloud,') });
        if (crlf) writeFileSync(path, readFileSync(path, 'utf8').split('\n').join('\r\n'));
        const r = await store.ingest(path, { ...opts, supersede: false });
        expect([name, r.accounting.rowsRead, r.accounting.rejected]).toEqual([name, 25_000, 1]);
      }
    });

    it('refuses a file where a lone carriage return splits a line past the sniffed rows', async () => {
      const path = edited('lone-cr.csv', 25_000, { 22_000: (l) => l.replace('On Demand', 'On\rDemand') });
      const e = await asCommand(path).then(() => undefined, (x: unknown) => x);
      expect(isGreenopsError(e) && [e.code, e.message]).toEqual(['E_INPUT_FILE_UNREADABLE', expect.stringMatching(/more rows than the file has lines, so some line was split in two/)]);
      expect(await usageCount()).toBe(0);
    });

    it('reads a file whose line endings change past the rows its dialect is sniffed from (concatenated exports)', async () => {
      const concatenated = (name: string, header: readonly string[]): string => {
        const path = writeFocus(dir, name, Array.from({ length: 30_000 }, (_, i) => ({ ResourceId: `${name}-${i + 1}` })), header);
        const lines = readFileSync(path, 'utf8').split('\n');
        writeFileSync(path, lines.map((l, i) => (i > 25_000 && l !== '' ? `${l}\r` : l)).join('\n'));
        return path;
      };
      // lines with quoted values (DuckDB refuses them one by one), and without (DuckDB refuses the read)
      const quoted = await asCommand(concatenated('quoted.csv', FOCUS_HEADER));
      expect(quoted.accounting).toMatchObject({ rowsRead: 30_000, rejected: 0 });
      const plain = await store.ingest(concatenated('plain.csv', FOCUS_HEADER.filter((h) => h !== 'Tags')), { ...opts, supersede: false });
      expect(plain.accounting).toMatchObject({ rowsRead: 30_000, rejected: 0 });
      expect(await usageCount()).toBe(60_000);
      // the other way, CRLF then LF: the read took the LF lines into one (and, in one thread, never ended)
      const other = writeFocus(dir, 'crlf-then-lf.csv', Array.from({ length: 30_000 }, (_, i) => ({ ResourceId: `o${i + 1}` })));
      const lines = readFileSync(other, 'utf8').split('\n');
      writeFileSync(other, lines.map((l, i) => (i <= 25_000 && l !== '' ? `${l}\r` : l)).join('\n'));
      const gz = join(dir, 'crlf-then-lf.csv.gz');
      writeFileSync(gz, gzipSync(readFileSync(other)));
      for (const file of [gz, other]) {
        await store.db.run('DELETE FROM usage; DELETE FROM files');
        const r = await asCommand(file);
        expect([file, r.accounting.rowsRead, r.accounting.rejected]).toEqual([file, 30_000, 0]);
      }
    });

    it('reads a file of mixed line endings without a warning when its rows are sound', async () => {
      const r = await store.ingest(edited('crlf.csv', 4, { 3: (l) => `${l}\r` }), opts);
      expect(r.accounting).toMatchObject({ rowsRead: 4, rejected: 0, estimated: 4 });
      expect(r.accounting.warnings.join()).not.toMatch(/fields|leniently|Tags/);
    });

    it('names the line of an unclosed quote and what was expected there', async () => {
      const path = edited('quote.csv', 3, { 2: () => '111,USD,"unterminated' });
      const e = await asCommand(path).then(() => undefined, (x: unknown) => x);
      expect(isGreenopsError(e) && [e.code, e.message, e.data]).toEqual([
        'E_INPUT_FILE_UNREADABLE',
        `${path}: cannot be read: line 3: a quoted value is not closed (expected a closing quote "): "111,USD,\\"unterminated"`,
        { file: path, line: 3, expected: 'a closing quote (")' },
      ]);
    });

    it('reads each row once when quoted values span lines that look like rows (a parallel read can take them twice)', async () => {
      // no Tags column: no other quotes in the file for the read to stumble on
      const header = FOCUS_HEADER.filter((h) => h !== 'Tags');
      const fake = (i: number): string => header.map((h) => (h === 'ResourceId' ? `fake-${i}` : h === 'ChargeDescription' ? 'fake' : String(FOCUS_ROW[h]))).join(',');
      const rows = Array.from({ length: 20_000 }, (_, i) => ({ ResourceId: `r${i}`, ...(i % 2 === 1 ? { ChargeDescription: `embedded:\n${fake(2 * i)}\n${fake(2 * i + 1)}\nend` } : {}) }));
      const r = await asCommand(writeFocus(dir, 'multiline.csv', rows, header));
      expect(r.accounting).toMatchObject({ rowsRead: 20_000, rejected: 0 });
      expect(await usageCount()).toBe(20_000);
      const fakes = await store.db.all<{ n: number }>("SELECT count(*)::INTEGER AS n FROM usage WHERE resource_id LIKE 'fake-%'");
      expect(fakes).toEqual([{ n: 0 }]);
    });

    it('refuses a file whose unclosed quote, past the part the sniffer samples, takes the lines after it into one value', async () => {
      // the sniffer reads the first 20,480 rows; a quote opened on a later line and never closed made
      // the read take the rest of the file into that line's value: 3,000 rows gone, the file "ingested"
      const path = edited('late-quote.csv', 25_000, { 22_000: (l) => `${l.slice(0, l.lastIndexOf(','))},"unterminated` });
      const e = await asCommand(path).then(() => undefined, (x: unknown) => x);
      expect(isGreenopsError(e) && [e.code, e.data]).toEqual(['E_INPUT_FILE_UNREADABLE', { file: path, line: 22_001, expected: 'a closing quote (")' }]);
      expect(isGreenopsError(e) && e.message).toMatch(/line 22001: a quoted value is not closed \(expected a closing quote "\), so the lines after it were read into it: /);
      expect(await usageCount()).toBe(0);
      expect(await store.files()).toEqual([]);
    });
  });

  it('reads NULL, null (as in the FOCUS 1.2 examples) and an empty cell as missing', async () => {
    const path = writeFocus(dir, 'nulls.csv', ['NULL', 'null', ''].map((q) => ({ ChargeCategory: 'Purchase', ConsumedQuantity: q, ConsumedUnit: q })));
    const r = await store.ingest(path, opts);
    expect(r.accounting).toMatchObject({ rowsRead: 3, rejected: 0, costOnly: 3 });
    const rows = await store.db.all<{ quantity: number | null }>('SELECT quantity FROM usage');
    expect(rows).toEqual([{ quantity: null }]);
  });

  it('names the row of a bad cell in a Parquet file with text columns', async () => {
    const bad: Record<number, Record<string, string>> = { 3: { BilledCost: 'abc' }, 4_100: { ChargePeriodStart: 'yesterday' } };
    const csv = writeFocus(dir, 'text.csv', Array.from({ length: 5_000 }, (_, i) => ({ ResourceId: `r${i + 1}`, ...bad[i + 1] })));
    const pq = csv.replace(/\.csv$/, '.parquet');
    // every column as text, as some exporters write them
    await store.db.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${pq}' (FORMAT parquet, ROW_GROUP_SIZE 1024)`);
    const r = await store.ingest(pq, opts);
    expect(r.accounting).toMatchObject({ rowsRead: 5_000, rejected: 2, estimated: 4_998 });
    const rejected = (await store.rejects()).map((x) => [x.rowNo, x.column, x.value]);
    expect(rejected).toEqual([[3, 'BilledCost', 'abc'], [4_100, 'ChargePeriodStart', 'yesterday']]);
  });

  it('sums the lines of one day and kind of charge into one row, and keeps every line counted', async () => {
    const hours = Array.from({ length: 30 }, (_, h) => ({
      ResourceId: 'i-1', ChargePeriodStart: new Date(Date.UTC(2026, 7, 1, h)).toISOString(), ChargePeriodEnd: new Date(Date.UTC(2026, 7, 1, h + 1)).toISOString(),
      ConsumedQuantity: 1, BilledCost: 0.1, EffectiveCost: h % 2 ? 0.05 : 0.2,
    }));
    const path = writeFocus(dir, 'hourly.csv', hours);
    for (const file of [path, await asParquet(path)]) {
      const r = await store.ingest(file, { ...opts, supersede: false });
      expect(r.accounting).toMatchObject({ rowsRead: 30, estimated: 30 });
      const rows = await store.db.all<{ day: string; line_count: number; quantity: number; cost_basis: number; s: string; e: string }>(
        `SELECT strftime(period_start, '%Y-%m-%d') AS day, line_count, quantity, cost_basis, strftime(period_start, '%H') AS s, strftime(period_end, '%d %H') AS e
           FROM usage WHERE file_id = $1 ORDER BY day`, [r.fileId]);
      expect(rows.map((x) => [x.day, x.line_count, x.quantity, x.s, x.e])).toEqual([['2026-08-01', 24, 24, '00', '02 00'], ['2026-08-02', 6, 6, '00', '02 06']]);
      // the cost basis is summed per line (max of billed and effective), not taken from the sums
      expect(rows[0]?.cost_basis).toBeCloseTo(12 * 0.2 + 12 * 0.1, 9);
    }
  });

  it('names a missing required column and suggests the renamed one; stores nothing', async () => {
    const header = ['BilledCost', 'ChargeCategory', 'ChargePeriodStrat', 'ChargePeriodEnd'];
    const path = writeFocus(dir, 'renamed.csv', [{}], header);
    await expectError(store.ingest(path, opts), 'E_INPUT_COLUMN_MISSING', /renamed\.csv: .*missing required column ChargePeriodStart \(found "ChargePeriodStrat": renamed\?\)/);
    expect(await usageCount()).toBe(0);
    expect((await store.files()).length).toBe(0);
  });

  it('refuses an empty file and a header-only file', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await expectError(store.ingest(empty, opts), 'E_INPUT_FILE_EMPTY', /empty\.csv: the file is empty/);
    const headerOnly = writeFocus(dir, 'header.csv', []);
    await expectError(store.ingest(headerOnly, opts), 'E_INPUT_FILE_EMPTY', /header\.csv: no data rows/);
    expect((await store.files()).length).toBe(0);
  });

  it('reports a truncated gzip as unreadable and keeps what was stored before', async () => {
    const good = writeFocus(dir, 'good.csv', [{}]);
    await store.ingest(good, opts);
    const csv = writeFocus(dir, 'big.csv', Array.from({ length: 2000 }, (_, i) => ({ ResourceId: `r${i}` })));
    const gz = gzipSync(readFileSync(csv));
    const truncated = join(dir, 'truncated.csv.gz');
    writeFileSync(truncated, gz.subarray(0, Math.floor(gz.length / 2)));
    await expectError(store.ingest(truncated, opts), 'E_INPUT_FILE_UNREADABLE', /truncated\.csv\.gz: cannot be read/);
    expect(await usageCount()).toBe(1);
  });

  it('reads gzipped CSV and Parquet to the same rows', async () => {
    const csv = writeFocus(dir, 'x.csv', [{ ResourceId: 'a' }, { ResourceId: 'b', ConsumedQuantity: 2 }]);
    const gz = join(dir, 'x.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    const pq = join(dir, 'x.parquet');
    await store.db.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${pq}' (FORMAT parquet)`);
    await store.ingest(gz, opts);
    await store.ingest(pq, opts);
    await store.estimate(defaultProfile);
    const rows = await store.db.all<{ file_id: number; resource_id: string; amount: number }>('SELECT file_id, resource_id, amount FROM footprint ORDER BY file_id, resource_id');
    expect(rows.map((r) => [r.resource_id, r.amount])).toEqual([['a', 1], ['b', 2], ['a', 1], ['b', 2]]);
  });

  it('detects the format when asked to', async () => {
    const path = writeFocus(dir, 'auto.csv', [{}]);
    const r = await store.ingest(path, { candidates: billingSources });
    expect(r.accounting.format).toBe('focus');
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'a,b\n1,2\n');
    await expectError(store.ingest(other, { candidates: billingSources }), 'E_INPUT_FORMAT_UNKNOWN', /other\.csv: unrecognised billing export/);
  });

  describe('restated billing periods', () => {
    const aug = { ChargePeriodStart: '2026-08-03T00:00:00Z', ChargePeriodEnd: '2026-08-03T01:00:00Z' };
    const sep = { ChargePeriodStart: '2026-09-03T00:00:00Z', ChargePeriodEnd: '2026-09-03T01:00:00Z' };
    async function statuses(): Promise<Array<[number, string, number | null]>> {
      const rows = await store.db.all<{ file_id: number; status: string; superseded_by: number | null; n: number }>(
        'SELECT file_id, status, superseded_by, count(*) AS n FROM usage GROUP BY ALL ORDER BY ALL',
      );
      return rows.map((r) => [r.file_id, `${r.status}×${r.n}`, r.superseded_by]);
    }

    it('a later export of an account and month supersedes the earlier one, and nothing else', async () => {
      const first = await store.ingest(writeFocus(dir, 'v1.csv', [{ ...aug, ResourceId: 'a' }, { ...aug, ResourceId: 'b' }, sep, { ...aug, BillingAccountId: '222' }]), opts);
      const second = await store.ingest(writeFocus(dir, 'v2.csv', [{ ...aug, ResourceId: 'a' }, { ...aug, ResourceId: 'b' }, { ...aug, ResourceId: 'c' }]), opts);
      expect(second.superseded).toEqual([{ fileId: first.fileId, path: expect.stringContaining('v1.csv') as unknown as string, rows: 2 }]);
      expect(await statuses()).toEqual([
        [first.fileId, 'ok×2', null],
        [first.fileId, 'superseded×2', second.fileId],
        [second.fileId, 'ok×3', null],
      ]);
      const a = (await store.files()).find((f) => f.fileId === first.fileId);
      expect(a).toMatchObject({ rowsRead: 4, superseded: 2, estimated: 2 });
      await store.ensureEstimated(defaultProfile);
      const total = await store.footprint({ by: ['account', 'month'], methodology: 'default' }, defaultAttribution);
      expect(total.map((r) => [r['account'], r['month'], r['rows']])).toEqual(
        expect.arrayContaining([['111', '2026-08', 3], ['111', '2026-09', 1], ['222', '2026-08', 1]]),
      );
      // by file: named by the path each was ingested from, and its id; superseded rows are in neither
      const byFile = await store.footprint({ by: ['file'], methodology: 'default' }, defaultAttribution);
      expect(byFile.map((r) => [r['file'], r['rows']]).sort()).toEqual([
        [`${join(dir, 'v1.csv')} (#${first.fileId})`, 2],
        [`${join(dir, 'v2.csv')} (#${second.fileId})`, 3],
      ]);
      // The earlier export again: already stored, and still superseded.
      const again = await store.ingest(join(dir, 'v1.csv'), opts);
      expect(again.duplicate).toBe(true);
      expect((await statuses())[1]).toEqual([first.fileId, 'superseded×2', second.fileId]);
    });

    it('a restatement supersedes only rows in footprints: rejected rows of the earlier export stay rejected and listed', async () => {
      const first = await store.ingest(writeFocus(dir, 'r1.csv', [{ ...aug, ResourceId: 'a' }, { ...aug, ResourceId: 'bad', BilledCost: 'abc' }]), opts);
      const second = await store.ingest(writeFocus(dir, 'r2.csv', [{ ...aug, ResourceId: 'a' }]), opts);
      expect(second.superseded.map((x) => [x.fileId, x.rows])).toEqual([[first.fileId, 1]]);
      expect(await statuses()).toEqual([
        [first.fileId, 'rejected×1', null],
        [first.fileId, 'superseded×1', second.fileId],
        [second.fileId, 'ok×1', null],
      ]);
      expect((await store.rejects()).map((r) => [r.fileId, r.column])).toEqual([[first.fileId, 'BilledCost']]);
      expect((await store.files()).find((f) => f.fileId === first.fileId)).toMatchObject({ rowsRead: 2, rejected: 1, superseded: 1 });
    });

    it('an older export ingested after a newer one leaves the newer one in place', async () => {
      const late = { ChargePeriodStart: '2026-08-30T00:00:00Z', ChargePeriodEnd: '2026-08-30T01:00:00Z' };
      const newer = await store.ingest(writeFocus(dir, 'restated.csv', [{ ...aug, ResourceId: 'a' }, { ...late, ResourceId: 'b' }]), opts);
      const older = await store.ingest(writeFocus(dir, 'first-cut.csv', [{ ...aug, ResourceId: 'a' }]), opts);
      expect(older.superseded).toEqual([]);
      expect(older.olderThan.map((x) => [x.fileId, x.rows])).toEqual([[newer.fileId, 1]]);
      expect(await statuses()).toEqual([
        [newer.fileId, 'ok×2', null],
        [older.fileId, 'superseded×1', newer.fileId],
      ]);
    });

    it('parts of one batch, and partial exports, supersede nothing', async () => {
      await store.ingest(writeFocus(dir, 'part1.csv', [{ ...aug, ResourceId: 'a' }]), { ...opts, batch: 'b1' });
      const p2 = await store.ingest(writeFocus(dir, 'part2.csv', [{ ...aug, ResourceId: 'b' }]), { ...opts, batch: 'b1' });
      const partial = await store.ingest(writeFocus(dir, 'one-service.csv', [{ ...aug, ResourceId: 'c' }]), { ...opts, supersede: false });
      expect([p2.superseded, partial.superseded]).toEqual([[], []]);
      expect((await statuses()).map((s) => s[1])).toEqual(['ok×1', 'ok×1', 'ok×1']);
    });

    it('the parts of one export are stored together or not at all, so a retry after a bad part supersedes nothing', async () => {
      const part1 = writeFocus(dir, 'x1.csv', [{ ...aug, ResourceId: 'a' }]);
      const part2 = writeFocus(dir, 'x2.csv', [{ ...aug, ResourceId: 'b' }]);
      const broken = join(dir, 'x2-broken.csv.gz');
      writeFileSync(broken, gzipSync(readFileSync(part2)).subarray(0, 40));
      await expect(store.ingestAll([part1, broken], opts)).rejects.toThrow(/x2-broken\.csv\.gz/);
      expect(await store.files()).toEqual([]);
      expect(await statuses()).toEqual([]);
      const retry = await store.ingestAll([part1, part2], opts);
      expect(retry.map((r) => [r.duplicate, r.superseded])).toEqual([[false, []], [false, []]]);
      // the failed command used up no file numbers
      expect(retry.map((r) => r.fileId)).toEqual([1, 2]);
      expect((await statuses()).map((s) => s[1])).toEqual(['ok×1', 'ok×1']);
      // the same command once more stores nothing twice
      const again = await store.ingestAll([part1, part2], opts);
      expect(again.map((r) => r.duplicate)).toEqual([true, true]);
      expect((await statuses()).map((s) => s[1])).toEqual(['ok×1', 'ok×1']);
    });

    it('uses the billing period column when the export has one (late usage invoiced with the earlier month)', async () => {
      const header = [...FOCUS_HEADER, 'BillingPeriodStart'];
      const first = await store.ingest(writeFocus(dir, 'p1.csv', [{ ...aug, BillingPeriodStart: '2026-08-01T00:00:00Z' } as never], header), opts);
      const second = await store.ingest(writeFocus(dir, 'p2.csv', [{ ...sep, BillingPeriodStart: '2026-08-01T00:00:00Z' } as never], header), opts);
      expect(second.superseded.map((x) => [x.fileId, x.rows])).toEqual([[first.fileId, 1]]);
      const bp = await store.db.all<{ p: string }>("SELECT DISTINCT strftime(billing_period, '%Y-%m-%d') AS p FROM usage");
      expect(bp).toEqual([{ p: '2026-08-01' }]);
    });
  });
});
