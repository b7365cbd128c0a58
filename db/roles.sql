-- The app database's two roles (#18; docs/integrity.md, "Database roles"), made and kept by a superuser before the
-- migrations run, on every start (idempotent):
--   psql -v ON_ERROR_STOP=1 -v owner=jicha_owner -v owner_password=… -v app=jicha_app -v app_password=… \
--        -d <app database> -f db/roles.sql
-- The owner owns the database, its schema and every object in it, and runs the migrations (db/migrate.ts with
-- DATABASE_OWNER_URL); the app role owns nothing and gets its rights from the migrations (073_database_roles.sql,
-- app_role_grants). A database that one role used to own (before the split, or migrated by the superuser) has its
-- objects handed to the owner here, so an upgrade needs no manual step.

-- DO blocks see no psql variables: the names go over as settings of this session.
select set_config('jicha.owner', :'owner', false) as owner_setting, set_config('jicha.app', :'app', false) as app_setting \gset
do $$
begin
  if current_setting('jicha.owner') in (current_user, current_setting('jicha.app')) or current_setting('jicha.app') = current_user then
    raise exception 'db/roles.sql: the owner (%), the app role (%) and the superuser running this (%) must be three roles',
      current_setting('jicha.owner'), current_setting('jicha.app'), current_user;
  end if;
end $$;

select format('create role %I', :'owner') where not exists (select from pg_roles where rolname = :'owner') \gexec
select format('create role %I', :'app') where not exists (select from pg_roles where rolname = :'app') \gexec
select format('alter role %I login nosuperuser nocreaterole password %L', :'owner', :'owner_password') \gexec
select format('alter role %I login nosuperuser nocreatedb nocreaterole nobypassrls password %L', :'app', :'app_password') \gexec
select format('alter database %I owner to %I', current_database(), :'owner') \gexec

do $$
declare
  owner regrole := current_setting('jicha.owner')::regrole;
  r record;
begin
  -- tables, partitions, views; their indexes and the sequences of their identity/serial columns follow
  for r in select c.oid::regclass as obj from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relowner <> owner
              and not exists (select from pg_depend d where d.objid = c.oid and d.deptype = 'e') loop
    execute format('alter table %s owner to %I', r.obj, owner);
  end loop;
  for r in select c.oid::regclass as obj from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'S' and c.relowner <> owner
              and not exists (select from pg_depend d where d.objid = c.oid and d.deptype = 'e') loop
    execute format('alter sequence %s owner to %I', r.obj, owner);
  end loop;
  -- functions (log_partitions_ensure runs with its owner's rights), not those of an extension
  for r in select p.oid::regprocedure as obj from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname = 'public' and p.proowner <> owner
              and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e') loop
    execute format('alter routine %s owner to %I', r.obj, owner);
  end loop;
end $$;
