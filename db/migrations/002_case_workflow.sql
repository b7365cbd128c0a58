-- The five-stage case workflow: richer read model, escalations, in-app notifications, personnel,
-- and the configuration data the workflow reads (case policy, penalty rule sets), plus score lines.
alter table cases
  add column customer_station_id text,
  add column assignee text,
  add column pending_role text,
  add column pending_user text,
  add column stage_started_at timestamptz,
  add column deadline_at timestamptz,
  add column escalation_tier smallint not null default 0,
  add column problem_type text,
  add column needs_review boolean not null default false,
  add column verification_rounds integer not null default 0,
  add column judgement_score numeric(5, 2),
  add column score_total numeric(8, 2),
  add column campaign_id text,
  add column closed_at timestamptz,
  add column snapshot jsonb not null default '{}'::jsonb;
create index cases_assignee_idx on cases (assignee) where assignee is not null;
create index cases_deadline_idx on cases (deadline_at) where deadline_at is not null;

create table escalations (
  case_id uuid not null references cases(id),
  stage text not null,
  stage_round integer not null,
  tier smallint not null check (tier between 1 and 3),
  raised_at timestamptz not null,
  resolved_at timestamptz,
  primary key (case_id, stage, stage_round, tier)
);
create index escalations_open_idx on escalations (tier) where resolved_at is null;

create table notifications (
  id bigserial primary key,
  dedupe_key text not null unique,          -- activity retries never notify twice
  case_id uuid references cases(id),
  recipient_user text,
  recipient_role text,
  recipient_org text not null,
  kind text not null,                        -- reminder | escalation_tier1..3 | assignment | …
  title text not null,
  body text not null,
  created_at timestamptz not null,
  read_at timestamptz,
  check (recipient_user is not null or recipient_role is not null)
);
create index notifications_user_idx on notifications (recipient_user, created_at desc);
create index notifications_role_idx on notifications (recipient_role, recipient_org);

-- Terminal personnel (终端人员维护): who may be assigned cases; mirrors the identity provider's users.
create table personnel (
  username text primary key,
  display_name text not null,
  role text not null check (role in ('inspector', 'station_lead', 'supervisor', 'manager', 'admin')),
  org_unit_id text not null references org_units(id),
  active boolean not null default true
);
create index personnel_org_idx on personnel (org_unit_id, role) where active;

create table case_policies (
  version text primary key,
  effective_from timestamptz not null,
  policy jsonb not null,
  created_at timestamptz not null default now()
);

create table penalty_rule_sets (
  version text primary key,
  source text not null,
  effective_from date not null,
  status text not null check (status in ('draft', 'published')),
  rules jsonb not null,
  published_at timestamptz,
  created_at timestamptz not null default now()
);

create table case_score_lines (
  case_id uuid not null references cases(id),
  line_no integer not null,
  rule_set_version text not null,
  party_kind text not null check (party_kind in ('inspector', 'station', 'county')),
  party_id text not null,
  item text not null,
  points numeric(8, 2) not null,
  reason text not null,
  scored_at timestamptz not null,
  primary key (case_id, line_no)
);

insert into case_policies (version, effective_from, policy) values ('policy-1', '2000-01-01T00:00:00Z', '{
  "version": "policy-1",
  "deadlines": {
    "field_evidence": { "low": 10, "normal": 7, "high": 5, "urgent": 2 },
    "rectification":  { "low": 20, "normal": 15, "high": 10, "urgent": 5 },
    "verification":   { "low": 7, "normal": 5, "high": 3, "urgent": 2 }
  },
  "escalation": { "reminderShare": 0.75, "tier2AfterDays": 2, "tier3AfterDays": 3 },
  "evidence": { "minVerifiedPhotos": 2, "geofenceRadiusM": 200 },
  "calendar": {
    "holidays": ["2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23", "2026-04-06", "2026-05-01", "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"],
    "workdays": ["2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
  }
}'::jsonb);

-- Classic defaults of the Power Supply Business Rules (供电营业规则, 1996): wrong tariff 2× difference over
-- 3 months when the start is unknown; theft 3× over 180 days at 12 h/day (6 h for lighting); capacity 3× basic fee.
insert into penalty_rule_sets (version, source, effective_from, status, rules, published_at) values (
  'penalty-1996', '供电营业规则（1996）第一百条、第一百零二条、第一百零三条 / Power Supply Business Rules (1996) art. 100, 102, 103',
  '1996-10-08', 'published', '{
    "wrongTariff": { "penaltyMultiplier": 2, "defaultPeriodMonths": 3 },
    "theft": { "penaltyMultiplier": 3, "defaultDays": 180, "hoursPerDay": { "power": 12, "lighting": 6 } },
    "capacity": { "mode": "basic_fee_multiple", "penaltyMultiplier": 3, "defaultMonths": 1 }
  }'::jsonb, now());
