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

export interface RejectedRow {
  readonly fileId: number;
  readonly path: string;
  readonly rowNo: number;
  readonly column: string;
  readonly reason: string;
  readonly value: string | null;
}
