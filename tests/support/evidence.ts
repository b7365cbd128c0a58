import crypto from 'node:crypto';
import sharp from 'sharp';
import type { Client as MinioClient } from 'minio';
import type { Harness } from './harness';
import { mobile } from './mobile';

// Evidence for integration tests: distinct real JPEGs, uploaded and confirmed through the terminal API, and scratch
// buckets that are removed afterwards (locked versions included: the tests' buckets use GOVERNANCE, which the stack's
// admin key may bypass).

export { sha256Hex as sha256 } from './testPhotos';
import { sha256Hex as sha256 } from './testPhotos';

/** A small JPEG of random noise: decodes, and no two are alike. */
export function noiseJpeg(side = 96): Promise<Buffer> {
  return sharp(crypto.randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

/** Requests an upload, PUTs the bytes to the presigned URL and confirms: the confirmed item and the version the store made. */
export async function uploadAndConfirm(h: Harness, who: { token: string; device: string }, caseId: string, bytes: Buffer, at: { lat: number; lon: number }) {
  const ticket = await mobile(h.baseUrl, `/tasks/${caseId}/evidence`, {
    ...who, body: { kind: 'photo', contentType: 'image/jpeg', sizeBytes: bytes.length, sha256: sha256(bytes), capturedAt: new Date().toISOString(), lat: at.lat, lon: at.lon },
  });
  if (ticket.status !== 201) throw new Error(`upload ticket: ${ticket.status} ${JSON.stringify(ticket.body)}`);
  const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers: ticket.body.upload.headers, body: bytes });
  if (put.status !== 200) throw new Error(`PUT: ${put.status} ${await put.text()}`);
  const confirmed = await mobile(h.baseUrl, `/tasks/${caseId}/evidence/${ticket.body.evidenceId}/confirm`, { ...who, body: {} });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  const row = (await h.pool.query<{ object_key: string; version_id: string | null }>('select object_key, version_id from evidence_uploads where id = $1', [ticket.body.evidenceId])).rows[0];
  return { evidenceId: ticket.body.evidenceId as string, key: row.object_key, versionId: row.version_id, putVersionId: put.headers.get('x-amz-version-id') };
}

/** Whether the store still serves an object under `key` (false after a delete or behind a delete marker). */
export async function objectExists(s3: MinioClient, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.statObject(bucket, key);
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'NotFound') return false;
    throw e;
  }
}

/** Removes a scratch bucket with every version and delete marker in it (GOVERNANCE locks bypassed). */
export async function removeScratchBucket(s3: MinioClient, bucket: string): Promise<void> {
  if (!(await s3.bucketExists(bucket))) return;
  const versions: { name: string; versionId: string | null }[] = [];
  for await (const raw of s3.listObjects(bucket, '', true, { IncludeVersion: true } as never)) {
    const v = raw as { name?: string; versionId?: string | null };
    if (v.name) versions.push({ name: v.name, versionId: v.versionId ?? null });
  }
  for (const v of versions) {
    await s3.removeObject(bucket, v.name, v.versionId && v.versionId !== 'null' ? { versionId: v.versionId, governanceBypass: true } : { versionId: 'null', governanceBypass: true }).catch(() => s3.removeObject(bucket, v.name));
  }
  await s3.removeBucket(bucket);
}

/**
 * The scratch bucket is gone after the test, so the items that lived in it must not look like lost evidence to a later
 * sweep of the shared test database (which reads the stack's own bucket): they leave the confirmed set.
 */
export async function retireScratchEvidence(h: Harness, caseIds: string[]): Promise<void> {
  await h.pool.query("update evidence_uploads set status = 'rejected', reject_reason = 'test evidence; its scratch bucket was removed' where case_id = any($1::uuid[])", [caseIds]);
}
