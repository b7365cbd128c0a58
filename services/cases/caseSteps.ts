import crypto from 'node:crypto';
import { WorkflowUpdateFailedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type pg from 'pg';
import type { z } from 'zod';
import { CASE_ACTIONS, REJECTION_STATUS, type CaseActionName, type InspectionCaseState, type RejectionKind } from '../../domain/inspectionCaseContract';
import type { Principal } from '../../domain/roles';
import type { CheckInResult, StepAction, TaskState } from '../../domain/terminalSchemas';
import type { Lang } from '../../domain/text';
import { presenceWeakDetail } from '../../domain/presence';
import { presenceReasonText, type PresenceVerdict } from '../../domain/presenceReasons';
import { Problem, codedProblem, fieldErrors } from '../../http/problem';
import { renderMessage, type MessageParams } from '../../domain/messages';
import { taskCaseInScope } from '../access/caseAccess';
import { presenceVerdictOfState } from '../presence/presenceVerdict';
import { WORKFLOW_ANSWER_MS, caseLiveState, notAnswering, queryLiveState, ranOutOfTime } from './caseLiveState';
import { checkReport, checkVerification, prepareOrder } from './moneySteps';

// Human steps on a case and its live state: the case workflow is the source of truth, reached through Temporal
// Updates (steps) and a Query (live state). Both APIs take steps through here.

export { WORKFLOW_ANSWER_MS, caseLiveState };

const caseEnded = (lang: Lang) => codedProblem(409, 'Case closed', 'case.ended', {}, lang);

/** The step's payload as its schema reads it; 400 naming each bad field. */
function parseStep<A extends CaseActionName>(action: A, payload: Record<string, unknown>, lang: Lang): z.infer<(typeof CASE_ACTIONS)[A]['input']> {
  const parsed = CASE_ACTIONS[action].input.safeParse(payload);
  if (!parsed.success) throw codedProblem(400, 'Invalid request', 'request.step-invalid-fields', { step: action, action }, lang, { errors: fieldErrors(parsed.error) });
  return parsed.data as z.infer<(typeof CASE_ACTIONS)[A]['input']>;
}

/** The code and params a workflow validator refused with (workflows/caseRules.ts `reject`); null for older refusals. */
function refusalOf(f: ApplicationFailure): { code: string; params: MessageParams } | null {
  const d = f.details?.[0] as { code?: unknown; params?: unknown } | undefined;
  if (typeof d?.code !== 'string') return null;
  return { code: d.code, params: d.params && typeof d.params === 'object' ? (d.params as MessageParams) : {} };
}

/**
 * The Update id of a step sent under a terminal's Idempotency-Key (or an evidence id): Temporal applies an Update id
 * once per run, so a retry after an answer that never came (a 503 while Postgres or Temporal restarted releases the
 * key) gets the first step's outcome instead of taking the step twice (found by `npm run chaos`: one check-in twice).
 */
export function stepUpdateId(username: string, requestKey: string): string {
  return `step-${crypto.createHash('sha256').update(`${username}\n${requestKey}`).digest('hex').slice(0, 40)}`;
}

/** Sends a parsed step to the case workflow as its Update; the validator's refusal comes back as 403/409/422. */
async function executeStep(temporal: Client, workflowId: string, action: CaseActionName, data: object, principal: Principal, lang: Lang, updateId?: string): Promise<unknown> {
  const actor = { username: principal.username, roles: principal.roles, orgUnit: principal.orgUnit };
  const deadline = Date.now() + WORKFLOW_ANSWER_MS.update;
  try {
    return await temporal.withDeadline(deadline, () =>
      temporal.workflow.getHandle(workflowId).executeUpdate(CASE_ACTIONS[action].update as never, { args: [{ ...data, actor }] as never, ...(updateId ? { updateId } : {}) }),
    );
  } catch (e) {
    if (ranOutOfTime(e, deadline)) {
      // Temporal may still deliver the step once a worker polls again: say so rather than invite a blind retry.
      throw notAnswering(renderMessage('case.step-unconfirmed', { step: action, action }, lang), 'case.step-unconfirmed', { step: action, action });
    }
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
      const kind = e.cause.type as RejectionKind | undefined;
      const status = (kind && REJECTION_STATUS[kind]) || 422;
      const type = `urn:jicha:case-step:${kind ?? 'refused'}`;
      // the validator's code and params: the detail in the caller's language, and both for a UI's own words
      const refusal = refusalOf(e.cause) ?? { code: 'case-step.refused', params: { reason: e.cause.message } };
      throw codedProblem(status, 'Step refused', refusal.code, refusal.params, lang, { type });
    }
    // a penalty the activity refused (a rule set published between the service's check and the order): the step is invalid
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ActivityFailure && e.cause.cause instanceof ApplicationFailure && e.cause.cause.type === 'PenaltyRefused') {
      throw codedProblem(422, 'Step refused', 'case-step.penalty-refused', { reason: e.cause.cause.message }, lang, { type: 'urn:jicha:case-step:InvalidStep' });
    }
    if (e instanceof WorkflowNotFoundError) throw caseEnded(lang);
    throw e;
  }
}

/**
 * Sends one human step to the case workflow as an Update; the validator's refusal comes back as 403/409/422.
 * Findings go through `submitFindings` instead (they carry the server's presence verdict).
 */
export async function sendCaseAction(
  temporal: Client, workflowId: string, action: CaseActionName, payload: Record<string, unknown>, principal: Principal, lang: Lang = 'zh-CN', updateId?: string,
): Promise<unknown> {
  return executeStep(temporal, workflowId, action, parseStep(action, payload, lang), principal, lang, updateId);
}

/**
 * A step from either API on a case the caller may see. The money steps are checked first against what only the
 * database and the case's order know (services/cases/moneySteps.ts): a rectification order's tariff categories and
 * penalty choices (its wrong-tariff prices filled from the catalogue), a report's collected amount, a verification's
 * confirmation of it. Findings go through `submitFindings`.
 */
export async function takeCaseStep(
  deps: StepDeps, principal: Principal, row: { workflowId: string; orgUnitId: string }, action: CaseActionName, payload: Record<string, unknown>, lang: Lang,
  updateId?: string,
): Promise<unknown> {
  if (action === 'rectification') {
    const order = await prepareOrder(deps.pool, row.orgUnitId, parseStep('rectification', payload, lang), lang);
    return executeStep(deps.temporal, row.workflowId, 'rectification', order, principal, lang, updateId);
  }
  if (action === 'rectification-report') {
    const report = parseStep('rectification-report', payload, lang);
    checkReport(await queryLiveState(deps.temporal, row.workflowId), report, lang);
    return executeStep(deps.temporal, row.workflowId, action, report, principal, lang, updateId);
  }
  if (action === 'verify') {
    const v = parseStep('verify', payload, lang);
    checkVerification(await queryLiveState(deps.temporal, row.workflowId), v, lang);
    return executeStep(deps.temporal, row.workflowId, action, v, principal, lang, updateId);
  }
  return sendCaseAction(deps.temporal, row.workflowId, action, payload, principal, lang, updateId);
}

/** 422 `case-step:PresenceWeak`: the visit's reasons, each in the caller's language, and what to do about them. */
export function presenceWeakProblem(v: PresenceVerdict, lang: Lang): Problem {
  const errors = v.reasons.map((r) => ({ path: 'presence', code: r.code, message: presenceReasonText(r, lang), params: r.params }));
  return new Problem(422, 'Step refused', presenceWeakDetail(v, lang), errors, 'urn:jicha:case-step:PresenceWeak', 'case-step:PresenceWeak');
}

export interface StepDeps {
  pool: pg.Pool;
  temporal: Client;
}

/**
 * Findings from either API (back office and terminal, online or from the offline queue): the body is parsed first (400
 * before anything), then the server judges the visit's proof of presence (services/presence) and sends the verdict with
 * the findings. A weak verdict without a justification is refused here with its reasons in the caller's language; with
 * one the workflow puts the case on a supervisor's review. A client never sends a verdict: the findings schema
 * refuses the field.
 */
export async function submitFindings(deps: StepDeps, principal: Principal, row: { id: string; workflowId: string }, payload: Record<string, unknown>, lang: Lang, updateId?: string): Promise<InspectionCaseState> {
  const findings = parseStep('findings', payload, lang);
  const state = await queryLiveState(deps.temporal, row.workflowId);
  if (!state) throw caseEnded(lang);
  const presence = await presenceVerdictOfState(deps.pool, row.id, state);
  // Refuse only the caller whose findings the workflow would otherwise take: anyone else (another inspector, a case
  // past field evidence) hears the workflow's own refusal, which still sees the verdict and guards it.
  const takesFindings = state.stage === 'field_evidence' && state.assignment === 'accepted' && state.assignee === principal.username;
  if (takesFindings && presence.weak && !findings.justification) throw presenceWeakProblem(presence, lang);
  return (await executeStep(deps.temporal, row.workflowId, 'findings', { ...findings, presence }, principal, lang, updateId)) as InspectionCaseState;
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

/**
 * The device clock's offset (seconds) from the terminal's X-Device-Time header — its clock as it sent the request —
 * against the server's; null without a readable header. The check-in is judged by it (an offline check-in queued an
 * hour ago arrives late, its clock is not off). Like any device clock it is the terminal's word: it catches a phone
 * set to another time, not a forger who controls both values.
 */
export function observedClockSkew(header: string | undefined, now = Date.now()): number | null {
  const t = header ? Date.parse(header) : NaN;
  return Number.isFinite(t) ? Math.round((t - now) / 1000) : null;
}

/**
 * A step taken from a terminal on a case in the caller's scope: the check-in's result, or the case after the step.
 * `requestKey` is the request's Idempotency-Key (or sync item id): the step's Update id comes from it.
 */
export async function takeTerminalStep(
  deps: StepDeps, principal: Principal, caseId: string, action: StepAction, payload: Record<string, unknown>, lang: Lang = 'zh-CN',
  observedClockSkewS: number | null = null, requestKey?: string,
): Promise<z.infer<typeof CheckInResult> | z.infer<typeof TaskState>> {
  const c = await taskCaseInScope(deps.pool, caseId, principal);
  const updateId = requestKey ? stepUpdateId(principal.username, requestKey) : undefined;
  if (action === 'findings') return taskState(await submitFindings(deps, principal, { id: c.id, workflowId: c.workflowId }, payload, lang, updateId));
  if (action === 'check-in') {
    const data = parseStep('check-in', payload, lang);
    return (await executeStep(deps.temporal, c.workflowId, 'check-in', observedClockSkewS === null ? data : { ...data, observedClockSkewS }, principal, lang, updateId)) as z.infer<typeof CheckInResult>;
  }
  const result = await takeCaseStep(deps, principal, { workflowId: c.workflowId, orgUnitId: c.orgUnitId }, action, payload, lang, updateId);
  return taskState(result as InspectionCaseState);
}

export { listCaseEvents } from '../../db/caseLog';
