import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { CASE_ACTIONS, type CaseActionName } from '../../domain/inspectionCaseContract';
import type { Principal } from '../../domain/roles';
import { caseInScope } from '../../services/access/caseAccess';
import { caseLiveState, listCaseEvents, sendCaseAction } from '../../services/cases/caseSteps';
import { defineRoute, type RouteDef } from '../../http/route';

// Evidence is attached only by the server's upload-confirm step, which checks the stored object's size and SHA-256;
// a client must never be able to claim `verified` itself.
const ACTION_NAMES = (Object.keys(CASE_ACTIONS) as CaseActionName[]).filter((a) => a !== 'evidence') as [CaseActionName, ...CaseActionName[]];
const Params = z.strictObject({ id: z.uuid('must be a case id (UUID)'), action: z.enum(ACTION_NAMES) });
const IdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });
const CASE_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

export function caseActionRoutes({ pool, temporal }: { pool: pg.Pool; temporal: Client }): RouteDef[] {
  const inScope = (id: string, principal: Principal) => caseInScope(pool, id, principal);
  return [
    defineRoute({
      method: 'post',
      path: '/cases/:id/actions/:action',
      summary: `A human step on a case (${ACTION_NAMES.join(', ')}); the workflow's validator decides who may take it`,
      tag: 'cases',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: Params,
      body: z.record(z.string(), z.unknown()),
      response: { status: 200, description: 'The step\'s result (usually the case\'s live state)' },
      async handler({ res, principal, params, body }) {
        const row = await inScope(params.id, principal);
        res.json(await sendCaseAction(temporal, row.workflowId, params.action, body, principal));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/cases/:id/live',
      summary: 'The case workflow\'s live state (Query): stage, deadlines, escalation tier, pending actor',
      tag: 'cases',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: IdParams,
      response: { status: 200, description: 'Live state' },
      async handler({ res, principal, params }) {
        const row = await inScope(params.id, principal);
        res.json(await caseLiveState(temporal, row.workflowId));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/cases/:id/events',
      summary: 'The case log (append-only, hash-chained): the stage timeline',
      tag: 'cases',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: IdParams,
      response: { status: 200, description: 'Events in order' },
      async handler({ res, principal, params }) {
        await inScope(params.id, principal);
        res.json(await listCaseEvents(pool, params.id));
      },
    }),
  ];
}
