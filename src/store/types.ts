/** What became of every row of one ingested file: read = estimated + cost_only + unclassified + rejected + superseded. */
export interface FileAccounting {
  readonly fileId: number;
  readonly path: string;
  readonly format: string;
  readonly formatVersion: string | null;
  readonly rowsRead: number;
  /** Rows with an energy class (compute, gpu, memory, storage, network). */
  readonly estimated: number;
  readonly byClass: Readonly<Record<string, number>>;
  /** Charges that carry cost but no energy (purchases, taxes, credits, refunds, unused commitments). */
  readonly costOnly: number;
  /** Usage rows whose unit has no energy model; kept and estimated by the cost-ratio fallback. */
  readonly unclassified: number;
  readonly rejected: number;
  /** Rows replaced by a later export of the same account and billing period (see `superseded_by`). */
  readonly superseded: number;
  readonly warnings: readonly string[];
}

/**
 * What a methodology made of every row of one file: read = estimated + fallback + cost_only +
 * unclassified + rejected + superseded.
 */
export interface FileOutcome {
  readonly fileId: number;
  readonly methodology: string;
  readonly rowsRead: number;
  /** Priced by their own energy model with the exact factors. */
  readonly estimated: number;
  /** Priced with a documented stand-in (provider-average grid or CPU, the file's cost ratio…), flagged. */
  readonly fallback: number;
  readonly costOnly: number;
  /** No estimate: no energy model and no cost ratio to fall back on, or outside what the methodology reads. */
  readonly unclassified: number;
  readonly rejected: number;
  readonly superseded: number;
}

export interface RejectedRow {
  readonly fileId: number;
  readonly path: string;
  readonly rowNo: number;
  readonly column: string;
  readonly reason: string;
  readonly value: string | null;
}
