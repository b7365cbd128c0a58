-- Case policies (deadlines, escalation, evidence rules) join the one lifecycle of versioned rule sets
-- (services/ruleSets/lifecycle.ts, kind `casePolicy` in db/ruleSetKinds.ts): draft → published from an effective day
-- → frozen, with who created, edited and published each version. Until now a deadline changed only by a migration.
-- Written to be safe to run again (`if not exists`, triggers dropped before they are created).

-- Rows written before this migration were in force as soon as they existed: they are published. The default stays
-- 'published' so that a writer that does not know the lifecycle yet (a seed, an older script) keeps that meaning;
-- the lifecycle always names the status it writes.
alter table case_policies add column if not exists status text not null default 'published';
alter table case_policies add column if not exists created_by text;
alter table case_policies add column if not exists updated_by text;
alter table case_policies add column if not exists updated_at timestamptz;
alter table case_policies add column if not exists published_by text;
alter table case_policies add column if not exists published_at timestamptz;

-- Once only: before the frozen trigger below exists (on a second run it would refuse to touch a published row).
do $$
begin
  if not exists (select 1 from pg_trigger where tgname = 'case_policies_no_edit') then
    update case_policies set published_at = created_at, published_by = 'system', created_by = coalesce(created_by, 'system')
     where status = 'published' and published_at is null;
  end if;
end $$;

-- A draft has no effective day until it is published (the lifecycle's drafts of this kind propose none).
alter table case_policies alter column effective_from drop not null;

do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'case_policies_status_check') then
    alter table case_policies add constraint case_policies_status_check check (status in ('draft', 'published'));
  end if;
  if not exists (select 1 from pg_constraint where conname = 'case_policies_published_has_day') then
    alter table case_policies add constraint case_policies_published_has_day check (status = 'draft' or effective_from is not null);
  end if;
end $$;

-- The version a case runs under must never change under it: a published version is frozen (048's trigger function).
drop trigger if exists case_policies_no_edit on case_policies;
create trigger case_policies_no_edit before update on case_policies for each row execute function rule_set_frozen();

-- The version in force on a day: published versions by effective day.
create index if not exists case_policies_published_idx on case_policies (effective_from desc) where status = 'published';
