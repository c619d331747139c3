// Tests may read files; the factor modules themselves may not (see eslint.config.js).
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  awsRegionFromLocation,
  gridFactors,
  gridSources,
  lookupGrid,
  providerDefaultGrid,
  regionDisplayNames,
} from './grid.js';
import type { Provider } from './types.js';

const providers: readonly Provider[] = ['aws', 'azure', 'gcp', 'oracle', 'other'];
const defaults = providers.map(providerDefaultGrid);
const regionsOf = (p: Provider): string[] => gridFactors.filter((f) => f.provider === p).map((f) => f.region);

describe('grid factor table', () => {
  const sourceIds = new Set(gridSources.map((s) => s.id));

  it('has unique source ids', () => {
    expect(sourceIds.size).toBe(gridSources.length);
  });

  it('every factor (defaults included) is well formed and cites a known source', () => {
    for (const f of [...gridFactors, ...defaults]) {
      expect(sourceIds.has(f.source), `${f.id} source ${f.source}`).toBe(true);
      expect(Number.isFinite(f.gCO2ePerKWh) && f.gCO2ePerKWh > 0, f.id).toBe(true);
      expect(f.band.low, f.id).toBeGreaterThan(0);
      expect(f.band.low, f.id).toBeLessThanOrEqual(1);
      expect(f.band.high, f.id).toBeGreaterThanOrEqual(1);
      expect(f.year, f.id).toBeGreaterThanOrEqual(2018);
      expect(f.id).toBe(`grid:${f.provider}:${f.region}`);
      expect(f.region).toBe(f.region.toLowerCase());
      if (f.carbonFreeShare !== undefined) {
        expect(f.carbonFreeShare, f.id).toBeGreaterThanOrEqual(0);
        expect(f.carbonFreeShare, f.id).toBeLessThanOrEqual(1);
      }
    }
  });

  it('has unique ids', () => {
    const ids = [...gridFactors, ...defaults].map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every current public AWS region', () => {
    const expected = [
      'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'us-gov-east-1', 'us-gov-west-1',
      'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2', 'ap-northeast-1',
      'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
      'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1',
      'cn-north-1', 'cn-northwest-1', 'eu-central-1', 'eu-central-2', 'eu-west-1', 'eu-west-2',
      'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
      'me-central-1', 'mx-central-1', 'sa-east-1',
    ];
    expect(regionsOf('aws')).toEqual(expect.arrayContaining(expected));
  });

  it('covers the Azure regions the Carbon Aware SDK lists (bar canary/staging ones)', () => {
    const casdk = [
      'eastus', 'eastus2', 'southcentralus', 'westus2', 'westus3', 'australiaeast', 'southeastasia',
      'northeurope', 'swedencentral', 'uksouth', 'westeurope', 'centralus', 'southafricanorth',
      'centralindia', 'eastasia', 'japaneast', 'koreacentral', 'canadacentral', 'francecentral',
      'germanywestcentral', 'italynorth', 'norwayeast', 'polandcentral', 'spaincentral',
      'mexicocentral', 'brazilsouth', 'israelcentral', 'qatarcentral', 'northcentralus', 'westus',
      'jioindiawest', 'switzerlandnorth', 'uaenorth', 'westcentralus', 'southafricawest',
      'australiacentral', 'australiacentral2', 'australiasoutheast', 'japanwest', 'jioindiacentral',
      'koreasouth', 'southindia', 'westindia', 'canadaeast', 'francesouth', 'germanynorth',
      'norwaywest', 'switzerlandwest', 'ukwest', 'uaecentral', 'brazilsoutheast',
    ];
    expect(regionsOf('azure')).toEqual(expect.arrayContaining(casdk));
    expect(regionsOf('azure').length).toBeGreaterThanOrEqual(55);
  });

  it('has no oracle or other rows (they use the world-average default)', () => {
    expect(regionsOf('oracle')).toEqual([]);
    expect(regionsOf('other')).toEqual([]);
  });
});

describe('spot values', () => {
  it('us-east-1 is CCF\'s eGRID SERC figure (0.000415755 t/kWh)', () => {
    const f = lookupGrid('aws', 'us-east-1');
    expect(f?.gCO2ePerKWh).toBeCloseTo(415.755, 6);
    expect(f?.source).toBe('ccf-grid-2021-egrid');
    expect(f?.zone).toBe('US-SERC');
  });

  it("europe-north1 is Google's 2024 figure with its CFE share", () => {
    const f = lookupGrid('gcp', 'europe-north1');
    expect(f?.gCO2ePerKWh).toBeCloseTo(39.32, 6);
    expect(f?.carbonFreeShare).toBeCloseTo(0.98, 6);
    expect(f?.year).toBe(2024);
  });

  it('il-central-1 is a proxy: Ember\'s 2023 average for Israel', () => {
    const f = lookupGrid('aws', 'il-central-1');
    expect(f?.source).toBe('ember-2024');
    expect(f?.gCO2ePerKWh).toBeCloseTo(567.26, 6);
    expect(f?.year).toBe(2023);
    expect(f?.zone).toBe('IL');
    expect(f?.band).toEqual({ low: 0.75, high: 1.3 });
  });

  it('reads the two malformed CCF Azure cells as t/kWh with the leading 0. restored', () => {
    expect(lookupGrid('azure', 'finlandcentral')?.gCO2ePerKWh).toBe(77);
    expect(lookupGrid('azure', 'germanywestcentral')?.gCO2ePerKWh).toBe(402);
  });

  it('widens the band where the local grid is known to differ (ca-west-1 sits on Alberta\'s grid)', () => {
    const f = lookupGrid('aws', 'ca-west-1');
    expect(f?.gCO2ePerKWh).toBeCloseTo(184.99, 6);
    expect((f?.gCO2ePerKWh ?? 0) * (f?.band.high ?? 0)).toBeGreaterThan(402);
  });
});

describe('lookupGrid', () => {
  it('is case-insensitive and accepts AWS availability zones and bill locations', () => {
    expect(lookupGrid('aws', 'US-EAST-1')?.id).toBe('grid:aws:us-east-1');
    expect(lookupGrid('aws', 'us-east-1a')?.id).toBe('grid:aws:us-east-1');
    expect(lookupGrid('aws', 'eu-central-2b')?.id).toBe('grid:aws:eu-central-2');
    expect(lookupGrid('aws', 'us-gov-west-1a')?.id).toBe('grid:aws:us-gov-west-1');
    expect(lookupGrid('aws', 'US East (N. Virginia)')?.id).toBe('grid:aws:us-east-1');
  });

  it('accepts Azure ARM, display and billing names', () => {
    expect(lookupGrid('azure', 'eastus')?.id).toBe('grid:azure:eastus');
    expect(lookupGrid('azure', 'East US')?.id).toBe('grid:azure:eastus');
    expect(lookupGrid('azure', 'EastUS2')?.id).toBe('grid:azure:eastus2');
    expect(lookupGrid('azure', 'US East')?.id).toBe('grid:azure:eastus');
    expect(lookupGrid('azure', 'US East 2')?.id).toBe('grid:azure:eastus2');
    expect(lookupGrid('azure', 'US West Central')?.id).toBe('grid:azure:westcentralus');
    expect(lookupGrid('azure', 'EU West')?.id).toBe('grid:azure:westeurope');
    expect(lookupGrid('azure', 'AP Southeast')?.id).toBe('grid:azure:southeastasia');
    expect(lookupGrid('azure', 'DE West Central')?.id).toBe('grid:azure:germanywestcentral');
    expect(lookupGrid('azure', 'JA East')?.id).toBe('grid:azure:japaneast');
    expect(lookupGrid('azure', 'AU Central 2')?.id).toBe('grid:azure:australiacentral2');
    expect(lookupGrid('azure', 'IN Central')?.id).toBe('grid:azure:centralindia');
    expect(lookupGrid('azure', 'Sweden Central')?.id).toBe('grid:azure:swedencentral');
    // geographies written out first, as older exports' ResourceLocation does
    expect(lookupGrid('azure', 'asiaeast')?.id).toBe('grid:azure:eastasia');
    expect(lookupGrid('azure', 'Europe West')?.id).toBe('grid:azure:westeurope');
    expect(lookupGrid('azure', 'indiacentral')?.id).toBe('grid:azure:centralindia');
    expect(lookupGrid('azure', 'usnorth')?.id).toBe('grid:azure:northcentralus');
    expect(lookupGrid('azure', 'US South')?.id).toBe('grid:azure:southcentralus');
    expect(lookupGrid('azure', 'US North Central')?.id).toBe('grid:azure:northcentralus');
    expect(lookupGrid('azure', 'atlantis')).toBeUndefined();
  });

  it('accepts GCP zones', () => {
    expect(lookupGrid('gcp', 'us-central1-a')?.id).toBe('grid:gcp:us-central1');
    expect(lookupGrid('gcp', 'europe-west10-c')?.id).toBe('grid:gcp:europe-west10');
  });

  it('returns undefined for unknown regions and for another provider\'s names', () => {
    expect(lookupGrid('aws', 'mars-north-1')).toBeUndefined();
    expect(lookupGrid('aws', 'eastus')).toBeUndefined();
    expect(lookupGrid('azure', 'us-east-1')).toBeUndefined();
    expect(lookupGrid('azure', 'US Nowhere')).toBeUndefined();
    expect(lookupGrid('gcp', '')).toBeUndefined();
    expect(lookupGrid('oracle', 'us-ashburn-1')).toBeUndefined();
  });
});

describe('providerDefaultGrid', () => {
  it('is the unweighted mean of the provider table, with a wide band', () => {
    for (const p of ['aws', 'azure', 'gcp'] as const) {
      const rows = gridFactors.filter((f) => f.provider === p);
      const mean = rows.reduce((s, f) => s + f.gCO2ePerKWh, 0) / rows.length;
      const d = providerDefaultGrid(p);
      expect(d.id).toBe(`grid:${p}:default`);
      expect(d.gCO2ePerKWh).toBeCloseTo(mean, 2);
      expect(d.band).toEqual({ low: 0.5, high: 1.8 });
    }
  });

  it('falls back to the Ember world average for providers without a table', () => {
    expect(providerDefaultGrid('oracle').gCO2ePerKWh).toBeCloseTo(472.94, 6);
    expect(providerDefaultGrid('other').id).toBe('grid:other:default');
  });
});

describe('awsRegionFromLocation', () => {
  it('maps both EU and Europe spellings, ignoring case and accents', () => {
    expect(awsRegionFromLocation('EU (Frankfurt)')).toBe('eu-central-1');
    expect(awsRegionFromLocation('Europe (Frankfurt)')).toBe('eu-central-1');
    expect(awsRegionFromLocation('Europe (Spain)')).toBe('eu-south-2');
    expect(awsRegionFromLocation('asia pacific (seoul)')).toBe('ap-northeast-2');
    expect(awsRegionFromLocation('South America (São Paulo)')).toBe('sa-east-1');
    expect(awsRegionFromLocation('US West (Oregon)')).toBe('us-west-2');
  });

  it('returns undefined for coarse or unknown locations', () => {
    expect(awsRegionFromLocation('External')).toBeUndefined();
    expect(awsRegionFromLocation('Europe')).toBeUndefined();
  });

  it('maps only to regions in the grid table', () => {
    const aws = new Set(regionsOf('aws'));
    for (const code of Object.values(regionDisplayNames)) expect(aws.has(code), code).toBe(true);
  });
});

// Conformance with the raw reference files in the sibling checkout ../shared (not vendored into the
// repo, see shared/data/SOURCES.md). Skipped cleanly when that checkout is absent, e.g. in CI.
const shared = (file: string): URL => new URL(`../../../shared/data/${file}`, import.meta.url);
const googleCsv = shared('region-factors/google_region_carbon_2024.csv');
const ccfAwsCsv = shared('region-factors/ccf_grid-emissions-factors-aws.csv');
const ccfAzureCsv = shared('region-factors/ccf_grid-emissions-factors-azure.csv');
const emberJson = shared('grid/co2js_ember_average-intensities.json');

/** Data rows of a small CSV without quoted commas (true of these three files). */
function csvRows(url: URL): string[][] {
  return readFileSync(url, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

describe.skipIf(!existsSync(googleCsv))("conformance: Google's 2024 region file", () => {
  it('has every GCP region in it, with the same intensity and CFE share', () => {
    const rows = csvRows(googleCsv);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    for (const [region = '', , cfe = '', g = ''] of rows) {
      const f = lookupGrid('gcp', region);
      expect(f, region).toBeDefined();
      expect(f?.gCO2ePerKWh, region).toBeCloseTo(Number(g), 6);
      expect(f?.carbonFreeShare, region).toBeCloseTo(Number(cfe), 6);
    }
    expect(regionsOf('gcp').length).toBe(rows.length);
  });
});

describe.skipIf(!existsSync(ccfAwsCsv) || !existsSync(ccfAzureCsv))("conformance: CCF's grid tables", () => {
  it('has every CCF AWS region with its value (t/kWh × 1e6)', () => {
    for (const [region = '', , , t = ''] of csvRows(ccfAwsCsv)) {
      expect(lookupGrid('aws', region)?.gCO2ePerKWh, region).toBeCloseTo(Number(t) * 1e6, 6);
    }
  });

  it('has every CCF Azure region (display name) with its value', () => {
    for (const [name = '', , , t = ''] of csvRows(ccfAzureCsv)) {
      // Two cells lack their leading '0.' ('000077'): a number ≥ 1 t/kWh is read as already ×1e6.
      const tonnes = Number(t);
      const g = tonnes >= 1 ? tonnes : tonnes * 1e6;
      expect(lookupGrid('azure', name)?.gCO2ePerKWh, name).toBeCloseTo(g, 6);
    }
  });
});

describe.skipIf(!existsSync(emberJson))("conformance: Ember's country averages", () => {
  // ISO alpha-2 (our zones) to the alpha-3 keys of co2.js's file, for the countries we use.
  const alpha3: Readonly<Record<string, string>> = {
    AE: 'ARE', AT: 'AUT', AU: 'AUS', BR: 'BRA', CA: 'CAN', CH: 'CHE', CL: 'CHL', DE: 'DEU', DK: 'DNK',
    ES: 'ESP', FR: 'FRA', GR: 'GRC', ID: 'IDN', IL: 'ISR', IN: 'IND', IT: 'ITA', JP: 'JPN', KR: 'KOR',
    MX: 'MEX', MY: 'MYS', NO: 'NOR', NZ: 'NZL', PL: 'POL', QA: 'QAT', SA: 'SAU', SE: 'SWE', TH: 'THA',
    TW: 'TWN', ZA: 'ZAF', WORLD: 'World',
  };
  interface EmberEntry {
    readonly year: number;
    readonly emissions_intensity_gco2_per_kwh: number;
  }

  it('matches the file for every Ember-sourced factor, value and year', () => {
    const file = JSON.parse(readFileSync(emberJson, 'utf8')) as Readonly<Record<string, EmberEntry>>;
    const ember = [...gridFactors, ...defaults].filter((f) => f.source === 'ember-2024');
    expect(ember.length).toBeGreaterThan(0);
    for (const f of ember) {
      const key = alpha3[f.zone];
      const entry = key === undefined ? undefined : file[key];
      expect(entry, f.id).toBeDefined();
      expect(f.gCO2ePerKWh, f.id).toBeCloseTo(entry?.emissions_intensity_gco2_per_kwh ?? NaN, 6);
      expect(f.year, f.id).toBe(entry?.year);
    }
  });
});
