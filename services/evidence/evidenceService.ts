import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Client as MinioClient } from 'minio';
import type pg from 'pg';
import type { Config } from '../../config/env';
import { Problem, codedProblem } from '../../http/problem';
import { sendCaseAction, taskState } from '../cases/caseSteps';
import { taskCaseInScope } from '../access/caseAccess';
import type { InspectionCaseState } from '../../domain/inspectionCaseContract';
import type { Principal } from '../../domain/roles';
import {
  abandonedUploads, caseEvidenceUploads, countOpenUploads, createEvidenceUpload, getEvidenceUpload, markEvidenceConfirmed, markEvidenceRejected,
  type EvidenceUpload,
} from '../../db/mobileEvidence';
import { checksumHeader, presignUrl } from './presign';
import { DOWNLOAD_URL_TTL_S, EVIDENCE_CONTENT_TYPES, EVIDENCE_MAX_BYTES, MAX_UPLOADS_PER_CASE, UPLOAD_URL_TTL_S, evidenceObjectKey } from './evidencePolicy';
import type { EvidenceItem, UploadRequest, UploadTicket } from '../../domain/terminalSchemas';
import { presenceReasonText } from '../../domain/presenceReasons';
import type { Lang } from '../../domain/text';
import { examineStoredEvidence, forensicBytes, forensicRefusal, forensicsView } from './forensics/examine';
import { NULL_VERSION, type EvidenceIntegrity } from '../../domain/evidenceIntegrity';
import { caseEvidenceIntegrity, pinEvidenceVersion } from '../../db/evidenceIntegrity';
import type { z } from 'zod';

// Evidence: the bytes go straight to the object store on a presigned PUT that signs size, type and checksum; the
// confirm step checks the stored object before the case workflow attaches it. Both APIs list evidence from here.

export interface EvidenceDeps {
  pool: pg.Pool;
  temporal: Client;
  s3: MinioClient;
  config: Pick<Config, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY' | 'S3_BUCKET'>;
}

const s3Code = (e: unknown) => (e as { code?: string })?.code;
const isNotFound = (e: unknown) => ['NotFound', 'NoSuchKey', 'NoSuchObject'].includes(s3Code(e) ?? '');

/**
 * The stored object's size and SHA-256, streamed from the store (the bytes never pass through a client of ours), and
 * its first `keep` bytes: the confirm step's forensics judge the very bytes that were hashed, from one read.
 */
export async function storedObjectDigest(s3: MinioClient, bucket: string, key: string, keep = 0): Promise<{ size: number; sha256: string; versionId: string | null; head: Buffer } | null> {
  let stat;
  try {
    stat = await s3.statObject(bucket, key);
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
  const hash = crypto.createHash('sha256');
  let size = 0;
  const kept: Buffer[] = [];
  const stream = await s3.getObject(bucket, key, stat.versionId ? { versionId: stat.versionId } : undefined);
  for await (const chunk of stream) {
    const c = chunk as Buffer;
    hash.update(c);
    if (size < keep) kept.push(c.subarray(0, keep - size));
    size += c.length;
  }
  return { size, sha256: hash.digest('hex'), versionId: stat.versionId ?? null, head: Buffer.concat(kept) };
}

/** The store refused to delete a version that object lock retains (SeaweedFS: AccessDenied; MinIO: InvalidRequest, "Object is WORM protected"). */
const isLockRefusal = (e: unknown) => ['AccessDenied', 'InvalidRequest'].includes(s3Code(e) ?? '');

async function deleteObject(s3: MinioClient, bucket: string, key: string, versionId: string | null): Promise<void> {
  try {
    await s3.removeObject(bucket, key, versionId ? { versionId } : undefined);
  } catch (e) {
    // A locked bucket retains every version until its retention ends, refused uploads too: a delete marker hides it
    // (nothing serves or re-verifies a rejected upload) and the bytes go when the retention runs out.
    if (!versionId || !isLockRefusal(e)) throw e;
    await s3.removeObject(bucket, key);
  }
}

/**
 * A presigned GET of the confirmed version (pinned at confirm): an overwrite of the key is never what gets served.
 * With `attachment`, the store answers it as a download under that file name (S3's response-content-disposition).
 */
function presignedGet(d: EvidenceDeps, u: EvidenceUpload, now = new Date(), attachment?: string) {
  const query: Record<string, string> = {
    ...(u.versionId === null ? {} : { versionId: u.versionId }),
    ...(attachment ? { 'response-content-disposition': `attachment; filename="${attachment}"` } : {}),
  };
  const url = presignUrl({
    method: 'GET', endpoint: d.config.S3_ENDPOINT, bucket: d.config.S3_BUCKET, key: u.objectKey, region: d.config.S3_REGION,
    accessKey: d.config.S3_ACCESS_KEY, secretKey: d.config.S3_SECRET_KEY, expiresSeconds: DOWNLOAD_URL_TTL_S, now,
    ...(Object.keys(query).length ? { query } : {}),
  });
  return { url, urlExpiresAt: new Date(now.getTime() + DOWNLOAD_URL_TTL_S * 1000).toISOString() };
}

export function evidenceView(d: EvidenceDeps, u: EvidenceUpload, integrity: EvidenceIntegrity | null = null): z.infer<typeof EvidenceItem> {
  const get = u.status === 'confirmed' ? presignedGet(d, u) : { url: null, urlExpiresAt: null };
  return {
    evidenceId: u.id, kind: u.kind, contentType: u.contentType, sizeBytes: u.sizeBytes, sha256: u.sha256, capturedAt: u.capturedAt, lat: u.lat, lon: u.lon,
    by: u.username, status: u.status, confirmedAt: u.confirmedAt, ...get, forensics: forensicsView(u.forensics), integrity,
  };
}

/** The case's evidence with presigned GET URLs (5 min) for the confirmed items and their re-verification; usable by a back-office route too. */
export async function caseEvidenceList(d: EvidenceDeps, caseId: string) {
  const [uploads, integrity] = await Promise.all([caseEvidenceUploads(d.pool, caseId), caseEvidenceIntegrity(d.pool, caseId)]);
  return uploads.filter((u) => u.status !== 'rejected').map((u) => evidenceView(d, u, integrity.get(u.id) ?? null));
}

const FILE_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heif',
  'audio/mp4': 'm4a', 'audio/mpeg': 'mp3', 'audio/aac': 'aac', 'audio/amr': 'amr', 'audio/webm': 'webm', 'audio/ogg': 'ogg', 'audio/wav': 'wav', 'audio/x-wav': 'wav',
  'video/mp4': 'mp4', 'video/webm': 'webm', 'video/quicktime': 'mov', 'video/3gpp': '3gp',
};

/** The file name a downloaded item is saved under: case number, kind, the id's first block (ASCII, nothing a client typed). */
export function evidenceFileName(caseNo: string, u: Pick<EvidenceUpload, 'id' | 'kind' | 'contentType'>): string {
  const safeCaseNo = caseNo.replace(/[^A-Za-z0-9_-]/g, '');
  const ext = FILE_EXTENSIONS[u.contentType.split(';')[0]!.trim().toLowerCase()] ?? 'bin';
  return `${safeCaseNo || 'case'}-${u.kind}-${u.id.slice(0, 8)}.${ext}`;
}

/**
 * The back office's evidence list: each confirmed item also gets a second presigned URL (5 min) that the store answers
 * as a download of the original under a readable file name.
 */
export async function caseEvidenceWithDownloads(d: EvidenceDeps, caseId: string, caseNo: string) {
  const [uploads, integrity] = await Promise.all([caseEvidenceUploads(d.pool, caseId), caseEvidenceIntegrity(d.pool, caseId)]);
  const now = new Date();
  return uploads.filter((u) => u.status !== 'rejected').map((u) => ({
    ...evidenceView(d, u, integrity.get(u.id) ?? null),
    downloadUrl: u.status === 'confirmed' ? presignedGet(d, u, now, evidenceFileName(caseNo, u)).url : null,
  }));
}

/**
 * Confirm step: the stored object must have the declared size and SHA-256 and be what was declared (forensics/), then
 * the case workflow attaches it — verified only when the forensics found nothing to doubt. A mismatch (or the
 * workflow's refusal) deletes the object and rejects the upload; `lang` is the language of a refusal's detail.
 */
export async function confirmEvidence(d: EvidenceDeps, principal: Principal, caseId: string, evidenceId: string, lang: Lang = 'zh-CN') {
  const c = await taskCaseInScope(d.pool, caseId, principal);
  const u = await getEvidenceUpload(d.pool, evidenceId);
  if (!u || u.caseId !== caseId || u.username !== principal.username) throw codedProblem(404, 'Not found', 'evidence.upload-unknown', { id: evidenceId, caseNo: c.caseNo }, lang);
  if (u.status === 'rejected') throw codedProblem(409, 'Upload rejected', 'evidence.upload-rejected', { id: evidenceId, reason: u.rejectReason }, lang, { type: 'urn:jicha:evidence:rejected' });
  if (u.status === 'confirmed') return { evidence: evidenceView(d, u), state: null };
  const bucket = d.config.S3_BUCKET;
  const stored = await storedObjectDigest(d.s3, bucket, u.objectKey, forensicBytes(u.kind));
  if (!stored) {
    const expired = Date.parse(u.uploadExpiresAt) < Date.now();
    throw codedProblem(409, 'Not uploaded', expired ? 'evidence.upload-expired' : 'evidence.not-uploaded', { id: evidenceId }, lang, { type: 'urn:jicha:evidence:not-uploaded' });
  }
  const reject = async (reason: string) => {
    await deleteObject(d.s3, bucket, u.objectKey, stored.versionId);
    await markEvidenceRejected(d.pool, u.id, reason);
  };
  if (stored.size !== u.sizeBytes) {
    const reason = `the stored object has ${stored.size} bytes, not the declared ${u.sizeBytes}`;
    await reject(reason);
    throw codedProblem(422, 'Evidence refused', 'evidence.size-mismatch', { actual: stored.size, declared: u.sizeBytes }, lang, { type: 'urn:jicha:evidence:size-mismatch' });
  }
  if (stored.sha256 !== u.sha256) {
    const reason = `the stored object's SHA-256 is ${stored.sha256}, not the declared ${u.sha256}`;
    await reject(reason);
    throw codedProblem(422, 'Evidence refused', 'evidence.sha256-mismatch', { actual: stored.sha256, declared: u.sha256 }, lang, { type: 'urn:jicha:evidence:sha256-mismatch' });
  }
  const forensics = await examineStoredEvidence(d, u, stored.head);
  if (forensics.rejection) {
    await reject(presenceReasonText(forensics.rejection, 'en'));
    throw forensicRefusal(forensics.rejection, lang);
  }
  let state: InspectionCaseState;
  try {
    state = (await sendCaseAction(d.temporal, c.workflowId, 'evidence', {
      // a photo with any finding (stale or distant EXIF, a copy…) is attached, but does not count as a verified one
      evidenceId: u.id, kind: u.kind, sha256: u.sha256, sizeBytes: u.sizeBytes, verified: forensics.reasons.length === 0, capturedAt: u.capturedAt,
      ...(u.lat !== null && u.lon !== null ? { lat: u.lat, lon: u.lon } : {}),
    }, principal, lang, `evidence-${u.id}`)) as InspectionCaseState; // one attachment per upload, however often confirmed
  } catch (e) {
    // Only the case's refusal rejects the upload: a 503 (no answer in time) may still be applied, and a retried confirm
    // then gets that outcome under the same Update id (found by `npm run chaos`: a photo rejected yet attached).
    if (e instanceof Problem && e.status < 500) await reject(`the case refused it: ${e.detail ?? e.title}`);
    throw e;
  }
  await markEvidenceConfirmed(d.pool, u.id);
  await pinEvidenceVersion(d.pool, u.id, stored.versionId); // write-once: presigned GETs and the sweep read this version
  return { evidence: evidenceView(d, { ...u, status: 'confirmed', confirmedAt: new Date().toISOString(), forensics: forensics.stored, versionId: stored.versionId ?? NULL_VERSION }), state: taskState(state) };
}

/** Deletes the objects of uploads never confirmed (URL expired more than `graceMinutes` ago) and rejects them. */
export async function sweepAbandonedUploads(d: Pick<EvidenceDeps, 'pool' | 's3'> & { config: Pick<Config, 'S3_BUCKET'> }, graceMinutes = 60): Promise<number> {
  let n = 0;
  for (const u of await abandonedUploads(d.pool, graceMinutes)) {
    await d.s3.removeObject(d.config.S3_BUCKET, u.objectKey).catch((e) => {
      if (!isNotFound(e)) throw e;
    });
    await markEvidenceRejected(d.pool, u.id, 'never confirmed; the upload URL expired');
    n += 1;
  }
  return n;
}

/** An upload ticket for the assigned inspector at field evidence: a presigned PUT signing size, type and checksum. */
export async function requestEvidenceUpload(
  d: EvidenceDeps, principal: Principal, caseId: string, deviceId: string, body: z.infer<typeof UploadRequest>, lang: Lang = 'zh-CN',
): Promise<z.infer<typeof UploadTicket>> {
  const c = await taskCaseInScope(d.pool, caseId, principal);
  // the case workflow's own refusals (domain/messages/caseSteps.ts), said before a ticket is signed
  const step = 'evidence';
  if (c.stage !== 'field_evidence') throw codedProblem(409, 'Step refused', 'case-step.wrong-stage', { step, stage: c.stage, stages: 'field_evidence' }, lang, { type: 'urn:jicha:case-step:WrongStage' });
  if (c.assignee !== principal.username) {
    const actor = { type: 'urn:jicha:case-step:WrongActor' };
    if (c.assignee) throw codedProblem(403, 'Step refused', 'case-step.not-assignee', { step, assignee: c.assignee, user: principal.username }, lang, actor);
    throw codedProblem(403, 'Step refused', 'case-step.no-assignee', { step, user: principal.username }, lang, actor);
  }
  if (c.assignment !== 'accepted') throw codedProblem(409, 'Step refused', 'case-step.accept-first', { step }, lang, { type: 'urn:jicha:case-step:WrongStage' });
  const allowed = EVIDENCE_CONTENT_TYPES[body.kind];
  if (!allowed.includes(body.contentType)) throw codedProblem(400, 'Invalid request', 'evidence.type-not-allowed', { evidenceKind: body.kind, allowed: allowed.join(', ') }, lang, { errors: [{ path: 'contentType', message: `not a ${body.kind} type` }] });
  const max = EVIDENCE_MAX_BYTES[body.kind];
  if (body.sizeBytes > max) throw codedProblem(413, 'Too large', 'evidence.too-large', { evidenceKind: body.kind, max, size: body.sizeBytes }, lang, { errors: [{ path: 'sizeBytes', message: `at most ${max}` }] });
  if ((await countOpenUploads(d.pool, c.id)) >= MAX_UPLOADS_PER_CASE) throw codedProblem(422, 'Too many uploads', 'evidence.too-many-uploads', { max: MAX_UPLOADS_PER_CASE }, lang);
  const evidenceId = crypto.randomUUID();
  const objectKey = evidenceObjectKey(c.id, evidenceId);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + UPLOAD_URL_TTL_S * 1000).toISOString();
  const headers = { 'content-type': body.contentType, 'x-amz-checksum-sha256': checksumHeader(body.sha256) };
  const url = presignUrl({
    method: 'PUT', endpoint: d.config.S3_ENDPOINT, bucket: d.config.S3_BUCKET, key: objectKey, region: d.config.S3_REGION,
    accessKey: d.config.S3_ACCESS_KEY, secretKey: d.config.S3_SECRET_KEY, expiresSeconds: UPLOAD_URL_TTL_S, now,
    signedHeaders: { ...headers, 'content-length': String(body.sizeBytes) },
  });
  await createEvidenceUpload(d.pool, {
    id: evidenceId, caseId: c.id, username: principal.username, deviceId, kind: body.kind, contentType: body.contentType,
    sizeBytes: body.sizeBytes, sha256: body.sha256, capturedAt: body.capturedAt, lat: body.lat ?? null, lon: body.lon ?? null, objectKey, uploadExpiresAt: expiresAt,
  });
  // Content-Length is signed too: the body must have exactly sizeBytes bytes (HTTP clients set the header from the body).
  return { evidenceId, upload: { method: 'PUT' as const, url, headers, expiresAt }, maxBytes: max };
}
