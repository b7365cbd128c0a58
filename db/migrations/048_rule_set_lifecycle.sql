-- One lifecycle for judgement, penalty and assessment rule sets (services/ruleSets/lifecycle.ts, db/ruleSets.ts):
-- every kind records who created, edited and published a version, and every kind refuses to change a published
-- version in the table itself (until now only assessment did), so results that name a version can be recomputed.
-- Written to be safe to run again: `if not exists`, `or replace`, triggers dropped before they are created.

alter table judgement_rule_sets add column if not exists updated_by text;
alter table judgement_rule_sets add column if not exists published_by text;

alter table penalty_rule_sets add column if not exists created_by text;
alter table penalty_rule_sets add column if not exists updated_by text;
alter table penalty_rule_sets add column if not exists updated_at timestamptz;
alter table penalty_rule_sets add column if not exists published_by text;

-- A published version is frozen: the API answers 409 first, this is the backstop for any other writer.
-- Deletes stay possible (tests remove their own versions; a version referenced by results is kept by foreign keys).
create or replace function rule_set_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'published' then
    raise exception 'rule set % (%) is published and cannot change', old.version, tg_table_name using errcode = 'check_violation';
  end if;
  return new;
end $$;

drop trigger if exists judgement_rule_sets_no_edit on judgement_rule_sets;
create trigger judgement_rule_sets_no_edit before update on judgement_rule_sets for each row execute function rule_set_frozen();
drop trigger if exists penalty_rule_sets_no_edit on penalty_rule_sets;
create trigger penalty_rule_sets_no_edit before update on penalty_rule_sets for each row execute function rule_set_frozen();
drop trigger if exists assessment_rule_sets_no_edit on assessment_rule_sets;
create trigger assessment_rule_sets_no_edit before update on assessment_rule_sets for each row execute function rule_set_frozen();
drop function if exists assessment_rule_sets_frozen();
