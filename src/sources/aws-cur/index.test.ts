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

describe('AWS CUR effective cost', () => {
  const legacy = [
    'lineItem/UsageStartDate', 'lineItem/UsageType', 'lineItem/LineItemType', 'lineItem/UnblendedCost', 'savingsPlan/SavingsPlanEffectiveCost',
    'reservation/EffectiveCost', 'savingsPlan/TotalCommitmentToDate', 'savingsPlan/UsedCommitment',
    'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod', 'reservation/UnusedRecurringFee', 'reservation/ReservationARN',
  ];
  // CUR 2.0 writes the same columns in snake case (and the ARN as `a_r_n`)
  const cur2 = legacy.map((n) => n.replace('/', '_').replace(/([a-z])([A-Z])/g, '$1_$2').replace('ARN', 'A_R_N').toLowerCase());

  /** The effective cost of one line: the first three columns are start, usage type and line type, then `cells`. */
  async function effective(names: readonly string[], type: string, cells: readonly (string | null)[]): Promise<number | null> {
    const { fields } = awsCurSource.map(names.map((name) => ({ name, type: 'VARCHAR' })), 'cur.csv');
    const select = names.map((n, i) => `$${i + 1}::VARCHAR AS "${n}"`).join(', ');
    const rows = await db.all<{ cost: number | null }>(
      `SELECT TRY_CAST(${fields.effective_cost.sql} AS DOUBLE) AS cost FROM (SELECT ${select})`,
      ['2024-01-01T00:00:00Z', 'BoxUsage:m5.large', type, ...cells],
    );
    return rows[0]?.cost ?? null;
  }

  it('amortizes commitments once: covered usage carries its share, fee lines only what went unused', async () => {
    for (const names of [legacy, cur2]) {
      // unblended, SP effective, RI effective, SP commitment to date, SP used, RI unused upfront, RI unused recurring, ARN
      const cells = (unblended: string, arn: string | null = null): Array<string | null> => [unblended, '0.04', '0.06', '1.68', '1.5', '0.1', '0.2', arn];
      expect(await effective(names, 'Usage', cells('0.096'))).toBe(0.096);
      expect(await effective(names, 'SavingsPlanCoveredUsage', cells('0.096'))).toBe(0.04);
      expect(await effective(names, 'SavingsPlanNegation', cells('-0.096'))).toBe(0);
      expect(await effective(names, 'SavingsPlanRecurringFee', cells('1.68'))).toBeCloseTo(0.18, 12);
      expect(await effective(names, 'SavingsPlanUpfrontFee', cells('100'))).toBe(0);
      expect(await effective(names, 'DiscountedUsage', cells('0'))).toBe(0.06);
      expect(await effective(names, 'RIFee', cells('1.44'))).toBeCloseTo(0.3, 12);
      expect(await effective(names, 'Fee', cells('500', 'arn:aws:ec2:us-east-1:1:reserved-instances/x'))).toBe(0);
      expect(await effective(names, 'Fee', cells('500'))).toBe(500);
      expect(await effective(names, 'Tax', cells('0.5'))).toBe(0.5);
      // the amortizing cells empty on a fee line: its unblended cost stands
      const blank = ['1.44', null, null, null, null, null, null, null];
      expect(await effective(names, 'RIFee', blank)).toBe(1.44);
      expect(await effective(names, 'SavingsPlanRecurringFee', blank)).toBe(1.44);
    }
  });

  it('keeps a fee line\'s unblended cost when the export lacks the columns that amortize it', async () => {
    const names = ['lineItem/UsageStartDate', 'lineItem/UsageType', 'lineItem/LineItemType', 'lineItem/UnblendedCost'];
    expect(await effective(names, 'RIFee', ['1.44'])).toBe(1.44);
    expect(await effective(names, 'SavingsPlanRecurringFee', ['1.68'])).toBe(1.68);
  });
});

describe('AWS CUR 2.0 product name', () => {
  const base = ['line_item_usage_start_date', 'line_item_usage_type', 'line_item_line_item_type', 'line_item_unblended_cost', 'line_item_product_code'];
  async function service(productType: string, product: string): Promise<string | null> {
    const cols = [...base.map((name) => ({ name, type: 'VARCHAR' })), { name: 'product', type: productType }];
    const { fields } = awsCurSource.map(cols, 'cur2.parquet');
    const rows = await db.all<{ service: string | null }>(`SELECT ${fields.service} AS service FROM (SELECT 'AmazonEC2' AS line_item_product_code, ${product} AS product)`);
    return rows[0]?.service ?? null;
  }

  it('reads the service from the product map (Parquet) or its JSON text (CSV), as the legacy product name', async () => {
    expect(await service('MAP(VARCHAR, VARCHAR)', "MAP {'product_name': 'Amazon Elastic Compute Cloud', 'region': 'us-east-1'}")).toBe('Amazon Elastic Compute Cloud');
    expect(await service('VARCHAR', `'{"product_name":"Amazon Elastic Compute Cloud"}'`)).toBe('Amazon Elastic Compute Cloud');
    expect(await service('MAP(VARCHAR, VARCHAR)', "MAP {'region': 'us-east-1'}")).toBe('AmazonEC2');
    expect(await service('VARCHAR', "'not json'")).toBe('AmazonEC2');
  });
});
