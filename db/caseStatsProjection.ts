import type { Queryable } from './pool';

// The dashboard's aggregate (case_stats_monthly, migration 059), kept by the projection in the transaction that
// inserts the event, and only when the insert inserted: a retried activity changes nothing, so nothing counts twice.
// Each fact adds to the row of the case's unit and of every ancestor unit; one statement per event, its rows locked in
// key order (outermost unit first), so two projections never wait on each other in a cycle.

const MONTH = (at: string) => `date_trunc('month', ${at} at time zone 'Asia/Shanghai')::date`;

/** Adds the deltas (one row per month and problem type; params $1 case id, $2 event seq) under the case's unit and its ancestors. */
const upsert = (deltas: string) => `
  insert into case_stats_monthly as s (org_unit_id, month, origin, problem_type, suspected, checked, confirmed, flagged, back_billing, penalty)
  select u, d.month, c.origin, d.problem_type, d.suspected, d.checked, d.confirmed, d.flagged, d.back_billing, d.penalty
    from (${deltas}) d join cases c on c.id = $1 cross join lateral org_unit_path_prefixes(c.org_unit_id) u
   order by 1, 2, 3, 4
  on conflict (org_unit_id, month, origin, problem_type) do update set
    suspected = s.suspected + excluded.suspected, checked = s.checked + excluded.checked, confirmed = s.confirmed + excluded.confirmed,
    flagged = s.flagged + excluded.flagged, back_billing = s.back_billing + excluded.back_billing, penalty = s.penalty + excluded.penalty`;

/** A case opened: one more suspected (疑似) case in its unit, in the month it was created. */
const OPENED = upsert(`
  select ${MONTH('o.created_at')} as month, '' as problem_type, 1 as suspected, 0 as checked, 0 as confirmed, 0 as flagged,
         0::numeric as back_billing, 0::numeric as penalty
    from cases o where o.id = $1 and $2::int is not null`);

/** Findings submitted: checked on site; confirmed; flagged when the presence verdict was weak (疑似虚假工单). */
const FINDINGS = upsert(`
  select ${MONTH('e.occurred_at')} as month, coalesce(e.payload->>'problemType', '') as problem_type, 0 as suspected, 1 as checked,
         coalesce((e.payload->>'result' = 'confirmed')::int, 0) as confirmed, coalesce((e.payload->'presence'->>'weak' = 'true')::int, 0) as flagged,
         0::numeric as back_billing, 0::numeric as penalty
    from case_events e where e.case_id = $1 and e.seq = $2`);

// Recovered amounts: each verification passed counts its case's rectification amounts (all its orders' computations,
// whenever issued) in the month it passed. A pass or an order changes the case's recovered figures; the delta is
// the case's figures with the event minus without it (sign 1 and -1), which also covers an order issued after a pass.
const RECOVERED = upsert(`
  with ev as (select seq, type, payload, occurred_at from case_events where case_id = $1),
  versions as (select * from (values (1), (-1)) v(sign)),
  amounts as (
    select v.sign, sum((x->>'backBillingYuan')::numeric) as back_billing, sum((x->>'penaltyYuan')::numeric) as penalty
      from versions v left join (ev o cross join lateral jsonb_array_elements(coalesce(o.payload->'computations', '[]'::jsonb)) x)
        on o.type = 'rectification_issued' and (v.sign = 1 or o.seq <> $2)
     group by v.sign
  ),
  passes as (
    select p.seq, ${MONTH('p.occurred_at')} as month, (p.payload->>'confirmedCollectedYuan')::numeric as confirmed,
           coalesce((select f.payload->>'problemType' from ev f where f.type = 'findings_submitted' and f.seq < p.seq order by f.seq desc limit 1), '') as problem_type
      from ev p where p.type = 'verified' and p.payload->>'outcome' = 'pass'
  )
  select p.month, p.problem_type, 0 as suspected, 0 as checked, 0 as confirmed, 0 as flagged,
         sum(a.sign * r.back_billing) as back_billing, sum(a.sign * r.penalty) as penalty
    from passes p join amounts a on a.sign = 1 or p.seq <> $2
   cross join lateral case_stats_recovered(p.confirmed, a.back_billing, a.penalty) r
   group by 1, 2
  having sum(a.sign * r.back_billing) <> 0 or sum(a.sign * r.penalty) <> 0`);

export interface ProjectedEvent {
  caseId: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Counts an event the projection has just inserted (`opened`: its transaction also inserted the case row). Call only
 * when the insert inserted, in the same transaction.
 */
export async function projectCaseStats(db: Queryable, e: ProjectedEvent, opened: boolean): Promise<void> {
  const params = [e.caseId, e.seq];
  if (opened) await db.query(OPENED, params);
  if (e.type === 'findings_submitted') await db.query(FINDINGS, params);
  else if ((e.type === 'verified' && e.payload.outcome === 'pass') || e.type === 'rectification_issued') await db.query(RECOVERED, params);
}

/** Recomputes the whole aggregate from cases and case_events (rows written by SQL, e.g. a bench's generated data). */
export async function rebuildCaseStats(db: Queryable): Promise<void> {
  await db.query('select case_stats_rebuild()');
}
