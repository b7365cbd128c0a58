-- #18 item 1: two database roles. An owner role owns the schema and runs the migrations; the application's role (the
-- one in DATABASE_URL for the API, the worker and the scripts that serve users) owns nothing. A non-owner cannot ALTER
-- a table, so it cannot disable or drop the append-only triggers, and it gets no UPDATE, DELETE or TRUNCATE on the logs:
-- the append-only rule holds even against the application's own credentials (docs/integrity.md, "Database roles").
--
-- The role names are the deployment's, not fixed here: db/migrate.ts calls app_role_grants(<DATABASE_URL's user>)
-- after every run, as the owner, so tables added by later migrations are granted too. A deployment with one role for
-- both (DATABASE_OWNER_URL unset) skips it and keeps working as before, without this protection.

-- The append-only logs: the app may read them and add rows, nothing else. audit_refusals is not among them: it is a
-- per-minute counter of refused requests that the gate upserts (ON CONFLICT … DO UPDATE needs UPDATE), not a record
-- of what a user did; what users did is in audit_log. log_archives and log_chain_anchors are written only by sealing a
-- month (log_partition_seal) and recording the archive's location (docs/retention.md), the DBA's steps, done as the
-- owner: the app may only read them (an anchor is where a verifier resumes a chain; the app has no reason to add one).
create function append_only_logs() returns text[] language sql immutable as $$
  select array['case_events', 'audit_log', 'gps_points', 'evidence_integrity_checks', 'log_anchor_case_heads',
               'log_chain_anchors', 'log_archives']
$$;

-- Grants the app role what it needs; idempotent (run after every migration run, as the owner).
create function app_role_grants(p_role name) returns void language plpgsql as $$
declare
  t regclass;
begin
  execute format('grant usage on schema public to %I', p_role);
  execute format('grant select, insert, update, delete on all tables in schema public to %I', p_role);
  execute format('grant usage, select on all sequences in schema public to %I', p_role);
  execute format('grant execute on all functions in schema public to %I', p_role);
  -- the migration ledger is the owner's
  execute format('revoke insert, update, delete, truncate on schema_migrations from %I', p_role);
  -- every log, its partitions included: a partition addressed by name is checked against its own grants
  -- (pg_partition_tree lists a partitioned table and its partitions, and nothing for a plain table)
  for t in select l::regclass from unnest(append_only_logs()) l
           union select r.relid from unnest(append_only_logs()) l, pg_partition_tree(l::regclass) r loop
    execute format('revoke update, delete, truncate, references, trigger on %s from %I', t, p_role);
  end loop;
  execute format('revoke insert on log_archives, log_chain_anchors from %I', p_role);
end $$;

-- A new partition gets its parent's grants (CREATE TABLE … PARTITION OF copies none), so a month partition of a log is
-- as closed to the app as the log itself, and one of an ordinary partitioned table as open.
create function log_partition_copy_grants(p_parent regclass, p_partition regclass) returns void language plpgsql as $$
declare
  g record;
begin
  for g in
    select a.grantee, a.privilege_type
      from pg_class c, aclexplode(c.relacl) a
     where c.oid = p_parent and a.grantee <> c.relowner
  loop
    execute format('grant %s on %s to %s', g.privilege_type, p_partition,
      case when g.grantee = 0 then 'public' else quote_ident(g.grantee::regrole::text) end);
  end loop;
end $$;

create or replace function log_partition_create(p_table text, p_month date) returns boolean language plpgsql as $$
declare
  name text := log_partition_name(p_table, p_month);
begin
  if to_regclass(name) is not null then return false; end if;
  execute format('create table %I partition of %I for values from (%L) to (%L)', name, p_table,
    (p_month::timestamp at time zone 'Asia/Shanghai'), ((p_month + interval '1 month')::timestamp at time zone 'Asia/Shanghai'));
  perform log_partition_copy_grants(p_table::regclass, name::regclass);
  return true;
end $$;

-- As 061, and the new DEFAULT partition gets its parent's grants too.
create or replace function log_partitions_ensure(p_ahead integer default 3, p_horizon integer default 24)
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
  -- it runs with its owner's rights (below): a caller may not have it create partitions without end
  if p_ahead is null or p_ahead not between 0 and 120 or p_horizon is null or p_horizon < 0 then
    raise exception 'log_partitions_ensure: months ahead must be 0 to 120 and the horizon not negative (got %, %)', p_ahead, p_horizon
      using errcode = '22023';
  end if;
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
      perform log_partition_copy_grants(t::regclass, def::regclass);
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

-- The worker's daily housekeeping (db/logPartitions.ts) runs as the app role, which may not create, detach or drop a
-- log's partitions: the function does, with its owner's rights. It takes no table name from its caller, only two
-- month counts, and never deletes a row (061). search_path pinned so a caller's objects cannot stand in for ours.
alter function log_partitions_ensure(integer, integer) security definer set search_path = public, pg_temp;
revoke execute on function log_partitions_ensure(integer, integer) from public;
