/**
 * Numbered schema migrations for the embedded store. Each runs once, in order, inside a transaction;
 * `schema_migrations` records which have run. Never edit a migration that has shipped: add one.
 */
export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'files, usage, rejects, footprint',
    sql: `
CREATE SEQUENCE IF NOT EXISTS file_id_seq START 1;

-- One row per ingested file, keyed by the SHA-256 of its bytes: the same file twice counts once.
CREATE TABLE files (
  file_id       INTEGER PRIMARY KEY DEFAULT nextval('file_id_seq'),
  sha256        VARCHAR NOT NULL UNIQUE,
  path          VARCHAR NOT NULL,
  format        VARCHAR NOT NULL,
  format_version VARCHAR,
  bytes         BIGINT NOT NULL,
  ingested_at   TIMESTAMP NOT NULL,
  rows_read     BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  warnings      VARCHAR[] NOT NULL
);

-- Canonical usage records: every row read, including rejected ones (status = 'rejected').
CREATE TABLE usage (
  file_id          INTEGER NOT NULL,
  row_no           BIGINT NOT NULL,          -- 1-based data row in the file (CSV line = row_no + 1)
  status           VARCHAR NOT NULL,         -- ok | rejected
  reject_column    VARCHAR,
  reject_reason    VARCHAR,
  reject_value     VARCHAR,
  provider         VARCHAR,
  billing_account  VARCHAR,
  sub_account      VARCHAR,
  region           VARCHAR,
  availability_zone VARCHAR,
  service          VARCHAR,
  service_code     VARCHAR,                  -- provider's service code, e.g. AmazonEC2 (CUR lineItem/ProductCode)
  service_category VARCHAR,
  resource_id      VARCHAR,
  resource_type    VARCHAR,
  sku              VARCHAR,
  charge_category  VARCHAR,                  -- usage | purchase | tax | credit | adjustment | refund | other
  charge_description VARCHAR,
  usage_type       VARCHAR,
  period_start     TIMESTAMP,
  period_end       TIMESTAMP,
  quantity         DOUBLE,
  unit             VARCHAR,
  billed_cost      DOUBLE,
  effective_cost   DOUBLE,
  currency         VARCHAR,
  tags             MAP(VARCHAR, VARCHAR),
  usage_class      VARCHAR,                  -- compute | gpu | memory | storage | network | cost_only | unclassified
  class_reason     VARCHAR,
  instance_type    VARCHAR,
  vcpus            DOUBLE,                   -- vCPUs of the line's instance where the bill states them (CUR product/vcpu)
  gpu_model        VARCHAR,
  storage_media    VARCHAR,                  -- ssd | hdd
  storage_service  VARCHAR,                  -- replication key, e.g. s3, ebs
  amount           DOUBLE,                   -- quantity in the class's canonical unit
  amount_unit      VARCHAR                   -- instance-hours | vcpu-hours | gpu-hours | gb-hours | gb
);

-- Derived: one row per usage row and methodology profile. Rebuilt from usage + factors; never from raw files.
CREATE TABLE footprint (
  file_id         INTEGER NOT NULL,
  row_no          BIGINT NOT NULL,
  methodology     VARCHAR NOT NULL,          -- profile id, e.g. default, ccf
  status          VARCHAR NOT NULL,          -- estimated | fallback | cost_only | unclassified | rejected
  flags           VARCHAR[],
  compute_kwh     DOUBLE NOT NULL,
  gpu_kwh         DOUBLE NOT NULL,
  memory_kwh      DOUBLE NOT NULL,
  storage_kwh     DOUBLE NOT NULL,
  network_kwh     DOUBLE NOT NULL,
  kwh             DOUBLE NOT NULL,           -- IT energy × PUE
  kwh_low         DOUBLE NOT NULL,
  kwh_high        DOUBLE NOT NULL,
  operational_g   DOUBLE NOT NULL,           -- location-based
  operational_g_low  DOUBLE NOT NULL,
  operational_g_high DOUBLE NOT NULL,
  market_g        DOUBLE NOT NULL,
  embodied_g      DOUBLE NOT NULL,
  embodied_g_low  DOUBLE NOT NULL,
  embodied_g_high DOUBLE NOT NULL,
  grid_factor_id  VARCHAR,
  pue_factor_id   VARCHAR,
  power_factor_id VARCHAR,
  embodied_factor_id VARCHAR,
  coefficient_id  VARCHAR
);

CREATE TABLE estimated_files (
  methodology VARCHAR NOT NULL,
  file_id     INTEGER NOT NULL,
  PRIMARY KEY (methodology, file_id)
);

CREATE TABLE estimates (
  methodology     VARCHAR PRIMARY KEY,
  methodology_version VARCHAR NOT NULL,
  factors_version VARCHAR NOT NULL,
  estimated_at    TIMESTAMP NOT NULL
);
`,
  },
];
