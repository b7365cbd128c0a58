import { z } from 'zod';
import type { Principal } from '../../domain/roles';
import { CaseCustomer, CaseReview, CheckInRecord, EvidenceRecord, FindingsRecord, ReturnedVisit } from '../../domain/caseStateSchemas';
import { distanceMeters } from '../../domain/geo';
import { PRESENCE_REASONS, PRESENCE_REASON_CODES, PresenceReason, reason, type PresenceReasonCode } from '../../domain/presenceReasons';
import type { PresenceReviewDetail, PresenceReviewRow, ReviewEvidence } from '../../domain/presenceReview';
import { listPendingReviews, reviewCase, type ReviewQueueQuery } from '../../db/presenceReviews';
import { codedProblem } from '../../http/problem';
import { caseScopeOf, notVisible } from '../access/caseAccess';
import { caseEvidenceList, type EvidenceDeps } from '../evidence/evidenceService';
import { caseTrackReplay } from '../tracks/caseTracks';
import { casePolicyOfVersion } from './casePolicyInForce';

// The 疑似虚假工单 queue and one review (issue #15): what a supervisor needs to clear a visit or send it back. The decision
// is the case step `review` (services/cases/caseSteps.ts via POST /api/cases/:id/actions/review); this module only reads.

/** Simplification of the track drawn on the review page: fine enough to see a jump of a few metres. */
export const REVIEW_TRACK_TOLERANCE_M = 2;

const KNOWN = new Set<string>(PRESENCE_REASON_CODES);
const isCode = (c: unknown): c is PresenceReasonCode => typeof c === 'string' && KNOWN.has(c);
/** Heaviest first, so the list's first chips are the strongest doubts; ties in the catalogue's order. */
const byWeight = (a: PresenceReasonCode, b: PresenceReasonCode) =>
  PRESENCE_REASONS[b].weight - PRESENCE_REASONS[a].weight || PRESENCE_REASON_CODES.indexOf(a) - PRESENCE_REASON_CODES.indexOf(b);

/** The queue: open cases in the caller's scope whose visit waits for review, newest first unless sorted otherwise. */
export async function presenceReviewQueue(
  pool: EvidenceDeps['pool'], principal: Principal, q: Omit<ReviewQueueQuery, 'scope'>,
): Promise<{ rows: PresenceReviewRow[]; total: number }> {
  const { rows, total } = await listPendingReviews(pool, { ...q, scope: caseScopeOf(principal) });
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id, caseNo: r.caseNo, customerAccountNo: r.customerAccountNo, customerName: r.customerName, orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName,
      inspector: r.inspector, stage: r.stage, since: r.since ?? '', confidence: r.confidence,
      // a code this build does not know (a newer worker's) is left out rather than failing the whole list
      reasonCodes: r.codes.filter(isCode).sort(byWeight), reasonCount: r.reasonCount,
    })),
  };
}

/** The parts of the workflow's snapshot a review reads (InspectionCaseState; optional parts absent in older cases). */
const ReviewSnapshot = z.object({
  customer: CaseCustomer.nullable().optional(),
  policyVersion: z.string().nullable().optional(),
  assignee: z.string().nullable().optional(),
  review: CaseReview.nullable().optional(),
  checkIns: z.array(CheckInRecord).default([]),
  evidence: z.array(EvidenceRecord).default([]),
  findings: FindingsRecord.nullable().optional(),
  returnedVisits: z.array(ReturnedVisit).optional(),
});

/**
 * What evidence forensics stored for an upload (`forensics` on the evidence item: detected type, reasons, EXIF). Read
 * leniently: uploads confirmed before forensics have none, and a field the forensics do not fill stays null.
 */
const StoredForensics = z.object({
  detectedType: z.string().nullable().optional(),
  reasons: z.array(z.unknown()).optional(),
  exif: z.object({
    takenAt: z.string().nullable().optional(),
    lat: z.number().nullable().optional(),
    lon: z.number().nullable().optional(),
    make: z.string().nullable().optional(),
    model: z.string().nullable().optional(),
  }).nullable().optional(),
});

export function readForensics(raw: unknown): { forensics: ReviewEvidence['forensics']; reasons: PresenceReason[] } {
  const f = StoredForensics.safeParse(raw);
  if (raw === null || raw === undefined || !f.success) return { forensics: null, reasons: [] };
  const reasons = (f.data.reasons ?? []).flatMap((r): PresenceReason[] => {
    if (isCode(r)) return [reason(r)];
    const parsed = PresenceReason.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const e = f.data.exif;
  return {
    forensics: {
      detectedType: f.data.detectedType ?? null,
      exif: e ? { takenAt: e.takenAt ?? null, lat: e.lat ?? null, lon: e.lon ?? null, make: e.make ?? null, model: e.model ?? null } : null,
    },
    reasons,
  };
}

type LatLon = { lat: number | null | undefined; lon: number | null | undefined };
const hasPos = (p: LatLon | null | undefined): p is { lat: number; lon: number } => typeof p?.lat === 'number' && typeof p?.lon === 'number';
const metres = (a: LatLon | null | undefined, b: LatLon | null | undefined) => (hasPos(a) && hasPos(b) ? Math.round(distanceMeters(a, b)) : null);
const seconds = (a: string | null | undefined, b: string | null | undefined) => {
  const d = a && b ? Date.parse(a) - Date.parse(b) : NaN;
  return Number.isFinite(d) ? Math.round(d / 1000) : null;
};
// within one evidence item a code says one thing: the stored forensics' figures win over the verdict's copy of them
const sameReason = (a: PresenceReason, b: PresenceReason) => a.code === b.code;

/**
 * One review: the case, the review's reasons and justification, and the visit it is about — the current one, or the
 * one it sent back — with check-ins, evidence (declared vs recorded metadata, presigned URLs) and the GPS track.
 * 404 when the case is outside the caller's scope, and (code `presence-review.none`) when it was never on review.
 */
export async function presenceReview(d: EvidenceDeps, principal: Principal, caseId: string): Promise<PresenceReviewDetail> {
  const c = await reviewCase(d.pool, caseId, caseScopeOf(principal));
  if (!c) throw notVisible(caseId);
  const parsed = ReviewSnapshot.safeParse(c.snapshot);
  if (!parsed.success) throw new Error(`case ${caseId}: its snapshot does not hold a readable review (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')})`);
  const s = parsed.data;
  if (!s.review) {
    throw codedProblem(404, 'Not found', 'presence-review.none', { caseNo: c.caseNo }, 'zh-CN');
  }
  const returned = s.returnedVisits ?? [];
  // A returned review is about the visit it sent back (the last one kept aside); otherwise about the current visit.
  const isReturned = s.review.status === 'returned' && returned.length > 0;
  const visitIndex = isReturned ? returned.length - 1 : returned.length;
  const visit = isReturned ? returned[visitIndex] : { checkIns: s.checkIns, evidence: s.evidence, findings: s.findings ?? null };
  const window = { after: returned[visitIndex - 1]?.returnedAt ?? null, until: isReturned ? returned[visitIndex].returnedAt : null };

  const customer = hasPos(s.customer) ? { lat: s.customer.lat, lon: s.customer.lon } : null;
  const verdict = visit.findings?.presence ?? null;
  const [uploads, track, policy] = await Promise.all([
    caseEvidenceList(d, caseId),
    caseTrackReplay(d.pool, caseId, REVIEW_TRACK_TOLERANCE_M, window),
    s.policyVersion ? casePolicyOfVersion(d.pool, s.policyVersion) : Promise.resolve(null),
  ]);
  const byId = new Map(uploads.map((u) => [u.evidenceId, u]));

  const evidence = visit.evidence.map((rec): ReviewEvidence => {
    const u = byId.get(rec.evidenceId);
    // the forensics field lands on the evidence item with the evidence-integrity work; older items have none
    const { forensics, reasons: found } = readForensics((u as { forensics?: unknown } | undefined)?.forensics);
    const named = (verdict?.reasons ?? []).filter((r) => r.evidenceId === rec.evidenceId);
    const reasons = [...found, ...named.filter((r) => !found.some((f) => sameReason(f, r)))];
    const declared = { capturedAt: u?.capturedAt ?? rec.capturedAt, lat: u?.lat ?? rec.lat ?? null, lon: u?.lon ?? rec.lon ?? null };
    const exif = forensics?.exif ?? null;
    return {
      evidenceId: rec.evidenceId, kind: rec.kind, contentType: u?.contentType ?? '', by: rec.by, status: u?.status ?? 'confirmed', verified: rec.verified,
      declared, forensics, reasons,
      compare: {
        declaredToCustomerM: metres(declared, customer),
        exifToCustomerM: metres(exif, customer),
        exifToDeclaredM: metres(exif, declared),
        exifMinusDeclaredS: seconds(exif?.takenAt, declared.capturedAt),
      },
      url: u?.url ?? null, urlExpiresAt: u?.urlExpiresAt ?? null,
    };
  });

  return {
    id: c.id, caseNo: c.caseNo, customerAccountNo: c.customerAccountNo, customerName: c.customerName, orgUnitId: c.orgUnitId, orgUnitName: c.orgUnitName,
    stage: c.stage, inspector: s.assignee ?? c.assignee, customer,
    review: s.review,
    visit: isReturned ? 'returned' : 'current',
    verdict,
    findings: visit.findings
      ? { result: visit.findings.result, problemType: visit.findings.problemType ?? null, summary: visit.findings.summary, at: visit.findings.at, by: visit.findings.by }
      : null,
    rules: policy
      ? { geofenceRadiusM: policy.evidence.geofenceRadiusM, clockToleranceS: policy.evidence.clockToleranceS, minVerifiedPhotos: policy.evidence.minVerifiedPhotos }
      : null,
    checkIns: visit.checkIns,
    evidence,
    track,
    returnedVisits: returned.length,
  };
}
