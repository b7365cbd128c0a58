-- #19: the three append-only logs become tables partitioned by month, so old months can be detached, archived and
-- dropped whole (docs/retention.md) instead of ever deleting rows, and so scans stay within the months they ask for.
--
-- Months are Beijing months (Asia/Shanghai, UTC+8, no daylight saving): the users' reporting periods, the monthly
-- assessment and an auditor's "give me March" are Beijing months, so an archived partition holds exactly the month a
-- person asks for. Bounds are fixed offsets ('YYYY-MM-01 00:00+08'), so no boundary ever moves.
--
--   case_events  by occurred_at (the workflow's event time; a retry of an event carries the same value)
--   audit_log    by at          (the request's time)
--   gps_points   by recorded_at (the device's fix time; already in the primary key)
--
-- A DEFAULT partition catches any row whose month has no partition yet (a far-future device clock, a backdated
-- import), so no insert ever fails for lack of a partition; log_partitions_ensure() creates partitions ahead and moves
-- rows out of DEFAULT into the month partitions it creates.

-- Partition name for a month: <table>_yYYYYmMM.
create function log_partition_name(p_table text, p_month date) returns text language sql immutable as $$
  select p_table || '_y' || to_char(p_month, 'YYYY') || 'm' || to_char(p_month, 'MM')
$$;

-- Creates the month partition of p_table unless it exists (DEFAULT must not hold rows of that month).
create function log_partition_create(p_table text, p_month date) returns boolean language plpgsql as $$
declare
  name text := log_partition_name(p_table, p_month);
begin
  if to_regclass(name) is not null then return false; end if;
  execute format('create table %I partition of %I for values from (%L) to (%L)', name, p_table,
    (p_month::timestamp at time zone 'Asia/Shanghai'), ((p_month + interval '1 month')::timestamp at time zone 'Asia/Shanghai'));
  return true;
end $$;

-- The partition key column of each log.
create function log_partition_column(p_table text) returns text language sql immutable as $$
  select case p_table when 'case_events' then 'occurred_at' when 'audit_log' then 'at' when 'gps_points' then 'recorded_at' end
$$;

-- Ensures month partitions for the current Beijing month and p_ahead months after it, and for every month up to
-- p_horizon months ahead that has rows in DEFAULT; those rows are moved into their month's partition (DEFAULT is
-- detached, the partitions created, its rows copied back through the parent, the old DEFAULT dropped — all in this
-- transaction, so no row is deleted and none is ever missing). Rows beyond the horizon (a device clock years off,
-- time-skipped test worlds) stay in DEFAULT and are counted in `left_in_default`.
create function log_partitions_ensure(p_ahead integer default 3, p_horizon integer default 24)
returns table (log_table text, partitions_created integer, rows_moved bigint, left_in_default bigint)
language plpgsql as $$
declare
  t text;
  col text;
  def text;
  this_month date := date_trunc('month', now() at time zone 'Asia/Shanghai')::date;
  months date[];
  m date;
  missing date[];
  moving bigint;
begin
  -- one maintainer at a time (the migration, the worker's monthly run, a DBA by hand)
  perform pg_advisory_xact_lock(4712061);
  foreach t in array array['case_events', 'audit_log', 'gps_points'] loop
    col := log_partition_column(t);
    def := t || '_default';
    execute format(
      'select coalesce(array_agg(distinct date_trunc(''month'', %I at time zone ''Asia/Shanghai'')::date), ''{}'') from %I
        where %I < %L', col, def, col, ((this_month + make_interval(months => p_horizon + 1))::timestamp at time zone 'Asia/Shanghai'))
      into months;
    moving := 0;
    missing := '{}';
    foreach m in array months loop
      if to_regclass(log_partition_name(t, m)) is null then missing := missing || m; end if;
    end loop;
    if cardinality(missing) > 0 then
      execute format('select count(*) from %I where date_trunc(''month'', %I at time zone ''Asia/Shanghai'')::date = any(%L)', def, col, missing) into moving;
      execute format('alter table %I detach partition %I', t, def);
      execute format('alter table %I rename to %I', def, def || '_moving');
      execute format('create table %I partition of %I default', def, t);
    end if;
    partitions_created := 0;
    for m in select generate_series(this_month, this_month + make_interval(months => p_ahead), interval '1 month')::date union select unnest(missing) loop
      if log_partition_create(t, m) then partitions_created := partitions_created + 1; end if;
    end loop;
    if cardinality(missing) > 0 then
      execute format('insert into %I select * from %I', t, def || '_moving');
      execute format('drop table %I', def || '_moving');
    end if;
    log_table := t;
    rows_moved := moving;
    execute format('select count(*) from %I', def) into left_in_default;
    return next;
  end loop;
end $$;

-- ---------------------------------------------------------------------------------------------------------------
-- case_events. The primary key must contain the partition key: (case_id, seq, occurred_at). (case_id, seq) stays
-- unique through case_events_unique_seq below; appendCaseEvent already refuses a second row for a seq under the case
-- row's lock (last_event_seq), the trigger makes the database refuse it too, with the same constraint name, so
-- refusedValue() still reads a duplicate as "already recorded".
alter table case_events rename to case_events_unpartitioned;
alter index case_events_pkey rename to case_events_unpartitioned_pkey;
drop trigger case_events_no_update on case_events_unpartitioned;

create table case_events (
  case_id uuid not null,
  seq integer not null constraint case_events_seq_check check (seq >= 1),
  type text not null,
  stage text not null,
  actor text,
  payload jsonb not null,
  occurred_at timestamptz not null,
  prev_hash text not null,
  hash text not null,
  recorded_at timestamptz not null default now()
) partition by range (occurred_at);
create table case_events_default partition of case_events default;

-- ---------------------------------------------------------------------------------------------------------------
-- audit_log. id comes from its sequence under the chain's advisory lock (appendAudit), so (id, at) as the key keeps
-- id unique in practice; the sequence moves to the new table.
alter table audit_log rename to audit_log_unpartitioned;
alter index audit_log_pkey rename to audit_log_unpartitioned_pkey;
alter index audit_log_user_idx rename to audit_log_unpartitioned_user_idx;
alter index audit_log_case_idx rename to audit_log_unpartitioned_case_idx;
drop trigger audit_log_no_update on audit_log_unpartitioned;

create table audit_log (
  id bigint not null default nextval('audit_log_id_seq'),
  at timestamptz not null,
  username text,
  roles text[] not null default '{}',
  org_unit text,
  device text,
  method text not null,
  route text not null,
  path text not null,
  status integer not null,
  request_id text,
  case_id uuid,
  prev_hash text not null,
  hash text not null
) partition by range (at);
alter sequence audit_log_id_seq owned by audit_log.id;
create table audit_log_default partition of audit_log default;

-- ---------------------------------------------------------------------------------------------------------------
-- gps_points: the key (device_id, recorded_at) already holds the partition key; `on conflict (device_id,
-- recorded_at) do nothing` keeps working unchanged. Constraint names stay the old ones (checks named here, since the
-- old table still holds them while the new one is created; keys below, once the old tables are gone).
alter table gps_points rename to gps_points_unpartitioned;
alter index gps_points_pkey rename to gps_points_unpartitioned_pkey;
alter index gps_points_case_idx rename to gps_points_unpartitioned_case_idx;

create table gps_points (
  device_id text not null,
  recorded_at timestamptz not null,
  username text not null,
  case_id uuid,
  lat double precision not null constraint gps_points_lat_check check (lat between -90 and 90),
  lon double precision not null constraint gps_points_lon_check check (lon between -180 and 180),
  accuracy_m real constraint gps_points_accuracy_m_check check (accuracy_m >= 0),
  speed_mps real constraint gps_points_speed_mps_check check (speed_mps >= 0),
  received_at timestamptz not null default now()
) partition by range (recorded_at);
create table gps_points_default partition of gps_points default;

-- ---------------------------------------------------------------------------------------------------------------
-- Copy: partitions first (every month holding rows, within the horizon, plus the next months), then the rows, then
-- keys, foreign keys, indexes and triggers: built and checked once per partition rather than row by row (1M case
-- events: 4 s copy + key + foreign key, against 42 s loading into a keyed table with its foreign key).
do $$
declare
  r record;
begin
  for r in
    select 'case_events' t, m from (select distinct date_trunc('month', occurred_at at time zone 'Asia/Shanghai')::date m from case_events_unpartitioned) x
    union all select 'audit_log', m from (select distinct date_trunc('month', at at time zone 'Asia/Shanghai')::date m from audit_log_unpartitioned) x
    union all select 'gps_points', m from (select distinct date_trunc('month', recorded_at at time zone 'Asia/Shanghai')::date m from gps_points_unpartitioned) x
  loop
    if r.m <= date_trunc('month', now() at time zone 'Asia/Shanghai')::date + interval '24 months' then
      perform log_partition_create(r.t, r.m);
    end if;
  end loop;
end $$;
select log_partitions_ensure(3, 24);

insert into case_events select case_id, seq, type, stage, actor, payload, occurred_at, prev_hash, hash, recorded_at from case_events_unpartitioned;
insert into audit_log select id, at, username, roles, org_unit, device, method, route, path, status, request_id, case_id, prev_hash, hash from audit_log_unpartitioned;
insert into gps_points select device_id, recorded_at, username, case_id, lat, lon, accuracy_m, speed_mps, received_at from gps_points_unpartitioned;

drop table case_events_unpartitioned;
drop table audit_log_unpartitioned;
drop table gps_points_unpartitioned;

alter table case_events add constraint case_events_pkey primary key (case_id, seq, occurred_at);
alter table case_events add constraint case_events_case_id_fkey foreign key (case_id) references cases(id);
alter table audit_log add constraint audit_log_pkey primary key (id, at);
alter table gps_points add constraint gps_points_pkey primary key (device_id, recorded_at);
alter table gps_points add constraint gps_points_device_id_fkey foreign key (device_id) references devices(id);
alter table gps_points add constraint gps_points_case_id_fkey foreign key (case_id) references cases(id);
create index audit_log_user_idx on audit_log (username, at desc);
create index audit_log_case_idx on audit_log (case_id) where case_id is not null;
create index gps_points_case_idx on gps_points (case_id, device_id, recorded_at) where case_id is not null;

-- Append-only, on the parent and so on every partition (cloned), including one addressed directly by name. Moving rows
-- out of DEFAULT (log_partitions_ensure) copies them and drops the old DEFAULT table; it never deletes a row.
create trigger case_events_no_update before update or delete on case_events
  for each row execute function case_events_append_only();
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();

-- (case_id, seq) unique across partitions: a per-case transaction lock serialises writers of one case, then a lookup
-- over the partitions' primary-key indexes (case_id, seq, …) finds an existing row. Same SQLSTATE and constraint name
-- as the unpartitioned primary key had.
create function case_events_unique_seq() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(4712061, hashtext(new.case_id::text));
  if exists (select 1 from case_events where case_id = new.case_id and seq = new.seq) then
    raise exception 'duplicate key value violates unique constraint "case_events_pkey"'
      using errcode = '23505', constraint = 'case_events_pkey', table = 'case_events',
            detail = format('Key (case_id, seq)=(%s, %s) already exists.', new.case_id, new.seq);
  end if;
  return new;
end $$;
create trigger case_events_unique_seq before insert on case_events
  for each row execute function case_events_unique_seq();

-- ---------------------------------------------------------------------------------------------------------------
-- Retention (docs/retention.md): an old month of a log leaves the database whole — sealed, detached, archived,
-- dropped — never by deleting rows. Sealing records the partition and, for the hash-chained logs, every link from an
-- archived row to a row that stays (or is still to come): the chain's anchors. The verifiers start or resume a chain
-- at an anchor, and the writers read the head of a chain from its anchor when its row is archived.
create table log_archives (
  partition_name text primary key,
  log_table text not null check (log_table in ('case_events', 'audit_log', 'gps_points')),
  month date not null,
  row_count bigint not null,
  sealed_at timestamptz not null default now(),
  object_key text,                             -- where the archive file went, recorded by the DBA's archive step
  object_sha256 text check (object_sha256 ~ '^[0-9a-f]{64}$')
);

create table log_chain_anchors (
  partition_name text not null references log_archives(partition_name),
  log_table text not null check (log_table in ('case_events', 'audit_log')),
  chain_key text not null,                     -- the case id (case_events); '' for the one audit chain
  position bigint not null,                    -- seq (case_events) or id (audit_log) of the archived row
  hash text not null,
  primary key (log_table, chain_key, position)
);

create function log_chain_anchors_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'log_chain_anchors is append-only';
end $$;
create trigger log_chain_anchors_no_update before update or delete on log_chain_anchors
  for each row execute function log_chain_anchors_append_only();

-- Only the archive's location may be filled in, once.
create function log_archives_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or old.object_key is not null
     or (new.partition_name, new.log_table, new.month, new.row_count, new.sealed_at) is distinct from (old.partition_name, old.log_table, old.month, old.row_count, old.sealed_at) then
    raise exception 'log_archives rows are fixed once sealed (only the archive location may be recorded, once)';
  end if;
  return new;
end $$;
create trigger log_archives_guard before update or delete on log_archives
  for each row execute function log_archives_guard();

-- Seals one whole past month of a log before the DBA detaches it: records it and its chain anchors. For case_events
-- an anchor is each case's last row in the month (its next event is in a later month, or not yet written); for the
-- audit trail each row whose successor by id lies outside the month (ids interleave at month ends, since `at` is the
-- request's time and the id is taken at commit order), the chain's tail included.
create function log_partition_seal(p_table text, p_month date) returns table (partition_name text, row_count bigint, anchors bigint)
language plpgsql as $$
declare
  part text := log_partition_name(p_table, date_trunc('month', p_month)::date);
  n bigint;
  a bigint := 0;
  lo bigint;
  hi bigint;
begin
  if p_table not in ('case_events', 'audit_log', 'gps_points') then raise exception 'not a partitioned log: %', p_table; end if;
  if date_trunc('month', p_month)::date >= date_trunc('month', now() at time zone 'Asia/Shanghai')::date then
    raise exception 'only a past month can be sealed: %', p_month;
  end if;
  if not exists (select 1 from pg_inherits where inhrelid = to_regclass(part) and inhparent = p_table::regclass) then
    raise exception '% is not an attached partition of %', part, p_table;
  end if;
  perform pg_advisory_xact_lock(4712061);
  execute format('select count(*) from %I', part) into n;
  insert into log_archives (partition_name, log_table, month, row_count) values (part, p_table, date_trunc('month', p_month)::date, n);
  if p_table = 'case_events' then
    execute format(
      'insert into log_chain_anchors (partition_name, log_table, chain_key, position, hash)
       select %L, ''case_events'', e.case_id::text, e.seq, e.hash from %I e
        where not exists (select 1 from %I x where x.case_id = e.case_id and x.seq = e.seq + 1)', part, part, part);
    get diagnostics a = row_count;
  elsif p_table = 'audit_log' then
    execute format('select min(id), max(id) from %I', part) into lo, hi;
    if lo is not null then
      execute format(
        'insert into log_chain_anchors (partition_name, log_table, chain_key, position, hash)
         select %L, ''audit_log'', '''', s.id, s.hash
           from (select id, hash, tableoid, lead(tableoid) over (order by id) as next_part from audit_log
                  where id between %s and coalesce((select min(id) from audit_log where id > %s), %s)) s
          where s.tableoid = %L::regclass and s.next_part is distinct from s.tableoid', part, lo, hi, hi, part);
      get diagnostics a = row_count;
    end if;
  end if;
  partition_name := part;
  row_count := n;
  anchors := a;
  return next;
end $$;
