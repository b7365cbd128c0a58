// Pure checks used by the case workflow's Update validators: synchronous, they throw a reason a person can read.
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import type { CaseStage } from '../domain/case';
import { Actor as ActorSchema, type Actor, type InspectionCaseState, type RejectionKind } from '../domain/inspectionCaseContract';
import { orgWithin, type Role } from '../domain/roles';
import { renderTemplateMessage, type TemplateCode } from '../domain/messages/templates';
import type { MessageParams } from '../domain/messages/render';

/**
 * Refuses a step with a message code and its params (domain/messages/caseSteps.ts): the failure's details carry
 * them for the API, which renders the caller's language; the message is the English text, for history and logs.
 */
export function reject(kind: RejectionKind, code: TemplateCode, params: MessageParams = {}): never {
  throw ApplicationFailure.create({ type: kind, message: renderTemplateMessage(code, params, 'en'), details: [{ code, params }], nonRetryable: true });
}

/** The step code (step.* in the catalogue) of a validator's English step name. */
const STEP_CODES: Record<string, string> = {
  Assignment: 'assign', Accepting: 'accept', Declining: 'decline', 'Check-in': 'check-in', 'Attaching evidence': 'evidence',
  'Submitting findings': 'findings', 'Issuing a rectification order': 'rectification', 'Reporting rectification': 'rectification-report',
  Verification: 'verify', Reassignment: 'reassign', Dismissal: 'dismiss', Cancellation: 'cancel', 'Adding a note': 'note',
  'Deciding a review': 'review',
};
export const stepCode = (what: string): string => STEP_CODES[what] ?? 'step';

export const TERMINAL: CaseStage[] = ['closed', 'dismissed', 'cancelled'];
export const HUMAN_STAGES: CaseStage[] = ['field_evidence', 'rectification', 'verification'];

const STAGE_NAMES: Record<CaseStage, string> = {
  judgement: 'initial judgement (系统初判)',
  field_evidence: 'field evidence (现场取证)',
  rectification: 'rectification (督办整改)',
  verification: 'verification (复核)',
  assessment: 'assessment (对标考核)',
  closed: 'closed (已办结)',
  dismissed: 'dismissed (已撤销)',
  cancelled: 'cancelled (已取消)',
};

export function stageName(s: CaseStage): string {
  return STAGE_NAMES[s];
}

export function requireStage(state: InspectionCaseState, allowed: CaseStage[], what: string): void {
  if (!allowed.includes(state.stage)) {
    reject('WrongStage', 'case-step.wrong-stage', { step: stepCode(what), stage: state.stage, stages: allowed.join(',') });
  }
}

export function requireOpen(state: InspectionCaseState, what: string): void {
  if (TERMINAL.includes(state.stage)) reject('WrongStage', 'case-step.case-over', { step: stepCode(what), stage: state.stage });
}

/** The actor holds one of the roles and the case's customer lies inside the actor's org unit. */
export function requireRole(state: InspectionCaseState, actor: Actor, roles: Role[], what: string): void {
  parsePayload(ActorSchema, actor);
  if (!actor.roles.some((r) => roles.includes(r))) reject('WrongActor', 'case-step.role-required', { step: stepCode(what), roles: roles.join(',') });
  const station = state.customer?.stationId;
  if (station && !orgWithin(station, actor.orgUnit)) reject('WrongActor', 'case-step.outside-unit', { user: actor.username, org: actor.orgUnit, station });
}

export function requireAssignee(state: InspectionCaseState, actor: Actor, what: string, accepted = true): void {
  parsePayload(ActorSchema, actor);
  if (state.assignee !== actor.username) {
    if (state.assignee) reject('WrongActor', 'case-step.not-assignee', { step: stepCode(what), assignee: state.assignee, user: actor.username });
    reject('WrongActor', 'case-step.no-assignee', { step: stepCode(what), user: actor.username });
  }
  if (accepted && state.assignment !== 'accepted') reject('WrongStage', 'case-step.accept-first', { step: stepCode(what) });
}

/** Parse a step's payload with its schema; field problems come back as one readable sentence. */
export function parsePayload<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    reject('InvalidStep', 'case-step.invalid-payload', { issues: r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') });
  }
  return r.data;
}

/** Whole days past a deadline (0 when on time). */
export function lateDays(atIso: string, deadlineIso: string | null): number {
  if (!deadlineIso) return 0;
  const late = Date.parse(atIso) - Date.parse(deadlineIso);
  return late <= 0 ? 0 : Math.ceil(late / 86_400_000);
}
