-- Calibrated scores and the stored daily judgement run (#21).

-- 预计查实率: the probability that a field check confirms a flag of a family, per org unit, learned from closed cases
-- (beta-binomial smoothing up the org tree, domain/calibration.ts). Materialised for every org unit and family
-- (unit '' is the family's rate over everything), so a population query joins it on the customer's unit.
create table judgement_calibration (
  family text not null,
  unit_id text not null,
  -- closed cases with findings in the unit's subtree that carried the family
  confirmed integer not null,
  not_confirmed integer not null,
  rate double precision not null check (rate >= 0 and rate <= 1),
  computed_at timestamptz not null,
  primary key (family, unit_id)
);

-- One stored judgement of the whole customer base per rule-set version and data month; the back office reads it
-- (customer 360, campaign previews) instead of judging again.
create table judgement_runs (
  id bigserial primary key,
  rule_set_version text not null,
  data_month date not null,
  status text not null check (status in ('running', 'completed', 'failed')),
  customers integer,
  flagged integer,
  error text,
  triggered_by text not null,
  started_at timestamptz not null,
  completed_at timestamptz,
  unique (rule_set_version, data_month)
);

-- Customers the run flagged (score > 0): score, the families and reasons (code, family, weight, expected rate,
-- params) and the customer's expected confirmation rate.
create table judgement_run_results (
  run_id bigint not null references judgement_runs(id) on delete cascade,
  account_no text not null,
  unit_id text not null,
  score integer not null,
  families text[] not null,
  reason_codes text[] not null,
  reasons jsonb not null,
  expected_rate double precision not null,
  primary key (run_id, account_no)
);
-- keyset pages: best score first, then account
create index judgement_run_results_page_idx on judgement_run_results (run_id, score desc, account_no);

-- A campaign may select only flags likely to be confirmed.
alter table campaigns add column min_expected_rate double precision check (min_expected_rate between 0 and 1);
