/**
 * Shapes the case endpoints answer with, copied from the API's contract (the admin UI is its own
 * package and cannot import from the repository root). Source of truth:
 *   domain/inspectionCaseContract.ts (InspectionCaseState, step inputs, CASE_ACTIONS),
 *   domain/judgement.ts, domain/penalty.ts, domain/scoring.ts, domain/caseEvents.ts,
 *   api/routes/caseActions.ts, api/routes/escalations.ts.
 * Keep this file in step with them when the contract changes.
 */
import type { CaseOrigin, CasePriority, CaseStage } from '../resources/cases/caseEnums';

// ---------------------------------------------------------------- enums

export const PROBLEM_TYPES = ['wrong_tariff', 'theft', 'capacity_overuse', 'meter_fault', 'billing_error', 'other'] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

export const ESCALATION_TIERS = [1, 2, 3] as const;
export type EscalationTier = (typeof ESCALATION_TIERS)[number];

export const EVIDENCE_KINDS = ['photo', 'audio', 'video'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const RECTIFICATION_ACTION_KINDS = [
  'tariff_reclassification',
  'back_billing_and_penalty',
  'meter_replacement',
  'contract_correction',
  'other',
] as const;
export type RectificationActionKind = (typeof RECTIFICATION_ACTION_KINDS)[number];

/** Types of rows in the case log (GET /api/cases/:id/events). */
export const CASE_EVENT_TYPES = [
  'opened',
  'judged',
  'stage_entered',
  'assigned',
  'accepted',
  'declined',
  'checked_in',
  'evidence_attached',
  'findings_submitted',
  'rectification_issued',
  'rectification_reported',
  'verified',
  'reassigned',
  'reminded',
  'escalated',
  'note_added',
  'dismissed',
  'cancelled',
  'closed',
  /** Stands in for an event the database refused (same seq); its payload is a RecordingFailedPayload. */
  'recording_failed',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Back-office steps the admin UI sends (POST /api/cases/:id/actions/:action). */
export const BACK_OFFICE_ACTIONS = ['assign', 'reassign', 'verify', 'dismiss', 'cancel', 'note'] as const;
export type BackOfficeAction = (typeof BACK_OFFICE_ACTIONS)[number];

/** Every action the API routes (the terminal's steps included). */
export type CaseActionName =
  | BackOfficeAction
  | 'accept'
  | 'decline'
  | 'check-in'
  | 'findings'
  | 'rectification'
  | 'rectification-report';

// ---------------------------------------------------------------- step inputs

export interface AssignBody { inspector: string }
export interface ReassignBody { to: string }
export interface ReasonBody { reason: string }
export interface NoteBody { text: string }
export interface VerifyBody {
  outcome: 'pass' | 'reject';
  reason?: string;
  /** A rejection's new rectification deadline, in working days (1–60). */
  newDeadlineWorkingDays?: number;
}

export interface CaseActionBodies {
  assign: AssignBody;
  reassign: ReassignBody;
  verify: VerifyBody;
  dismiss: ReasonBody;
  cancel: ReasonBody;
  note: NoteBody;
}

// ---------------------------------------------------------------- live state parts

export interface JudgementReason { code: string; weight: number; textZh: string; textEn: string }
export interface CheckItem { code: string; textZh: string; textEn: string }
export interface JudgementResult {
  ruleSetVersion: string;
  score: number;
  reasons: JudgementReason[];
  checkItems: CheckItem[];
  priority: CasePriority;
}

export type PendingActor = {
  role: 'inspector' | 'station_lead' | 'supervisor';
  username: string | null;
  orgUnit: string;
} | null;

export interface EscalationEntry { stage: CaseStage; tier: EscalationTier; at: string }

export interface CheckIn {
  lat: number;
  lon: number;
  accuracyM: number;
  deviceTime: string;
  at: string;
  distanceM: number | null;
  insideGeofence: boolean;
}

export interface EvidenceItem {
  evidenceId: string;
  kind: EvidenceKind;
  sha256: string;
  sizeBytes: number;
  /** The server checked the stored object's size and SHA-256. */
  verified: boolean;
  capturedAt: string;
  lat?: number;
  lon?: number;
  attachedAt: string;
  by: string;
  /** Presigned GET URL — not served yet (the mobile API will add it). */
  url?: string;
}

export interface ChecklistItem { code: string; passed: boolean; note?: string }
export interface Findings {
  result: 'confirmed' | 'not_confirmed';
  problemType?: ProblemType;
  checklist: ChecklistItem[];
  summary: string;
  justification?: string;
  at: string;
  by: string;
  fieldLateDays: number;
}

export type PenaltyInput =
  | { kind: 'wrong_tariff'; monthlyKwh: number; appliedPriceYuanPerKwh: number; correctPriceYuanPerKwh: number; startDate?: string; detectedOn: string }
  | { kind: 'theft'; capacityKw: number; priceYuanPerKwh: number; stolenKwh?: number; startDate?: string; detectedOn: string; lighting?: boolean }
  | { kind: 'capacity_overuse'; excessKva: number; basicFeeYuanPerKvaMonth: number; months?: number };

export type RectificationAction =
  | { kind: 'tariff_reclassification'; fromCategory: string; toCategory: string; effectiveDate: string }
  | { kind: 'back_billing_and_penalty'; penalty: PenaltyInput }
  | { kind: 'meter_replacement'; note?: string }
  | { kind: 'contract_correction'; note?: string }
  | { kind: 'other'; note: string };

export interface PenaltyComputation {
  ruleSetVersion: string;
  ruleSource: string;
  input: PenaltyInput;
  backBillingYuan: number;
  penaltyYuan: number;
  usedDefaultPeriod: boolean;
  /** The formula with the numbers filled in. */
  formula: string;
}

export interface RectificationReport {
  summary: string;
  tariffChangedOn?: string;
  amountRecoveredYuan?: number;
  at: string;
  by: string;
  lateDays: number;
}

export interface Rectification {
  owner: string | null;
  actions: RectificationAction[];
  computations: PenaltyComputation[];
  issuedAt: string;
  issuedBy: string;
  round: number;
  report: RectificationReport | null;
}

export interface VerificationRound {
  round: number;
  outcome: 'pass' | 'reject';
  reason: string | null;
  at: string;
  by: string;
}

export interface ScoreLine {
  party: { kind: 'inspector' | 'station' | 'county'; id: string };
  item: string;
  points: number;
  reason: string;
}
export interface CaseScore { ruleSetVersion: string; lines: ScoreLine[]; total: number }

export interface Closure {
  kind: 'closed' | 'dismissed' | 'cancelled';
  at: string;
  by: string | null;
  reason: string | null;
}

export interface CaseNote { text: string; at: string; by: string }

/** Message codes of a recording failure (domain/caseLogRefusal.ts); rendered from resources.cases.recordingFailed.codes. */
export const RECORDING_FAILED_CODES = ['CASE_LOG_VALUE_REFUSED'] as const;
export type RecordingFailedCode = (typeof RECORDING_FAILED_CODES)[number];

/** The latest event of the case the database refused, and how many it refused so far. */
export interface RecordingFailure {
  code: RecordingFailedCode;
  eventType: string;
  seq: number;
  at: string;
  sqlState: string;
  total: number;
}

/** Payload of a recording_failed log row: what was refused and why, never the refused values. */
export interface RecordingFailedPayload { eventType: string; code: RecordingFailedCode; sqlState: string }

/** A recorded position of the field worker; not served yet (the mobile API may add a GPS track). */
export interface TrackPoint { lat: number; lon: number; at: string }

// ---------------------------------------------------------------- the live state

/** GET /api/cases/:id/live and the answer of every successful action: the workflow's state. */
export interface InspectionCaseState {
  caseId: string;
  caseNo: string | null;
  stage: CaseStage;
  priority: CasePriority;
  recorded: boolean;
  eventSeq: number;
  origin: CaseOrigin;
  customer: {
    accountNo: string;
    name: string;
    stationId: string;
    countyId: string;
    lat: number | null;
    lon: number | null;
  } | null;
  policyVersion: string | null;
  judgement: JudgementResult | null;
  assignee: string | null;
  assignment: 'none' | 'offered' | 'accepted';
  declinedBy: string[];
  pendingActor: PendingActor;
  stageStartedAt: string | null;
  reminderAt: string | null;
  deadlineAt: string | null;
  remindedForStage: boolean;
  escalationTier: 0 | EscalationTier;
  escalations: EscalationEntry[];
  checkIns: CheckIn[];
  evidence: EvidenceItem[];
  findings: Findings | null;
  needsSupervisorReview: boolean;
  rectification: Rectification | null;
  verifications: VerificationRound[];
  score: CaseScore | null;
  closure: Closure | null;
  notes: CaseNote[];
  /** Set when the database refused an event of the case (absent from workflows started before it existed). */
  recordingFailed?: RecordingFailure | null;
  /** Not in the contract yet: a GPS track, when the mobile API records one. */
  track?: TrackPoint[];
}

// ---------------------------------------------------------------- other endpoints

/** One row of GET /api/cases/:id/events (append-only, hash-chained). */
export interface CaseEvent {
  seq: number;
  type: CaseEventType | string;
  stage: CaseStage;
  actor: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  hash: string;
}

/** One row of GET /api/escalations. */
export interface EscalationRecord {
  id: string;
  caseId: string;
  caseNo: string;
  customerName: string | null;
  orgUnitId: string;
  stage: CaseStage;
  tier: EscalationTier;
  raisedAt: string;
  resolvedAt: string | null;
  pendingRole: string | null;
  pendingUser: string | null;
  deadlineAt: string | null;
}

/** One row of GET /api/notifications (the caller's inbox). */
export interface InboxNotification {
  id: string;
  caseId: string | null;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}
