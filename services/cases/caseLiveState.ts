import { isGrpcCancelledError, isGrpcDeadlineError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { getStateQuery, type InspectionCaseState } from '../../domain/inspectionCaseContract';
import { Problem, codedProblem } from '../../http/problem';
import { renderMessage } from '../../domain/messages';

// The case workflow's live state (its Query), on its own so that the services reading it (case steps, the presence
// verdict) do not import each other.

/**
 * How long a step or a live-state query waits for the case workflow to answer. Without a running worker Temporal
 * would hold the request for about half a minute and then fail it; the caller gets a 503 it can act on instead.
 */
export const WORKFLOW_ANSWER_MS = { query: 10_000, update: 20_000 } as const;

/**
 * The call ran out of its deadline. Usually DEADLINE_EXCEEDED; but the server propagates the deadline and may cancel
 * the stream first, and the client then sees CANCELLED just before its own timer fires (a workerDown test got a 500 so
 * on a loaded run; gRPC's Java and .NET clients turn such a CANCELLED into DEADLINE_EXCEEDED, Temporal's SDKs treat both
 * as an Update's timeout). A CANCELLED within the last second of the deadline, or after it, is the same.
 */
export function ranOutOfTime(e: unknown, deadlineMs: number, now = Date.now()): boolean {
  return isGrpcDeadlineError(e) || (isGrpcCancelledError(e) && now >= deadlineMs - 1000);
}

export const notAnswering = (detail: string, code?: string, params?: Record<string, string | number>) =>
  new Problem(503, 'Case workflow not answering', detail, undefined, 'urn:jicha:case-workflow:unavailable', code, params);

/** The case workflow's live state (its Query); null when the workflow is no longer retained; 503 when no worker answers. */
export async function queryLiveState(temporal: Client, workflowId: string): Promise<InspectionCaseState | null> {
  const deadline = Date.now() + WORKFLOW_ANSWER_MS.query;
  try {
    return await temporal.withDeadline(deadline, () => temporal.workflow.getHandle(workflowId).query(getStateQuery));
  } catch (e) {
    if (ranOutOfTime(e, deadline)) throw notAnswering(renderMessage('case.workflow-not-answering', {}, 'zh-CN'), 'case.workflow-not-answering');
    if (e instanceof WorkflowNotFoundError) return null;
    throw e;
  }
}

/** The case workflow's live state (its Query); 503 when no worker answers, 404 when the workflow is no longer retained. */
export async function caseLiveState(temporal: Client, workflowId: string): Promise<InspectionCaseState> {
  const state = await queryLiveState(temporal, workflowId);
  if (!state) throw codedProblem(404, 'Not found', 'case.workflow-gone', {}, 'zh-CN');
  return state;
}
