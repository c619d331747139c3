import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CurRow } from './aws-cur.js';

/**
 * Runs the real Cloud Carbon Footprint (@cloud-carbon-footprint/aws 0.15.0, core 0.17.3, common
 * 1.15.0; dev dependencies) on CUR rows, in process, offline and without credentials: the reference
 * the `ccf` profile is tested against. It reproduces CostAndUsageReports.getEstimates() (the
 * Athena path, lib/CostAndUsageReports.js) minus Athena: each row becomes the library's own
 * CostAndUsageReportsRow, goes through its getFootprintEstimateFromUsageRow, and the deferred
 * 'unknown' rows then through its getEstimateForUnknownUsage, only when some row produced an
 * estimate, as getEstimates does. Results stay per row instead of being summed per day and service.
 */

/** One grouped row of CCF's Athena query (timestamp = DATE_TRUNC('day', usage start)). */
export interface CcfInputRow {
  readonly timestamp: Date;
  readonly region: string;
  readonly serviceName: string;
  readonly usageType: string;
  readonly usageUnit: string;
  /** `VarCharValue != '' ? parseFloat(VarCharValue) : null`, as convertAthenaRowToCostAndUsageReportsRow does. */
  readonly vCpus: number | null;
  readonly usageAmount: number;
  readonly cost: number;
}

/** The row CCF's Athena query would hand over for one CUR line item (DATE(DATE_TRUNC('day', usage start)); blended cost). */
export function asCcf(r: CurRow): CcfInputRow {
  return {
    timestamp: new Date(`${r.start.slice(0, 10)}T00:00:00.000Z`),
    region: r.region, serviceName: r.productCode, usageType: r.usageType, usageUnit: r.unit,
    vCpus: r.vcpus ? Number.parseFloat(r.vcpus) : null, usageAmount: r.amount, cost: r.blendedCost ?? r.cost,
  };
}

/** Relative error of `ours` against `ref` (absolute where `ref` is 0). */
export const relErr = (ours: number, ref: number): number => (ref === 0 ? Math.abs(ours) : Math.abs(ours - ref) / Math.abs(ref));

/** CCF's answer for one row: an estimate (values may be NaN), or no output at all. */
export type CcfOutcome = { readonly kind: 'estimate'; readonly kilowattHours: number; readonly co2e: number } | { readonly kind: 'none' };

interface Estimate { kilowattHours: number; co2e: number }
type Factors = Record<string, number>;
interface CurService {
  readonly costAndUsageReportsLogger: unknown;
  getFootprintEstimateFromUsageRow(row: object, unknownRows: object[], factors: Factors): Estimate | undefined;
  getEstimateForUnknownUsage(row: object): Estimate | undefined;
}
type Ctor<T> = new (...args: unknown[]) => T;
interface Ccf {
  readonly common: {
    setConfig(c: object): void;
    configLoader(): object;
    getEmissionsFactors(region: string, dateTime: string, factors: Factors, zones: object, logger: unknown): Promise<Factors>;
    readonly Logger: { prototype: Record<'debug' | 'info' | 'warn' | 'error', (...a: unknown[]) => void> };
  };
  readonly core: Record<'ComputeEstimator' | 'StorageEstimator' | 'NetworkingEstimator' | 'MemoryEstimator' | 'UnknownEstimator' | 'EmbodiedEmissionsEstimator', Ctor<object>>;
  readonly aws: {
    readonly CostAndUsageReports: Ctor<CurService>;
    readonly AWS_CLOUD_CONSTANTS: Record<string, unknown> & { KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT: object };
    readonly AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH: Factors;
  };
  readonly Row: Ctor<object>;
  readonly zones: object;
}

let loaded: Ccf | undefined;

/**
 * Load CCF with the environment it needs to stay offline and quiet: no Electricity Maps token (with
 * one, getEmissionsFactors calls api.electricitymap.org; common/Config.js reads
 * /run/secrets/ELECTRICITY_MAPS_TOKEN before the environment, so it is also forced to '' through
 * setConfig); NODE_ENV=test (winston silent); a scratch working directory while loading (common
 * runs dotenv.config() on ./.env); logger methods replaced, so winston never opens ./logs/*.log.
 */
export function loadCcfReference(): Ccf {
  if (loaded) return loaded;
  delete process.env['ELECTRICITY_MAPS_TOKEN'];
  process.env['NODE_ENV'] = 'test';
  process.env['AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE'] = '1';
  const cwd = process.cwd();
  const scratch = mkdtempSync(join(tmpdir(), 'ccf-reference-'));
  const noDeprecation = process.noDeprecation;
  const require = createRequire(import.meta.url);
  try {
    process.chdir(scratch);
    process.noDeprecation = true; // core 0.17.3's dist/package.json has an invalid "main"
    const common = require('@cloud-carbon-footprint/common') as Ccf['common'];
    const ccf: Ccf = {
      common,
      core: require('@cloud-carbon-footprint/core') as Ccf['core'],
      aws: require('@cloud-carbon-footprint/aws') as Ccf['aws'],
      Row: (require('@cloud-carbon-footprint/aws/dist/lib/CostAndUsageReportsRow') as { default: Ctor<object> }).default,
      zones: (require('@cloud-carbon-footprint/aws/dist/lib/AWSRegions') as { AWS_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES: object }).AWS_MAPPED_REGIONS_TO_ELECTRICITY_MAPS_ZONES,
    };
    common.setConfig({ ...common.configLoader(), ELECTRICITY_MAPS_TOKEN: '' });
    for (const level of ['debug', 'info', 'warn', 'error'] as const) common.Logger.prototype[level] = () => undefined;
    loaded = ccf;
    return ccf;
  } finally {
    process.chdir(cwd);
    process.noDeprecation = noDeprecation;
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One CCF run over the rows (one shared unknown-usage accumulator, reset first). */
export async function runCcfReference(rows: readonly CcfInputRow[]): Promise<CcfOutcome[]> {
  const { common, core, aws, Row, zones } = loadCcfReference();
  const C = aws.AWS_CLOUD_CONSTANTS;
  // Module-global and never reset by CCF itself (core/FootprintEstimate.js accumulateKilowattHours).
  C.KILOWATT_HOURS_BY_SERVICE_AND_USAGE_UNIT = { total: {} };
  // Exactly what AWSAccount.getCostAndUsageReportsDataFromInputData constructs (no serviceWrapper: no SDK calls).
  const service = new aws.CostAndUsageReports(
    new core.ComputeEstimator(),
    new core.StorageEstimator(C['SSDCOEFFICIENT']),
    new core.StorageEstimator(C['HDDCOEFFICIENT']),
    new core.NetworkingEstimator(C['NETWORKING_COEFFICIENT']),
    new core.MemoryEstimator(C['MEMORY_COEFFICIENT']),
    new core.UnknownEstimator(C['ESTIMATE_UNKNOWN_USAGE_BY']),
    new core.EmbodiedEmissionsEstimator(C['SERVER_EXPECTED_LIFESPAN']),
  );
  const out: CcfOutcome[] = rows.map(() => ({ kind: 'none' }));
  const unknown: Array<{ row: object; index: number }> = [];
  let produced = 0;
  for (const [index, r] of rows.entries()) {
    const row = new Row(r.timestamp, '', '', r.region, r.serviceName, r.usageType, r.usageUnit, r.vCpus, r.usageAmount, r.cost, {});
    const factors = await common.getEmissionsFactors(r.region, r.timestamp.toISOString(), aws.AWS_EMISSIONS_FACTORS_METRIC_TON_PER_KWH, zones, service.costAndUsageReportsLogger);
    const deferred: object[] = [];
    const estimate = service.getFootprintEstimateFromUsageRow(row, deferred, factors);
    for (const d of deferred) unknown.push({ row: d, index });
    if (estimate) {
      produced++;
      out[index] = { kind: 'estimate', kilowattHours: estimate.kilowattHours, co2e: estimate.co2e };
    }
  }
  if (produced > 0) {
    for (const u of unknown) {
      const estimate = service.getEstimateForUnknownUsage(u.row);
      if (estimate) out[u.index] = { kind: 'estimate', kilowattHours: estimate.kilowattHours, co2e: estimate.co2e };
    }
  }
  return out;
}
