-- #19: the dashboard's period figures from an aggregate the projection keeps, not from cases + case_events per request.
-- One row per org unit, Beijing-time month, origin and problem type. Every fact is counted under the case's unit AND
-- each of its ancestors (the materialised path's prefixes: HB, HB.XN, HB.XN.XA, HB.XN.XA.WQ), so a province's
-- figures, trend and per-city breakdown read the province's and its cities' rows only (a few thousand), never every
-- station's. Problem type: of the findings a fact comes from (for a verification passed, the case's latest findings
-- before it); '' where there is none (a case opened: 疑似, nothing found yet).
create table case_stats_monthly (
  org_unit_id text not null,
  month date not null check (extract(day from month) = 1),
  origin text not null,
  problem_type text not null default '',
  suspected integer not null default 0,
  checked integer not null default 0,
  confirmed integer not null default 0,
  flagged integer not null default 0,
  back_billing numeric not null default 0,
  penalty numeric not null default 0,
  primary key (org_unit_id, month, origin, problem_type)
) with (fillfactor = 70); -- every event updates a few rows in place: room on the page keeps those updates HOT

-- The unit and its ancestors, outermost first.
create function org_unit_path_prefixes(unit text) returns setof text language sql immutable strict parallel safe as $$
  select array_to_string((string_to_array(unit, '.'))[1:n], '.') from generate_series(1, cardinality(string_to_array(unit, '.'))) n
$$;

-- A verification passed recovers its case's rectification amounts; a collected amount the supervisor confirmed (#17)
-- counts instead of the computed total, split in the same proportion (the penalty's share rounded to the fen, the
-- back-billing the rest).
create function case_stats_recovered(confirmed numeric, computed_back_billing numeric, computed_penalty numeric,
                                     out back_billing numeric, out penalty numeric)
  language sql immutable parallel safe as $$
  select case when confirmed is null or coalesce(computed_back_billing + computed_penalty, 0) = 0 then coalesce(computed_back_billing, 0)
              else confirmed - round(computed_penalty * confirmed / (computed_back_billing + computed_penalty), 2) end,
         case when confirmed is null or coalesce(computed_back_billing + computed_penalty, 0) = 0 then coalesce(computed_penalty, 0)
              else round(computed_penalty * confirmed / (computed_back_billing + computed_penalty), 2) end
$$;

-- Recomputes the whole aggregate from cases and case_events (backfill, and after rows were written by SQL). The
-- exclusive lock makes a projection transaction that is adding to the aggregate meanwhile either finish first (its
-- event is then read here) or wait and add its delta on top of the rebuilt rows.
create function case_stats_rebuild() returns void language plpgsql as $$
begin
  lock table case_stats_monthly in exclusive mode;
  delete from case_stats_monthly;
  insert into case_stats_monthly (org_unit_id, month, origin, problem_type, suspected, checked, confirmed, flagged, back_billing, penalty)
  with passes as (
    select e.case_id, e.seq, e.occurred_at, (e.payload->>'confirmedCollectedYuan')::numeric as confirmed
      from case_events e where e.type = 'verified' and e.payload->>'outcome' = 'pass'
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
      from cases c
    union all
    select c.org_unit_id, c.origin, e.occurred_at, coalesce(e.payload->>'problemType', ''), 0, 1, coalesce((e.payload->>'result' = 'confirmed')::int, 0),
           coalesce((e.payload->'presence'->>'weak' = 'true')::int, 0), 0, 0
      from case_events e join cases c on c.id = e.case_id
     where e.type = 'findings_submitted'
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
   order by 1, 2; -- a unit's months together on disk: the dashboard reads a unit's rows for a range of months
end $$;

select case_stats_rebuild();
