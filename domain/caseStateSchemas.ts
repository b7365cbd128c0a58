// The inspectionCase workflow's state as zod schemas: the Query's answer (live state), the Updates' answers and the
// read model's snapshot. The workflow imports the inferred types only (through inspectionCaseContract.ts, with
// `import type`), so these schemas never enter the workflow bundle.
import { z } from 'zod';
import { CaseOrigin, CaseStage, Priority } from './case';
import { JudgementResult } from './judgement';
import { PenaltyComputation } from './penalty';
import { CaseScore } from './scoring';
import { RECORDING_FAILED_CODE } from './caseLogRefusal';
import { CheckInInput, EvidenceInput, FindingsUpdateInput, RectificationAction, ReportRectifiedInput } from './inspectionCaseContract';
import { PresenceReason } from './presenceReasons';

const Iso = z.string().describe('ISO 8601 time');

/** The marker of domain/caseLogRefusal.ts: the latest event Postgres refused, and how many it refused so far. */
export const RecordingFailure = z.object({
  code: z.literal(RECORDING_FAILED_CODE), eventType: z.string(), seq: z.number().int(), at: Iso, sqlState: z.string(), total: z.number().int(),
});
export type RecordingFailure = z.infer<typeof RecordingFailure>;

/** Who the case waits for; null when nobody (judgement, assessment, ended). */
export const PendingActor = z
  .object({ role: z.enum(['inspector', 'station_lead', 'supervisor']), username: z.string().nullable(), orgUnit: z.string() })
  .nullable();
export type PendingActor = z.infer<typeof PendingActor>;

export const EscalationRecord = z.object({ stage: CaseStage, tier: z.literal([1, 2, 3]), at: Iso });
export type EscalationRecord = z.infer<typeof EscalationRecord>;

export const CaseCustomer = z.object({
  accountNo: z.string(), name: z.string(), stationId: z.string(), countyId: z.string(), lat: z.number().nullable(), lon: z.number().nullable(),
});

/** A check-in as recorded: the device's fix, the server's time, the distance to the customer and the geofence result. */
export const CheckInRecord = z.object({
  lat: z.number(),
  lon: z.number(),
  accuracyM: z.number(),
  deviceTime: z.string(),
  at: Iso,
  distanceM: z.number().nullable().describe('Metres to the customer; null when the customer has no location'),
  insideGeofence: z.boolean(),
  /** Device clock minus server clock, seconds (absent in check-ins recorded before #15). */
  clockSkewS: z.number().optional(),
  signals: CheckInInput.shape.signals,
});
export type CheckInRecord = z.infer<typeof CheckInRecord>;

export const EvidenceRecord = EvidenceInput.extend({ attachedAt: Iso, by: z.string() });
export const FindingsRecord = FindingsUpdateInput.extend({ at: Iso, by: z.string(), fieldLateDays: z.number() });

/** The supervisors' review of a visit with a weak presence verdict (疑似虚假工单) or incomplete evidence. */
export const CaseReview = z.object({
  status: z.enum(['pending', 'cleared', 'returned']),
  since: Iso,
  /** The verdict's reasons (empty when only the evidence shortfall was justified). */
  reasons: z.array(PresenceReason),
  confidence: z.number().nullable(),
  justification: z.string().nullable(),
  decidedAt: Iso.nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
});
/** A visit a supervisor sent back to field evidence: what it had, kept for the record. */
export const ReturnedVisit = z.object({
  checkIns: z.array(CheckInRecord), evidence: z.array(EvidenceRecord), findings: FindingsRecord.nullable(), returnedAt: Iso, returnedBy: z.string(),
});
export const RectificationReport = ReportRectifiedInput.extend({ at: Iso, by: z.string(), lateDays: z.number() });

export const RectificationOrder = z.object({
  owner: z.string().nullable(),
  actions: z.array(RectificationAction),
  computations: z.array(PenaltyComputation),
  issuedAt: Iso,
  issuedBy: z.string(),
  round: z.number(),
  report: RectificationReport.nullable(),
});

export const VerificationRecord = z.object({
  round: z.number(), outcome: z.enum(['pass', 'reject']), reason: z.string().nullable(), at: Iso, by: z.string(),
  /** The collected amount the supervisor confirmed on passing (#17); absent when none was confirmed. */
  confirmedCollectedYuan: z.number().optional(),
});
export const CaseClosure = z.object({ kind: z.enum(['closed', 'dismissed', 'cancelled']), at: Iso, by: z.string().nullable(), reason: z.string().nullable() });
export const CaseNote = z.object({ text: z.string(), at: Iso, by: z.string() });

/** The case workflow's state (GET /api/cases/{id}/live, the answer of most case steps, the read model's snapshot). */
export const InspectionCaseState = z.object({
  caseId: z.string(),
  caseNo: z.string().nullable(),
  stage: CaseStage,
  priority: Priority,
  recorded: z.boolean().describe('The read model holds the case (false only while it is being opened)'),
  eventSeq: z.number().int().describe('Sequence number of the latest case event'),
  origin: CaseOrigin,
  customer: CaseCustomer.nullable(),
  policyVersion: z.string().nullable(),
  judgement: JudgementResult.nullable(),
  assignee: z.string().nullable(),
  assignment: z.enum(['none', 'offered', 'accepted']),
  declinedBy: z.array(z.string()),
  pendingActor: PendingActor,
  stageStartedAt: Iso.nullable(),
  reminderAt: Iso.nullable(),
  deadlineAt: Iso.nullable(),
  deadlineProvisional: z.boolean().optional()
    .describe('The deadline lies past the published working-day calendar (weekends alone counted) and is recomputed when its year is published (absent in cases before #17)'),
  remindedForStage: z.boolean(),
  escalationTier: z.literal([0, 1, 2, 3]),
  escalations: z.array(EscalationRecord),
  checkIns: z.array(CheckInRecord),
  evidence: z.array(EvidenceRecord),
  findings: FindingsRecord.nullable(),
  needsSupervisorReview: z.boolean(),
  review: CaseReview.nullable().optional().describe('The supervisors\' review of the visit (absent in cases started before #15)'),
  returnedVisits: z.array(ReturnedVisit).optional(),
  rectification: RectificationOrder.nullable(),
  verifications: z.array(VerificationRecord),
  score: CaseScore.nullable(),
  closure: CaseClosure.nullable(),
  notes: z.array(CaseNote),
  recordingFailed: RecordingFailure.nullable().optional()
    .describe('Set when Postgres refused an event of this case: a placeholder row stands in the log and a supervisor was alerted (absent in cases started before this field)'),
});
export type InspectionCaseState = z.infer<typeof InspectionCaseState>;
