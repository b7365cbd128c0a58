import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { ApiBody, ApiResponse } from '../../../data/api';
import type { JichaDataProvider } from '../../../data/dataProvider';
import type { CasePriority, CaseStage, EvidenceKind, RectificationAction, ASSIGNMENT_STATES, VERIFY_OUTCOMES } from '../caseEnums';

/** One GPS fix of the visit (GET /api/cases/:id/track). */
export type TrackPoint = ApiResponse<'/api/cases/{id}/track'>['tracks'][number]['points'][number];
/** One item of GET /api/cases/:id/evidence: the stored object, with a presigned URL once verified. */
export type StoredEvidence = ApiResponse<'/api/cases/{id}/evidence'>[number];
/** A check-in as the check-in step answers it. */
export type CheckIn = ApiResponse<'/mobile/v1/tasks/{id}/check-in', 'post'>;
/** The judgement (the same JudgementResult the customer's judge-now answers, less its month). */
export type Judgement = Omit<ApiResponse<'/api/customers/{accountNo}/judgement'>, 'asOfMonth'>;
export type PenaltyInput = Extract<RectificationAction, { kind: 'back_billing_and_penalty' }>['penalty'];

// TODO(contracts): typed once the response schema lands. GET /api/cases/{id}/live (and the answer of every step)
// documents no schema yet: this is the live state as the case page reads it, only the fields it reads; the parts
// the document already defines elsewhere (check-in, judgement, findings input, rectification actions) come from there.
// After the merge: `export type CaseLive = ApiResponse<'/api/cases/{id}/live'>`.
export interface CaseLive {
  caseId: string;
  stage: CaseStage;
  priority: CasePriority;
  recorded: boolean;
  customer: { lat: number | null; lon: number | null } | null;
  policyVersion: string | null;
  judgement: Judgement | null;
  assignee: string | null;
  assignment: (typeof ASSIGNMENT_STATES)[number];
  declinedBy: string[];
  pendingActor: { role: string; username: string | null; orgUnit: string } | null;
  stageStartedAt: string | null;
  reminderAt: string | null;
  deadlineAt: string | null;
  escalationTier: number;
  escalations: { stage: CaseStage; tier: number; at: string }[];
  checkIns: CheckIn[];
  evidence: {
    evidenceId: string;
    kind: EvidenceKind;
    sha256: string;
    sizeBytes: number;
    verified: boolean;
    capturedAt: string;
    lat?: number;
    lon?: number;
    attachedAt: string;
    by: string;
  }[];
  findings: (ApiBody<'/mobile/v1/tasks/{id}/findings'> & { at: string; by: string; fieldLateDays: number }) | null;
  needsSupervisorReview: boolean;
  rectification: {
    owner: string | null;
    actions: RectificationAction[];
    computations: {
      ruleSetVersion: string;
      ruleSource: string;
      input: PenaltyInput;
      backBillingYuan: number;
      penaltyYuan: number;
      usedDefaultPeriod: boolean;
      formula: string;
    }[];
    issuedAt: string;
    issuedBy: string;
    round: number;
    report: { summary: string; tariffChangedOn?: string; amountRecoveredYuan?: number; at: string; by: string; lateDays: number } | null;
  } | null;
  verifications: { round: number; outcome: (typeof VERIFY_OUTCOMES)[number]; reason: string | null; at: string; by: string }[];
  score: { ruleSetVersion: string; lines: { party: { kind: string; id: string }; item: string; points: number; reason: string }[]; total: number } | null;
  closure: { kind: CaseStage; at: string; by: string | null; reason: string | null } | null;
  notes: { text: string; at: string; by: string }[];
}

// TODO(contracts): typed once the response schema lands (GET /api/cases/{id}/events documents none yet): a row of
// the case log as the timeline reads it.
export interface CaseEvent {
  seq: number;
  type: string;
  stage: CaseStage;
  actor: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  hash: string;
}

/** react-query keys of a case's non-CRUD reads; invalidated after every step. */
export const caseLiveKey = (caseId: string) => ['cases', 'live', caseId] as const;
export const caseEventsKey = (caseId: string) => ['cases', 'events', caseId] as const;

/** Refetch while the page is open: deadlines, tiers and steps by others change the state. */
const LIVE_REFRESH_MS = 60_000;

/** The workflow's live state (GET /api/cases/:id/live). */
export function useCaseLive(caseId: string | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: caseLiveKey(caseId ?? ''),
    queryFn: async () => (await dataProvider.getLive(caseId!)) as CaseLive,
    enabled: !!caseId,
    refetchInterval: LIVE_REFRESH_MS,
    retry: (count, error) => count < 2 && statusOf(error) !== 404 && statusOf(error) !== 403,
  });
}

/** The case log (GET /api/cases/:id/events). */
export function useCaseEvents(caseId: string | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: caseEventsKey(caseId ?? ''),
    queryFn: async () => (await dataProvider.getEvents(caseId!)) as CaseEvent[],
    enabled: !!caseId,
    refetchInterval: LIVE_REFRESH_MS,
    retry: (count, error) => count < 2 && statusOf(error) !== 404 && statusOf(error) !== 403,
  });
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = Number((error as { status: unknown }).status);
    return Number.isFinite(status) ? status : undefined;
  }
  return undefined;
}

export const caseEvidenceKey = (caseId: string) => ['cases', 'evidence', caseId] as const;
export const caseTrackKey = (caseId: string) => ['cases', 'track', caseId] as const;

/** Presigned URLs live 5 minutes: fetch fresh ones before they run out. */
const EVIDENCE_URL_REFRESH_MS = 4 * 60_000;

/** The evidence with presigned GET URLs (GET /api/cases/:id/evidence). */
export function useCaseEvidence(caseId: string | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: caseEvidenceKey(caseId ?? ''),
    queryFn: () => dataProvider.getCaseEvidence(caseId!),
    enabled: !!caseId,
    staleTime: EVIDENCE_URL_REFRESH_MS,
    refetchInterval: EVIDENCE_URL_REFRESH_MS,
    retry: (count, error) => count < 2 && statusOf(error) !== 404 && statusOf(error) !== 403,
  });
}

/** The visit's GPS track (GET /api/cases/:id/track). */
export function useCaseTrack(caseId: string | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: caseTrackKey(caseId ?? ''),
    queryFn: () => dataProvider.getCaseTrack(caseId!),
    enabled: !!caseId,
    refetchInterval: LIVE_REFRESH_MS,
    retry: (count, error) => count < 2 && statusOf(error) !== 404 && statusOf(error) !== 403,
  });
}
