/**
 * Numbered schema migrations for the embedded store. Each runs once, in order, inside a transaction;
 * `schema_migrations` records which have run. Never edit a migration that has shipped: add one.
 *
 * Layout, chosen for speed: billing rows are stored once, narrow (`usage`). Everything that depends
 * only on a row's *kind* — classification, instance type, factors, coefficients — lives in small
 * tables keyed by `class_key`, a hash of the row's descriptive columns (`class_keys`, `rates`), and
 * tags live once per distinct tag set (`tag_sets`). A footprint row is usage × rate, computed when
 * read (`footprint` view): re-estimating after a factor change rewrites a few thousand rates, never
 * the billing rows.
 *
 * Views are not migrations: they are derived from the tables and recreated from the code (`views`)
 * whenever their definition changes, so a view can change without a migration.
 */
import { footprintViewSql } from './footprint-view.js';

export interface View {
  readonly name: string;
  readonly sql: string;
}

export const views: readonly View[] = [{ name: 'footprint', sql: footprintViewSql }];

export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'files, usage, class keys, tag sets, rates, footprint',
    sql: `
CREATE SEQUENCE IF NOT EXISTS file_id_seq START 1;

-- One row per ingested file, keyed by the SHA-256 of its bytes: the same file twice counts once.
CREATE TABLE files (
  file_id        INTEGER PRIMARY KEY DEFAULT nextval('file_id_seq'),
  sha256         VARCHAR NOT NULL UNIQUE,
  path           VARCHAR NOT NULL,
  format         VARCHAR NOT NULL,
  format_version VARCHAR,
  bytes          BIGINT NOT NULL,
  ingested_at    TIMESTAMP NOT NULL,
  rows_read      BIGINT NOT NULL,
  rows_rejected  BIGINT NOT NULL,
  warnings       VARCHAR[] NOT NULL
);

-- Every row read, rejected ones included (status = 'rejected', with the column, reason and value).
CREATE TABLE usage (
  file_id           INTEGER NOT NULL,
  row_no            BIGINT NOT NULL,          -- 1-based data row in the file (CSV line = row_no + 1)
  status            VARCHAR NOT NULL,         -- ok | rejected
  reject_column     VARCHAR,
  reject_reason     VARCHAR,
  reject_value      VARCHAR,
  provider          VARCHAR,
  billing_account   VARCHAR,
  sub_account       VARCHAR,
  region            VARCHAR,
  service           VARCHAR,
  service_category  VARCHAR,
  resource_id       VARCHAR,
  charge_category   VARCHAR,                  -- usage | purchase | tax | credit | adjustment | refund | unused_commitment | other
  period_start      TIMESTAMP,
  period_end        TIMESTAMP,
  quantity          DOUBLE,
  billed_cost       DOUBLE,
  effective_cost    DOUBLE,
  currency          VARCHAR,
  class_key         UBIGINT,                  -- → class_keys
  tags_key          UBIGINT                   -- → tag_sets
);

-- One row per distinct kind of charge: the descriptive columns as billed, and their classification.
CREATE TABLE class_keys (
  class_key          UBIGINT PRIMARY KEY,
  provider           VARCHAR,
  region             VARCHAR,
  service            VARCHAR,
  service_code       VARCHAR,
  service_category   VARCHAR,
  charge_category    VARCHAR,
  charge_description VARCHAR,
  usage_type         VARCHAR,
  unit               VARCHAR,
  resource_type      VARCHAR,
  instance_type_hint VARCHAR,                 -- a billed instance-type column, where the format has one
  vcpus              DOUBLE,                  -- vCPUs stated by the bill (CUR product/vcpu)
  classifier_version VARCHAR,
  usage_class        VARCHAR,                 -- compute | gpu | memory | storage | network | cost_only | unclassified
  class_reason       VARCHAR,
  instance_type      VARCHAR,
  gpu_model          VARCHAR,
  storage_media      VARCHAR,
  storage_service    VARCHAR,
  amount_unit        VARCHAR,                 -- instance-hours | vcpu-hours | gpu-hours | gb-hours | gb
  amount_factor      DOUBLE,                  -- canonical amount per unit of quantity
  per_month          BOOLEAN                  -- quantity is per month: multiply by the hours of the charge's month
);

CREATE TABLE tag_sets (
  tags_key UBIGINT PRIMARY KEY,
  raw      VARCHAR,
  tags     MAP(VARCHAR, VARCHAR)               -- keys lower-cased and trimmed
);

-- Per methodology and class key: energy and emissions per canonical unit, with bands and lineage.
CREATE TABLE rates (
  methodology        VARCHAR NOT NULL,
  class_key          UBIGINT NOT NULL,
  status             VARCHAR NOT NULL,        -- estimated | fallback | cost_only | unclassified
  flags              VARCHAR[] NOT NULL,
  cost_ratio         BOOLEAN NOT NULL,        -- estimated from cost (see cost_ratios)
  compute_kwh        DOUBLE NOT NULL,         -- per unit, IT energy before PUE
  gpu_kwh            DOUBLE NOT NULL,
  memory_kwh         DOUBLE NOT NULL,
  storage_kwh        DOUBLE NOT NULL,
  network_kwh        DOUBLE NOT NULL,
  kwh                DOUBLE NOT NULL,         -- per unit, × PUE
  kwh_low            DOUBLE NOT NULL,
  kwh_high           DOUBLE NOT NULL,
  operational_g      DOUBLE NOT NULL,
  operational_g_low  DOUBLE NOT NULL,
  operational_g_high DOUBLE NOT NULL,
  market_g           DOUBLE NOT NULL,
  embodied_g         DOUBLE NOT NULL,
  embodied_g_low     DOUBLE NOT NULL,
  embodied_g_high    DOUBLE NOT NULL,
  grid_factor_id     VARCHAR,
  pue_factor_id      VARCHAR,
  power_factor_id    VARCHAR,
  embodied_factor_id VARCHAR,
  coefficient_id     VARCHAR,
  PRIMARY KEY (methodology, class_key)
);

-- Per methodology, file and provider: energy and emissions per unit of cost of the estimated rows,
-- for rows with no energy model of their own.
CREATE TABLE cost_ratios (
  methodology  VARCHAR NOT NULL,
  file_id      INTEGER NOT NULL,
  provider     VARCHAR,
  kwh          DOUBLE NOT NULL,
  operational_g DOUBLE NOT NULL,
  market_g     DOUBLE NOT NULL,
  embodied_g   DOUBLE NOT NULL,
  band_low     DOUBLE NOT NULL,
  band_high    DOUBLE NOT NULL
);

-- Row-level results of methodologies that cannot be written as rates (none by default).
CREATE TABLE footprint_rows (
  methodology VARCHAR NOT NULL, file_id INTEGER NOT NULL, row_no BIGINT NOT NULL, status VARCHAR NOT NULL, flags VARCHAR[],
  compute_kwh DOUBLE NOT NULL, gpu_kwh DOUBLE NOT NULL, memory_kwh DOUBLE NOT NULL, storage_kwh DOUBLE NOT NULL, network_kwh DOUBLE NOT NULL,
  kwh DOUBLE NOT NULL, kwh_low DOUBLE NOT NULL, kwh_high DOUBLE NOT NULL,
  operational_g DOUBLE NOT NULL, operational_g_low DOUBLE NOT NULL, operational_g_high DOUBLE NOT NULL, market_g DOUBLE NOT NULL,
  embodied_g DOUBLE NOT NULL, embodied_g_low DOUBLE NOT NULL, embodied_g_high DOUBLE NOT NULL,
  grid_factor_id VARCHAR, pue_factor_id VARCHAR, power_factor_id VARCHAR, embodied_factor_id VARCHAR, coefficient_id VARCHAR
);

CREATE TABLE estimated_files (
  methodology VARCHAR NOT NULL,
  file_id     INTEGER NOT NULL,
  PRIMARY KEY (methodology, file_id)
);

CREATE TABLE estimates (
  methodology         VARCHAR PRIMARY KEY,
  kind                VARCHAR NOT NULL,         -- rates | rows
  methodology_version VARCHAR NOT NULL,
  factors_version     VARCHAR NOT NULL,
  estimated_at        TIMESTAMP NOT NULL
);
`,
  },
  {
    id: 2,
    name: 'billing periods and restated exports',
    sql: `
-- The billing period each row was invoiced in, and the file whose later export of the same account
-- and period replaced it (status 'superseded': kept and counted, no longer in any footprint).
ALTER TABLE usage ADD COLUMN billing_period DATE;
ALTER TABLE usage ADD COLUMN superseded_by INTEGER;
UPDATE usage SET billing_period = CAST(date_trunc('month', period_start) AS DATE);
-- Files ingested by one command form a batch: parts of one export never supersede each other.
ALTER TABLE files ADD COLUMN batch VARCHAR;
`,
  },
  {
    id: 3,
    name: 'grid intensity cache',
    sql: `
-- Grid carbon-intensity points fetched from live providers, kept so that an outage of the provider
-- can be bridged with what was already fetched (flagged as a fallback wherever it is used).
CREATE TABLE intensity_points (
  provider         VARCHAR NOT NULL,
  zone             VARCHAR NOT NULL,
  start            TIMESTAMP NOT NULL,            -- UTC
  duration_minutes DOUBLE NOT NULL,
  g_per_kwh        DOUBLE NOT NULL,               -- gCO2e/kWh
  kind             VARCHAR NOT NULL,              -- actual | forecast
  signal           VARCHAR NOT NULL,              -- average | marginal
  estimated        BOOLEAN NOT NULL,
  fetched_at       TIMESTAMP NOT NULL,
  source           VARCHAR,
  PRIMARY KEY (provider, zone, start)
);
`,
  },
  {
    id: 4,
    name: 'blended cost',
    sql: `
-- AWS blended cost (NULL for other formats): the cost Cloud Carbon Footprint reads, for the ccf profile.
ALTER TABLE usage ADD COLUMN blended_cost DOUBLE;
`,
  },
  {
    id: 5,
    name: 'tracked runs',
    sql: `
-- Jobs measured by \`greenops track\` (source 'track') or imported from CodeCarbon (source 'codecarbon').
-- Energies are kWh attributed to the job before PUE; emissions in grams CO2e. The full summary (per
-- GPU, per phase, notes) is kept as JSON beside the columns reports group by.
CREATE TABLE runs (
  run_id            VARCHAR PRIMARY KEY,
  source            VARCHAR NOT NULL,
  name              VARCHAR NOT NULL,
  project           VARCHAR,
  tags              JSON,
  command           VARCHAR,
  host              VARCHAR,
  started_at        TIMESTAMP NOT NULL,
  ended_at          TIMESTAMP NOT NULL,
  duration_s        DOUBLE NOT NULL,
  exit_code         INTEGER,
  complete          BOOLEAN NOT NULL,
  zone              VARCHAR,
  region            VARCHAR,
  pue               DOUBLE NOT NULL,
  cpu_kwh           DOUBLE NOT NULL,
  dram_kwh          DOUBLE NOT NULL,
  gpu_kwh           DOUBLE NOT NULL,
  energy_kwh        DOUBLE NOT NULL,                -- cpu + dram + gpu, before PUE
  energy_kwh_low    DOUBLE NOT NULL,
  energy_kwh_high   DOUBLE NOT NULL,
  idle_kwh          DOUBLE,
  intensity_g_per_kwh DOUBLE,
  intensity_source  VARCHAR,
  emissions_g       DOUBLE NOT NULL,                -- operational: energy × PUE × intensity
  emissions_g_low   DOUBLE NOT NULL,
  emissions_g_high  DOUBLE NOT NULL,
  embodied_g        DOUBLE NOT NULL,
  methodology_version VARCHAR NOT NULL,
  summary           JSON NOT NULL,
  journal           VARCHAR,                        -- the run journal it was computed from
  stored_at         TIMESTAMP NOT NULL
);

-- The sample series of tracked runs: job power and energy per interval.
CREATE TABLE run_samples (
  run_id     VARCHAR NOT NULL,
  t0         TIMESTAMP NOT NULL,
  t1         TIMESTAMP NOT NULL,
  cpu_j      DOUBLE NOT NULL,
  dram_j     DOUBLE NOT NULL,
  gpu_j      DOUBLE NOT NULL,
  idle_j     DOUBLE NOT NULL,
  cpu_share  DOUBLE,
  rss_bytes  DOUBLE
);
`,
  },
  {
    id: 6,
    name: 'grouped usage',
    sql: `
-- A usage row is a group of a file's lines with the same day, kind of charge, resource, account, tags
-- and billing period (a rejected line stays alone): line_count lines, their quantities and costs
-- summed, period_start and period_end the earliest start and latest end. row_no is a rejected line's
-- data-row number (accepted groups: NULL, or in stores written by earlier releases the first line of
-- a Parquet group). cost_basis is the sum over the lines of the larger of billed and
-- effective cost (never below 0), the cost that cost-ratio estimates multiply. Rows stored before
-- this were single lines (line_count 1).
ALTER TABLE usage ADD COLUMN line_count BIGINT DEFAULT 1;
ALTER TABLE usage ADD COLUMN cost_basis DOUBLE;
UPDATE usage SET cost_basis = greatest(effective_cost, billed_cost, 0);
ALTER TABLE usage ALTER COLUMN row_no DROP NOT NULL;
-- Every methodology is now rate-based (ccf too): row-level results go, and the methodologies that
-- wrote them are estimated again on next use.
DROP TABLE footprint_rows;
DELETE FROM estimated_files WHERE methodology IN (SELECT methodology FROM estimates WHERE kind = 'rows');
DELETE FROM estimates WHERE kind = 'rows';
-- A methodology's own amount per kind (quantity × amount_factor, × the hours of the row's month where
-- per_month), instead of the classifier's; or, where per_cost, its rates are per unit of the row's
-- blended cost (unblended where absent). NULL: the classifier's amount.
ALTER TABLE rates ADD COLUMN amount_factor DOUBLE;
ALTER TABLE rates ADD COLUMN per_month BOOLEAN;
ALTER TABLE rates ADD COLUMN per_cost BOOLEAN;
-- Which definition of each view is installed (see \`views\`).
CREATE TABLE schema_views (name VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL);
`,
  },
  {
    id: 7,
    name: 'billed region',
    sql: `
-- The region as the bill names it (AWS CUR product/region), beside the region greenops places the
-- line in: the ccf profile reads it, as CCF does (an empty or unknown one takes CCF's 'Unknown'
-- factor). It is part of a kind of charge from now on. Kinds stored before kept only the placed
-- region, which is what the ccf profile read until now: they keep it.
ALTER TABLE class_keys ADD COLUMN billed_region VARCHAR;
UPDATE class_keys SET billed_region = region WHERE provider = 'aws' AND service_code IS NOT NULL;
-- Migration 6 was first released in another form (row-level ccf results in footprint_rows, keyed by
-- usage_id, and no per-kind amounts on rates). A store that ran that form is brought to the current
-- one here; for a store that ran the current form, these change nothing.
DROP TABLE IF EXISTS footprint_rows;
DELETE FROM estimated_files WHERE methodology IN (SELECT methodology FROM estimates WHERE kind = 'rows');
DELETE FROM estimates WHERE kind = 'rows';
ALTER TABLE rates ADD COLUMN IF NOT EXISTS amount_factor DOUBLE;
ALTER TABLE rates ADD COLUMN IF NOT EXISTS per_month BOOLEAN;
ALTER TABLE rates ADD COLUMN IF NOT EXISTS per_cost BOOLEAN;
ALTER TABLE usage DROP COLUMN IF EXISTS usage_id;
DROP SEQUENCE IF EXISTS usage_id_seq;
`,
  },
];
