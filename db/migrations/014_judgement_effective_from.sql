-- A published judgement rule set takes effect on a date (China calendar), like penalty and assessment rule sets:
-- a manager can publish ahead of time. Drafts are edited in place until then; published versions never change.
alter table judgement_rule_sets add column effective_from date;
update judgement_rule_sets set effective_from = (published_at at time zone 'Asia/Shanghai')::date where status = 'published';
alter table judgement_rule_sets add constraint judgement_rule_sets_effective_check check ((status = 'published') = (effective_from is not null));
alter table judgement_rule_sets add column updated_at timestamptz;
drop index judgement_rule_sets_published_idx;
create index judgement_rule_sets_in_force_idx on judgement_rule_sets (effective_from desc, published_at desc) where status = 'published';
