import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { z } from 'zod';
import type { InspectionCaseState } from '../domain/inspectionCaseContract';
import type { Principal } from '../domain/roles';
import { Problem } from '../http/problem';
import { sendCaseAction } from '../api/routes/caseActions';
import { visibleCase, type TaskCase } from '../db/mobileTasks';
import type { Reply } from './idempotency';
import type { CheckInResult, StepAction, TaskState } from '../domain/terminalSchemas';

export interface StepDeps {
  pool: pg.Pool;
  temporal: Client;
}

export async function caseOr404(pool: pg.Pool, id: string, principal: Principal, withSnapshot = false): Promise<TaskCase> {
  const c = await visibleCase(pool, id, principal, withSnapshot);
  if (!c) throw new Problem(404, 'Not found', `No case ${id} in your org unit or among your tasks.`);
  return c;
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

/** One human step on a case, sent to its workflow as an Update; the validator's refusal is a 403/409/422 Problem. */
export async function runStep(deps: StepDeps, principal: Principal, caseId: string, action: StepAction, payload: Record<string, unknown>): Promise<Reply> {
  const c = await caseOr404(deps.pool, caseId, principal);
  const result = await sendCaseAction(deps.temporal, c.workflowId, action, payload, principal);
  if (action === 'check-in') return { status: 200, body: result as z.infer<typeof CheckInResult> };
  return { status: 200, body: taskState(result as InspectionCaseState) };
}
