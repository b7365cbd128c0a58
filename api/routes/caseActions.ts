import { z } from 'zod';
import { isGrpcDeadlineError, WorkflowUpdateFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import { CASE_ACTIONS, REJECTION_STATUS, getStateQuery, type CaseActionName, type RejectionKind } from '../../domain/inspectionCaseContract';
import type { Principal } from '../../domain/roles';
import { caseInScope } from '../../services/access/caseAccess';
import { defineRoute, type RouteDef } from '../../http/route';
import { Problem, fieldErrors } from '../../http/problem';

// Evidence is attached only by the server's upload-confirm step, which checks the stored object's size and SHA-256;
// a client must never be able to claim `verified` itself.
const ACTION_NAMES = (Object.keys(CASE_ACTIONS) as CaseActionName[]).filter((a) => a !== 'evidence') as [CaseActionName, ...CaseActionName[]];
const Params = z.strictObject({ id: z.uuid('must be a case id (UUID)'), action: z.enum(ACTION_NAMES) });
const IdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });
const CASE_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

/**
 * How long a step or a live-state query waits for the case workflow to answer. Without a running worker Temporal
 * would hold the request for about half a minute and then fail it; the caller gets a 503 it can act on instead.
 */
export const WORKFLOW_ANSWER_MS = { query: 10_000, update: 20_000 } as const;

const notAnswering = (detail: string) => new Problem(503, 'Case workflow not answering', detail, undefined, 'urn:jicha:case-workflow:unavailable');

/** Sends one human step to the case workflow as an Update; the validator's refusal comes back as 403/409/422. */
export async function sendCaseAction(temporal: Client, workflowId: string, action: CaseActionName, payload: Record<string, unknown>, principal: Principal): Promise<unknown> {
  const def = CASE_ACTIONS[action];
  const parsed = def.input.safeParse(payload);
  if (!parsed.success) throw new Problem(400, 'Invalid request', `The ${action} step has invalid fields.`, fieldErrors(parsed.error));
  const actor = { username: principal.username, roles: principal.roles, orgUnit: principal.orgUnit };
  try {
    return await temporal.withDeadline(Date.now() + WORKFLOW_ANSWER_MS.update, () =>
      temporal.workflow.getHandle(workflowId).executeUpdate(def.update as never, { args: [{ ...(parsed.data as object), actor }] as never }),
    );
  } catch (e) {
    if (isGrpcDeadlineError(e)) {
      // Temporal may still deliver the step once a worker polls again: say so rather than invite a blind retry.
      throw notAnswering(`The ${action} step was not confirmed in time (is a worker running?). It may still be applied when the case workflow resumes: reload the case before trying again.`);
    }
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
        try {
          res.json(await temporal.withDeadline(Date.now() + WORKFLOW_ANSWER_MS.query, () => temporal.workflow.getHandle(row.workflowId).query(getStateQuery)));
        } catch (e) {
          if (isGrpcDeadlineError(e)) throw notAnswering('The case workflow did not answer in time (is a worker running?); the read model and the case log are still available.');
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
