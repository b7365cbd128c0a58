import { subtreePattern } from './orgScope';
import type { PeriodRow, PeriodSource } from './dashboardStats';
import type { Queryable } from './pool';

// The dashboard's period figures as they were computed per request from cases + case_events before the aggregate
// (#19). Kept as the reference the property test compares the aggregate with, and for the benches' "before" figure;
// the API never uses it. One difference, unreachable through the workflow (a pass moves the case on, so a case has
// one): for a case with several passes in the period, this SQL adds the order's amounts once per pass for each pass;
// the aggregate counts them once per pass.

// $1 unit, $2 unit.%, $3 scope, $4 scope.%, $5 from month, $6 to month
const SCOPED_CASES = `select c.id, c.org_unit_id, c.created_at from cases c
   where (c.org_unit_id = $1 or c.org_unit_id like $2) and (c.org_unit_id = $3 or c.org_unit_id like $4)`;
const PERIOD = `(($5 || '-01')::timestamp at time zone 'Asia/Shanghai')`;
const PERIOD_END = `((($6 || '-01')::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')`;

/** Period figures per Beijing-time month and per case unit (station). */
async function periodRows(db: Queryable, params: unknown[]): Promise<PeriodRow[]> {
  const r = await db.query<PeriodRow>(
    `with scoped as (${SCOPED_CASES}),
     -- verifications passed in the period, and the amounts of their cases' rectification orders (one order per case)
     passed as (
       select e.case_id, s.org_unit_id, e.occurred_at, (e.payload->>'confirmedCollectedYuan')::numeric as confirmed
         from case_events e join scoped s on s.id = e.case_id
        where e.type = 'verified' and e.payload->>'outcome' = 'pass' and e.occurred_at >= ${PERIOD} and e.occurred_at < ${PERIOD_END}
     ),
     amounts as (
       select o.case_id, sum((x->>'backBillingYuan')::numeric) as back_billing, sum((x->>'penaltyYuan')::numeric) as penalty
         from case_events o join passed p on p.case_id = o.case_id
         cross join lateral jsonb_array_elements(coalesce(o.payload->'computations', '[]'::jsonb)) x
        where o.type = 'rectification_issued'
        group by o.case_id
     ),
     facts as (
       select s.org_unit_id, s.created_at as at, 1 as suspected, 0 as checked, 0 as confirmed, 0 as flagged, 0::numeric as back_billing, 0::numeric as penalty
         from scoped s where s.created_at >= ${PERIOD} and s.created_at < ${PERIOD_END}
       union all
       -- a visit sent back and done again has findings twice: both count as checked, each weak one as flagged
       select s.org_unit_id, e.occurred_at, 0, 1, (e.payload->>'result' = 'confirmed')::int, (e.payload->'presence'->>'weak' = 'true')::int, 0, 0
         from case_events e join scoped s on s.id = e.case_id
        where e.type = 'findings_submitted' and e.occurred_at >= ${PERIOD} and e.occurred_at < ${PERIOD_END}
       union all
       -- a collected amount the supervisor confirmed (#17) counts instead of the computed one, split in the same
       -- proportion (the penalty's share rounded to the fen, the back-billing the rest)
       select p.org_unit_id, p.occurred_at, 0, 0, 0, 0,
              case when p.confirmed is null or coalesce(a.back_billing + a.penalty, 0) = 0 then coalesce(a.back_billing, 0)
                   else p.confirmed - round(a.penalty * p.confirmed / (a.back_billing + a.penalty), 2) end,
              case when p.confirmed is null or coalesce(a.back_billing + a.penalty, 0) = 0 then coalesce(a.penalty, 0)
                   else round(a.penalty * p.confirmed / (a.back_billing + a.penalty), 2) end
         from passed p left join amounts a on a.case_id = p.case_id
     )
     select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, org_unit_id,
            sum(suspected)::int as suspected, sum(checked)::int as checked, sum(confirmed)::int as confirmed, coalesce(sum(flagged), 0)::int as flagged,
            sum(back_billing)::text as back_billing, sum(penalty)::text as penalty
       from facts group by 1, 2`,
    params,
  );
  return r.rows;
}

const within = (unit: string, scope: string) => unit === scope || unit.startsWith(`${scope}.`);

/** The per-request SQL as a period source: every case unit's rows add to the total, and to the child they lie in. */
export const referencePeriod: PeriodSource = async (db, q, children) => {
  const rows = await periodRows(db, [q.unit, subtreePattern(q.unit), q.scope, subtreePattern(q.scope), q.from, q.to]);
  return { total: rows, byChild: new Map(children.map((c) => [c, rows.filter((r) => within(r.org_unit_id, c))])) };
};
