import { describe, expect, it } from 'vitest';
import { coefficient, coefficientFactors, coefficientSources, lookupReplication, replicationFactors } from './coefficients.js';

const sourceIds = new Set(coefficientSources.map((s) => s.id));
const all = [...coefficientFactors, ...replicationFactors];

describe('coefficient and replication tables', () => {
  it('cite a listed source, with finite positive values and a band around 1', () => {
    for (const f of all) {
      expect(sourceIds.has(f.source), f.id).toBe(true);
      expect(f.band.low).toBeLessThanOrEqual(1);
      expect(f.band.high).toBeGreaterThanOrEqual(1);
    }
    for (const c of coefficientFactors) expect(Number.isFinite(c.value) && c.value > 0, c.id).toBe(true);
    for (const r of replicationFactors) expect(Number.isInteger(r.factor) && r.factor >= 1, r.id).toBe(true);
  });

  it('have unique ids: coef:<name>, repl:<provider>:<service>', () => {
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    for (const c of coefficientFactors) expect(c.id).toBe(`coef:${c.name}`);
    for (const r of replicationFactors) expect(r.id).toBe(`repl:${r.provider}:${r.service}`);
  });
});

describe('coefficient', () => {
  it("returns CCF's defaults with their units", () => {
    expect(coefficient('memory')).toMatchObject({ id: 'coef:memory', value: 0.000392, unit: 'kWh/GB-h' });
    expect(coefficient('ssd')).toMatchObject({ value: 1.2, unit: 'Wh/TB-h' });
    expect(coefficient('hdd')).toMatchObject({ value: 0.65, unit: 'Wh/TB-h' });
    expect(coefficient('network')).toMatchObject({ value: 0.001, unit: 'kWh/GB' });
  });

  it('gives the coarse network figure a wider band than memory and storage', () => {
    expect(coefficient('network').band.low).toBeLessThan(coefficient('memory').band.low);
    expect(coefficient('network').band.high).toBeGreaterThan(coefficient('memory').band.high);
  });
});

describe('lookupReplication', () => {
  it.each([
    ['aws', 's3', 6],
    ['aws', 'ebs', 2],
    ['aws', 'ebs-snapshot', 3],
    ['aws', 'efs', 3],
    ['aws', 'rds-multi-az', 2],
    ['aws', 'aurora', 6],
    ['aws', 'dynamodb', 2],
    ['gcp', 'cloud-storage', 2],
    ['gcp', 'regional-pd', 2],
    ['gcp', 'gke-regional', 3],
    ['azure', 'lrs', 3],
    ['azure', 'zrs', 3],
    ['azure', 'disks', 3],
    ['azure', 'grs', 6],
    ['azure', 'cosmos', 4],
  ] as const)('%s %s = %d', (provider, service, factor) => {
    expect(lookupReplication(provider, service)?.factor).toBe(factor);
  });

  it('accepts other spellings', () => {
    expect(lookupReplication('aws', 'S3')?.id).toBe('repl:aws:s3');
    expect(lookupReplication('aws', 'EBS Snapshot')?.id).toBe('repl:aws:ebs-snapshot');
    expect(lookupReplication('azure', 'azure-grs')?.id).toBe('repl:azure:grs');
    expect(lookupReplication('azure', 'Azure GRS')?.id).toBe('repl:azure:grs');
    expect(lookupReplication('azure', 'RA-GRS')?.id).toBe('repl:azure:grs');
    expect(lookupReplication('gcp', 'GCS')?.id).toBe('repl:gcp:cloud-storage');
  });

  it("resolves every key the billing classifier emits (src/sources/classify.ts)", () => {
    const emitted = [
      ['aws', 'ebs-snapshot'], ['aws', 's3'], ['aws', 'efs'], ['aws', 'aurora'], ['aws', 'dynamodb'], ['aws', 'rds'], ['aws', 'ebs'],
      ['gcp', 'cloud-storage'], ['gcp', 'persistent-disk'], ['gcp', 'ebs-snapshot'],
      ['azure', 'grs'], ['azure', 'cosmos'], ['azure', 'lrs'], ['azure', 'ebs-snapshot'],
      ['aws', 'default'], ['oracle', 'default'], ['other', 'default'],
    ] as const;
    for (const [p, s] of emitted) expect(lookupReplication(p, s), `${p} ${s}`).toBeDefined();
  });

  it('keeps providers apart and returns undefined for unknown services', () => {
    expect(lookupReplication('gcp', 's3')).toBeUndefined();
    expect(lookupReplication('aws', 'tape-library')).toBeUndefined();
  });
});
