import type { Queryable } from './pool';
import type { CaseScope } from '../domain/caseScope';
import { scopeClause } from './cases';
import { subtreePattern, withinSql } from './orgScope';

/** Escalations of the cases in a case scope, by tier (highest first) and age; one page and the total. */
export async function listEscalations(db: Queryable, scope: CaseScope, f: { tiers: number[] | null; open: boolean }, range: [number, number]) {
  const params: unknown[] = [f.tiers, f.open];
  const where = `${scopeClause(params, scope)} and ($1::int[] is null or e.tier = any($1)) and ((e.resolved_at is null) = $2)`;
  const total = await db.query<{ n: number }>(`select count(*)::int as n from escalations e join cases c on c.id = e.case_id where ${where}`, params);
  const rows = await db.query(
    `select c.id || ':' || e.stage || ':' || e.stage_round || ':' || e.tier as id, e.case_id as "caseId", c.case_no as "caseNo", c.customer_name as "customerName",
            c.org_unit_id as "orgUnitId", e.stage, e.tier, e.raised_at as "raisedAt", e.resolved_at as "resolvedAt", c.pending_role as "pendingRole",
            c.pending_user as "pendingUser", c.deadline_at as "deadlineAt"
       from escalations e join cases c on c.id = e.case_id
      where ${where} order by e.tier desc, e.raised_at limit ${range[1] - range[0] + 1} offset ${range[0]}`,
    params,
  );
  return { rows: rows.rows, total: total.rows[0].n };
}

/**
 * A user's in-app inbox, newest first: notices addressed to them, or to one of their roles in a unit that contains
 * theirs or lies inside it.
 */
export async function inboxOf(db: Queryable, p: { username: string; roles: readonly string[]; orgUnit: string }, limit: number) {
  const r = await db.query(
    `select id::text, case_id as "caseId", kind, title, body, code, params, created_at as "createdAt", read_at as "readAt"
       from notifications
      where recipient_user = $1
         or (recipient_role = any($2::text[]) and (recipient_org = $3 or recipient_org like $4 or ${withinSql('$3', 'recipient_org')}))
      order by created_at desc limit $5`,
    [p.username, p.roles, p.orgUnit, subtreePattern(p.orgUnit), limit],
  );
  return r.rows;
}
