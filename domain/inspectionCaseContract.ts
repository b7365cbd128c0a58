// The inspectionCase workflow's contract: imported by the workflow, the worker, both APIs and the tests.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { CaseOrigin, IsoDate, type CaseStage } from './case';
import type { CheckInRecord, InspectionCaseState } from './caseStateSchemas';
import type { CasePolicy } from './casePolicy';
import { PenaltyInput } from './penalty';
import type { RecordingFailure } from './caseLogRefusal';
import { Role } from './roles';
import { PresenceVerdict } from './presenceReasons';

export const INSPECTION_CASE_WORKFLOW = 'inspectionCase';
export const DEFAULT_TASK_QUEUE = 'jicha-cases';

/** Deterministic: one workflow per case, so a retried start can never create a second one. */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

export interface InspectionCaseInput {
  caseId: string;
  customerAccountNo: string;
  origin: z.infer<typeof CaseOrigin>;
  note?: string;
  /** Set when a campaign (专项稽查) started the case. */
  campaignId?: string;
  /** A field worker's custom audit is offered to them first (if they are an inspector of the customer's station). */
  initialAssignee?: string;
  /** A deliberate second case next to the customer's open one (a supervisor's or manager's reason); on the opened event. */
  duplicate?: { of: string; reason: string };
  createdBy: string;
  /**
   * The published case policy the case runs under instead of the one in force when it starts (the first start's demo
   * cases run under short-deadline policies, so their clocks reach overdue and escalation while the demo is seeded).
   */
  policyVersion?: string;
  /** ISO time the request was accepted; the case's creation time in the read model. */
  requestedAt: string;
}

// ---------------------------------------------------------------- actors and step payloads

/** The verified caller, passed by the API (the workflow trusts the API's token check, not the client). */
export const Actor = z.object({ username: z.string().min(1), roles: z.array(Role), orgUnit: z.string().min(1) });
export type Actor = z.infer<typeof Actor>;

export const PROBLEM_TYPES = ['wrong_tariff', 'theft', 'capacity_overuse', 'meter_fault', 'billing_error', 'other'] as const;
export const ProblemType = z.enum(PROBLEM_TYPES);
export type ProblemType = z.infer<typeof ProblemType>;

const reason = z.string().trim().min(2, 'give a reason').max(500);


export const AssignInput = z.strictObject({ inspector: z.string().min(1) });
export const DeclineInput = z.strictObject({ reason });
export const CheckInInput = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(10_000),
  deviceTime: z.iso.datetime({ offset: true }),
  /** What the terminal can tell about its fix (a native shell knows a mock-location provider; a web app does not). */
  signals: z.strictObject({
    source: z.enum(['gps', 'network', 'browser', 'simulator']).optional(),
    mockLocation: z.boolean().optional(),
  }).optional(),
});
/**
 * What the check-in Update receives: the client's fix plus, when the terminal said what its clock read as it sent the
 * request (header X-Device-Time), the server's measure of that clock's offset. A check-in queued offline an hour ago
 * is then judged by the device's clock, not by its age (CASE_ACTIONS parses with CheckInInput, which refuses it).
 */
export const CheckInUpdateInput = CheckInInput.extend({ observedClockSkewS: z.number().int().min(-10_000_000).max(10_000_000).optional() });
/**
 * Kinds of field evidence. `signature`: the customer's signature on the 用电检查工作单, drawn on the terminal's screen.
 * Adding a kind only widens what the attach validator accepts (validators do not run on replay) and what the state
 * holds; no command of the workflow changes, so histories recorded before replay as they were (no patch).
 */
export const EVIDENCE_KINDS = ['photo', 'audio', 'video', 'signature'] as const;
export const EvidenceInput = z.strictObject({
  evidenceId: z.string().min(1).max(100),
  kind: z.enum(EVIDENCE_KINDS),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().positive(),
  /** Set by the server after it checked the stored object's size and SHA-256. */
  verified: z.boolean(),
  capturedAt: z.iso.datetime({ offset: true }),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export const ChecklistItem = z.strictObject({ code: z.string().min(1).max(50), passed: z.boolean(), note: z.string().max(500).optional() });
export const FindingsInput = z.strictObject({
  result: z.enum(['confirmed', 'not_confirmed']),
  problemType: ProblemType.optional(),
  checklist: z.array(ChecklistItem).max(100),
  summary: z.string().trim().min(2).max(2000),
  /** Why evidence is incomplete (no check-in inside the geofence, too few photos): flags the case for supervisor review. */
  justification: z.string().trim().min(5).max(1000).optional(),
});
/**
 * What the findings Update receives: the client's findings plus the server's presence verdict over the visit
 * (services/presence), which a client never sends (CASE_ACTIONS parses with FindingsInput, which refuses it).
 */
export const FindingsUpdateInput = FindingsInput.extend({ presence: PresenceVerdict.optional() });
/** A supervisor's decision on a case put on review (疑似虚假工单): clear it, or send it back to field evidence. */
export const ReviewDecisionInput = z.strictObject({
  decision: z.enum(['clear', 'return']),
  note: z.string().trim().min(5).max(1000),
});
export const RectificationAction = z.discriminatedUnion('kind', [
  /** Categories are codes of the tariff catalogue (GET /api/tariffs); the service refuses others (rectification.unknown-tariff). */
  z.strictObject({ kind: z.literal('tariff_reclassification'), fromCategory: z.string().min(1).max(40), toCategory: z.string().min(1).max(40), effectiveDate: IsoDate }),
  z.strictObject({ kind: z.literal('back_billing_and_penalty'), penalty: PenaltyInput }),
  z.strictObject({ kind: z.literal('meter_replacement'), note: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal('contract_correction'), note: z.string().max(500).optional() }),
  z.strictObject({ kind: z.literal('other'), note: z.string().min(2).max(500) }),
]);
export type RectificationAction = z.infer<typeof RectificationAction>;
export const IssueRectificationInput = z.strictObject({
  actions: z.array(RectificationAction).min(1).max(10),
  /** Default: the station lead of the customer's station. */
  owner: z.string().min(1).optional(),
});
export const ReportRectifiedInput = z.strictObject({
  summary: z.string().trim().min(2).max(2000),
  tariffChangedOn: IsoDate.optional(),
  /**
   * What the station collected of the order's computed back-billing + penalty (0 … that total); required on an order
   * with money actions, refused on one without. A figure other than the computed total waits for the supervisor's
   * confirmation at verification.
   */
  collectedYuan: z.number().min(0).max(100_000_000).optional(),
  /** The receipt (票据) of the collection; required when collectedYuan > 0. */
  receiptNo: z.string().trim().min(1).max(64).optional(),
  /**
   * Refused since #17 (422 rectification.amount-typed: money is computed, not typed); kept in the schema so reports
   * recorded before still read.
   */
  amountRecoveredYuan: z.number().min(0).max(100_000_000).optional().meta({ deprecated: true }),
});
export const VerifyInput = z.strictObject({
  outcome: z.enum(['pass', 'reject']),
  reason: z.string().trim().max(1000).optional(),
  /** A rejection's new rectification deadline, in working days (default: the policy's). */
  newDeadlineWorkingDays: z.number().int().min(1).max(60).optional(),
  /** Passing a report whose collected amount differs from the computed total: the supervisor confirms that figure. */
  confirmCollectedYuan: z.number().min(0).max(100_000_000).optional(),
});
export const DismissInput = z.strictObject({ reason });
export const CancelInput = z.strictObject({ reason });
export const ReassignInput = z.strictObject({ to: z.string().min(1) });
export const NoteInput = z.strictObject({ text: z.string().trim().min(1).max(2000) });

type WithActor<T extends z.ZodType> = z.infer<T> & { actor: Actor };

// ---------------------------------------------------------------- state

// The state is a zod schema (caseStateSchemas.ts, the API's response contract). Only its types are imported here:
// `import type` is erased, so the schemas stay out of the workflow bundle.
export type { InspectionCaseState, PendingActor, EscalationRecord as Escalation, CheckInRecord } from './caseStateSchemas';

// ---------------------------------------------------------------- updates and queries

export const getStateQuery = defineQuery<InspectionCaseState>('getState');

export const assignUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof AssignInput>]>('assign');
export const acceptUpdate = defineUpdate<InspectionCaseState, [{ actor: Actor }]>('accept');
export const declineUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof DeclineInput>]>('decline');
export const checkInUpdate = defineUpdate<CheckInRecord, [WithActor<typeof CheckInUpdateInput>]>('checkIn');
export const attachEvidenceUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof EvidenceInput>]>('attachEvidence');
export const submitFindingsUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof FindingsUpdateInput>]>('submitFindings');
export const decideReviewUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof ReviewDecisionInput>]>('decideReview');
export const issueRectificationUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof IssueRectificationInput>]>('issueRectification');
export const reportRectifiedUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof ReportRectifiedInput>]>('reportRectified');
export const verifyUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof VerifyInput>]>('verify');
export const dismissUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof DismissInput>]>('dismiss');
export const cancelUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof CancelInput>]>('cancel');
export const reassignUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof ReassignInput>]>('reassign');
export const addNoteUpdate = defineUpdate<InspectionCaseState, [WithActor<typeof NoteInput>]>('addNote');
/**
 * A year of the working-day calendar was published: a case whose deadline was computed past the known calendar
 * (deadlineProvisional) reads the calendar again and recomputes its current stage's clock. A signal, not an Update:
 * the publisher tells many cases and waits for none.
 */
export const calendarUpdatedSignal = defineSignal('calendarUpdated');
/** Completes when the case reaches one of the stages (or ends): lets a client wait without polling the Query. */
export const waitForStageUpdate = defineUpdate<InspectionCaseState, [{ stages: CaseStage[] }]>('waitForStage');

/** API action name → its Update and payload schema; the back office and the terminal API route through this. */
export const CASE_ACTIONS = {
  assign: { update: assignUpdate, input: AssignInput },
  accept: { update: acceptUpdate, input: z.strictObject({}) },
  decline: { update: declineUpdate, input: DeclineInput },
  'check-in': { update: checkInUpdate, input: CheckInInput },
  evidence: { update: attachEvidenceUpdate, input: EvidenceInput },
  findings: { update: submitFindingsUpdate, input: FindingsInput },
  review: { update: decideReviewUpdate, input: ReviewDecisionInput },
  rectification: { update: issueRectificationUpdate, input: IssueRectificationInput },
  'rectification-report': { update: reportRectifiedUpdate, input: ReportRectifiedInput },
  verify: { update: verifyUpdate, input: VerifyInput },
  dismiss: { update: dismissUpdate, input: DismissInput },
  cancel: { update: cancelUpdate, input: CancelInput },
  reassign: { update: reassignUpdate, input: ReassignInput },
  note: { update: addNoteUpdate, input: NoteInput },
} as const;
export type CaseActionName = keyof typeof CASE_ACTIONS;

/**
 * Rejection kinds a validator throws (ApplicationFailure type) → the HTTP status the APIs answer with.
 * StepInProgress: another step of the case is half-way (its handler awaits an activity); the same request may succeed
 * a moment later.
 */
export const REJECTION_STATUS = {
  WrongStage: 409, WrongActor: 403, IncompleteStep: 422, InvalidStep: 422, StepInProgress: 409,
  /** Findings on a visit whose presence verdict is weak, without a justification. */
  PresenceWeak: 422,
  /** A step that waits for the supervisor's review of the visit (疑似虚假工单). */
  UnderReview: 409,
} as const;
export type RejectionKind = keyof typeof REJECTION_STATUS;

export type { CasePolicy, RecordingFailure };
