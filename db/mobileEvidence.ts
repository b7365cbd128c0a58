import type { Queryable } from './pool';
import type { EVIDENCE_KINDS } from '../domain/inspectionCaseContract';
import { forensicsOfRow, type StoredForensics } from './evidenceForensics';

// Evidence uploads: requested (presigned PUT issued) → confirmed (stored object checked, attached to the case) or
// rejected (object deleted).

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceUpload {
  id: string;
  caseId: string;
  username: string;
  deviceId: string;
  kind: EvidenceKind;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  capturedAt: string;
  lat: number | null;
  lon: number | null;
  objectKey: string;
  status: 'pending' | 'confirmed' | 'rejected';
  rejectReason: string | null;
  createdAt: string;
  uploadExpiresAt: string;
  confirmedAt: string | null;
  /** What the confirm step found in the stored bytes (migration 051); null until it ran. */
  forensics: StoredForensics | null;
  /** The object version confirmed (migration 053); null before it, or on an unversioned bucket. */
  versionId: string | null;
}

interface Row {
  id: string; case_id: string; username: string; device_id: string; kind: EvidenceKind; content_type: string; size_bytes: number; sha256: string;
  captured_at: Date; lat: number | null; lon: number | null; object_key: string; status: EvidenceUpload['status']; reject_reason: string | null;
  created_at: Date; upload_expires_at: Date; confirmed_at: Date | null; version_id: string | null;
  [forensicsColumn: string]: unknown;
}

const toUpload = (r: Row): EvidenceUpload => ({
  id: r.id, caseId: r.case_id, username: r.username, deviceId: r.device_id, kind: r.kind, contentType: r.content_type, sizeBytes: Number(r.size_bytes),
  sha256: r.sha256, capturedAt: r.captured_at.toISOString(), lat: r.lat, lon: r.lon, objectKey: r.object_key, status: r.status, rejectReason: r.reject_reason,
  createdAt: r.created_at.toISOString(), uploadExpiresAt: r.upload_expires_at.toISOString(), confirmedAt: r.confirmed_at?.toISOString() ?? null,
  forensics: forensicsOfRow(r),
  versionId: r.version_id ?? null,
});

export async function createEvidenceUpload(db: Queryable, u: Omit<EvidenceUpload, 'status' | 'rejectReason' | 'createdAt' | 'confirmedAt' | 'forensics' | 'versionId'>): Promise<void> {
  await db.query(
    `insert into evidence_uploads (id, case_id, username, device_id, kind, content_type, size_bytes, sha256, captured_at, lat, lon, object_key, upload_expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [u.id, u.caseId, u.username, u.deviceId, u.kind, u.contentType, u.sizeBytes, u.sha256, u.capturedAt, u.lat, u.lon, u.objectKey, u.uploadExpiresAt],
  );
}

export async function getEvidenceUpload(db: Queryable, id: string): Promise<EvidenceUpload | null> {
  const r = await db.query<Row>('select * from evidence_uploads where id = $1', [id]);
  return r.rows[0] ? toUpload(r.rows[0]) : null;
}

export async function countOpenUploads(db: Queryable, caseId: string): Promise<number> {
  const r = await db.query<{ n: number }>("select count(*)::int as n from evidence_uploads where case_id = $1 and status <> 'rejected'", [caseId]);
  return r.rows[0].n;
}

export async function markEvidenceConfirmed(db: Queryable, id: string): Promise<void> {
  await db.query("update evidence_uploads set status = 'confirmed', confirmed_at = coalesce(confirmed_at, now()), reject_reason = null where id = $1", [id]);
}

export async function markEvidenceRejected(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query("update evidence_uploads set status = 'rejected', reject_reason = $2 where id = $1 and status <> 'confirmed'", [id, reason]);
}

export async function caseEvidenceUploads(db: Queryable, caseId: string, status?: EvidenceUpload['status']): Promise<EvidenceUpload[]> {
  const r = await db.query<Row>('select * from evidence_uploads where case_id = $1 and ($2::text is null or status = $2) order by created_at, id', [caseId, status ?? null]);
  return r.rows.map(toUpload);
}

/** Uploads requested but never confirmed, whose presigned PUT expired more than `graceMinutes` ago. */
/** Uploads swept per call of the housekeeping sweep. */
export const ABANDONED_UPLOADS_BATCH = 500;

export async function abandonedUploads(db: Queryable, graceMinutes: number, limit = ABANDONED_UPLOADS_BATCH): Promise<EvidenceUpload[]> {
  const r = await db.query<Row>(
    "select * from evidence_uploads where status = 'pending' and upload_expires_at < now() - make_interval(mins => $1) order by upload_expires_at limit $2",
    [graceMinutes, limit],
  );
  return r.rows.map(toUpload);
}
