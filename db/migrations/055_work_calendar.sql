-- The working-day calendar as maintained data (#17): the State Council publishes each year's holidays and make-up
-- working days (调休) late in the year before; a year is published (or replaced) as a whole. Seeded from the package
-- chinese-days by db/calendarSeed.ts (run by db/migrate.ts after the SQL migrations); an admin publishes later years.
create table calendar_years (
  year int primary key check (year between 1990 and 2200),
  source text not null check (char_length(source) between 1 and 100),
  published_at timestamptz not null default now(),
  published_by text
);

create table calendar_days (
  day date primary key,
  year int not null references calendar_years (year) on delete cascade,
  kind text not null check (kind in ('holiday', 'workday')),
  name text not null check (char_length(name) between 1 and 40),
  source text not null,
  check (extract(year from day)::int = year)
);
create index calendar_days_year_idx on calendar_days (year);

-- A deadline computed past the known calendar (weekends alone counted) is provisional until its year is published;
-- the publication signals the open cases holding one (partial index: few rows, looked up at every publication).
alter table cases add column deadline_provisional boolean not null default false;
create index cases_deadline_provisional_idx on cases (id) where deadline_provisional and stage not in ('closed', 'dismissed', 'cancelled');
