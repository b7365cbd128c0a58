-- Bulk imports keep their row report; routine audits (常态稽查) keep the monitoring system's work orders, each
-- with the case it became (deterministic case id, so a re-import or a retried request never opens a second one).
create table import_batches (
  id uuid primary key,
  kind text not null,
  content_sha256 text not null,
  content_type text not null,
  row_count integer not null,
  accepted integer not null,
  rejected integer not null,
  report jsonb not null,
  imported_by text not null,
  org_unit_id text not null,
  created_at timestamptz not null default now()
);
create index import_batches_created_idx on import_batches (created_at desc);

create table routine_work_orders (
  order_no text primary key,
  account_no text not null references customers(account_no),
  anomaly_type text not null,
  detected_on date not null,
  description text,
  case_id uuid not null unique,
  import_id uuid not null,
  created_at timestamptz not null default now()
);
create index routine_work_orders_account_idx on routine_work_orders (account_no, anomaly_type);

-- What the synthetic-utility generator loaded where (demo, tests, benchmarks), so a re-seed can skip.
create table synthetic_populations (
  name text primary key,
  spec jsonb not null,
  customers integer not null,
  loaded_at timestamptz not null default now()
);
