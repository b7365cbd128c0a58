import type { Queryable } from './pool';

// What the presence verdict reads besides the case workflow's state (services/presence/presenceVerdict.ts): when the
// visit began, what evidence forensics found in the stored bytes, and the assignee's GPS fixes for the case.

export interface VisitTimes {
  /** The latest acceptance of the field step by `assignee`. */
  acceptedAt: string | null;
  /** The latest return of the visit by a supervisor (疑似虚假工单 review → return). */
  returnedAt: string | null;
}

export async function visitTimes(db: Queryable, caseId: string, assignee: string): Promise<VisitTimes> {
  const r = await db.query<{ accepted_at: Date | null; returned_at: Date | null }>(
    `select max(occurred_at) filter (where type = 'accepted' and actor = $2) as accepted_at,
            max(occurred_at) filter (where type = 'review_decided' and payload->>'decision' = 'return') as returned_at
       from case_events where case_id = $1`,
    [caseId, assignee],
  );
  const row = r.rows[0];
  return { acceptedAt: row?.accepted_at?.toISOString() ?? null, returnedAt: row?.returned_at?.toISOString() ?? null };
}

export interface EvidenceForensics {
  id: string;
  /** PresenceReason[] as stored at confirm (unparsed: the service parses). */
  forensicReasons: unknown;
  exifTakenAt: string | null;
}

/** The forensics stored with each confirmed upload of the case at confirm (migration 051). */
export async function caseEvidenceForensics(db: Queryable, caseId: string): Promise<EvidenceForensics[]> {
  const r = await db.query<{ id: string; forensic_reasons: unknown; exif_taken_at: Date | null }>(
    "select id, forensic_reasons, exif_taken_at from evidence_uploads where case_id = $1 and status = 'confirmed'",
    [caseId],
  );
  return r.rows.map((x) => ({ id: x.id, forensicReasons: x.forensic_reasons ?? [], exifTakenAt: x.exif_taken_at?.toISOString() ?? null }));
}

/** A visit's fixes are read up to this many (a terminal recording every second for a whole day stays below it). */
export const VISIT_TRACK_LIMIT = 50_000;

/** The fixes `username` recorded for the case from `since` on (every device of theirs), in time order. */
export async function visitTrackPoints(db: Queryable, caseId: string, username: string, since: string): Promise<{ at: string; lat: number; lon: number; accuracyM: number | null; deviceId: string }[]> {
  const r = await db.query<{ recorded_at: Date; lat: number; lon: number; accuracy_m: number | null; device_id: string }>(
    `select recorded_at, lat, lon, accuracy_m, device_id from gps_points
      where case_id = $1 and username = $2 and recorded_at >= $3 order by recorded_at limit $4`,
    [caseId, username, since, VISIT_TRACK_LIMIT],
  );
  return r.rows.map((p) => ({ at: p.recorded_at.toISOString(), lat: p.lat, lon: p.lon, accuracyM: p.accuracy_m, deviceId: p.device_id }));
}
