import { z } from 'zod';
import { CaseStage } from './case';
import { CaseReview, CheckInRecord } from './caseStateSchemas';
import { PRESENCE_REASON_CODES, PresenceReason, PresenceVerdict } from './presenceReasons';
import { EvidenceKind, TrackReplay } from './terminalSchemas';

// The supervisors' queue of field visits on review (疑似虚假工单) and one review with what a supervisor weighs: the
// verdict's reasons, the inspector's justification, the check-ins, each photo's declared and recorded metadata side by
// side, and the GPS track. The decision itself is the case step `review` (POST /api/cases/:id/actions/review).

/** Sort fields of the queue. */
export const PRESENCE_REVIEW_SORTS = ['since', 'confidence', 'caseNo'] as const;

/** One row of the queue: an open case whose field visit waits for a supervisor's review. */
export const PresenceReviewRow = z.object({
  /** The case id (react-admin's record id; the review has no id of its own). */
  id: z.uuid(),
  caseNo: z.string(),
  customerAccountNo: z.string(),
  customerName: z.string(),
  orgUnitId: z.string().describe('The case\'s unit (the customer\'s supply station)'),
  orgUnitName: z.string(),
  inspector: z.string().nullable().describe('Who made the visit (the case\'s assignee)'),
  stage: CaseStage,
  since: z.string().describe('When the findings put the case on review (ISO 8601)'),
  confidence: z.number().nullable().describe('The presence verdict\'s confidence, 0–1'),
  reasonCodes: z.array(z.enum(PRESENCE_REASON_CODES)).describe('The verdict\'s distinct reason codes, heaviest first'),
  reasonCount: z.number().int().describe('How many reasons the verdict holds (a code may recur, once per photo)'),
});
export type PresenceReviewRow = z.infer<typeof PresenceReviewRow>;

/** What the evidence forensics read from a stored photo's EXIF. */
export const ReviewExif = z.object({
  takenAt: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
});

/** One evidence item of the visit, the terminal's declaration beside what the stored bytes say. */
export const ReviewEvidence = z.object({
  evidenceId: z.string(),
  kind: EvidenceKind,
  contentType: z.string(),
  by: z.string(),
  status: z.string().describe('The upload\'s status (confirmed, pending)'),
  verified: z.boolean().describe('Attached as verified: the stored object has the declared size and SHA-256'),
  declared: z.object({ capturedAt: z.string(), lat: z.number().nullable(), lon: z.number().nullable() }),
  forensics: z.object({
    detectedType: z.string().nullable().describe('The media type sniffed from the stored bytes'),
    exif: ReviewExif.nullable().describe('null: the photo carries no EXIF'),
  }).nullable().describe('null: not examined (uploaded before evidence forensics)'),
  /** The reasons about this item: the forensics' findings and the verdict's reasons naming it. */
  reasons: z.array(PresenceReason),
  compare: z.object({
    declaredToCustomerM: z.number().int().nullable(),
    exifToCustomerM: z.number().int().nullable(),
    exifToDeclaredM: z.number().int().nullable(),
    exifMinusDeclaredS: z.number().int().nullable().describe('EXIF capture time minus the declared one, seconds'),
  }),
  url: z.string().nullable().describe('Presigned GET, valid 5 minutes (confirmed items only)'),
  urlExpiresAt: z.string().nullable(),
});
export type ReviewEvidence = z.infer<typeof ReviewEvidence>;

export const PresenceReviewDetail = z.object({
  /** The case id. */
  id: z.uuid(),
  caseNo: z.string(),
  customerAccountNo: z.string(),
  customerName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  stage: CaseStage,
  inspector: z.string().nullable(),
  customer: z.object({ lat: z.number(), lon: z.number() }).nullable().describe('The customer\'s GIS location; null when unknown'),
  review: CaseReview,
  /** `returned`: the review sent the visit back; what follows is the visit as it was returned. */
  visit: z.enum(['current', 'returned']),
  verdict: PresenceVerdict.nullable(),
  findings: z.object({
    result: z.enum(['confirmed', 'not_confirmed']), problemType: z.string().nullable(), summary: z.string(), at: z.string(), by: z.string(),
  }).nullable(),
  /** The evidence rules of the case's own policy (the version it started with). */
  rules: z.object({ geofenceRadiusM: z.number(), clockToleranceS: z.number(), minVerifiedPhotos: z.number().int() }).nullable(),
  checkIns: z.array(CheckInRecord),
  evidence: z.array(ReviewEvidence),
  track: TrackReplay,
  /** Visits of this case sent back before (the current review counts the latest visit only). */
  returnedVisits: z.number().int(),
});
export type PresenceReviewDetail = z.infer<typeof PresenceReviewDetail>;
