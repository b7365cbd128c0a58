import { z } from 'zod';
import { WorkflowUpdateFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import { CASE_ACTIONS, REJECTION_STATUS, getStateQuery, type CaseActionName, type RejectionKind } from '../../domain/inspectionCaseContract';
import type { Principal } from '../../domain/roles';
import { getCase } from '../../db/cases';
import { defineRoute, type RouteDef } from '../http/route';
import { Problem, fieldErrors } from '../http/problem';

// Evidence is attached only by the server's upload-confirm step, which checks the stored object's size and SHA-256;
// a client must never be able to claim `verified` itself.
const ACTION_NAMES = (Object.keys(CASE_ACTIONS) as CaseActionName[]).filter((a) => a !== 'evidence') as [CaseActionName, ...CaseActionName[]];
const Params = z.strictObject({ id: z.uuid('must be a case id (UUID)'), action: z.enum(ACTION_NAMES) });
const IdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });
const CASE_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

/** Sends one human step to the case workflow as an Update; the validator's refusal comes back as 403/409/422. */
export async function sendCaseAction(temporal: Client, workflowId: string, action: CaseActionName, payload: Record<string, unknown>, principal: Principal): Promise<unknown> {
  const def = CASE_ACTIONS[action];
  const parsed = def.input.safeParse(payload);
  if (!parsed.success) throw new Problem(400, 'Invalid request', `The ${action} step has invalid fields.`, fieldErrors(parsed.error));
  const actor = { username: principal.username, roles: principal.roles, orgUnit: principal.orgUnit };
  try {
    return await temporal.workflow.getHandle(workflowId).executeUpdate(def.update as never, { args: [{ ...(parsed.data as object), actor }] as never });
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
      const kind = e.cause.type as RejectionKind | undefined;
      const status = (kind && REJECTION_STATUS[kind]) || 422;
      throw new Problem(status, 'Step refused', e.cause.message, undefined, `urn:jicha:case-step:${kind ?? 'refused'}`);
    }
    if (e instanceof WorkflowNotFoundError) throw new Problem(409, 'Case closed', 'The case has ended; no further steps are possible.');
    throw e;
  }
}

export function caseActionRoutes({ pool, temporal }: { pool: pg.Pool; temporal: Client }): RouteDef[] {
  const inScope = async (id: string, principal: Principal) => {
    const row = await getCase(pool, id, { orgUnit: principal.orgUnit });
    if (!row) throw new Problem(404, 'Not found', `No case ${id} in your org unit.`);
    return row;
  };
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
        try {
          res.json(await temporal.workflow.getHandle(row.workflowId).query(getStateQuery));
        } catch (e) {
          if (e instanceof WorkflowNotFoundError) throw new Problem(404, 'Not found', 'The case workflow is no longer retained; see the case log.');
          throw e;
        }
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
        const r = await pool.query(
          'select seq, type, stage, actor, payload, occurred_at as "occurredAt", hash from case_events where case_id = $1 order by seq',
          [params.id],
        );
        res.json(r.rows);
      },
    }),
  ];
}
