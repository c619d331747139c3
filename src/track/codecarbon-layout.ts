/**
 * CodeCarbon's `emissions.csv`: its columns, units and country codes. Pure data and lookups.
 *
 * Column order is the `EmissionsData` dataclass's field order (mlco2/codecarbon,
 * codecarbon/output_methods/emissions_data.py), which pandas writes as the header. The newest layout
 * (3.x, with water and utilisation) puts the utilisation columns after `tracking_mode`; a real 3.3.0
 * file captured in CodeCarbon's own tests (tests/cli/test_cli_ci_report.py) has exactly this header.
 * CodeCarbon compares headers as sets (FileOutput.has_valid_headers sorts them), so the order matters
 * to people and diff tools, and the set matters to CodeCarbon when it appends to a file.
 */

/** The newest layout (CodeCarbon 3.x), in file order. @example CODECARBON_COLUMNS.join(',') // the header line */
export const CODECARBON_COLUMNS = [
  'timestamp', 'project_name', 'run_id', 'experiment_id', 'duration', 'emissions', 'emissions_rate',
  'cpu_power', 'gpu_power', 'ram_power', 'cpu_energy', 'gpu_energy', 'ram_energy', 'energy_consumed', 'water_consumed',
  'country_name', 'country_iso_code', 'region', 'cloud_provider', 'cloud_region', 'os', 'python_version', 'codecarbon_version',
  'cpu_count', 'cpu_model', 'gpu_count', 'gpu_model', 'longitude', 'latitude', 'ram_total_size', 'tracking_mode',
  'cpu_utilization_percent', 'gpu_utilization_percent', 'ram_utilization_percent', 'ram_used_gb', 'on_cloud', 'pue', 'wue',
] as const;

export type CodecarbonColumn = (typeof CODECARBON_COLUMNS)[number];

/**
 * Units of the numeric columns (codecarbon/core/emission_fields.py `_FIELD_UNITS`, and the
 * `# kg` / `# kg/s` comments of `_prepare_emissions_data` in emissions_tracker.py). Energies are
 * cumulative since `tracker.start()` and already multiplied by the PUE: `_do_measurements` does
 * `energy *= self._pue` per component before adding it to the totals.
 *
 * @example CODECARBON_UNITS.energy_consumed // 'kWh'
 */
export const CODECARBON_UNITS: Readonly<Partial<Record<CodecarbonColumn, string>>> = {
  duration: 's', emissions: 'kg CO2e', emissions_rate: 'kg CO2e/s',
  cpu_power: 'W', gpu_power: 'W', ram_power: 'W',
  cpu_energy: 'kWh', gpu_energy: 'kWh', ram_energy: 'kWh', energy_consumed: 'kWh', water_consumed: 'L',
  cpu_count: 'count', gpu_count: 'count', longitude: 'degrees', latitude: 'degrees', ram_total_size: 'GB',
  cpu_utilization_percent: '%', gpu_utilization_percent: '%', ram_utilization_percent: '%', ram_used_gb: 'GB',
  pue: 'ratio', wue: 'L/kWh',
};

/** Numeric columns that may be signed (coordinates); every other numeric column is ≥ 0. @example SIGNED_COLUMNS.has('longitude') // true */
export const SIGNED_COLUMNS: ReadonlySet<string> = new Set(['longitude', 'latitude']);

/*
 * ISO 3166-1 alpha-2 + alpha-3 pairs (249 countries, as listed in pycountry 26.2.16's iso3166-1.json,
 * from Debian iso-codes). CodeCarbon writes alpha-3 (`country_iso_code`); greenops zones are
 * Electricity Maps ids, which start with the alpha-2 code (`FR`, `US-CAL-CISO`).
 */
const ISO3166 = `ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA AZAZE BABIH
BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES BRBRA BSBHS BTBTN BVBVT BWBWA BYBLR BZBLZ
CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK CLCHL CMCMR CNCHN COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU
DJDJI DKDNK DMDMA DODOM DZDZA ECECU EEEST EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA GAGAB GBGBR
GDGRD GEGEO GFGUF GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD HNHND
HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM JOJOR JPJPN KEKEN KGKGZ KHKHM
KIKIR KMCOM KNKNA KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA LYLBY MAMAR
MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX
MYMYS MZMOZ NANAM NCNCL NENER NFNFK NGNGA NINIC NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG PHPHL
PKPAK PLPOL PMSPM PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA SASAU SBSLB SCSYC SDSDN SESWE
SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD STSTP SVSLV SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO
THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON TRTUR TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT
VEVEN VGVGB VIVIR VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE`
  .split(/\s+/)
  .map((p) => [p.slice(0, 2), p.slice(2)] as const);

const alpha3Of = new Map(ISO3166.map(([a2, a3]) => [a2, a3]));
const alpha2Of = new Map(ISO3166.map(([a2, a3]) => [a3, a2]));
const names = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * ISO 3166-1 alpha-2 code of an alpha-3 code (any case), or undefined.
 *
 * @example alpha2('FRA') // 'FR'
 */
export function alpha2(iso3: string): string | undefined {
  return alpha2Of.get(iso3.trim().toUpperCase());
}

/**
 * The country a grid zone lies in, as CodeCarbon writes it: alpha-3 code and English name.
 *
 * @example countryOfZone('US-CAL-CISO') // { iso3: 'USA', name: 'United States' }
 */
export function countryOfZone(zone: string | null): { iso3: string; name: string } | undefined {
  const a2 = zone?.split('-')[0]?.toUpperCase();
  const iso3 = a2 === undefined ? undefined : alpha3Of.get(a2);
  return a2 === undefined || iso3 === undefined ? undefined : { iso3, name: names.of(a2) ?? a2 };
}
