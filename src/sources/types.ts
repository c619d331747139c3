/**
 * A billing source describes how to read one export format into canonical usage records. It does no
 * I/O and never touches rows: it returns SQL expressions over the raw columns, which the store runs
 * inside DuckDB (vectorised, streaming). Adding a format means adding a folder with one of these.
 */

export interface ColumnInfo {
  readonly name: string;
  /** DuckDB type of the raw column: VARCHAR for CSV (read as text), the file's type for Parquet. */
  readonly type: string;
}

/** A typed canonical field: the SQL of its raw text, and what to say when it does not parse. */
export interface TypedField {
  /** SQL expression yielding the raw value (any type). NULL when absent. */
  readonly sql: string;
  /** Raw column name(s) it comes from, for error messages. */
  readonly column: string;
  /** Rows whose value is missing are rejected when true. */
  readonly required: boolean;
  /** DuckDB type of the raw column, when it is one column (typed Parquet columns need no parsing). */
  readonly type?: string;
}

/** SQL expressions (over the raw relation) for each canonical field. */
export interface CanonicalFields {
  readonly provider: string;
  readonly billing_account: string;
  readonly sub_account: string;
  readonly region: string;
  /**
   * The region as the bill names it (AWS CUR `product/region`), where the format has such a column,
   * before greenops places the line; NULL elsewhere. `region` is where the line is placed (from the
   * region code, location name, availability zone or usage-type prefix); the `ccf` profile reads this
   * one, as Cloud Carbon Footprint does.
   */
  readonly billed_region: string;
  readonly availability_zone: string;
  readonly service: string;
  /** Provider's service code where the format carries one (AWS `AmazonEC2`), else NULL. */
  readonly service_code: string;
  readonly service_category: string;
  readonly resource_id: string;
  readonly resource_type: string;
  readonly sku: string;
  /** Must yield one of: usage | purchase | tax | credit | adjustment | refund | unused_commitment | other. */
  readonly charge_category: string;
  readonly charge_description: string;
  readonly usage_type: string;
  readonly unit: string;
  readonly currency: string;
  /** The row's tags as JSON object text (VARCHAR), or NULL. Parsed once per distinct tag set. */
  readonly tags_json: string;
  /** A billed instance-type column where the format has one, else NULL; text is searched for one later. */
  readonly instance_type_hint: string;
  /** vCPUs stated by the bill for the line's instance (DOUBLE), else NULL. */
  readonly vcpus: string;
  readonly period_start: TypedField;
  readonly period_end: TypedField;
  readonly quantity: TypedField;
  readonly billed_cost: TypedField;
  readonly effective_cost: TypedField;
  /**
   * Start of the billing period the charge was invoiced in (FOCUS `BillingPeriodStart`, CUR
   * `bill/BillingPeriodStartDate`); the month of the charge when absent or unreadable. A later
   * export of the same account and billing period supersedes an earlier one.
   */
  readonly billing_period: TypedField;
  /**
   * AWS `lineItem/BlendedCost` (rates averaged across an organisation), NULL elsewhere. Stored so the
   * `ccf` profile can use the cost CCF reads; never used for footprints of the default profile.
   */
  readonly blended_cost: TypedField;
}

export interface SourceMapping {
  readonly fields: CanonicalFields;
  readonly formatVersion: string;
  /** Non-fatal findings about the file (e.g. missing recommended columns), shown after ingest. */
  readonly warnings: readonly string[];
}

export interface BillingSource {
  /** Used on the command line: `greenops ingest <id> <path…>`. */
  readonly id: string;
  readonly title: string;
  /** Whether a file with these columns looks like this format. */
  detect(columns: readonly ColumnInfo[]): boolean;
  /** Build the mapping, or throw E_INPUT_COLUMN_MISSING naming the file and the columns. */
  map(columns: readonly ColumnInfo[], file: string): SourceMapping;
}
