import { z } from 'zod';
import type pg from 'pg';
import { ROLES } from '../../domain/roles';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';
import { EscalationBoardRow, Notification } from '../../domain/escalationSchemas';

const Query = z.strictObject({
  // react-admin always sends a sort; the board's order is fixed (highest tier, then oldest)
  sort: jsonParam(z.tuple([z.string().max(50), z.enum(['ASC', 'DESC'])])).optional(),
  range: raRange.optional(),
  filter: jsonParam(z.strictObject({ tier: z.union([z.number().int().min(1).max(3), z.array(z.number().int().min(1).max(3))]).optional(), open: z.boolean().optional() })).optional(),
});

/** The supervisors' escalation board and everyone's in-app inbox. */
export function escalationRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/escalations',
      summary: 'Escalations by tier and age (open by default), with their cases, inside the caller\'s org unit',
      tag: 'escalations',
      policy: { roles: ['station_lead', 'supervisor', 'manager'], scope: 'org' },
      query: Query,
      response: { status: 200, schema: z.array(EscalationBoardRow), description: 'Escalations, highest tier first, then oldest' },
      async handler({ res, principal, query }) {
        const [start, end] = query.range ?? [0, 99];
        const tiers = query.filter?.tier === undefined ? null : [query.filter.tier].flat();
        const open = query.filter?.open ?? true;
        const params = [principal.orgUnit, `${principal.orgUnit}.%`, tiers, open];
        const where = `(c.org_unit_id = $1 or c.org_unit_id like $2) and ($3::int[] is null or e.tier = any($3)) and ((e.resolved_at is null) = $4)`;
        const total = await pool.query<{ n: number }>(`select count(*)::int as n from escalations e join cases c on c.id = e.case_id where ${where}`, params);
        const rows = await pool.query(
          `select c.id || ':' || e.stage || ':' || e.stage_round || ':' || e.tier as id, e.case_id as "caseId", c.case_no as "caseNo", c.customer_name as "customerName",
                  c.org_unit_id as "orgUnitId", e.stage, e.tier, e.raised_at as "raisedAt", e.resolved_at as "resolvedAt", c.pending_role as "pendingRole",
                  c.pending_user as "pendingUser", c.deadline_at as "deadlineAt"
             from escalations e join cases c on c.id = e.case_id
            where ${where} order by e.tier desc, e.raised_at limit ${end - start + 1} offset ${start}`,
          params,
        );
        sendList(res, 'escalations', start, rows.rows, total.rows[0].n);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/notifications',
      summary: 'The caller\'s in-app inbox: reminders and escalations addressed to them or to their role in their unit',
      tag: 'notifications',
      policy: { roles: ROLES, scope: 'self' },
      response: { status: 200, schema: z.array(Notification), description: 'Newest first, at most 200' },
      async handler({ res, principal }) {
        // a role-addressed notice reaches holders of the role whose unit contains the addressed unit, or lies inside it
        const rows = await pool.query(
          `select id::text, case_id as "caseId", kind, title, body, created_at as "createdAt", read_at as "readAt"
             from notifications
            where recipient_user = $1
               or (recipient_role = any($2::text[]) and (recipient_org = $3 or recipient_org like $4 or $3 like recipient_org || '.%'))
            order by created_at desc limit 200`,
          [principal.username, principal.roles, principal.orgUnit, `${principal.orgUnit}.%`],
        );
        res.json(rows.rows);
      },
    }),
  ];
}
