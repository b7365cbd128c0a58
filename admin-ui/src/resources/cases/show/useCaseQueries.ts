import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { ApiItem, ApiResponse } from '../../../data/api';
import type { JichaDataProvider } from '../../../data/dataProvider';
import type { RectificationAction } from '../caseEnums';

/** One GPS fix of the visit (GET /api/cases/:id/track). */
export type TrackPoint = ApiResponse<'/api/cases/{id}/track'>['tracks'][number]['points'][number];
/** One item of GET /api/cases/:id/evidence: the stored object, with a presigned URL once verified. */
export type StoredEvidence = ApiResponse<'/api/cases/{id}/evidence'>[number];
/** The workflow's live state, as GET /api/cases/:id/live and every back-office step answer it. */
export type CaseLive = ApiResponse<'/api/cases/{id}/live'>;
/** A recorded check-in (as the check-in step answers it) with its distance and geofence result. */
export type CheckIn = CaseLive['checkIns'][number];
/** The case's judgement (the same JudgementResult the customer's judge-now answers, less its month). */
export type Judgement = NonNullable<CaseLive['judgement']>;
export type PenaltyInput = Extract<RectificationAction, { kind: 'back_billing_and_penalty' }>['penalty'];

/** A row of the case log (GET /api/cases/:id/events). */
export type CaseEvent = ApiItem<'/api/cases/{id}/events'>;

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
    queryFn: () => dataProvider.getLive(caseId!),
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
    queryFn: () => dataProvider.getEvents(caseId!),
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
