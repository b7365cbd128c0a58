import { z } from 'zod';
import { CaseStage } from './case';

/** The event types the case workflow records (a reader must tolerate types added later). */
export const CASE_EVENT_TYPES = [
  'opened', 'judged', 'stage_entered', 'assigned', 'accepted', 'declined', 'checked_in', 'evidence_attached', 'findings_submitted',
  'rectification_issued', 'rectification_reported', 'verified', 'reassigned', 'note_added', 'reminded', 'escalated', 'closed', 'dismissed', 'cancelled',
  // a supervisor's decision on a visit put on review (疑似虚假工单): cleared, or returned to field evidence
  'review_decided',
  // the assessment's score under its rule set (version, lines, total), just before closing (#17)
  'scored',
  // a calendar year was published and the current stage's provisional deadline computed again (#17)
  'deadline_recomputed',
  // stands in for an event the database refused, at the same seq (domain/caseLogRefusal.ts RECORDING_FAILED_EVENT)
  'recording_failed',
] as const;

/** One row of a case's append-only log; `seq` is assigned by the workflow, so activity retries are idempotent. */
export const CaseEvent = z.object({
  caseId: z.string(),
  seq: z.number().int().min(1),
  type: z.string().describe(`What happened: ${CASE_EVENT_TYPES.join(', ')}`),
  stage: CaseStage.describe('The case\'s stage after the event'),
  actor: z.string().nullable().describe('Who acted; null for the workflow itself (judgement, clock, closing)'),
  payload: z.record(z.string(), z.unknown()).describe('The event\'s details; their fields depend on the type'),
  occurredAt: z.string().describe('ISO 8601 time'),
});
export type CaseEvent = z.infer<typeof CaseEvent>;

export const GENESIS_HASH = '0'.repeat(64);

/** Canonical JSON (sorted keys) so a row's hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The material hashed for one log row: the previous row's hash plus this row's content. */
export function caseEventHashInput(prevHash: string, e: CaseEvent): string {
  return `${prevHash}\n${canonicalJson({ caseId: e.caseId, seq: e.seq, type: e.type, stage: e.stage, actor: e.actor, payload: e.payload, occurredAt: e.occurredAt })}`;
}

/** The read-model columns a case event moves the case row to (taken from the workflow's state at that event). */
export interface CaseSnapshot {
  stage: CaseStage;
  stageRound: number;
  priority: string;
  assignee: string | null;
  pendingRole: string | null;
  pendingUser: string | null;
  stageStartedAt: string | null;
  deadlineAt: string | null;
  /** The deadline lies past the known working-day calendar (absent in cases before #17: false). */
  deadlineProvisional?: boolean;
  escalationTier: number;
  problemType: string | null;
  needsReview: boolean;
  /** A supervisor's review of the visit is pending (疑似虚假工单 queue). */
  reviewPending?: boolean;
  /** The presence verdict's confidence at findings (null before findings or for cases before #15). */
  presenceConfidence?: number | null;
  verificationRounds: number;
  judgementScore: number | null;
  scoreTotal: number | null;
  closedAt: string | null;
  /** The workflow's full state, for detail pages that must not wait on a Query. */
  state: unknown;
}
