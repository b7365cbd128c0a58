-- Initial system judgement (系统初判) rules are data: versioned documents validated by domain/judgementRules.ts.
-- The active rule set is the latest published one.
create table judgement_rule_sets (
  version text primary key,
  status text not null check (status in ('draft', 'published')),
  document jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  check ((status = 'published') = (published_at is not null))
);
create index judgement_rule_sets_published_idx on judgement_rule_sets (published_at desc) where status = 'published';
