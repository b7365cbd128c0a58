import { isGrpcDeadlineError, WorkflowNotFoundError, type Client } from '@temporalio/client';
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

export const notAnswering = (detail: string, code?: string, params?: Record<string, string | number>) =>
  new Problem(503, 'Case workflow not answering', detail, undefined, 'urn:jicha:case-workflow:unavailable', code, params);

/** The case workflow's live state (its Query); null when the workflow is no longer retained; 503 when no worker answers. */
export async function queryLiveState(temporal: Client, workflowId: string): Promise<InspectionCaseState | null> {
  try {
    return await temporal.withDeadline(Date.now() + WORKFLOW_ANSWER_MS.query, () => temporal.workflow.getHandle(workflowId).query(getStateQuery));
  } catch (e) {
    if (isGrpcDeadlineError(e)) throw notAnswering(renderMessage('case.workflow-not-answering', {}, 'zh-CN'), 'case.workflow-not-answering');
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
