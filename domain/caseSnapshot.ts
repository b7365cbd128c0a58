import type { CaseSnapshot } from './caseEvents';
import type { InspectionCaseState } from './inspectionCaseContract';

/**
 * The read-model columns a case's state moves its row to, with the state itself: what the workflow records with an
 * event. `stageRound` lives in the workflow, not in the state (it keys the escalation rows).
 */
export function caseSnapshotOf(state: InspectionCaseState, stageRound: number): CaseSnapshot {
  return {
    stage: state.stage, stageRound, priority: state.priority, assignee: state.assignee,
    pendingRole: state.pendingActor?.role ?? null, pendingUser: state.pendingActor?.username ?? null,
    stageStartedAt: state.stageStartedAt, deadlineAt: state.deadlineAt, deadlineProvisional: state.deadlineProvisional ?? false, escalationTier: state.escalationTier,
    problemType: state.findings?.problemType ?? null, needsReview: state.needsSupervisorReview,
    reviewPending: state.review?.status === 'pending', presenceConfidence: state.findings?.presence?.confidence ?? null,
    verificationRounds: state.verifications.length, judgementScore: state.judgement?.score ?? null,
    scoreTotal: state.score?.total ?? null, closedAt: state.closure?.at ?? null, state,
  };
}
