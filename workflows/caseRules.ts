// Pure checks used by the case workflow's Update validators: synchronous, they throw a reason a person can read.
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import type { CaseStage } from '../domain/case';
import { Actor as ActorSchema, type Actor, type InspectionCaseState, type RejectionKind } from '../domain/inspectionCaseContract';
import { orgWithin, type Role } from '../domain/roles';

export function reject(kind: RejectionKind, message: string): never {
  throw ApplicationFailure.create({ type: kind, message, nonRetryable: true });
}

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
    reject('WrongStage', `${what} is not possible while the case is at ${stageName(state.stage)}; it needs ${allowed.map(stageName).join(' or ')}.`);
  }
}

export function requireOpen(state: InspectionCaseState, what: string): void {
  if (TERMINAL.includes(state.stage)) reject('WrongStage', `${what} is not possible: the case is ${stageName(state.stage)}.`);
}

/** The actor holds one of the roles and the case's customer lies inside the actor's org unit. */
export function requireRole(state: InspectionCaseState, actor: Actor, roles: Role[], what: string): void {
  parsePayload(ActorSchema, actor);
  if (!actor.roles.some((r) => roles.includes(r))) reject('WrongActor', `${what} needs one of the roles ${roles.join(', ')}.`);
  const station = state.customer?.stationId;
  if (station && !orgWithin(station, actor.orgUnit)) reject('WrongActor', `${actor.username} (${actor.orgUnit}) is outside this case's unit ${station}.`);
}

export function requireAssignee(state: InspectionCaseState, actor: Actor, what: string, accepted = true): void {
  parsePayload(ActorSchema, actor);
  if (state.assignee !== actor.username) reject('WrongActor', `${what} is for the assigned inspector (${state.assignee ?? 'nobody yet'}), not ${actor.username}.`);
  if (accepted && state.assignment !== 'accepted') reject('WrongStage', `${what}: accept the assignment first.`);
}

/** Parse a step's payload with its schema; field problems come back as one readable sentence. */
export function parsePayload<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    reject('InvalidStep', r.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  }
  return r.data;
}

/** Whole days past a deadline (0 when on time). */
export function lateDays(atIso: string, deadlineIso: string | null): number {
  if (!deadlineIso) return 0;
  const late = Date.parse(atIso) - Date.parse(deadlineIso);
  return late <= 0 ? 0 : Math.ceil(late / 86_400_000);
}
