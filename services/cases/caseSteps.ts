import { isGrpcDeadlineError, WorkflowUpdateFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import type { z } from 'zod';
import { CASE_ACTIONS, REJECTION_STATUS, getStateQuery, type CaseActionName, type InspectionCaseState, type RejectionKind } from '../../domain/inspectionCaseContract';
import type { Principal } from '../../domain/roles';
import type { CheckInResult, StepAction, TaskState } from '../../domain/terminalSchemas';
import { Problem, fieldErrors } from '../../http/problem';
import { taskCaseInScope } from '../access/caseAccess';

// Human steps on a case and its live state: the case workflow is the source of truth, reached through Temporal
// Updates (steps) and a Query (live state). Both APIs take steps through here.

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
      // the code lets a terminal explain the refusal in its user's words (the message is the validator's English); the same reading as the type's tail
      throw new Problem(status, 'Step refused', e.cause.message, undefined, `urn:jicha:case-step:${kind ?? 'refused'}`, `case-step:${kind ?? 'refused'}`);
    }
    if (e instanceof WorkflowNotFoundError) throw new Problem(409, 'Case closed', 'The case has ended; no further steps are possible.', undefined, 'about:blank', 'case.ended');
    throw e;
  }
}

/** The case workflow's live state (its Query); 503 when no worker answers, 404 when the workflow is no longer retained. */
export async function caseLiveState(temporal: Client, workflowId: string): Promise<InspectionCaseState> {
  try {
    return await temporal.withDeadline(Date.now() + WORKFLOW_ANSWER_MS.query, () => temporal.workflow.getHandle(workflowId).query(getStateQuery));
  } catch (e) {
    if (isGrpcDeadlineError(e)) throw notAnswering('The case workflow did not answer in time (is a worker running?); the read model and the case log are still available.');
    if (e instanceof WorkflowNotFoundError) throw new Problem(404, 'Not found', 'The case workflow is no longer retained; see the case log.');
    throw e;
  }
}

/** What a terminal shows after a step: the case's stage and who holds it now. */
export function taskState(s: InspectionCaseState): z.infer<typeof TaskState> {
  return {
    caseId: s.caseId,
    caseNo: s.caseNo,
    stage: s.stage,
    assignee: s.assignee,
    assignment: s.assignment,
    pendingActor: s.pendingActor,
    deadlineAt: s.deadlineAt,
    escalationTier: s.escalationTier,
    checkIns: s.checkIns.length,
    verifiedEvidence: s.evidence.filter((e) => e.verified).length,
    needsSupervisorReview: s.needsSupervisorReview,
  };
}

export interface StepDeps {
  pool: pg.Pool;
  temporal: Client;
}

/** A step taken from a terminal on a case in the caller's scope: the check-in's result, or the case after the step. */
export async function takeTerminalStep(
  deps: StepDeps, principal: Principal, caseId: string, action: StepAction, payload: Record<string, unknown>,
): Promise<z.infer<typeof CheckInResult> | z.infer<typeof TaskState>> {
  const c = await taskCaseInScope(deps.pool, caseId, principal);
  const result = await sendCaseAction(deps.temporal, c.workflowId, action, payload, principal);
  if (action === 'check-in') return result as z.infer<typeof CheckInResult>;
  return taskState(result as InspectionCaseState);
}

export { listCaseEvents } from '../../db/caseLog';
