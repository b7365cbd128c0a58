-- Customer data as the upstream systems see it (SG186 marketing system, collection system, GIS), held in
-- Postgres and read through the built-in connector: bills, daily frozen readings, payments and arrears,
-- business-expansion work orders (业扩工单) and meter events. kWh and yuan are numeric(14,2).
create index customers_grid_idx on customers (grid_id);
create index customers_station_tariff_idx on customers (station_id, tariff_category);

-- Closed billing months; the latest is the default "as of" month of a judgement.
create table billing_periods (
  month date primary key check (extract(day from month) = 1)
);

create table monthly_consumption (
  account_no text not null references customers(account_no),
  month date not null check (extract(day from month) = 1),
  kwh numeric(14, 2) not null check (kwh >= 0),
  amount_yuan numeric(14, 2) not null check (amount_yuan >= 0),
  tariff_category text not null check (tariff_category in ('residential', 'commercial', 'general_industrial', 'large_industrial', 'agricultural')),
  primary key (account_no, month)
);

-- 日冻结电量: the collection system's reading frozen at midnight, and the day's consumption.
create table daily_readings (
  account_no text not null references customers(account_no),
  reading_date date not null,
  day_kwh numeric(14, 2) not null check (day_kwh >= 0),
  register_kwh numeric(14, 2) check (register_kwh >= 0),
  primary key (account_no, reading_date)
);

create table payments (
  payment_no text primary key,
  account_no text not null references customers(account_no),
  paid_on date not null,
  amount_yuan numeric(14, 2) not null check (amount_yuan > 0),
  channel text not null check (channel in ('counter', 'bank', 'wechat', 'alipay', 'app', 'other'))
);
create index payments_account_idx on payments (account_no, paid_on desc);

create table arrears (
  account_no text not null references customers(account_no),
  bill_month date not null check (extract(day from bill_month) = 1),
  amount_due_yuan numeric(14, 2) not null check (amount_due_yuan >= 0),
  amount_paid_yuan numeric(14, 2) not null default 0 check (amount_paid_yuan >= 0),
  due_on date not null,
  primary key (account_no, bill_month)
);

create table work_orders (
  order_no text primary key,
  account_no text not null references customers(account_no),
  kind text not null check (kind in ('new_connection', 'capacity_increase', 'capacity_reduction', 'tariff_change', 'temporary_power', 'suspension', 'disconnection', 'reconnection')),
  status text not null check (status in ('accepted', 'surveyed', 'approved', 'constructed', 'connected', 'archived', 'cancelled')),
  applied_on date not null,
  completed_on date,
  capacity_kva numeric(12, 2) check (capacity_kva >= 0),
  note text
);
create index work_orders_account_idx on work_orders (account_no, applied_on desc);

create table meter_events (
  account_no text not null references customers(account_no),
  occurred_at timestamptz not null,
  kind text not null check (kind in ('tamper', 'cover_open', 'reverse_flow', 'power_loss')),
  meter_no text,
  primary key (account_no, occurred_at, kind)
);
