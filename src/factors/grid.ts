/**
 * Location-based annual grid emission factors (gCO2e/kWh) of cloud regions, one per region.
 *
 * Sources, in order of preference (each factor names the one it uses):
 * 1. GCP: Google's own 2024 region file (grid intensity of the region's local grid, plus CFE%).
 * 2. AWS and Azure regions in Cloud Carbon Footprint's grid tables: CCF's value, so that the ccf
 *    methodology profile reproduces CCF exactly. CCF compiled them from EPA eGRID (NERC regions),
 *    the EEA, EMA Singapore and carbonfootprint.com; each has its own source id below.
 * 3. Any other region: Ember's annual country average (co2.js `average-intensities.json`), with the
 *    year of each country's figure. Ember has no US-state or sub-national entries.
 *
 * Pure data: no I/O. Tests cross-check these tables against the raw files in ../shared/data.
 */
import type { Band, GridFactor, Provider, SourceRef } from './types.js';

export const gridSources: readonly SourceRef[] = [
  {
    id: 'google-region-carbon-2024',
    title: 'Carbon free energy for Google Cloud regions, yearly data 2024 (grid carbon intensity and Google CFE%)',
    publisher: 'Google',
    year: 2024,
    url: 'https://github.com/GoogleCloudPlatform/region-carbon-info/blob/49f3f26bfd682305e8d9b572fea1f811900421a9/data/yearly/2024.csv',
    license: 'Apache-2.0',
  },
  ccfSource('egrid', 'US EPA eGRID, NERC-region output rates'),
  ccfSource('eea', 'European Environment Agency, CO2 intensity of electricity generation'),
  ccfSource('ema', 'Energy Market Authority of Singapore, grid emission factor'),
  ccfSource('carbonfootprint', 'carbonfootprint.com, country electricity factors'),
  {
    id: 'ember-2024',
    title: 'Ember annual average carbon intensity of electricity per country, as packaged by co2.js',
    publisher: 'Ember (data, CC-BY-4.0), The Green Web Foundation (co2.js)',
    year: 2024,
    url: 'https://github.com/thegreenwebfoundation/co2.js/blob/27cbe8328aeaad0824fb07b3640dc45b72228c7b/data/output/average-intensities.json',
    license: 'CC-BY-4.0 (data), Apache-2.0 (co2.js)',
  },
  {
    // Cited only in notes, to justify widened bands; no central value comes from it.
    id: 'electricitymaps-2024',
    title: 'Electricity Maps yearly carbon intensity per zone, 2024, as packaged by co2.js',
    publisher: 'Electricity Maps (data, ODbL), The Green Web Foundation (co2.js)',
    year: 2024,
    url: 'https://github.com/thegreenwebfoundation/co2.js/blob/27cbe8328aeaad0824fb07b3640dc45b72228c7b/data/output/electricity-maps/yearly_2024.json',
    license: 'ODbL (data), Apache-2.0 (co2.js)',
  },
  {
    id: 'greenops-provider-mean',
    title: "Unweighted mean of a provider's regional grid factors in greenops's table (fallback for unknown regions)",
    publisher: 'greenops (derived from the sources above)',
    year: 2024,
  },
];

type CcfVia = 'egrid' | 'eea' | 'ema' | 'carbonfootprint';

function ccfSource(via: CcfVia, underlying: string): SourceRef {
  return {
    id: `ccf-grid-2021-${via}`,
    title: `Cloud Carbon Footprint grid emissions factors (data/grid-emissions-factors-{aws,azure}.csv); underlying: ${underlying}`,
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2021,
    url: 'https://github.com/cloud-carbon-footprint/cloud-carbon-coefficients/tree/dda7621f8ab227dcb45096af6ccc2227aaf92b3e/data',
    license: 'Apache-2.0',
  };
}

/*
 * Bands: an annual average stands in for the hours a workload actually ran, and grids drift a few
 * per cent a year. Google's local-grid figures and eGRID subregions describe the region's own grid:
 * ±15 %. A country average stands in for the region's local grid: wider. CCF's country figures are
 * also older (c. 2019–2021) and mix accounting bases; against Electricity Maps 2024 most fall within
 * 0.6–1.4 of today's local grid, so they get that band. Where we know the region's local grid differs
 * by more (Canadian provinces, the WECC interconnection, near-zero Nordic and French grids), `check`
 * widens the band to cover the local 2024 figure and says so in the note.
 */
const LOCAL_GRID: Band = { low: 0.85, high: 1.15 };
const CCF_COUNTRY: Band = { low: 0.6, high: 1.4 };
const COUNTRY: Band = { low: 0.75, high: 1.3 };
/** Provider means stand in for any region: they span most of the provider's table. */
const PROVIDER_MEAN: Band = { low: 0.5, high: 1.8 };

/** The region's local grid in Electricity Maps' 2024 yearly data (zone, gCO2e/kWh). */
interface LocalCheck {
  readonly zone: string;
  readonly g: number;
}

function widen(base: Band, value: number, check: LocalCheck | undefined): Band {
  if (check === undefined) return base;
  const ratio = check.g / value;
  return {
    low: Math.min(base.low, Math.floor(ratio * 0.9 * 100) / 100),
    high: Math.max(base.high, Math.ceil(ratio * 1.1 * 100) / 100),
  };
}

function checkNote(check: LocalCheck | undefined): string {
  return check === undefined
    ? ''
    : `; local grid ${check.zone} ≈ ${check.g} g/kWh in 2024 (electricitymaps-2024), band widened to cover it`;
}

const VIA_NAME: Readonly<Record<CcfVia, string>> = {
  egrid: 'EPA eGRID',
  eea: 'EEA',
  ema: 'EMA Singapore',
  carbonfootprint: 'carbonfootprint.com',
};

/** A row of CCF's table; `g` is CCF's metric t/kWh × 1e6, written out to avoid float noise. */
function ccf(
  provider: 'aws' | 'azure',
  region: string,
  zone: string,
  g: number,
  via: CcfVia,
  check?: LocalCheck,
): GridFactor {
  const base = via === 'egrid' ? LOCAL_GRID : CCF_COUNTRY;
  return {
    id: `grid:${provider}:${region}`,
    provider,
    region,
    zone,
    gCO2ePerKWh: g,
    source: `ccf-grid-2021-${via}`,
    year: 2021,
    band: widen(base, g, check),
    note: `CCF table, data from ${VIA_NAME[via]} (underlying year not stated, c. 2018–2021)${checkNote(check)}`,
  };
}

/** Ember country averages used below (gCO2e/kWh), keyed by ISO 3166-1 alpha-2, with their year. */
const EMBER = {
  AE: { g: 467.51, year: 2024 },
  AT: { g: 102.62, year: 2024 },
  AU: { g: 553.76, year: 2024 },
  BR: { g: 106.06, year: 2024 },
  CA: { g: 184.99, year: 2024 },
  CH: { g: 36.72, year: 2024 },
  CL: { g: 265.52, year: 2024 },
  DE: { g: 342.06, year: 2024 },
  DK: { g: 143.3, year: 2024 },
  ES: { g: 146.15, year: 2024 },
  FR: { g: 44.18, year: 2024 },
  GR: { g: 319.76, year: 2024 },
  ID: { g: 682.43, year: 2023 },
  IL: { g: 567.26, year: 2023 },
  IN: { g: 708.96, year: 2024 },
  IT: { g: 287.75, year: 2024 },
  JP: { g: 483.73, year: 2024 },
  KR: { g: 415.65, year: 2024 },
  MX: { g: 483.14, year: 2024 },
  MY: { g: 604.43, year: 2024 },
  NO: { g: 30.75, year: 2024 },
  NZ: { g: 120.11, year: 2024 },
  PL: { g: 614.98, year: 2024 },
  QA: { g: 602.83, year: 2024 },
  SA: { g: 691.95, year: 2024 },
  SE: { g: 35.89, year: 2024 },
  TH: { g: 555.43, year: 2024 },
  TW: { g: 635.15, year: 2024 },
  ZA: { g: 713.9, year: 2024 },
  /** 'World' in Ember's file: the fallback for providers without a regional table. */
  WORLD: { g: 472.94, year: 2024 },
} as const satisfies Readonly<Record<string, { readonly g: number; readonly year: number }>>;

type EmberZone = keyof typeof EMBER;

/** A region with no provider or CCF figure: its country's Ember average. */
function ember(provider: 'aws' | 'azure', region: string, country: EmberZone, check?: LocalCheck): GridFactor {
  const { g, year } = EMBER[country];
  return {
    id: `grid:${provider}:${region}`,
    provider,
    region,
    zone: country,
    gCO2ePerKWh: g,
    source: 'ember-2024',
    year,
    band: widen(COUNTRY, g, check),
    note: `proxy: ${country} country average (Ember ${year})${checkNote(check)}`,
  };
}

/** A row of Google's 2024 file: local-grid intensity and the hourly-matched CFE share. */
function google(region: string, zone: string, g: number, cfe: number): GridFactor {
  return {
    id: `grid:gcp:${region}`,
    provider: 'gcp',
    region,
    zone,
    gCO2ePerKWh: g,
    carbonFreeShare: cfe,
    source: 'google-region-carbon-2024',
    year: 2024,
    band: LOCAL_GRID,
  };
}

/*
 * AWS. US rows: METHODOLOGY-FACTS quotes eGRID2020 NERC rates (SERC 379.069, RFC 410.608, WECC
 * 322.167 g/kWh) and CCF's current app ships those; CCF's coefficients CSV, which the ccf profile
 * reproduces, carries the older rates below (SERC 415.755). We keep the CSV's.
 */
const aws: readonly GridFactor[] = [
  ccf('aws', 'us-east-1', 'US-SERC', 415.755, 'egrid'),
  ccf('aws', 'us-east-2', 'US-RFC', 440.187, 'egrid'),
  ccf('aws', 'us-west-1', 'US-WECC', 350.861, 'egrid', { zone: 'US-CAL-CISO', g: 229 }),
  ccf('aws', 'us-west-2', 'US-WECC', 350.861, 'egrid', { zone: 'US-NW-BPAT', g: 109 }),
  ccf('aws', 'us-gov-east-1', 'US-SERC', 415.755, 'egrid'),
  ccf('aws', 'us-gov-west-1', 'US-WECC', 350.861, 'egrid'),
  ccf('aws', 'af-south-1', 'ZA', 928, 'carbonfootprint'),
  ccf('aws', 'ap-east-1', 'HK', 810, 'carbonfootprint'),
  ccf('aws', 'ap-south-1', 'IN', 708, 'carbonfootprint'),
  ccf('aws', 'ap-northeast-1', 'JP', 506, 'carbonfootprint'),
  ccf('aws', 'ap-northeast-2', 'KR', 500, 'carbonfootprint'),
  ccf('aws', 'ap-northeast-3', 'JP', 506, 'carbonfootprint'),
  ccf('aws', 'ap-southeast-1', 'SG', 408.5, 'ema'),
  ccf('aws', 'ap-southeast-2', 'AU', 790, 'carbonfootprint'),
  ccf('aws', 'ca-central-1', 'CA', 130, 'carbonfootprint', { zone: 'CA-QC', g: 35 }),
  ccf('aws', 'cn-north-1', 'CN', 555, 'carbonfootprint'),
  ccf('aws', 'cn-northwest-1', 'CN', 555, 'carbonfootprint'),
  ccf('aws', 'eu-central-1', 'DE', 338, 'eea'),
  ccf('aws', 'eu-west-1', 'IE', 316, 'eea'),
  ccf('aws', 'eu-west-2', 'GB', 228, 'eea'),
  ccf('aws', 'eu-south-1', 'IT', 233, 'eea'),
  ccf('aws', 'eu-west-3', 'FR', 52, 'eea'),
  ccf('aws', 'eu-north-1', 'SE', 8, 'eea', { zone: 'SE-SE3', g: 21 }),
  ccf('aws', 'me-south-1', 'BH', 732, 'carbonfootprint'),
  ccf('aws', 'sa-east-1', 'BR', 74, 'carbonfootprint'),
  // Regions newer than CCF's table.
  ember('aws', 'ap-east-2', 'TW'),
  ember('aws', 'ap-south-2', 'IN'),
  ember('aws', 'ap-southeast-3', 'ID'),
  ember('aws', 'ap-southeast-4', 'AU'),
  ember('aws', 'ap-southeast-5', 'MY'),
  ember('aws', 'ap-southeast-6', 'NZ'),
  ember('aws', 'ap-southeast-7', 'TH'),
  ember('aws', 'ca-west-1', 'CA', { zone: 'CA-AB', g: 402 }),
  ember('aws', 'eu-central-2', 'CH'),
  ember('aws', 'eu-south-2', 'ES'),
  ember('aws', 'il-central-1', 'IL'),
  ember('aws', 'me-central-1', 'AE'),
  ember('aws', 'mx-central-1', 'MX'),
];

/*
 * Azure, by ARM name. CCF's Azure CSV writes two cells without '0.' (Finland Central '000077',
 * Germany West Central '000402'); read literally they would be 77 and 402 t/kWh, so we read them as
 * 0.000077 and 0.000402 t/kWh, in line with the EEA figures for those countries.
 */
const azure: readonly GridFactor[] = [
  ccf('azure', 'centralus', 'US-MRO', 472.23, 'egrid'),
  ccf('azure', 'eastus', 'US-SERC', 415.755, 'egrid'),
  ccf('azure', 'eastus2', 'US-SERC', 415.755, 'egrid'),
  ccf('azure', 'eastus3', 'US-SERC', 415.755, 'egrid'),
  ccf('azure', 'northcentralus', 'US-RFC', 440.187, 'egrid'),
  ccf('azure', 'southcentralus', 'US-TRE', 396.293, 'egrid'),
  ccf('azure', 'westcentralus', 'US-WECC', 350.861, 'egrid', { zone: 'US-NW-WACM', g: 678 }),
  ccf('azure', 'westus', 'US-WECC', 350.861, 'egrid', { zone: 'US-CAL-CISO', g: 229 }),
  ccf('azure', 'westus2', 'US-WECC', 350.861, 'egrid', { zone: 'US-NW-GCPD', g: 53 }),
  ccf('azure', 'westus3', 'US-WECC', 350.861, 'egrid'),
  ccf('azure', 'eastasia', 'HK', 810, 'carbonfootprint'),
  ccf('azure', 'southeastasia', 'SG', 408.5, 'ema'),
  ccf('azure', 'northeurope', 'IE', 316, 'eea'),
  ccf('azure', 'westeurope', 'NL', 390, 'eea'),
  ccf('azure', 'centralindia', 'IN', 708, 'carbonfootprint'),
  ccf('azure', 'southindia', 'IN', 708, 'carbonfootprint'),
  ccf('azure', 'westindia', 'IN', 708, 'carbonfootprint'),
  ccf('azure', 'uksouth', 'GB', 228, 'eea'),
  ccf('azure', 'ukwest', 'GB', 228, 'eea'),
  ccf('azure', 'francecentral', 'FR', 67, 'eea', { zone: 'FR', g: 33 }),
  ccf('azure', 'finlandcentral', 'FI', 77, 'eea'),
  ccf('azure', 'germanywestcentral', 'DE', 402, 'eea'),
  ccf('azure', 'belgiumcentral', 'BE', 154, 'eea'),
  ccf('azure', 'swedencentral', 'SE', 9, 'eea', { zone: 'SE-SE2', g: 16 }),
  // Regions absent from CCF's table. Restricted-access regions are kept where Microsoft's FinOps
  // toolkit lists them (swedensouth, taiwannorth*, malaysiasouth): a bill may still name them.
  ember('azure', 'canadacentral', 'CA', { zone: 'CA-ON', g: 91 }),
  ember('azure', 'canadaeast', 'CA', { zone: 'CA-QC', g: 35 }),
  ember('azure', 'brazilsouth', 'BR'),
  ember('azure', 'brazilsoutheast', 'BR'),
  ember('azure', 'mexicocentral', 'MX'),
  ember('azure', 'chilecentral', 'CL'),
  ember('azure', 'francesouth', 'FR'),
  ember('azure', 'germanynorth', 'DE'),
  ember('azure', 'switzerlandnorth', 'CH'),
  ember('azure', 'switzerlandwest', 'CH'),
  ember('azure', 'norwayeast', 'NO'),
  ember('azure', 'norwaywest', 'NO'),
  ember('azure', 'swedensouth', 'SE'),
  ember('azure', 'polandcentral', 'PL'),
  ember('azure', 'italynorth', 'IT'),
  ember('azure', 'spaincentral', 'ES'),
  ember('azure', 'austriaeast', 'AT'),
  ember('azure', 'denmarkeast', 'DK'),
  ember('azure', 'greececentral', 'GR'),
  ember('azure', 'japaneast', 'JP'),
  ember('azure', 'japanwest', 'JP'),
  ember('azure', 'koreacentral', 'KR'),
  ember('azure', 'koreasouth', 'KR'),
  ember('azure', 'jioindiacentral', 'IN'),
  ember('azure', 'jioindiawest', 'IN'),
  ember('azure', 'indiasouthcentral', 'IN'),
  ember('azure', 'indonesiacentral', 'ID'),
  ember('azure', 'malaysiawest', 'MY'),
  ember('azure', 'malaysiasouth', 'MY'),
  ember('azure', 'taiwannorth', 'TW'),
  ember('azure', 'taiwannorthwest', 'TW'),
  ember('azure', 'newzealandnorth', 'NZ'),
  ember('azure', 'australiaeast', 'AU'),
  ember('azure', 'australiasoutheast', 'AU'),
  ember('azure', 'australiacentral', 'AU'),
  ember('azure', 'australiacentral2', 'AU'),
  ember('azure', 'uaenorth', 'AE'),
  ember('azure', 'uaecentral', 'AE'),
  ember('azure', 'qatarcentral', 'QA'),
  ember('azure', 'israelcentral', 'IL'),
  ember('azure', 'saudiarabiaeast', 'SA'),
  ember('azure', 'southafricanorth', 'ZA'),
  ember('azure', 'southafricawest', 'ZA'),
];

/** GCP: every region of Google's 2024 file; zones are Electricity Maps zone ids of the local grid. */
const gcp: readonly GridFactor[] = [
  google('africa-south1', 'ZA', 656.85, 0.15),
  google('asia-east1', 'TW', 439.29, 0.17),
  google('asia-east2', 'HK', 505.02, 0.01),
  google('asia-northeast1', 'JP-TK', 452.85, 0.17),
  google('asia-northeast2', 'JP-KN', 296.19, 0.46),
  google('asia-northeast3', 'KR', 356.57, 0.37),
  google('asia-south1', 'IN-WE', 678.76, 0.09),
  google('asia-south2', 'IN-NO', 531.83, 0.29),
  google('asia-southeast1', 'SG', 366.85, 0.04),
  google('asia-southeast2', 'ID', 560.55, 0.18),
  google('australia-southeast1', 'AU-NSW', 497.5, 0.34),
  google('australia-southeast2', 'AU-VIC', 454.37, 0.39),
  google('europe-central2', 'PL', 642.88, 0.4),
  google('europe-north1', 'FI', 39.32, 0.98),
  google('europe-north2', 'SE-SE3', 2.73, 1),
  google('europe-southwest1', 'ES', 89.04, 0.87),
  google('europe-west1', 'BE', 103.37, 0.84),
  google('europe-west2', 'GB', 105.94, 0.79),
  google('europe-west3', 'DE', 275.82, 0.68),
  google('europe-west4', 'NL', 208.81, 0.83),
  google('europe-west6', 'CH', 15.05, 0.98),
  google('europe-west8', 'IT-NO', 201.69, 0.73),
  google('europe-west9', 'FR', 16.3, 0.96),
  google('europe-west10', 'DE', 275.82, 0.68),
  google('europe-west12', 'IT-NO', 201.69, 0.73),
  google('me-central1', 'QA', 366, 0.01),
  google('me-central2', 'SA', 382.23, 0.01),
  google('me-west1', 'IL', 433.75, 0.07),
  google('northamerica-northeast1', 'CA-QC', 5.48, 0.99),
  google('northamerica-northeast2', 'CA-ON', 58.56, 0.84),
  google('northamerica-south1', 'MX', 305, 0.19),
  google('southamerica-east1', 'BR-CS', 67.32, 0.88),
  google('southamerica-west1', 'CL-SEN', 238, 0.92),
  google('us-central1', 'US-MIDW-MISO', 412.72, 0.87),
  google('us-central2', 'US-CENT-SWPP', 372.23, 0.88),
  google('us-east1', 'US-CAR-SC', 575.77, 0.31),
  google('us-east2', 'US-SE-SOCO', 340.42, 0.42),
  google('us-east4', 'US-MIDA-PJM', 323.05, 0.62),
  google('us-east5', 'US-MIDA-PJM', 323.05, 0.62),
  google('us-south1', 'US-TEX-ERCO', 302.95, 0.94),
  google('us-west1', 'US-NW-BPAT', 79.23, 0.87),
  google('us-west2', 'US-CAL-CISO', 169.28, 0.63),
  google('us-west3', 'US-NW-PACE', 555.17, 0.33),
  google('us-west4', 'US-NW-NEVP', 357.3, 0.64),
];

export const gridFactors: readonly GridFactor[] = [...aws, ...azure, ...gcp];

const byKey = new Map<string, GridFactor>(gridFactors.map((f) => [`${f.provider}:${f.region}`, f]));

function providerMean(provider: 'aws' | 'azure' | 'gcp', table: readonly GridFactor[]): GridFactor {
  const mean = table.reduce((sum, f) => sum + f.gCO2ePerKWh, 0) / table.length;
  return {
    id: `grid:${provider}:default`,
    provider,
    region: 'default',
    zone: 'WORLD',
    gCO2ePerKWh: Math.round(mean * 1000) / 1000,
    source: 'greenops-provider-mean',
    year: Math.max(...table.map((f) => f.year)),
    band: PROVIDER_MEAN,
    note: `unweighted mean of the ${table.length} ${provider} regions in this table; not usage-weighted`,
  };
}

function worldAverage(provider: 'oracle' | 'other'): GridFactor {
  return {
    id: `grid:${provider}:default`,
    provider,
    region: 'default',
    zone: 'WORLD',
    gCO2ePerKWh: EMBER.WORLD.g,
    source: 'ember-2024',
    year: EMBER.WORLD.year,
    band: PROVIDER_MEAN,
    note: 'no regional table for this provider: world average electricity intensity (Ember)',
  };
}

const defaults: Readonly<Record<Provider, GridFactor>> = {
  aws: providerMean('aws', aws),
  azure: providerMean('azure', azure),
  gcp: providerMean('gcp', gcp),
  oracle: worldAverage('oracle'),
  other: worldAverage('other'),
};

/**
 * Fallback for a region the table does not know: the provider's unweighted mean (world average for
 * providers without a table), with a wide band {0.5, 1.8}.
 *
 * @example providerDefaultGrid('aws').id // 'grid:aws:default'
 */
export function providerDefaultGrid(provider: Provider): GridFactor {
  return defaults[provider];
}

/*
 * Azure billing exports also write regions as '<geo> <direction> [n]' ('US East 2', 'EU West',
 * 'AP Southeast', 'DE West Central'). ARM names put the geography first for most countries
 * ('germanywestcentral') and last for US, Europe, Asia and India ('eastus2', 'westeurope'), so both
 * orders are tried.
 */
const AZURE_GEO: Readonly<Record<string, string>> = {
  us: 'us', eu: 'europe', ap: 'asia', in: 'india', ja: 'japan', jp: 'japan', kr: 'korea',
  au: 'australia', br: 'brazil', ca: 'canada', fr: 'france', de: 'germany', ch: 'switzerland',
  no: 'norway', se: 'sweden', uk: 'uk', za: 'southafrica', ae: 'uae', pl: 'poland', it: 'italy',
  es: 'spain', il: 'israel', qa: 'qatar', mx: 'mexico', nz: 'newzealand', id: 'indonesia',
  my: 'malaysia', cl: 'chile', at: 'austria', be: 'belgium', dk: 'denmark', gr: 'greece',
  fi: 'finland', sa: 'saudiarabia', tw: 'taiwan',
};

/** Legacy billing names that are not a reordering of the ARM name ('US North' is North Central US). */
const AZURE_LEGACY: Readonly<Record<string, string>> = { usnorth: 'northcentralus', ussouth: 'southcentralus' };

/** Geographies as whole words, longest first ('southafrica' before 'south…' never matters: geos lead). */
const AZURE_GEO_WORDS = [...new Set(Object.values(AZURE_GEO))].sort((a, b) => b.length - a.length);

function azureCandidates(key: string): string[] {
  const legacy = AZURE_LEGACY[key];
  if (legacy !== undefined) return [key, legacy];
  const m = /^([a-z]{2})([a-z]+?)(\d*)$/.exec(key);
  const geo = m?.[1] === undefined ? undefined : AZURE_GEO[m[1]];
  // a geography written out first ('asiaeast', 'europewest', 'indiacentral'): the ARM name puts it last
  const word = AZURE_GEO_WORDS.find((g) => key.startsWith(g) && key.length > g.length);
  const n = /\d*$/.exec(key)?.[0] ?? '';
  const spelled = word === undefined ? [] : [`${key.slice(word.length, key.length - n.length)}${word}${n}`];
  if (m === null || geo === undefined) return [key, ...spelled];
  const [, , rest = ''] = m;
  return [key, `${geo}${rest}${n}`, `${rest}${geo}${n}`, ...spelled];
}

/**
 * The grid factor of a provider's region, or undefined when the table does not know it (use
 * `providerDefaultGrid` then). Case-insensitive; accepts AWS availability zones ('us-east-1a'),
 * AWS bill locations ('US East (N. Virginia)'), GCP zones ('us-central1-a') and Azure display or
 * billing names ('East US', 'US East', 'eastus').
 *
 * @example lookupGrid('azure', 'East US')?.id // 'grid:azure:eastus'
 */
export function lookupGrid(provider: Provider, region: string): GridFactor | undefined {
  const key = region.trim().toLowerCase().replace(/\s+/g, '');
  const find = (r: string): GridFactor | undefined => byKey.get(`${provider}:${r}`);
  switch (provider) {
    case 'aws': {
      const az = /^([a-z]{2}(?:-gov)?-[a-z]+-\d+)[a-z]$/.exec(key)?.[1];
      const fromName = awsRegionFromLocation(region);
      return find(key) ?? (az === undefined ? undefined : find(az)) ?? (fromName === undefined ? undefined : find(fromName));
    }
    case 'gcp': {
      const zone = /^([a-z]+-[a-z]+\d+)-[a-z]$/.exec(key)?.[1];
      return find(key) ?? (zone === undefined ? undefined : find(zone));
    }
    case 'azure': {
      for (const c of azureCandidates(key.replace(/[_-]/g, ''))) {
        const hit = find(c);
        if (hit !== undefined) return hit;
      }
      return undefined;
    }
    default:
      return find(key);
  }
}

/** AWS region names as bills write them (CUR `product/location`, FOCUS `RegionName`). */
export const regionDisplayNames: Readonly<Record<string, string>> = {
  'US East (N. Virginia)': 'us-east-1',
  'US East (Northern Virginia)': 'us-east-1',
  'US East (Ohio)': 'us-east-2',
  'US West (N. California)': 'us-west-1',
  'US West (Northern California)': 'us-west-1',
  'US West (Oregon)': 'us-west-2',
  'AWS GovCloud (US-East)': 'us-gov-east-1',
  'AWS GovCloud (US-West)': 'us-gov-west-1',
  // The name GovCloud (US-West) had before us-gov-east-1 opened.
  'AWS GovCloud (US)': 'us-gov-west-1',
  'Africa (Cape Town)': 'af-south-1',
  'Asia Pacific (Hong Kong)': 'ap-east-1',
  'Asia Pacific (Taipei)': 'ap-east-2',
  'Asia Pacific (Mumbai)': 'ap-south-1',
  'Asia Pacific (Hyderabad)': 'ap-south-2',
  'Asia Pacific (Tokyo)': 'ap-northeast-1',
  'Asia Pacific (Seoul)': 'ap-northeast-2',
  'Asia Pacific (Osaka)': 'ap-northeast-3',
  'Asia Pacific (Osaka-Local)': 'ap-northeast-3',
  'Asia Pacific (Singapore)': 'ap-southeast-1',
  'Asia Pacific (Sydney)': 'ap-southeast-2',
  'Asia Pacific (Jakarta)': 'ap-southeast-3',
  'Asia Pacific (Melbourne)': 'ap-southeast-4',
  'Asia Pacific (Malaysia)': 'ap-southeast-5',
  'Asia Pacific (New Zealand)': 'ap-southeast-6',
  'Asia Pacific (Thailand)': 'ap-southeast-7',
  'Canada (Central)': 'ca-central-1',
  'Canada West (Calgary)': 'ca-west-1',
  'China (Beijing)': 'cn-north-1',
  'China (Ningxia)': 'cn-northwest-1',
  // Bills say 'EU (…)' for older regions and 'Europe (…)' for newer ones; accept both everywhere.
  ...europe({
    Frankfurt: 'eu-central-1',
    Zurich: 'eu-central-2',
    Ireland: 'eu-west-1',
    London: 'eu-west-2',
    Paris: 'eu-west-3',
    Milan: 'eu-south-1',
    Spain: 'eu-south-2',
    Stockholm: 'eu-north-1',
  }),
  'Israel (Tel Aviv)': 'il-central-1',
  'Middle East (Bahrain)': 'me-south-1',
  'Middle East (UAE)': 'me-central-1',
  'Mexico (Central)': 'mx-central-1',
  'South America (Sao Paulo)': 'sa-east-1',
};

function europe(cities: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cities).flatMap(([city, code]) => [
      [`EU (${city})`, code],
      [`Europe (${city})`, code],
    ]),
  );
}

/**
 * Case, spacing and accents vary between exports ('São Paulo' vs 'Sao Paulo'). The SQL twin of this
 * is `lower(strip_accents(...))` with runs of spaces collapsed (see the AWS CUR source).
 */
export function normaliseName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const byDisplayName = new Map<string, string>(
  Object.entries(regionDisplayNames).map(([name, code]) => [normaliseName(name), code]),
);

/**
 * The AWS region code of a location name as written in bills, or undefined.
 *
 * @example awsRegionFromLocation('Europe (Frankfurt)') // 'eu-central-1'
 */
export function awsRegionFromLocation(name: string): string | undefined {
  return byDisplayName.get(normaliseName(name));
}
