-- Audit trail: every mutating API request (who, role, org unit, device, what, when, result), append-only and
-- hash-chained like the case log.
create table audit_log (
  id bigserial primary key,
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
);
create index audit_log_user_idx on audit_log (username, at desc);
create index audit_log_case_idx on audit_log (case_id) where case_id is not null;

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
