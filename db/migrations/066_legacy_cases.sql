-- #16: 历史工单导入. A utility moving from its pilot system brings its closed cases; each becomes an archived case of
-- the read model without a workflow (cases.imported), its stage dates as case events (so the timeline, the dashboard's
-- aggregate and its rebuild read them like any case's) and its assessment facts and score lines (so rankings and
-- what-if count it). legacy_cases keys it by the source system's case number: importing the same case again finds it.
alter table cases add column imported boolean not null default false;

create table legacy_cases (
  source_case_no text primary key,
  case_id uuid not null unique references cases(id),
  import_id uuid not null,
  outcome text not null check (outcome in ('confirmed', 'not_confirmed', 'dismissed')),
  inspector text,
  -- the source system's own assessment score, kept as it was given (ours is computed under our rule set)
  source_score numeric(8, 2),
  -- the row as accepted (codes, not the file's words)
  source_row jsonb not null,
  imported_by text not null,
  imported_at timestamptz not null default now()
);

-- Adds the facts of cases whose events were all written just now (no fact of theirs counted yet) to the aggregate:
-- the same facts as case_stats_rebuild() (059), for these cases only, in one statement.
create function case_stats_add_cases(ids uuid[]) returns void language sql as $$
  insert into case_stats_monthly as s (org_unit_id, month, origin, problem_type, suspected, checked, confirmed, flagged, back_billing, penalty)
  with passes as (
    select e.case_id, e.seq, e.occurred_at, (e.payload->>'confirmedCollectedYuan')::numeric as confirmed
      from case_events e where e.case_id = any(ids) and e.type = 'verified' and e.payload->>'outcome' = 'pass'
  ),
  amounts as (
    select o.case_id, sum((x->>'backBillingYuan')::numeric) as back_billing, sum((x->>'penaltyYuan')::numeric) as penalty
      from case_events o cross join lateral jsonb_array_elements(coalesce(o.payload->'computations', '[]'::jsonb)) x
     where o.type = 'rectification_issued' and o.case_id in (select case_id from passes)
     group by o.case_id
  ),
  facts as (
    select c.org_unit_id, c.origin, c.created_at as at, '' as problem_type, 1 as suspected, 0 as checked, 0 as confirmed, 0 as flagged,
           0::numeric as back_billing, 0::numeric as penalty
      from cases c where c.id = any(ids)
    union all
    select c.org_unit_id, c.origin, e.occurred_at, coalesce(e.payload->>'problemType', ''), 0, 1, coalesce((e.payload->>'result' = 'confirmed')::int, 0),
           coalesce((e.payload->'presence'->>'weak' = 'true')::int, 0), 0, 0
      from case_events e join cases c on c.id = e.case_id
     where e.case_id = any(ids) and e.type = 'findings_submitted'
    union all
    select c.org_unit_id, c.origin, p.occurred_at,
           coalesce((select f.payload->>'problemType' from case_events f
                      where f.case_id = p.case_id and f.type = 'findings_submitted' and f.seq < p.seq order by f.seq desc limit 1), ''),
           0, 0, 0, 0, r.back_billing, r.penalty
      from passes p join cases c on c.id = p.case_id left join amounts a on a.case_id = p.case_id
     cross join lateral case_stats_recovered(p.confirmed, a.back_billing, a.penalty) r
  ),
  per_unit as (
    select org_unit_id, date_trunc('month', at at time zone 'Asia/Shanghai')::date as month, origin, problem_type,
           sum(suspected) as suspected, sum(checked) as checked, sum(confirmed) as confirmed, sum(flagged) as flagged,
           sum(back_billing) as back_billing, sum(penalty) as penalty
      from facts group by 1, 2, 3, 4
  )
  select u, month, origin, problem_type, sum(suspected), sum(checked), sum(confirmed), sum(flagged), sum(back_billing), sum(penalty)
    from per_unit cross join lateral org_unit_path_prefixes(org_unit_id) u
   group by 1, 2, 3, 4
   order by 1, 2, 3, 4 -- rows locked in key order, as the projection does (db/caseStatsProjection.ts)
  on conflict (org_unit_id, month, origin, problem_type) do update set
    suspected = s.suspected + excluded.suspected, checked = s.checked + excluded.checked, confirmed = s.confirmed + excluded.confirmed,
    flagged = s.flagged + excluded.flagged, back_billing = s.back_billing + excluded.back_billing, penalty = s.penalty + excluded.penalty
$$;
