import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingSources } from '../../src/sources/index.js';
import { openDuckStore, type DuckStore } from '../../src/store/duckdb/index.js';
import { defaultProfile } from '../../src/core/methodology.js';
import { countCsvRecords } from '../helpers/csv-count.js';
import { scratchDir } from '../helpers/focus.js';
import { SHARED_DATA, hasShared, requireShared } from './shared.js';

requireShared();

const files = hasShared
  ? ['focus', 'focus/spec-v1.2-examples', 'aws-cur'].flatMap((d) =>
      readdirSync(join(SHARED_DATA, d)).filter((f) => f.endsWith('.csv') && !f.startsWith('conversion_rules') && f !== 'focus_columns_by_version.csv').map((f) => join(SHARED_DATA, d, f)))
  : [];

describe.skipIf(!hasShared)('every real export in ../shared/data ingests with every row accounted for', () => {
  let store: DuckStore;
  beforeAll(async () => {
    store = await openDuckStore(join(scratchDir(), 'conf.duckdb'));
  });
  afterAll(() => store.close());

  it.each(files.map((f) => [f.slice(SHARED_DATA.length), f]))('%s', async (_name, path) => {
    // The spec's examples are separate scenarios of one account and month, not re-exports of it:
    // ingested as restatements they would supersede each other.
    const supersede = !path.includes('spec-v1.2-examples');
    const r = await store.ingest(path, { candidates: billingSources, supersede });
    const a = r.accounting;
    expect(a.rowsRead).toBe(countCsvRecords(path));
    expect(a.estimated + a.costOnly + a.unclassified + a.rejected + a.superseded).toBe(a.rowsRead);
    if (!supersede) expect(a.superseded).toBe(0);
    // The real exports parse completely; the spec's hand-written examples contain a few impossible
    // values (e.g. 2023-02-01T30:00:00Z), its SaaS examples date every charge as M/D/YY (9/1/26), not
    // in ISO 8601 as FOCUS requires, and they write missing values as lowercase `null`. Those dates
    // must be rejected with their column and reason, never read (9/1/26 parses as the year 9).
    if (!path.includes('spec-v1.2-examples')) expect(a.rejected).toBe(0);
    if (path.includes('saas_examples')) expect(a.rejected).toBe(a.rowsRead);
    const rejects = await store.rejects({ fileId: r.fileId });
    expect(rejects).toHaveLength(a.rejected);
    for (const x of rejects) expect(x.column && x.reason).toBeTruthy();
    // their lowercase `null` is a missing value: only the impossible and M/D/YY date-times are refused
    for (const x of rejects) expect(x.reason).toBe('expected an ISO 8601 date-time (YYYY-MM-DDTHH:MM:SSZ)');
    if (path.includes('saas_examples')) for (const x of rejects) expect(x.value).toMatch(/^\d{1,2}\/\d{1,2}\/\d{2}$/);
    const again = await store.ingest(path, { candidates: billingSources, supersede });
    expect(again.duplicate).toBe(true);
  });

  it('estimates them all with no row dropped or doubled', async () => {
    await store.ensureEstimated(defaultProfile);
    const [u] = await store.db.all<{ n: number }>('SELECT count(*) AS n FROM usage');
    const [f] = await store.db.all<{ n: number; bad: number }>(
      "SELECT count(*) AS n, count(*) FILTER (WHERE NOT isfinite(kwh) OR NOT isfinite(operational_g) OR ((kwh < 0 OR operational_g < 0) AND quantity >= 0)) AS bad FROM footprint WHERE methodology = 'default'",
    );
    expect(f?.n).toBe(u?.n);
    // negative usage quantities (corrections) give negative energy, by design: they offset what they correct
    expect(f?.bad, "non-finite estimates, or negative ones from non-negative usage").toBe(0);
  });
});
