import type { Queryable } from './pool';
import type { Principal } from '../domain/roles';
import type { CaseScope } from '../domain/caseScope';
import { scopeClause } from './cases';
import { subtreePattern, subtreeRangeClause } from './orgScope';
import { customerSearchClause, customerUnit } from './customers';
import type { z } from 'zod';
import type { TaskItem as TaskItemSchema } from '../domain/terminalSchemas';

// "My tasks" and task detail for terminals, from the case read model.

/** One row of 我的任务 as the terminal API answers it (domain/terminalSchemas.ts), but the working days left, which the service adds from the calendar. */
export type TaskItem = Omit<z.infer<typeof TaskItemSchema>, 'workingDaysLeft'>;

interface TaskRow {
  id: string; case_no: string; stage: string; priority: string; origin: string; assignment: string | null; pending_role: string | null;
  deadline_at: Date | null; escalation_tier: number; customer_account_no: string; customer_name: string; address: string; tariff_category: string;
  lat: number | null; lon: number | null; total: number;
}

/**
 * Cases needing the caller's action: pending on them by name, or pending on one of their roles (no name yet) inside
 * their org unit. Ordered by deadline (none last), then age. One round trip: the page is chosen from the narrow
 * index entries first, so only its 20-odd rows are read in full; a named statement keeps the plan per connection.
 */
export async function myTasks(db: Queryable, p: Pick<Principal, 'username' | 'roles' | 'orgUnit'>, limit: number, offset: number): Promise<{ items: TaskItem[]; total: number }> {
  const r = await db.query<TaskRow>({
    name: 'mobile-my-tasks',
    text: `with mine as (
             select c.id, c.deadline_at, c.created_at from cases c where c.pending_user = $1
             union all
             select c.id, c.deadline_at, c.created_at from cases c
              where c.pending_user is null and c.pending_role = any($2::text[]) and (c.org_unit_id = $3 or c.org_unit_id like $4)
           ), page as (
             select id, deadline_at, created_at from mine order by deadline_at asc nulls last, created_at, id limit $5 offset $6
           )
           select c.id, c.case_no, c.stage, c.priority, c.origin, c.assignment, c.pending_role, c.deadline_at, c.escalation_tier,
                  c.customer_account_no, c.customer_name, cu.address, cu.tariff_category, cu.lat, cu.lon, (select count(*) from mine) as total
             from page join cases c on c.id = page.id join customers cu on cu.account_no = c.customer_account_no
            order by page.deadline_at asc nulls last, page.created_at, page.id`,
    values: [p.username, p.roles, p.orgUnit, subtreePattern(p.orgUnit), limit, offset],
  });
  let total = r.rows[0]?.total ?? null;
  if (total === null) {
    const n = await db.query<{ n: number }>({
      name: 'mobile-my-tasks-count',
      text: `select count(*)::int as n from cases c where c.pending_user = $1
                 or (c.pending_user is null and c.pending_role = any($2::text[]) and (c.org_unit_id = $3 or c.org_unit_id like $4))`,
      values: [p.username, p.roles, p.orgUnit, subtreePattern(p.orgUnit)],
    });
    total = n.rows[0].n;
  }
  return {
    total: Number(total),
    items: r.rows.map((x) => ({
      caseId: x.id, caseNo: x.case_no, stage: x.stage, priority: x.priority, origin: x.origin, assignment: x.assignment, pendingRole: x.pending_role,
      deadlineAt: x.deadline_at?.toISOString() ?? null, escalationTier: x.escalation_tier,
      customer: { accountNo: x.customer_account_no, name: x.customer_name, address: x.address, tariffCategory: x.tariff_category, lat: x.lat, lon: x.lon },
    })),
  };
}

export interface TaskCase {
  id: string;
  caseNo: string;
  workflowId: string;
  stage: string;
  priority: string;
  origin: string;
  note: string | null;
  customerAccountNo: string;
  orgUnitId: string;
  assignee: string | null;
  assignment: string | null;
  pendingRole: string | null;
  pendingUser: string | null;
  deadlineAt: string | null;
  escalationTier: number;
  createdAt: string;
  updatedAt: string;
  snapshot: Record<string, any>;
}

/** A case inside the caller's case scope (domain/caseScope.ts), with what a terminal shows of it. */
export async function scopedTaskCase(db: Queryable, id: string, scope: CaseScope, withSnapshot = false): Promise<TaskCase | null> {
  const params: unknown[] = [id];
  const inScope = scopeClause(params, scope);
  const r = await db.query<{
    id: string; case_no: string; workflow_id: string; stage: string; priority: string; origin: string; note: string | null; customer_account_no: string;
    org_unit_id: string; assignee: string | null; assignment: string | null; pending_role: string | null; pending_user: string | null; deadline_at: Date | null; escalation_tier: number;
    created_at: Date; updated_at: Date; snapshot: Record<string, any> | null;
  }>(
    `select id, case_no, workflow_id, stage, priority, origin, note, customer_account_no, org_unit_id, assignee, assignment, pending_role, pending_user, deadline_at,
            escalation_tier, created_at, updated_at, ${withSnapshot ? 'snapshot' : 'null::jsonb as snapshot'}
       from cases c where c.id = $1 and ${inScope}`,
    params,
  );
  const c = r.rows[0];
  if (!c) return null;
  return {
    id: c.id, caseNo: c.case_no, workflowId: c.workflow_id, stage: c.stage, priority: c.priority, origin: c.origin, note: c.note,
    customerAccountNo: c.customer_account_no, orgUnitId: c.org_unit_id, assignee: c.assignee, assignment: c.assignment, pendingRole: c.pending_role, pendingUser: c.pending_user,
    deadlineAt: c.deadline_at?.toISOString() ?? null, escalationTier: c.escalation_tier, createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(), snapshot: c.snapshot ?? {},
  };
}

export async function caseHistory(db: Queryable, caseId: string): Promise<{ seq: number; type: string; stage: string; actor: string | null; at: string }[]> {
  const r = await db.query<{ seq: number; type: string; stage: string; actor: string | null; occurred_at: Date }>(
    'select seq, type, stage, actor, occurred_at from case_events where case_id = $1 order by seq',
    [caseId],
  );
  return r.rows.map((e) => ({ seq: e.seq, type: e.type, stage: e.stage, actor: e.actor, at: e.occurred_at.toISOString() }));
}

/** Custom audit (自定义稽查): customers inside the caller's org unit by account number, name or address. */
export async function searchCustomers(db: Queryable, orgUnit: string, q: string, limit: number) {
  const params: unknown[] = [];
  const where = `${subtreeRangeClause(params, customerUnit('cu'), orgUnit)} and ${customerSearchClause(params, q, 'cu')}`;
  params.push(/^\d+$/.test(q) ? q : null, limit);
  const r = await db.query<{ account_no: string; name: string; address: string; tariff_category: string; station_id: string; status: string; lat: number | null; lon: number | null; open_cases: number }>(
    `select cu.account_no, cu.name, cu.address, cu.tariff_category, cu.station_id, cu.status, cu.lat, cu.lon,
            (select count(*)::int from cases c where c.customer_account_no = cu.account_no and c.stage not in ('closed', 'dismissed', 'cancelled')) as open_cases
       from customers cu
      where ${where}
      order by coalesce(cu.account_no = $${params.length - 1}, false) desc, cu.account_no
      limit $${params.length}`,
    params,
  );
  return r.rows.map((c) => ({ accountNo: c.account_no, name: c.name, address: c.address, tariffCategory: c.tariff_category, stationId: c.station_id, status: c.status, lat: c.lat, lon: c.lon, openCases: c.open_cases }));
}
