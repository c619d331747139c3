import type { MethodologyProfile } from '../../core/methodology.js';
import { ccfEstimateSql } from '../../core/ccf/estimate-sql.js';
import { ccfTempTables } from '../../core/ccf/temp-tables.js';
import type { Db } from './connection.js';
import { loadTable } from './resolve.js';

/**
 * The `ccf` profile: Cloud Carbon Footprint 0.15's AWS estimation, reproduced in SQL over the stored
 * kinds of charge (see src/core/ccf/). Loads CCF's lookup tables as temp tables, then one INSERT fills
 * `rates`; CCF's cost-ratio 'unknown' usage is priced from every stored row in footprints, as one CCF
 * run over them would.
 */
export async function ccfEstimator(db: Db, profile: MethodologyProfile): Promise<void> {
  for (const t of ccfTempTables()) await loadTable(db, t.name, t.columns, t.rows);
  await db.run(ccfEstimateSql(), { methodology: profile.id });
}
