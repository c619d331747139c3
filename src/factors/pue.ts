/**
 * Power usage effectiveness (facility energy / IT energy): provider defaults, and per-region figures
 * where the operator publishes them (only Google does, per campus). Pure data: no I/O.
 */
import type { Band, Provider, PueFactor, SourceRef } from './types.js';

export const pueSources: readonly SourceRef[] = [
  {
    id: 'ccf-methodology-pue',
    title: 'Cloud Carbon Footprint methodology: power usage effectiveness per provider',
    publisher: 'Thoughtworks / Cloud Carbon Footprint',
    year: 2021,
    url: 'https://www.cloudcarbonfootprint.org/docs/methodology#power-usage-effectiveness',
    license: 'Apache-2.0',
  },
  {
    id: 'google-pue-ttm',
    title: 'Google data centers: efficiency, trailing-twelve-month PUE per campus',
    publisher: 'Google',
    year: 2024,
    url: 'https://www.google.com/about/datacenters/efficiency/',
  },
  {
    id: 'uptime-survey-2023',
    title: 'Uptime Institute Global Data Center Survey 2023 (average annual PUE of respondents: 1.58)',
    publisher: 'Uptime Institute',
    year: 2023,
    url: 'https://uptimeinstitute.com/resources/research-and-reports/uptime-institute-global-data-center-survey-results-2023',
  },
];

/** A campus's own trailing-twelve-month measurement: ±3 % covers quarter-to-quarter movement. */
const MEASURED: Band = { low: 0.97, high: 1.03 };
/**
 * Provider-wide defaults: fleets mix old and new halls, and AWS and Azure publish no per-region PUE.
 * 1.135 × 0.92 ≈ 1.04 (best hyperscale halls) to 1.135 × 1.12 ≈ 1.27 (older sites).
 */
const FLEET_DEFAULT: Band = { low: 0.92, high: 1.12 };
/** Survey average: 1.58 × 0.72 ≈ 1.14 (hyperscale-class) to 1.58 × 1.25 ≈ 1.98 (small server rooms). */
const SURVEY_DEFAULT: Band = { low: 0.72, high: 1.25 };

function providerDefault(provider: Provider, pue: number, source: string, year: number, band: Band, note: string): PueFactor {
  return { id: `pue:${provider}:default`, provider, pue, source, year, band, note };
}

/** Google's campus figure mapped to the cloud region hosted there. */
function googleCampus(region: string, pue: number, campus: string): PueFactor {
  return {
    id: `pue:gcp:${region}`,
    provider: 'gcp',
    region,
    pue,
    source: 'google-pue-ttm',
    year: 2024,
    band: MEASURED,
    note: `campus: ${campus}`,
  };
}

/** One default per provider; a Record so the compiler checks none is missing. */
const defaults: Readonly<Record<Provider, PueFactor>> = {
  aws: providerDefault('aws', 1.135, 'ccf-methodology-pue', 2021, FLEET_DEFAULT, 'CCF default for AWS'),
  azure: providerDefault('azure', 1.185, 'ccf-methodology-pue', 2021, FLEET_DEFAULT, 'CCF default for Azure'),
  gcp: providerDefault('gcp', 1.1, 'ccf-methodology-pue', 2021, FLEET_DEFAULT, "CCF default for GCP (Google's fleet average)"),
  // Oracle publishes no fleet PUE we could source, so OCI gets the industry average rather than a
  // hyperscaler figure: conservative (likely high), with a band reaching down to hyperscale values.
  oracle: providerDefault('oracle', 1.58, 'uptime-survey-2023', 2023, SURVEY_DEFAULT, 'no published OCI PUE: industry survey average'),
  // On-premise and unknown operators: the survey average most tools use.
  other: providerDefault('other', 1.58, 'uptime-survey-2023', 2023, SURVEY_DEFAULT, 'on-premise / unknown operator: industry survey average'),
};

/*
 * Google's per-campus figures as quoted in METHODOLOGY-FACTS. CCF's app ships an older set
 * (e.g. europe-west1 1.08, europe-west4 1.09, and us-east1 1.102, us-west1 1.095 not listed here).
 */
const regional: readonly PueFactor[] = [
  googleCampus('us-east4', 1.08, 'Loudoun County, Virginia'),
  googleCampus('us-central1', 1.11, 'Council Bluffs, Iowa'),
  googleCampus('europe-west1', 1.09, 'St. Ghislain, Belgium'),
  googleCampus('europe-west4', 1.07, 'Eemshaven, Netherlands'),
  googleCampus('europe-north1', 1.09, 'Hamina, Finland'),
  googleCampus('asia-east1', 1.12, 'Changhua County, Taiwan'),
  googleCampus('asia-southeast1', 1.13, 'Singapore'),
];

export const pueFactors: readonly PueFactor[] = [...Object.values(defaults), ...regional];

const byRegion = new Map<string, PueFactor>(regional.map((f) => [`${f.provider}:${f.region ?? ''}`, f]));

/**
 * The PUE for a provider's region: the region's own published figure if there is one, else the
 * provider default. Case-insensitive; GCP zones ('us-central1-a') resolve to their region.
 *
 * @example lookupPue('gcp', 'europe-west4').pue // 1.07
 * @example lookupPue('aws', 'us-east-1').pue // 1.135 (AWS publishes no per-region PUE)
 */
export function lookupPue(provider: Provider, region?: string): PueFactor {
  if (region !== undefined) {
    const key = region.trim().toLowerCase().replace(/\s+/g, '');
    const zoneless = /^([a-z]+-[a-z]+\d+)-[a-z]$/.exec(key)?.[1] ?? key;
    const hit = byRegion.get(`${provider}:${key}`) ?? byRegion.get(`${provider}:${zoneless}`);
    if (hit !== undefined) return hit;
  }
  return defaults[provider];
}
