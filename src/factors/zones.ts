/**
 * Cloud regions ↔ grid zones: which Electricity Maps zone (the grid a data centre draws from) each
 * AWS, Azure and GCP region of `grid.ts` sits in, so that live grid signals can be asked for a region.
 *
 * A zone is the balancing area or bidding zone of the region's data centres, where the provider says
 * where they are; otherwise the region's country. Each entry names where its location comes from.
 * Pure data: no I/O.
 */
import { GreenopsError, quote } from '../core/errors.js';
import { lookupGrid } from './grid.js';

export type CloudProvider = 'aws' | 'azure' | 'gcp';

export interface RegionZone {
  readonly provider: CloudProvider;
  /** Canonical region code, as in `grid.ts` (`eu-north-1`, `westeurope`, `europe-west4`). */
  readonly region: string;
  /** Electricity Maps zone id (`SE-SE3`, `US-MIDA-PJM`, `NL`). */
  readonly zone: string;
  /** Id in `zoneSources`: where the data centre's location comes from. */
  readonly source: ZoneSourceId;
  /** Where the data centres are, and why this zone. */
  readonly note: string;
}

/** Where each entry's location comes from. @example zoneSources[regionZones[0].source] */
export const zoneSources = {
  'electricitymaps-zones':
    'Electricity Maps zone ids (352), as listed in co2.js data/output/electricity-maps/yearly_2024.json ' +
    '(thegreenwebfoundation/co2.js@27cbe8328aea; data: Electricity Maps, ODbL)',
  'aws-regions':
    "AWS region names ('US East (N. Virginia)'), as in the AWS Regions and Availability Zones page and the " +
    'Carbon Aware SDK aws-regions.json (Green-Software-Foundation/carbon-aware-sdk@e6de58da895e)',
  'casdk-azure-regions':
    'Carbon Aware SDK azure-regions.json: latitude/longitude per Azure region ' +
    '(Green-Software-Foundation/carbon-aware-sdk@e6de58da895e, src/data/location-sources/azure-regions.json)',
  'azure-regions-list':
    'Microsoft Learn, "List of Azure regions" (learn.microsoft.com/azure/reliability/regions-list): region and city',
  'gcp-locations':
    'Google Cloud locations page and CodeCarbon cloud/impact.csv (city per region, mlco2/codecarbon@b05965e43b69); ' +
    'zone as in grid.ts (Google region-carbon-info 2024)',
} as const;

export type ZoneSourceId = keyof typeof zoneSources;

/* Electricity Maps zone ids. Kept as one string: it is a list to search, not a table to read. */
const EM_ZONES = `
AE AF AG AL AM AO AR AT AU AU-NSW AU-NT AU-QLD AU-SA AU-TAS AU-TAS-FI AU-TAS-KI AU-VIC AU-WA AU-WA-RI AW AX AZ
BA BB BD BE BF BG BH BI BJ BN BO BR BR-CS BR-N BR-NE BR-S BS BT BW BY BZ CA CA-AB CA-BC CA-MB CA-NB CA-NL CA-NS
CA-NT CA-NU CA-ON CA-PE CA-QC CA-SK CA-YT CD CF CG CH CI CL-SEN CM CN CO CR CU CV CW CY CZ DE DJ DK DK-BHM DK-DK1
DK-DK2 DM DO DZ EC EE EG ER ES ES-CE ES-CN-FV ES-CN-GC ES-CN-HI ES-CN-IG ES-CN-LP ES-CN-LZ ES-CN-TE ES-IB-FO
ES-IB-IZ ES-IB-MA ES-IB-ME ES-ML ET FI FJ FK FM FO FO-MI FO-SI FR FR-COR GA GB GB-NIR GB-ORK GE GF GH GI GL GM GN
GP GQ GR GS GT GU GW GY HK HN HR HT HU ID IE IL IN IN-EA IN-NE IN-NO IN-SO IN-WE IQ IR IS IT IT-CNO IT-CSO IT-NO
IT-SAR IT-SIC IT-SO JM JO JP JP-CB JP-CG JP-HKD JP-HR JP-KN JP-KY JP-ON JP-SK JP-TH JP-TK KE KG KH KM KP KR KW KY
KZ LA LB LC LK LR LS LT LU LV LY MA MD ME MG MK ML MM MN MO MQ MR MT MU MV MW MX MY MY-EM MY-WM MZ NA NC NE NG NI
NL NO NO-NO1 NO-NO2 NO-NO3 NO-NO4 NO-NO5 NP NZ OM PA PE PF PG PH PH-LU PH-MI PH-VI PK PL PM PR PS PT PT-MA PW PY
QA RE RO RS RU-1 RU-2 RU-AS RW SA SB SC SD SE SE-SE1 SE-SE2 SE-SE3 SE-SE4 SG SI SK SL SN SO SR SS ST SV SY SZ TD
TG TH TJ TL TM TN TO TR TT TW TZ UG US US-AK US-AK-SEAPA US-CAL-BANC US-CAL-CISO US-CAL-IID US-CAL-LDWP
US-CAL-TIDC US-CAR-CPLE US-CAR-CPLW US-CAR-DUK US-CAR-SC US-CAR-SCEG US-CAR-YAD US-CENT-SPA US-CENT-SWPP
US-FLA-FMPP US-FLA-FPC US-FLA-FPL US-FLA-GVL US-FLA-HST US-FLA-JEA US-FLA-SEC US-FLA-TAL US-FLA-TEC US-HI
US-MIDA-PJM US-MIDW-AECI US-MIDW-LGEE US-MIDW-MISO US-NE-ISNE US-NW-AVA US-NW-BPAT US-NW-CHPD US-NW-DOPD
US-NW-GCPD US-NW-GRID US-NW-IPCO US-NW-NEVP US-NW-NWMT US-NW-PACE US-NW-PACW US-NW-PGE US-NW-PSCO US-NW-PSEI
US-NW-SCL US-NW-TPWR US-NW-WACM US-NW-WAUW US-NY-NYIS US-SE-SEPA US-SE-SOCO US-SW-AZPS US-SW-EPE US-SW-PNM
US-SW-SRP US-SW-TEPC US-SW-WALC US-TEN-TVA US-TEX-ERCO UY UZ VC VE VI VN VU WS XK YE YT ZA ZM ZW
`.trim().split(/\s+/);

const entry = (provider: CloudProvider, source: ZoneSourceId) =>
  (region: string, zone: string, note: string): RegionZone => ({ provider, region, zone, source, note });

const a = entry('aws', 'aws-regions');
const aws: readonly RegionZone[] = [
  a('us-east-1', 'US-MIDA-PJM', 'N. Virginia (Ashburn); Dominion Energy Virginia is in PJM'),
  a('us-east-2', 'US-MIDA-PJM', 'Ohio (Columbus area); AEP Ohio is in PJM'),
  a('us-west-1', 'US-CAL-CISO', 'N. California (San Francisco Bay Area); CAISO'),
  a('us-west-2', 'US-NW-BPAT', 'Oregon (Boardman/Umatilla); Bonneville Power Administration area'),
  a('us-gov-east-1', 'US-MIDA-PJM', 'GovCloud (US-East), Ohio; PJM'),
  a('us-gov-west-1', 'US-NW-BPAT', 'GovCloud (US-West), Oregon; BPA area'),
  a('af-south-1', 'ZA', 'Cape Town; national grid (Eskom)'),
  a('ap-east-1', 'HK', 'Hong Kong'),
  a('ap-east-2', 'TW', 'Taipei'),
  a('ap-south-1', 'IN-WE', 'Mumbai, Maharashtra; Western regional grid'),
  a('ap-south-2', 'IN-SO', 'Hyderabad, Telangana; Southern regional grid'),
  a('ap-northeast-1', 'JP-TK', 'Tokyo; TEPCO area'),
  a('ap-northeast-2', 'KR', 'Seoul'),
  a('ap-northeast-3', 'JP-KN', 'Osaka; Kansai area'),
  a('ap-southeast-1', 'SG', 'Singapore'),
  a('ap-southeast-2', 'AU-NSW', 'Sydney; NEM region NSW'),
  a('ap-southeast-3', 'ID', 'Jakarta'),
  a('ap-southeast-4', 'AU-VIC', 'Melbourne; NEM region VIC'),
  a('ap-southeast-5', 'MY-WM', 'Malaysia (Johor); Peninsular Malaysia grid'),
  a('ap-southeast-6', 'NZ', 'Auckland'),
  a('ap-southeast-7', 'TH', 'Bangkok'),
  a('ca-central-1', 'CA-QC', 'Montréal; Hydro-Québec'),
  a('ca-west-1', 'CA-AB', 'Calgary; Alberta grid'),
  a('cn-north-1', 'CN', 'Beijing; no sub-national zone in Electricity Maps'),
  a('cn-northwest-1', 'CN', 'Ningxia; no sub-national zone in Electricity Maps'),
  a('eu-central-1', 'DE', 'Frankfurt'),
  a('eu-central-2', 'CH', 'Zurich'),
  a('eu-west-1', 'IE', 'Dublin'),
  a('eu-west-2', 'GB', 'London'),
  a('eu-west-3', 'FR', 'Paris'),
  a('eu-south-1', 'IT-NO', 'Milan; Italian bidding zone North'),
  a('eu-south-2', 'ES', 'Aragón'),
  a('eu-north-1', 'SE-SE3', 'Stockholm (Västerås, Eskilstuna, Katrineholm); bidding zone SE3'),
  a('il-central-1', 'IL', 'Tel Aviv'),
  a('me-south-1', 'BH', 'Bahrain'),
  a('me-central-1', 'AE', 'United Arab Emirates'),
  a('mx-central-1', 'MX', 'Querétaro'),
  a('sa-east-1', 'BR-CS', 'São Paulo; SE/CO subsystem, Electricity Maps zone BR-CS'),
];

/* Azure: coordinates from the Carbon Aware SDK where it has the region, else Microsoft's region list. */
const z = entry('azure', 'casdk-azure-regions');
const m = entry('azure', 'azure-regions-list');
const azure: readonly RegionZone[] = [
  z('centralus', 'US-MIDW-MISO', 'Iowa (41.59, -93.62); MidAmerican Energy, MISO'),
  z('eastus', 'US-MIDA-PJM', 'Virginia (37.37, -79.82); Dominion Energy Virginia, PJM'),
  z('eastus2', 'US-MIDA-PJM', 'Virginia (36.67, -78.39, Boydton); PJM'),
  m('eastus3', 'US-SE-SOCO', 'Atlanta, Georgia; Georgia Power, Southern Company balancing area'),
  z('northcentralus', 'US-MIDA-PJM', 'Chicago, Illinois (41.88, -87.63); ComEd is in PJM'),
  z('southcentralus', 'US-TEX-ERCO', 'San Antonio, Texas (29.42, -98.5); ERCOT'),
  z('westcentralus', 'US-NW-WACM', 'Wyoming (40.89, -110.23, Cheyenne area); WAPA Rocky Mountain (WACM)'),
  z('westus', 'US-CAL-CISO', 'San Francisco Bay Area (37.78, -122.42); CAISO'),
  z('westus2', 'US-NW-GCPD', 'Quincy, Washington (47.23, -119.85); Grant County PUD'),
  z('westus3', 'US-SW-SRP', 'Phoenix, Arizona (33.45, -112.07); Salt River Project (APS, US-SW-AZPS, also serves the metro)'),
  z('eastasia', 'HK', 'Hong Kong (22.27, 114.19)'),
  z('southeastasia', 'SG', 'Singapore (1.28, 103.83)'),
  z('northeurope', 'IE', 'Dublin (53.35, -6.26)'),
  z('westeurope', 'NL', 'Amsterdam area (52.37, 4.9)'),
  z('centralindia', 'IN-WE', 'Pune, Maharashtra (18.58, 73.92); Western regional grid'),
  z('southindia', 'IN-SO', 'Chennai, Tamil Nadu (12.98, 80.16); Southern regional grid'),
  z('westindia', 'IN-WE', 'Mumbai, Maharashtra (19.09, 72.87); Western regional grid'),
  z('uksouth', 'GB', 'London (50.94, -0.8)'),
  z('ukwest', 'GB', 'Cardiff (53.43, -3.08)'),
  z('francecentral', 'FR', 'Paris (46.38, 2.37)'),
  z('francesouth', 'FR', 'Marseille (43.83, 2.2)'),
  m('finlandcentral', 'FI', 'Helsinki area'),
  z('germanywestcentral', 'DE', 'Frankfurt (50.11, 8.68)'),
  z('germanynorth', 'DE', 'Berlin area (53.07, 8.81)'),
  m('belgiumcentral', 'BE', 'Brussels'),
  z('swedencentral', 'SE-SE3', 'Gävle and Sandviken (60.67, 17.14); southern Gävleborg is bidding zone SE3'),
  m('swedensouth', 'SE-SE4', 'Malmö (Staffanstorp); bidding zone SE4'),
  z('canadacentral', 'CA-ON', 'Toronto (43.65, -79.38); IESO'),
  z('canadaeast', 'CA-QC', 'Québec City (46.82, -71.22); Hydro-Québec'),
  z('brazilsouth', 'BR-CS', 'São Paulo (-23.55, -46.63); SE/CO subsystem'),
  z('brazilsoutheast', 'BR-CS', 'Rio de Janeiro (-22.9, -43.21); SE/CO subsystem'),
  z('mexicocentral', 'MX', 'Querétaro (20.59, -100.39)'),
  m('chilecentral', 'CL-SEN', 'Santiago; Sistema Eléctrico Nacional'),
  z('switzerlandnorth', 'CH', 'Zurich (47.45, 8.56)'),
  z('switzerlandwest', 'CH', 'Geneva (46.2, 6.14)'),
  z('norwayeast', 'NO-NO1', 'Oslo (59.91, 10.75); bidding zone NO1'),
  z('norwaywest', 'NO-NO2', 'Stavanger (58.97, 5.73); bidding zone NO2'),
  z('polandcentral', 'PL', 'Warsaw (52.23, 21.02)'),
  z('italynorth', 'IT-NO', 'Milan (45.47, 9.18); Italian bidding zone North'),
  z('spaincentral', 'ES', 'Madrid (40.43, -3.42)'),
  m('austriaeast', 'AT', 'Vienna'),
  m('denmarkeast', 'DK-DK2', 'Copenhagen; bidding zone DK2'),
  m('greececentral', 'GR', 'Athens'),
  z('japaneast', 'JP-TK', 'Tokyo (35.68, 139.77); TEPCO area'),
  z('japanwest', 'JP-KN', 'Osaka (34.69, 135.5); Kansai area'),
  z('koreacentral', 'KR', 'Seoul (37.57, 126.98)'),
  z('koreasouth', 'KR', 'Busan (35.18, 129.08)'),
  z('jioindiacentral', 'IN-WE', 'Nagpur, Maharashtra (21.15, 79.09); Western regional grid'),
  z('jioindiawest', 'IN-WE', 'Jamnagar, Gujarat (22.47, 70.06); Western regional grid'),
  m('indiasouthcentral', 'IN-SO', 'Hyderabad, Telangana; Southern regional grid'),
  m('indonesiacentral', 'ID', 'Jakarta'),
  m('malaysiawest', 'MY-WM', 'Kuala Lumpur; Peninsular Malaysia grid'),
  m('malaysiasouth', 'MY-WM', 'Johor; Peninsular Malaysia grid'),
  m('taiwannorth', 'TW', 'Taipei'),
  m('taiwannorthwest', 'TW', 'northwest Taiwan'),
  m('newzealandnorth', 'NZ', 'Auckland'),
  z('australiaeast', 'AU-NSW', 'Sydney (-33.86, 151.21); NEM region NSW'),
  z('australiasoutheast', 'AU-VIC', 'Melbourne (-37.81, 144.96); NEM region VIC'),
  z('australiacentral', 'AU-NSW', 'Canberra (-35.31, 149.12); the ACT is in NEM region NSW'),
  z('australiacentral2', 'AU-NSW', 'Canberra (-35.31, 149.12); the ACT is in NEM region NSW'),
  z('uaenorth', 'AE', 'Dubai (25.27, 55.32)'),
  z('uaecentral', 'AE', 'Abu Dhabi (24.47, 54.37)'),
  z('qatarcentral', 'QA', 'Doha (25.55, 51.44)'),
  z('israelcentral', 'IL', 'Israel (31.27, 33.45)'),
  m('saudiarabiaeast', 'SA', 'Dammam'),
  z('southafricanorth', 'ZA', 'Johannesburg (-25.73, 28.22)'),
  z('southafricawest', 'ZA', 'Cape Town (-34.08, 18.84)'),
];

const g = entry('gcp', 'gcp-locations');
const gcp: readonly RegionZone[] = [
  g('africa-south1', 'ZA', 'Johannesburg'),
  g('asia-east1', 'TW', 'Changhua County'),
  g('asia-east2', 'HK', 'Hong Kong'),
  g('asia-northeast1', 'JP-TK', 'Tokyo'),
  g('asia-northeast2', 'JP-KN', 'Osaka'),
  g('asia-northeast3', 'KR', 'Seoul'),
  g('asia-south1', 'IN-WE', 'Mumbai'),
  g('asia-south2', 'IN-NO', 'Delhi'),
  g('asia-southeast1', 'SG', 'Jurong West'),
  g('asia-southeast2', 'ID', 'Jakarta'),
  g('australia-southeast1', 'AU-NSW', 'Sydney'),
  g('australia-southeast2', 'AU-VIC', 'Melbourne'),
  g('europe-central2', 'PL', 'Warsaw'),
  g('europe-north1', 'FI', 'Hamina'),
  g('europe-north2', 'SE-SE3', 'Stockholm'),
  g('europe-southwest1', 'ES', 'Madrid'),
  g('europe-west1', 'BE', 'St. Ghislain'),
  g('europe-west2', 'GB', 'London'),
  g('europe-west3', 'DE', 'Frankfurt'),
  g('europe-west4', 'NL', 'Eemshaven'),
  g('europe-west6', 'CH', 'Zurich'),
  g('europe-west8', 'IT-NO', 'Milan'),
  g('europe-west9', 'FR', 'Paris'),
  g('europe-west10', 'DE', 'Berlin'),
  g('europe-west12', 'IT-NO', 'Turin'),
  g('me-central1', 'QA', 'Doha'),
  g('me-central2', 'SA', 'Dammam'),
  g('me-west1', 'IL', 'Tel Aviv'),
  g('northamerica-northeast1', 'CA-QC', 'Montréal'),
  g('northamerica-northeast2', 'CA-ON', 'Toronto'),
  g('northamerica-south1', 'MX', 'Querétaro'),
  g('southamerica-east1', 'BR-CS', 'São Paulo'),
  g('southamerica-west1', 'CL-SEN', 'Santiago'),
  g('us-central1', 'US-MIDW-MISO', 'Council Bluffs, Iowa; MISO'),
  g('us-central2', 'US-CENT-SWPP', 'Oklahoma; Southwest Power Pool'),
  g('us-east1', 'US-CAR-SC', 'Moncks Corner, South Carolina; Santee Cooper'),
  g('us-east2', 'US-SE-SOCO', "Southern Company area (zone as in Google's 2024 file)"),
  g('us-east4', 'US-MIDA-PJM', 'Ashburn, N. Virginia; PJM'),
  g('us-east5', 'US-MIDA-PJM', 'Columbus, Ohio; PJM'),
  g('us-south1', 'US-TEX-ERCO', 'Dallas; ERCOT'),
  g('us-west1', 'US-NW-BPAT', 'The Dalles, Oregon; BPA area'),
  g('us-west2', 'US-CAL-CISO', 'Los Angeles; CAISO'),
  g('us-west3', 'US-NW-PACE', 'Salt Lake City; PacifiCorp East'),
  g('us-west4', 'US-NW-NEVP', 'Las Vegas; NV Energy'),
];

/** Every region-to-zone entry, AWS then Azure then GCP. @example regionZones.filter((e) => e.zone === 'GB').length */
export const regionZones: readonly RegionZone[] = [...aws, ...azure, ...gcp];

const byRegion = new Map(regionZones.map((e) => [`${e.provider}:${e.region}`, e]));
const byZone = new Map(EM_ZONES.map((id) => [id.toLowerCase(), id]));
const PROVIDERS: readonly CloudProvider[] = ['aws', 'gcp', 'azure'];

/** Every known zone id (Electricity Maps), sorted. @example knownZones().includes('SE-SE3') // true */
export function knownZones(): readonly string[] {
  return EM_ZONES;
}

/**
 * The canonical cloud region an input names: `aws:eu-north-1`, bare `eu-north-1`, an AWS availability
 * zone, a bill location name (`US East (N. Virginia)`), an Azure display name (`East US`).
 *
 * @example regionOf('azure:West Europe') // { provider: 'azure', region: 'westeurope', … }
 */
export function regionOf(input: string): RegionZone | undefined {
  const m = /^(aws|azure|gcp)\s*:\s*(.+)$/i.exec(input.trim());
  const providers = m === null ? PROVIDERS : [m[1]!.toLowerCase() as CloudProvider];
  const name = m === null ? input.trim() : m[2]!;
  for (const p of providers) {
    const region = lookupGrid(p, name)?.region;
    const hit = region === undefined ? undefined : byRegion.get(`${p}:${region}`);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * The grid zone of a cloud region, or undefined when the region is unknown.
 *
 * @example zoneForRegion('aws:eu-north-1') // 'SE-SE3'
 * @example zoneForRegion('europe-west4') // 'NL'
 */
export function zoneForRegion(region: string): string | undefined {
  return regionOf(region)?.zone;
}

/** The canonical spelling of a zone id (case-insensitive), or undefined. @example zoneId('se-se3') // 'SE-SE3' */
export function zoneId(input: string): string | undefined {
  return byZone.get(input.trim().toLowerCase());
}

/**
 * The Electricity Maps zone of a US balancing authority code as EIA-930 writes it (`CISO`, `PJM`,
 * `ERCO`): Electricity Maps ends its US zone ids with the EIA code (`US-CAL-CISO`).
 *
 * @example zoneForBalancingAuthority('PJM') // 'US-MIDA-PJM'
 */
export function zoneForBalancingAuthority(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  const hits = EM_ZONES.filter((id) => id.startsWith('US-') && id.split('-').at(-1) === c);
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Up to `limit` known zone ids and region codes close to an input: prefix matches first, then by
 * edit distance (at most a third of the input's length, and at least 2).
 *
 * @example closeZones('SE-SE5') // ['SE-SE1', 'SE-SE2', 'SE-SE3', 'SE-SE4', …]
 */
export function closeZones(input: string, limit = 5): string[] {
  const q = input.trim().toLowerCase();
  const candidates = [...EM_ZONES, ...regionZones.map((e) => `${e.provider}:${e.region}`)];
  const maxDistance = Math.max(2, Math.floor(q.length / 3));
  return candidates
    .map((c) => {
      const lc = c.toLowerCase();
      const bare = lc.slice(lc.indexOf(':') + 1);
      const prefix = q.length >= 2 && (bare.startsWith(q) || q.startsWith(bare));
      return { c, prefix, d: Math.min(editDistance(q, lc), editDistance(q, bare)) };
    })
    .filter((x) => x.prefix || x.d <= maxDistance)
    .sort((x, y) => Number(y.prefix) - Number(x.prefix) || x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, limit)
    .map((x) => x.c);
}

/**
 * The zone id an input names: a zone id (any case) or a cloud region (see `regionOf`). Throws
 * `E_ZONE_UNKNOWN` naming up to five close matches when it is neither.
 *
 * @example resolveZone('aws:us-west-2') // 'US-NW-BPAT'
 * @example resolveZone('de') // 'DE'
 */
export function resolveZone(input: string): string {
  const zone = zoneId(input) ?? zoneForRegion(input);
  if (zone !== undefined) return zone;
  const matches = closeZones(input);
  const hint = matches.length > 0 ? `close matches: ${matches.join(', ')}` : '`greenops factors --kind zone` lists cloud regions and their zones';
  throw new GreenopsError('E_ZONE_UNKNOWN', `unknown grid zone or cloud region ${quote(input)}; ${hint}`, {
    data: { found: input, expected: 'a grid zone id (DE, SE-SE3) or a cloud region (aws:eu-north-1)', matches },
  });
}

/**
 * Edit distance from an input to the nearest known zone id (case-insensitive): 1 is most likely a typo.
 *
 * @example nearestZoneDistance('SE-SE9') // 1
 */
export function nearestZoneDistance(input: string): number {
  const q = input.trim().toLowerCase();
  return Math.min(...EM_ZONES.map((id) => editDistance(q, id.toLowerCase())));
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}
