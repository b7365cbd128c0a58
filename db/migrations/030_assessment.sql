-- Assessment scoring (对标考核): rule sets as versioned data, the facts each closed case was scored from (so a draft
-- can be evaluated over a past month), and the monthly period close that freezes totals and rankings.

create table assessment_rule_sets (
  version text primary key,
  status text not null check (status in ('draft', 'published')),
  name text not null,
  document jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_by text not null,
  updated_at timestamptz not null default now(),
  published_by text,
  published_at timestamptz,
  -- A case is scored under the published set with the latest effective_from at or before its closure.
  effective_from timestamptz,
  check ((status = 'published') = (published_at is not null and effective_from is not null and published_by is not null))
);
create unique index assessment_rule_sets_effective_idx on assessment_rule_sets (effective_from) where status = 'published';

-- A published version is frozen: the API answers 409, and the table refuses the update anyway.
create function assessment_rule_sets_frozen() returns trigger language plpgsql as $$
begin
  if old.status = 'published' then
    raise exception 'assessment rule set % is published and cannot change', old.version using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger assessment_rule_sets_no_edit before update on assessment_rule_sets
  for each row execute function assessment_rule_sets_frozen();

-- What scoring saw at closure (domain/assessmentRules.ts AssessedCaseFacts), one row per scored case.
create table case_scoring_facts (
  case_id uuid primary key references cases(id),
  closed_at timestamptz not null,
  origin text not null check (origin in ('routine', 'special', 'custom')),
  outcome text not null check (outcome in ('confirmed', 'not_confirmed', 'dismissed')),
  inspector text,
  station_id text not null,
  county_id text not null,
  field_late_days integer not null check (field_late_days >= 0),
  evidence_complete boolean not null,
  rectification_late_days integer check (rectification_late_days >= 0),
  verification_rounds integer not null check (verification_rounds >= 0),
  max_escalation_tier integer not null check (max_escalation_tier between 0 and 3),
  recovered_yuan numeric(14, 2) not null check (recovered_yuan >= 0),
  confirmation_overturned boolean not null default false,
  rule_set_version text not null
);
create index case_scoring_facts_closed_idx on case_scoring_facts (closed_at);
create index case_score_lines_party_idx on case_score_lines (party_kind, party_id, scored_at);
create index case_score_lines_scored_idx on case_score_lines (scored_at);

-- A closed month: written once by the period-close workflow, never updated.
create table assessment_periods (
  period text primary key check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  rule_set_version text not null references assessment_rule_sets(version),
  audit_weight numeric(3, 2) not null,
  case_count integer not null,
  closed_by text not null,
  closed_at timestamptz not null default now()
);
create table assessment_period_results (
  period text not null references assessment_periods(period) on delete cascade,
  party_kind text not null check (party_kind in ('inspector', 'station', 'county')),
  party_id text not null,
  -- Where the party sits in the org tree, for org-scoped reads: the unit itself, or an inspector's unit.
  org_unit_id text not null,
  total numeric(10, 2) not null,
  case_count integer not null,
  rank integer not null,
  -- Units only: total × the rule set's audit weight, the share entering the unit's overall monthly assessment.
  weighted numeric(10, 2),
  primary key (period, party_kind, party_id)
);
create index assessment_period_results_rank_idx on assessment_period_results (period, party_kind, rank);
-- Monthly items (feedback participation), frozen with the period.
create table assessment_period_lines (
  period text not null references assessment_periods(period) on delete cascade,
  party_kind text not null,
  party_id text not null,
  item text not null,
  points numeric(8, 2) not null,
  reason text not null,
  rule_set_version text not null,
  primary key (period, party_kind, party_id, item)
);
-- The cases whose lines a closed period counted, so its breakdown shows exactly what its totals were made of.
create table assessment_period_cases (
  period text not null references assessment_periods(period) on delete cascade,
  case_id uuid not null,
  primary key (period, case_id)
);

create function assessment_period_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'a closed assessment period is frozen' using errcode = 'check_violation';
end $$;
create trigger assessment_periods_no_update before update on assessment_periods for each row execute function assessment_period_frozen();
create trigger assessment_period_results_no_update before update on assessment_period_results for each row execute function assessment_period_frozen();
create trigger assessment_period_lines_no_update before update on assessment_period_lines for each row execute function assessment_period_frozen();

-- The pilot rule set (domain/assessmentPilotRules.ts; tests/unit/assessmentRules.test.ts keeps the two equal).
insert into assessment_rule_sets (version, status, name, document, created_by, updated_by, published_by, published_at, effective_from)
values ('pilot-v1', 'published', '试点对标考核细则 v1', '{
  "version": "pilot-v1",
  "name": "试点对标考核细则 v1",
  "auditWeight": 0.2,
  "items": {
    "fieldOnTime": {
      "party": "inspector",
      "points": 2
    },
    "fieldLateDays": {
      "party": "inspector",
      "points": -0.5,
      "cap": 5
    },
    "evidenceComplete": {
      "party": "inspector",
      "points": 1,
      "incompletePoints": -1
    },
    "confirmationOverturned": {
      "party": "inspector",
      "points": -3
    },
    "rectificationOnTime": {
      "party": "station",
      "points": 2,
      "latePointsPerDay": -0.5,
      "cap": 5
    },
    "verificationRounds": {
      "party": "station",
      "points": -1,
      "cap": 3
    },
    "escalations": {
      "party": "county",
      "tierPoints": [
        -0.5,
        -1,
        -2
      ]
    },
    "recoveredAmount": {
      "party": "station",
      "points": 0.5,
      "cap": 10
    },
    "customAuditFinding": {
      "party": "inspector",
      "points": 3
    },
    "feedbackParticipation": {
      "party": "inspector",
      "points": 0.5,
      "cap": 2
    }
  }
}'::jsonb, 'system', 'system', 'system', '2016-01-01T00:00:00+08:00', '2016-01-01T00:00:00+08:00');
