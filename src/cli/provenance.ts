import type { MethodologyProfile } from '../core/methodology.js';
import type { Row } from '../report/format.js';

/**
 * What produced a result, as machine output carries it: a CSV or JSON file read later must say which
 * methodology and version made its numbers (a table says so in its footer).
 */
export function methodologyFields(p: MethodologyProfile): { methodology: string; methodology_version: string } {
  return { methodology: p.id, methodology_version: p.version };
}

/** Rows with `methodology` and `methodology_version` as their last columns. */
export function withMethodology(rows: readonly Row[], p: MethodologyProfile): Row[] {
  return rows.map((r) => ({ ...r, ...methodologyFields(p) }));
}
