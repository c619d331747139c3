import { describe, expect, it } from 'vitest';
import { lookupPue, pueFactors, pueSources } from './pue.js';
import type { Provider } from './types.js';

const providers: readonly Provider[] = ['aws', 'azure', 'gcp', 'oracle', 'other'];

describe('PUE table', () => {
  const sourceIds = new Set(pueSources.map((s) => s.id));

  it('has unique source ids and factor ids', () => {
    expect(sourceIds.size).toBe(pueSources.length);
    const ids = pueFactors.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every factor is well formed and cites a known source', () => {
    for (const f of pueFactors) {
      expect(sourceIds.has(f.source), `${f.id} source ${f.source}`).toBe(true);
      expect(Number.isFinite(f.pue), f.id).toBe(true);
      // A PUE below 1 is impossible; the whole band must stay physical too.
      expect(f.pue * f.band.low, f.id).toBeGreaterThanOrEqual(1);
      expect(f.band.low, f.id).toBeLessThanOrEqual(1);
      expect(f.band.high, f.id).toBeGreaterThanOrEqual(1);
      expect(f.id).toBe(`pue:${f.provider}:${f.region ?? 'default'}`);
    }
  });

  it('has exactly one default per provider', () => {
    for (const p of providers) {
      expect(pueFactors.filter((f) => f.provider === p && f.region === undefined), p).toHaveLength(1);
    }
  });

  it('gives measured campus figures a narrower band than defaults', () => {
    const width = (p: Provider, r?: string): number => {
      const b = lookupPue(p, r).band;
      return b.high - b.low;
    };
    expect(width('gcp', 'europe-west4')).toBeLessThan(width('gcp'));
    expect(width('gcp', 'europe-west4')).toBeCloseTo(0.06, 10);
    expect(width('aws')).toBeLessThan(width('other'));
  });
});

describe('lookupPue', () => {
  it('returns the CCF provider defaults', () => {
    expect(lookupPue('aws').pue).toBe(1.135);
    expect(lookupPue('azure').pue).toBe(1.185);
    expect(lookupPue('gcp').pue).toBe(1.1);
    expect(lookupPue('other').pue).toBe(1.58);
    expect(lookupPue('oracle').pue).toBe(1.58);
  });

  it('prefers a region-specific figure', () => {
    const expected: Readonly<Record<string, number>> = {
      'us-east4': 1.08,
      'us-central1': 1.11,
      'europe-west1': 1.09,
      'europe-west4': 1.07,
      'europe-north1': 1.09,
      'asia-east1': 1.12,
      'asia-southeast1': 1.13,
    };
    for (const [region, pue] of Object.entries(expected)) {
      const f = lookupPue('gcp', region);
      expect(f.pue, region).toBe(pue);
      expect(f.id).toBe(`pue:gcp:${region}`);
    }
  });

  it('is case-insensitive and accepts GCP zones', () => {
    expect(lookupPue('gcp', 'US-CENTRAL1').pue).toBe(1.11);
    expect(lookupPue('gcp', 'us-central1-b').pue).toBe(1.11);
  });

  it('falls back to the provider default for other regions', () => {
    expect(lookupPue('gcp', 'us-west1').id).toBe('pue:gcp:default');
    expect(lookupPue('aws', 'us-east-1').id).toBe('pue:aws:default');
    // A GCP region name under another provider does not pick up Google's figure.
    expect(lookupPue('aws', 'europe-west4').pue).toBe(1.135);
  });
});
