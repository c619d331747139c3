import { costRatioSql, estimateSql, type Coefficients } from '../../core/estimate-sql.js';
import type { MethodologyProfile } from '../../core/methodology.js';
import { coefficient } from '../../factors/coefficients.js';
import { FACTORS_VERSION } from '../../factors/index.js';
import { CLASSIFIER_VERSION } from '../../sources/classify.js';
import type { Db } from './connection.js';
import { ccfEstimator as runCcf } from './estimate-ccf.js';
import { classifyPendingKeys } from './classify.js';
import { resolveDefaults, resolveGpus, resolveInstances, resolveRegions, resolveReplication } from './resolve.js';

function coefficients(): Coefficients {
  const memory = coefficient('memory');
  const ssd = coefficient('ssd');
  const hdd = coefficient('hdd');
  const network = coefficient('network');
  const l2 = (b: { low: number; high: number }): [number, number] => [Math.log(b.low) ** 2, Math.log(b.high) ** 2];
  return {
    memoryKWhPerGBh: memory.value,
    ssdWhPerTBh: ssd.value,
    hddWhPerTBh: hdd.value,
    networkKWhPerGB: network.value,
    memoryLn2: l2(memory.band),
    storageLn2: l2(ssd.band),
    networkLn2: l2(network.band),
    ids: { memory: memory.id, ssd: ssd.id, hdd: hdd.id, network: network.id },
  };
}

/**
 * How a profile fills the store for the files in `__target`: per-unit rates per class key (and, for
 * the default profile, cost ratios per file); a row's footprint is computed from them when read.
 */
export interface Estimator {
  run(db: Db, profile: MethodologyProfile, all: boolean): Promise<void>;
}

const defaultEstimator: Estimator = {
  async run(db, profile, all) {
    const m = { methodology: profile.id };
    if (all) {
      await db.run('DELETE FROM rates WHERE methodology = $methodology', m);
      await db.run('DELETE FROM cost_ratios WHERE methodology = $methodology', m);
    }
    await db.run('CREATE OR REPLACE TEMP TABLE __keys AS SELECT * FROM class_keys WHERE class_key NOT IN (SELECT class_key FROM rates WHERE methodology = $methodology)', m);
    await resolveRegions(db);
    await resolveInstances(db);
    await resolveGpus(db);
    await resolveDefaults(db);
    await resolveReplication(db);
    await db.run(estimateSql(profile, coefficients()), m);
    await db.run('DELETE FROM cost_ratios WHERE methodology = $methodology AND file_id IN (SELECT file_id FROM __target)', m);
    await db.run(costRatioSql(profile), m);
  },
};

/**
 * CCF's unknown usage is priced from the totals of one run, so its rates depend on every stored file:
 * each estimation is one run over all of them (a few thousand kinds of charge, whatever the rows).
 */
const ccfEstimator: Estimator = {
  async run(db, profile) {
    await db.run('DELETE FROM rates WHERE methodology = $1', [profile.id]);
    await runCcf(db, profile);
  },
};

const estimators: Record<MethodologyProfile['id'], Estimator> = {
  default: defaultEstimator,
  ccf: ccfEstimator,
};

export type EstimateScope = { readonly fileIds: readonly number[] } | 'all';

/** What the stored estimates of a profile were made with: rules, classifier and factors. */
function versionOf(profile: MethodologyProfile): string {
  return `${profile.version}+classifier.${CLASSIFIER_VERSION}`;
}

/**
 * (Re)build the footprint of the given files under one profile, from stored usage and the current
 * factor tables. Raw files are never read again.
 */
export async function estimate(db: Db, profile: MethodologyProfile, scope: EstimateScope): Promise<void> {
  const estimator = estimators[profile.id];
  await db.transaction(async () => {
    await classifyPendingKeys(db);
    if (scope === 'all') await db.run('CREATE OR REPLACE TEMP TABLE __target AS SELECT file_id FROM files');
    else await db.run('CREATE OR REPLACE TEMP TABLE __target AS SELECT unnest($1::INTEGER[]) AS file_id', [JSON.stringify(scope.fileIds)]);
    await db.run('INSERT OR REPLACE INTO estimates VALUES ($1, $2, $3, $4, now())', [profile.id, 'rates', versionOf(profile), FACTORS_VERSION]);
    await estimator.run(db, profile, scope === 'all');
    await db.run('DELETE FROM estimated_files WHERE methodology = $1 AND file_id IN (SELECT file_id FROM __target)', [profile.id]);
    await db.run('INSERT INTO estimated_files SELECT $1, file_id FROM __target', [profile.id]);
  });
}

/** Whether the stored footprint of a profile was made with other rules, classifier or factors than the current ones. */
export async function isStale(db: Db, profile: MethodologyProfile): Promise<boolean> {
  const rows = await db.all<{ methodology_version: string; factors_version: string }>('SELECT methodology_version, factors_version FROM estimates WHERE methodology = $1', [profile.id]);
  const r = rows[0];
  return !r || r.methodology_version !== versionOf(profile) || r.factors_version !== FACTORS_VERSION;
}

/** Estimate whatever is missing or out of date for a profile: everything when rules or factors changed, else new files only. */
export async function ensureEstimated(db: Db, profile: MethodologyProfile): Promise<void> {
  if (await isStale(db, profile)) {
    const any = await db.all<{ n: number }>('SELECT count(*) AS n FROM files');
    if ((any[0]?.n ?? 0) > 0) await estimate(db, profile, 'all');
    return;
  }
  const missing = await db.all<{ file_id: number }>(
    'SELECT file_id FROM files WHERE file_id NOT IN (SELECT file_id FROM estimated_files WHERE methodology = $1)',
    [profile.id],
  );
  if (missing.length) await estimate(db, profile, { fileIds: missing.map((m) => m.file_id) });
}
