-- Station-area line loss (台区线损, #21): a station area is the low-voltage network behind one distribution transformer;
-- its area meter (台区总表) measures the energy supplied. Loss rate of a month = (supplied − Σ the area customers' billed)
-- / supplied, judged against the norm of the area's type (rule-set data, domain/lineLossRules.ts).
create table station_areas (
  id text primary key check (id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
  name text not null,
  station_id text not null references org_units(id),
  -- 城网 / 镇区 / 农网: the norm differs (longer rural low-voltage lines lose more)
  area_type text not null check (area_type in ('urban', 'town', 'rural')),
  transformer_kva numeric(12, 2)
);
create index station_areas_station_idx on station_areas (station_id);

alter table customers add column area_id text references station_areas(id);
create index customers_area_idx on customers (area_id) where area_id is not null;

-- The area meter's supplied energy per month (供电量), imported like the customers' bills.
create table area_supply (
  area_id text not null references station_areas(id),
  month date not null check (extract(day from month) = 1),
  supplied_kwh numeric(14, 2) not null check (supplied_kwh >= 0),
  primary key (area_id, month)
);
