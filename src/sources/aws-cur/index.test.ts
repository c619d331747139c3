import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../store/duckdb/connection.js';
import { awsCurSource } from './index.js';

let db: Db;
beforeAll(async () => {
  db = await openDb(':memory:');
});
afterAll(() => db.close());

const columns = ['lineItem/UsageStartDate', 'lineItem/UsageType', 'lineItem/LineItemType', 'lineItem/UnblendedCost', 'product/location'].map((name) => ({ name, type: 'VARCHAR' }));

async function regionOf(location: string | null, usageType = 'BoxUsage:m5.large'): Promise<string | null> {
  const { fields } = awsCurSource.map(columns, 'cur.csv');
  const rows = await db.all<{ region: string | null }>(
    `SELECT ${fields.region} AS region FROM (SELECT $1::VARCHAR AS "product/location", $2::VARCHAR AS "lineItem/UsageType")`,
    [location, usageType],
  );
  return rows[0]?.region ?? null;
}

describe('AWS CUR region', () => {
  it('reads location names as bills write them, whatever their case, spacing or accents', async () => {
    expect(await regionOf('EU (Frankfurt)')).toBe('eu-central-1');
    expect(await regionOf('Europe (Frankfurt)')).toBe('eu-central-1');
    expect(await regionOf('US East (Northern Virginia)')).toBe('us-east-1');
    expect(await regionOf('  south america (São  Paulo) ')).toBe('sa-east-1');
    expect(await regionOf('Asia Pacific (New Zealand)')).toBe('ap-southeast-6');
  });

  it('falls back to the usage-type prefix, and says nothing when neither is known', async () => {
    expect(await regionOf('Any', 'EUC1-BoxUsage:m5.large')).toBe('eu-central-1');
    expect(await regionOf('Atlantis (Central)', 'Requests')).toBeNull();
  });
});
