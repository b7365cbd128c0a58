import type { ApiBody, ApiItem, ApiResponse } from '../../data/api';
import type { CaseAction } from '../../data/dataProvider';
import { valuesOf } from '../../data/enumValues';

/** A case as GET /api/cases lists it and GET /api/cases/:id answers it. */
export type CaseRecord = ApiItem<'/api/cases'>;
export type CaseOrigin = CaseRecord['origin'];
export type CaseStage = CaseRecord['stage'];
export type CasePriority = CaseRecord['priority'];
type Findings = ApiBody<'/mobile/v1/tasks/{id}/findings'>;
export type ProblemType = NonNullable<Findings['problemType']>;
export type EvidenceKind = ApiItem<'/api/cases/{id}/evidence'>['kind'];
export type RectificationAction = ApiBody<'/mobile/v1/tasks/{id}/rectification'>['actions'][number];
type ScoreParty = ApiItem<'/api/assessment-rankings'>['partyKind'];
type Live = ApiResponse<'/api/cases/{id}/live'>;
/** The marker on the live state when the database refused an event of the case (the latest one, and how many). */
export type RecordingFailure = NonNullable<Live['recordingFailed']>;

/** Server enum values of a case, in the UI's order; labels live in i18n under resources.cases.enums.<field>.<value>. */
export const CASE_ORIGINS = valuesOf<CaseOrigin>()(['routine', 'special', 'custom']);
export const CASE_STAGES = valuesOf<CaseStage>()([
  'judgement',
  'field_evidence',
  'rectification',
  'verification',
  'assessment',
  'closed',
  'dismissed',
  'cancelled',
]);
export const CASE_PRIORITIES = valuesOf<CasePriority>()(['low', 'normal', 'high', 'urgent']);
export const PROBLEM_TYPES = valuesOf<ProblemType>()(['wrong_tariff', 'theft', 'capacity_overuse', 'meter_fault', 'billing_error', 'other']);
export const EVIDENCE_KINDS = valuesOf<EvidenceKind>()(['photo', 'audio', 'video', 'signature']);
export const RECTIFICATION_ACTION_KINDS = valuesOf<RectificationAction['kind']>()([
  'tariff_reclassification',
  'back_billing_and_penalty',
  'meter_replacement',
  'contract_correction',
  'other',
]);
export const ESCALATION_TIERS = valuesOf<Live['escalations'][number]['tier']>()([1, 2, 3]);
export type EscalationTier = (typeof ESCALATION_TIERS)[number];
export const isEscalationTier = (tier: number): tier is EscalationTier => (ESCALATION_TIERS as readonly number[]).includes(tier);

/** Back-office steps the admin UI sends (POST /api/cases/:id/actions/<step>); the terminal takes the others. */
export const BACK_OFFICE_ACTIONS = ['assign', 'reassign', 'rectification', 'rectification-report', 'verify', 'dismiss', 'cancel', 'note', 'review'] as const satisfies readonly CaseAction[];
export type BackOfficeAction = (typeof BACK_OFFICE_ACTIONS)[number];

/**
 * Types of rows in the case log (GET /api/cases/:id/events) that have a label; others show as they are. The document
 * types an event's `type` as a plain string (readers must tolerate types added later), so this is the UI's list of
 * labels, not a union to check against.
 */
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
  /** A supervisor's decision on a visit put on review (疑似虚假工单): cleared, or returned to field evidence. */
  'review_decided',
  /** The assessment's score (rule-set version, lines, total), in the hash-chained log right before closing. */
  'scored',
  /** Stands in for an event the database refused (same seq); its payload names the event type, the code and SQLSTATE. */
  'recording_failed',
] as const satisfies readonly ApiItem<'/api/cases/{id}/events'>['type'][];
export const ASSIGNMENT_STATES = valuesOf<Live['assignment']>()(['none', 'offered', 'accepted']);
export const VERIFY_OUTCOMES = valuesOf<Live['verifications'][number]['outcome']>()(['pass', 'reject']);
/** Message codes of a recording failure; rendered from resources.cases.recordingFailed.codes.<code>. */
export const RECORDING_FAILED_CODES = valuesOf<RecordingFailure['code']>()(['CASE_LOG_VALUE_REFUSED']);

export interface Choice {
  id: string;
  name: string;
}

/** react-admin choices whose `name` is a translation key (Select* translate choices). */
const choicesFor = (field: string, values: readonly string[]): Choice[] =>
  values.map((id) => ({ id, name: `resources.cases.enums.${field}.${id}` }));

/** Translation key of one enum value, e.g. enumLabel('stage', 'closed'). */
export const enumLabel = (field: EnumField, value: string | number): string =>
  `resources.cases.enums.${field}.${value}`;

/** Live-state enums that have labels too (the messages test checks every value has one). */
export const CASE_ENUMS = {
  origin: CASE_ORIGINS,
  stage: CASE_STAGES,
  priority: CASE_PRIORITIES,
  problemType: PROBLEM_TYPES,
  eventType: CASE_EVENT_TYPES,
  escalationTier: valuesOf<Live['escalationTier']>()([0, ...ESCALATION_TIERS]),
  evidenceKind: EVIDENCE_KINDS,
  rectificationAction: RECTIFICATION_ACTION_KINDS,
  findingsResult: valuesOf<Findings['result']>()(['confirmed', 'not_confirmed']),
  verifyOutcome: VERIFY_OUTCOMES,
  scoreParty: valuesOf<ScoreParty>()(['inspector', 'station', 'county']),
  assignment: ASSIGNMENT_STATES,
  action: BACK_OFFICE_ACTIONS,
} as const;
export type EnumField = keyof typeof CASE_ENUMS;

/** Stages a case goes through when nothing ends it early, in order. */
export const MAIN_STAGE_PATH: readonly CaseStage[] = [
  'judgement',
  'field_evidence',
  'rectification',
  'verification',
  'assessment',
  'closed',
];
export const TERMINAL_STAGES: readonly CaseStage[] = ['closed', 'dismissed', 'cancelled'];
export const isTerminalStage = (stage: string): boolean =>
  (TERMINAL_STAGES as readonly string[]).includes(stage);

export const originChoices = choicesFor('origin', CASE_ORIGINS);
export const stageChoices = choicesFor('stage', CASE_STAGES);
export const priorityChoices = choicesFor('priority', CASE_PRIORITIES);
export const problemTypeChoices = choicesFor('problemType', PROBLEM_TYPES);
export const escalationTierChoices = choicesFor('escalationTier', ['1', '2', '3']);
