import { z } from 'zod';
import type pg from 'pg';
import { ROLES } from '../../domain/roles';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';
import { escalationBoard, inbox } from '../../services/cases/escalations';
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
        const { rows, total } = await escalationBoard(pool, principal, { tiers, open }, [start, end]);
        sendList(res, 'escalations', start, rows, total);
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
        res.json(await inbox(pool, principal));
      },
    }),
  ];
}
