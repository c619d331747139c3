import { describe, expect, it } from 'vitest';
import { isGreenopsError } from '../../core/errors.js';
import { lookupGrid } from '../../factors/grid.js';
import { runProviderContract } from '../contract.js';
import { factorForZone, staticProvider } from './index.js';

const now = () => new Date('2024-06-01T12:30:00Z');
const q = (zone: string, from: string, to: string) => ({ zone, from: new Date(from), to: new Date(to) });

runProviderContract({ name: 'static', make: () => ({ provider: staticProvider({ now }), query: q('SE-SE3', '2024-05-31T22:15Z', '2024-06-02T03:45Z') }) });

describe('static provider', () => {
  it("uses a region's own factor and labels the series with the region's zone", async () => {
    const s = await staticProvider({ now }).series(q('aws:eu-north-1', '2024-06-01T00:00Z', '2024-06-01T03:00Z'));
    expect(s.zone).toBe('SE-SE3');
    expect(s.points.map((p) => p.gCO2ePerKWh)).toEqual([8, 8, 8]);
    expect(s.source).toContain('grid:aws:eu-north-1 (ccf-grid-2021-eea, 2021)');
    expect(s.points.every((p) => p.estimated && p.signal === 'average' && p.durationMinutes === 60)).toBe(true);
  });

  it('marks hours before the query time actual and the rest forecast', async () => {
    const s = await staticProvider({ now }).series(q('DE', '2024-06-01T10:00Z', '2024-06-01T15:00Z'));
    expect(s.points.map((p) => p.kind)).toEqual(['actual', 'actual', 'actual', 'forecast', 'forecast']);
  });

  it.each([
    ['DE', 'grid:gcp:europe-west3', 'zone'],
    ['US-NW-BPAT', 'grid:gcp:us-west1', 'zone'],
    ['SE', 'grid:aws:eu-central-2', ''],
    ['US-NW-WACM', 'grid:azure:westcentralus', 'region azure:westcentralus in US-NW-WACM'],
    ['SE-SE4', 'grid:azure:swedensouth', 'region azure:swedensouth'],
    ['GB-13', 'grid:gcp:europe-west2', 'country GB'],
  ])('finds a factor for zone %s', (zone, id, via) => {
    const f = factorForZone(zone);
    if (zone !== 'SE') expect(f.factor.id).toBe(id);
    else expect(f.factor.zone).toBe('SE');
    expect(f.via).toContain(via);
  });

  it('prefers the local-grid figure over a country average for the same zone', () => {
    expect(factorForZone('FR').factor.source).toBe('google-region-carbon-2024');
    expect(factorForZone('azure:francecentral').factor).toBe(lookupGrid('azure', 'francecentral'));
  });

  it('refuses an unknown zone with close matches, and a known zone without any factor', async () => {
    await expect(staticProvider().series(q('SE-SE9', '2024-01-01T00:00Z', '2024-01-01T01:00Z'))).rejects.toSatisfy(
      (e) => isGreenopsError(e) && e.code === 'E_ZONE_UNKNOWN' && /close matches: .*SE-SE3/.test(e.message),
    );
    await expect(staticProvider().series(q('PT', '2024-01-01T00:00Z', '2024-01-01T01:00Z'))).rejects.toSatisfy(
      (e) => isGreenopsError(e) && e.code === 'E_ZONE_UNKNOWN' && e.message.startsWith('no annual grid factor for zone "PT"'),
    );
  });
});
