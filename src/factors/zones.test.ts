import { describe, expect, it } from 'vitest';
import { isGreenopsError, type GreenopsError } from '../core/errors.js';
import { gridFactors } from './grid.js';
import {
  closeZones, knownZones, regionOf, regionZones, resolveZone, zoneForBalancingAuthority, zoneForRegion, zoneId, zoneSources,
} from './zones.js';

const cloud = gridFactors.filter((f) => f.provider === 'aws' || f.provider === 'azure' || f.provider === 'gcp');

function thrown(f: () => unknown): GreenopsError {
  try {
    f();
  } catch (e) {
    if (isGreenopsError(e)) return e;
    throw e;
  }
  throw new Error('expected a GreenopsError');
}

describe('region ↔ zone table', () => {
  it('maps every AWS, Azure and GCP region of grid.ts, prefixed and bare', () => {
    for (const f of cloud) {
      expect(zoneForRegion(`${f.provider}:${f.region}`), f.id).toBeDefined();
      expect(zoneForRegion(f.region), f.id).toBe(zoneForRegion(`${f.provider}:${f.region}`));
    }
  });

  it('has exactly one entry per grid.ts region, and no other', () => {
    const keys = regionZones.map((e) => `${e.provider}:${e.region}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(cloud.map((f) => `${f.provider}:${f.region}`).sort());
  });

  it('uses only known zone ids and cites a known source with a note', () => {
    const zones = new Set(knownZones());
    for (const e of regionZones) {
      expect(zones.has(e.zone), `${e.region} → ${e.zone}`).toBe(true);
      expect(Object.keys(zoneSources)).toContain(e.source);
      expect(e.note.length, e.region).toBeGreaterThan(2);
    }
  });

  it("agrees with grid.ts's zone for GCP (Google's file names the local grid)", () => {
    for (const f of cloud.filter((x) => x.provider === 'gcp')) expect(zoneForRegion(`gcp:${f.region}`), f.region).toBe(f.zone);
  });

  it.each([
    ['eu-north-1', 'SE-SE3'], ['us-east-1', 'US-MIDA-PJM'], ['us-west-2', 'US-NW-BPAT'], ['europe-west4', 'NL'],
    ['eastus', 'US-MIDA-PJM'], ['uksouth', 'GB'], ['ap-southeast-2', 'AU-NSW'], ['sa-east-1', 'BR-CS'],
    ['azure:swedencentral', 'SE-SE3'], ['gcp:us-central1', 'US-MIDW-MISO'], ['westus2', 'US-NW-GCPD'],
  ])('%s → %s', (region, zone) => {
    expect(zoneForRegion(region)).toBe(zone);
  });

  it('accepts the spellings bills use: availability zones, location names, display names, GCP zones', () => {
    expect(zoneForRegion('aws:eu-north-1a')).toBe('SE-SE3');
    expect(zoneForRegion('US East (N. Virginia)')).toBe('US-MIDA-PJM');
    expect(zoneForRegion('AZURE: West Europe')).toBe('NL');
    expect(zoneForRegion('gcp:us-central1-a')).toBe('US-MIDW-MISO');
    expect(regionOf('Europe (Stockholm)')).toMatchObject({ provider: 'aws', region: 'eu-north-1' });
    expect(zoneForRegion('mars-north-1')).toBeUndefined();
  });
});

describe('zone ids', () => {
  it('lists Electricity Maps zones, sorted and unique', () => {
    const zones = knownZones();
    expect(zones.length).toBeGreaterThan(300);
    expect([...zones].sort()).toEqual(zones);
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones).toEqual(expect.arrayContaining(['DE', 'GB', 'SE-SE3', 'US-CAL-CISO', 'US-MIDA-PJM']));
  });

  it('gives the canonical spelling regardless of case', () => {
    expect(zoneId(' se-se3 ')).toBe('SE-SE3');
    expect(zoneId('SE-SE9')).toBeUndefined();
  });

  it('finds the zone of an EIA balancing authority code', () => {
    expect(['CISO', 'ERCO', 'PJM', 'NYIS', 'BPAT'].map(zoneForBalancingAuthority)).toEqual([
      'US-CAL-CISO', 'US-TEX-ERCO', 'US-MIDA-PJM', 'US-NY-NYIS', 'US-NW-BPAT',
    ]);
    expect(zoneForBalancingAuthority('XXXX')).toBeUndefined();
  });
});

describe('resolveZone', () => {
  it('accepts a zone id or a region', () => {
    expect(resolveZone('de')).toBe('DE');
    expect(resolveZone('aws:us-west-2')).toBe('US-NW-BPAT');
    expect(resolveZone('europe-west4')).toBe('NL');
  });

  it('names up to five close matches when neither is known', () => {
    const e = thrown(() => resolveZone('SE-SE5'));
    expect(e.code).toBe('E_ZONE_UNKNOWN');
    expect(e.message).toContain('"SE-SE5"');
    expect(e.message).toMatch(/close matches: .*SE-SE3/);
    const matches = e.data['matches'] as string[];
    expect(matches.length).toBeLessThanOrEqual(5);
    expect(matches).toContain('SE-SE4');
  });

  it('suggests regions for a misspelt region', () => {
    expect(closeZones('eu-nort-1')).toContain('aws:eu-north-1');
    const east = closeZones('us-east');
    expect(east).toHaveLength(5);
    for (const c of east) expect(c).toMatch(/:us-east/);
  });

  it('says where to look when nothing is close', () => {
    const e = thrown(() => resolveZone('qqqqqqqqqqqqqqqqqqqq'));
    expect(e.code).toBe('E_ZONE_UNKNOWN');
    expect(e.message).toContain('greenops factors --kind zone');
  });
});
