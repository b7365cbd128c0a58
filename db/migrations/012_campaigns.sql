-- Special audits (专项稽查): a campaign's definition, the rule-set snapshot it selects with, and one selection
-- row per selected customer. The primary key (campaign, customer) is what keeps one case per customer per campaign.
create table campaigns (
  id uuid primary key,
  name text not null,
  theme text,
  scope text[] not null check (cardinality(scope) >= 1),
  org_unit_id text not null references org_units(id),
  rule_set jsonb not null,
  base_rule_set_version text not null,
  min_score integer not null check (min_score between 1 and 100),
  case_cap integer not null check (case_cap >= 1),
  batch_size integer not null check (batch_size between 1 and 500),
  as_of_month date,
  field_deadline date,
  ends_on date,
  status text not null check (status in ('draft', 'running', 'paused', 'completed')),
  matched integer,
  selected integer,
  created_count integer not null default 0,
  failed_count integer not null default 0,
  created_by text not null,
  created_at timestamptz not null,
  started_at timestamptz,
  completed_at timestamptz
);
create index campaigns_org_idx on campaigns (org_unit_id text_pattern_ops);

create table campaign_selections (
  campaign_id uuid not null references campaigns(id),
  account_no text not null references customers(account_no),
  rank integer not null,
  score integer not null,
  reasons text[] not null,
  status text not null default 'pending' check (status in ('pending', 'created', 'failed')),
  case_id uuid,
  error text,
  updated_at timestamptz,
  primary key (campaign_id, account_no),
  check ((status = 'created') = (case_id is not null))
);
create index campaign_selections_pending_idx on campaign_selections (campaign_id, rank) where status = 'pending';
