import { z } from 'zod';
import type pg from 'pg';
import { ROLES } from '../../domain/roles';
import { ProblemType } from '../../domain/inspectionCaseContract';
import { MustCheckConfig, MustCheckItems } from '../../domain/mustCheck';
import { mustCheckItems, replaceMustCheckItems } from '../../services/configuration/mustCheckItems';
import { defineRoute, type RouteDef } from '../../http/route';

// 四必查 per problem type: configuration of the whole installation (the province's list), not org-bound data.
// Every back-office role reads it; managers and admins change it (the HTTP layer's audit trail records each change).

const READERS = { roles: ROLES, scope: 'none' } as const;
const WRITERS = { roles: ['manager', 'admin'], scope: 'none' } as const;

export function mustCheckItemRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/must-check-items',
      summary: 'Must-check items (四必查) per problem type: what the judgement gives a case to check on site',
      tag: 'must-check-items',
      policy: READERS,
      response: { status: 200, schema: z.array(MustCheckConfig), description: 'One entry per configured problem type' },
      async handler({ res }) {
        res.json(await mustCheckItems(pool));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/must-check-items/:problemType',
      summary: 'Replace the must-check items of one problem type (cases judged from now on get them; judged cases keep theirs)',
      tag: 'must-check-items',
      policy: WRITERS,
      params: z.strictObject({ problemType: ProblemType }),
      body: z.strictObject({ items: MustCheckItems }),
      response: { status: 200, schema: MustCheckConfig, description: 'The stored configuration' },
      async handler({ res, principal, params, body }) {
        res.json(await replaceMustCheckItems(pool, principal, params.problemType, body.items));
      },
    }),
  ];
}
