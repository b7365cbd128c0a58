-- Org tree, customers (minimal archive; the customer-data issue extends it), the case read model
-- and the append-only, hash-chained case log.
create table org_units (
  id text primary key,                       -- materialised path: HB.XN.XA.WQ
  parent_id text references org_units(id),
  level text not null check (level in ('province', 'city', 'county', 'station', 'grid')),
  name_zh text not null,
  name_en text not null
);

create table customers (
  account_no text primary key check (account_no ~ '^[0-9]{10}$'),
  name text not null,
  address text not null,
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  tariff_category text not null check (tariff_category in ('residential', 'commercial', 'general_industrial', 'large_industrial', 'agricultural')),
  contract_capacity_kva numeric(12, 2),
  meter_no text,
  whitelist boolean not null default false,
  station_id text not null references org_units(id),
  grid_id text references org_units(id),
  status text not null default 'active' check (status in ('active', 'suspended', 'closed'))
);
create index customers_station_idx on customers (station_id);
create index customers_name_idx on customers (name);

create sequence case_no_seq;

create table cases (
  id uuid primary key,
  case_no text not null unique,
  workflow_id text not null unique,
  customer_account_no text not null references customers(account_no),
  customer_name text not null,
  org_unit_id text not null references org_units(id),
  origin text not null check (origin in ('routine', 'special', 'custom')),
  stage text not null,
  priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
  note text,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  last_event_seq integer not null
);
create index cases_org_idx on cases (org_unit_id text_pattern_ops);
create index cases_created_idx on cases (created_at desc);
create index cases_stage_idx on cases (stage);

create table case_events (
  case_id uuid not null references cases(id),
  seq integer not null check (seq >= 1),
  type text not null,
  stage text not null,
  actor text,
  payload jsonb not null,
  occurred_at timestamptz not null,
  prev_hash text not null,
  hash text not null,
  recorded_at timestamptz not null default now(),
  primary key (case_id, seq)
);

-- Append-only: the application never updates or deletes log rows; tampering is detected by the hash chain.
create function case_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_events is append-only';
end $$;
create trigger case_events_no_update before update or delete on case_events
  for each row execute function case_events_append_only();
