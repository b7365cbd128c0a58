-- The aggregate's facts in one place. case_stats_rebuild() (059) and case_stats_add_cases() (066, the legacy import)
-- each carried a copy of the same query; both now read case_stats_rows(). Its filter is "these cases, or every case
-- when ids is null". It is an inlinable SQL function (stable, not strict, one select), and both callers are plpgsql,
-- whose plans see the argument's value: the rebuild's null folds the filter away (seq scans and hash joins, as before);
-- the import's array becomes index look-ups on its cases.

-- The facts of the given cases (every case when ids is null), counted under each case's unit and every ancestor unit.
create function case_stats_rows(ids uuid[])
  returns table (org_unit_id text, month date, origin text, problem_type text, suspected numeric, checked numeric,
                 confirmed numeric, flagged numeric, back_billing numeric, penalty numeric)
  language sql stable parallel safe as $$
  with passes as (
    select e.case_id, e.seq, e.occurred_at, (e.payload->>'confirmedCollectedYuan')::numeric as confirmed
      from case_events e where (ids is null or e.case_id = any(ids)) and e.type = 'verified' and e.payload->>'outcome' = 'pass'
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
      from cases c where ids is null or c.id = any(ids)
    union all
    select c.org_unit_id, c.origin, e.occurred_at, coalesce(e.payload->>'problemType', ''), 0, 1, coalesce((e.payload->>'result' = 'confirmed')::int, 0),
           coalesce((e.payload->'presence'->>'weak' = 'true')::int, 0), 0, 0
      from case_events e join cases c on c.id = e.case_id
     where (ids is null or e.case_id = any(ids)) and e.type = 'findings_submitted'
    union all
    select c.org_unit_id, c.origin, p.occurred_at,
           coalesce((select f.payload->>'problemType' from case_events f
                      where f.case_id = p.case_id and f.type = 'findings_submitted' and f.seq < p.seq order by f.seq desc limit 1), ''),
           0, 0, 0, 0, r.back_billing, r.penalty
      from passes p join cases c on c.id = p.case_id left join amounts a on a.case_id = p.case_id
     cross join lateral case_stats_recovered(p.confirmed, a.back_billing, a.penalty) r
  ),
  per_unit as (
    select f.org_unit_id, date_trunc('month', f.at at time zone 'Asia/Shanghai')::date as month, f.origin, f.problem_type,
           sum(f.suspected) as suspected, sum(f.checked) as checked, sum(f.confirmed) as confirmed, sum(f.flagged) as flagged,
           sum(f.back_billing) as back_billing, sum(f.penalty) as penalty
      from facts f group by 1, 2, 3, 4
  )
  select u, pu.month, pu.origin, pu.problem_type, sum(pu.suspected), sum(pu.checked), sum(pu.confirmed), sum(pu.flagged), sum(pu.back_billing), sum(pu.penalty)
    from per_unit pu cross join lateral org_unit_path_prefixes(pu.org_unit_id) u
   group by 1, 2, 3, 4
$$;

-- Recomputes the whole aggregate (059's contract: the exclusive lock lets a projection transaction adding meanwhile
-- either finish first, its event then read here, or wait and add its delta on top of the rebuilt rows).
create or replace function case_stats_rebuild() returns void language plpgsql as $$
begin
  lock table case_stats_monthly in exclusive mode;
  delete from case_stats_monthly;
  insert into case_stats_monthly (org_unit_id, month, origin, problem_type, suspected, checked, confirmed, flagged, back_billing, penalty)
  select * from case_stats_rows(null)
   order by 1, 2; -- a unit's months together on disk: the dashboard reads a unit's rows for a range of months
end $$;

-- Adds the facts of cases whose events were all written just now (no fact of theirs counted yet), rows locked in key
-- order as the projection does (db/caseStatsProjection.ts).
create or replace function case_stats_add_cases(ids uuid[]) returns void language plpgsql as $$
begin
  insert into case_stats_monthly as s (org_unit_id, month, origin, problem_type, suspected, checked, confirmed, flagged, back_billing, penalty)
  select * from case_stats_rows(coalesce(ids, '{}'))
   order by 1, 2, 3, 4
  on conflict (org_unit_id, month, origin, problem_type) do update set
    suspected = s.suspected + excluded.suspected, checked = s.checked + excluded.checked, confirmed = s.confirmed + excluded.confirmed,
    flagged = s.flagged + excluded.flagged, back_billing = s.back_billing + excluded.back_billing, penalty = s.penalty + excluded.penalty;
end $$;
