import crypto from 'node:crypto';
import { Client as MinioClient, type ObjectLockInfo } from 'minio';
import type { Config } from './env';
import { retentionDays, retentionToApply, type DefaultRetention } from '../domain/evidenceIntegrity';

/** The only way the app reaches the object store: the minio client with the S3_* settings. */
export function createS3Client(config: Pick<Config, 'S3_ENDPOINT' | 'S3_REGION' | 'S3_ACCESS_KEY' | 'S3_SECRET_KEY'>): MinioClient {
  const url = new URL(config.S3_ENDPOINT);
  return new MinioClient({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
    useSSL: url.protocol === 'https:',
    accessKey: config.S3_ACCESS_KEY,
    secretKey: config.S3_SECRET_KEY,
    region: config.S3_REGION,
    pathStyle: true,
  });
}

const s3Code = (e: unknown) => (e as { code?: string })?.code ?? '';

/** The evidence bucket's name, region and lock as the configuration asks. */
export interface EvidenceBucketPolicy {
  bucket: string;
  region: string;
  retention: DefaultRetention;
  /** Production never changes an unlocked bucket: it refuses to start (see ensureEvidenceBucket). */
  production: boolean;
}

export function evidenceBucketPolicy(config: Pick<Config, 'S3_BUCKET' | 'S3_REGION' | 'EVIDENCE_LOCK_MODE' | 'EVIDENCE_RETENTION_DAYS' | 'NODE_ENV'>): EvidenceBucketPolicy {
  return {
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    retention: { mode: config.EVIDENCE_LOCK_MODE, days: config.EVIDENCE_RETENTION_DAYS },
    production: config.NODE_ENV === 'production',
  };
}

/** The store, the bucket or its lock is not what evidence needs; the message says what to do (zh-CN, then English). */
export class EvidenceBucketError extends Error {}

/** How to make a locked bucket and move the evidence into it (MinIO's client; the same steps exist for any S3 store). */
export function lockedBucketHowTo(bucket: string, retention: DefaultRetention): string {
  const target = `${bucket}-locked`;
  return [
    `  mc mb --with-lock jicha/${target}`,
    `  mc retention set --default ${retention.mode} ${retention.days}d jicha/${target}`,
    `  mc mirror jicha/${bucket} jicha/${target}`,
    `  then S3_BUCKET=${target}, restart, and \`npm run verify:evidence -- --all\` (pins the copied versions)`,
  ].join('\n');
}

/** The bucket's object lock configuration: null without object lock; `retention` null without a default rule. */
export async function bucketLock(s3: MinioClient, bucket: string): Promise<{ retention: DefaultRetention | null } | null> {
  let cfg: ObjectLockInfo;
  try {
    cfg = await (s3.getObjectLockConfig(bucket) as unknown as Promise<ObjectLockInfo>); // the typings' overloads include a void one
  } catch (e) {
    if (['ObjectLockConfigurationNotFoundError', 'ObjectLockConfigurationNotFound', 'NoSuchObjectLockConfiguration'].includes(s3Code(e))) return null;
    throw e;
  }
  if (!('objectLockEnabled' in cfg) || cfg.objectLockEnabled !== 'Enabled') return null;
  const retention = cfg.mode && cfg.validity ? { mode: cfg.mode, days: retentionDays(cfg.validity, cfg.unit) } : null;
  return { retention };
}

export interface EvidenceBucketOutcome {
  bucket: 'created' | 'locked' | 'lock-enabled-in-place';
  /** The default retention now in force (the stronger of the bucket's and the configuration's). */
  retention: DefaultRetention;
  retentionChanged: boolean;
}

/**
 * The evidence bucket is write-once: versioning, object lock and a default retention, so that no object version can
 * be overwritten or deleted before it expires (an overwrite makes a new version; the confirmed one stays and is what
 * presigned GETs name). Run at every API start, next to the bucket's CORS.
 * - Missing: created with object lock (which turns versioning on) and the configured default retention.
 * - Locked: the default retention is brought up to the configuration's, never down (retentionToApply).
 * - Without object lock, in production: refuses to start — the app never changes a production bucket behind the
 *   operator's back, and MinIO cannot add a lock to an existing bucket; the error says how to make a locked one.
 * - Without object lock, elsewhere (every local stack made before this; SeaweedFS and AWS accept it): versioning and
 *   object lock are turned on in place. Nothing is copied or lost: the objects stay as they are (unversioned, unlocked);
 *   from then on every new version is locked. A store that refuses gets the same how-to as production.
 */
export async function ensureEvidenceBucket(s3: MinioClient, p: EvidenceBucketPolicy): Promise<EvidenceBucketOutcome> {
  let outcome: EvidenceBucketOutcome['bucket'] = 'locked';
  if (!(await s3.bucketExists(p.bucket))) {
    try {
      await s3.makeBucket(p.bucket, p.region, { ObjectLocking: true });
      outcome = 'created';
    } catch (e) {
      // another API replica created it first
      if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(s3Code(e))) throw e;
    }
  }
  let lock = await bucketLock(s3, p.bucket);
  if (!lock) {
    const howTo = lockedBucketHowTo(p.bucket, p.retention);
    if (p.production) {
      throw new EvidenceBucketError(
        `证据存储桶 ${p.bucket} 没有启用对象锁定（Object Lock），确认后的证据仍可被覆盖或删除，因此 API 拒绝启动。请新建启用对象锁定的存储桶并迁移证据：\n${howTo}\n`
        + `/ The evidence bucket ${p.bucket} has no object lock: confirmed evidence could be overwritten or deleted, so the API refuses to start. Create a locked bucket and move the evidence into it:\n${howTo}`,
      );
    }
    try {
      await s3.setBucketVersioning(p.bucket, { Status: 'Enabled' });
      await s3.setObjectLockConfig(p.bucket, { mode: p.retention.mode, unit: 'Days', validity: p.retention.days });
    } catch (e) {
      throw new EvidenceBucketError(
        `本地存储不能为已有的证据存储桶 ${p.bucket} 启用对象锁定（${(e as Error).message}）。请新建启用对象锁定的存储桶：\n${howTo}\n`
        + `/ The store cannot turn on object lock for the existing evidence bucket ${p.bucket} (${(e as Error).message}). Make a locked bucket:\n${howTo}`,
      );
    }
    lock = await bucketLock(s3, p.bucket);
    if (!lock) throw new EvidenceBucketError(`证据存储桶 ${p.bucket} 的对象锁定设置未生效 / object lock on ${p.bucket} did not take effect`);
    outcome = 'lock-enabled-in-place';
  }
  const apply = retentionToApply(lock.retention, p.retention);
  if (apply) await s3.setObjectLockConfig(p.bucket, { mode: apply.mode, unit: 'Days', validity: apply.days });
  return { bucket: outcome, retention: apply ?? lock.retention ?? p.retention, retentionChanged: apply !== null };
}

/**
 * The origins whose pages may PUT evidence to the store and read it back (presigned URLs, straight from the browser):
 * the app's own origin and the configured CORS origins (the back office's and the terminal app's dev servers).
 */
export function evidenceCorsOrigins(config: Pick<Config, 'PUBLIC_URL' | 'corsOrigins'>): string[] {
  return [...new Set([new URL(config.PUBLIC_URL).origin, ...config.corsOrigins])];
}

/** The headers a browser sends with an evidence PUT (the presigned URL signs them) — the preflight must allow them. */
export const EVIDENCE_PUT_HEADERS = ['content-type', 'x-amz-checksum-sha256'] as const;

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The bucket's CORS rules (S3 PutBucketCors body). */
export function evidenceCorsXml(origins: string[]): string {
  const rule = [
    ...origins.map((o) => `<AllowedOrigin>${xmlEscape(o)}</AllowedOrigin>`),
    ...['PUT', 'GET', 'HEAD'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`),
    ...EVIDENCE_PUT_HEADERS.map((h) => `<AllowedHeader>${h}</AllowedHeader>`),
    ...['ETag', 'x-amz-version-id'].map((h) => `<ExposeHeader>${h}</ExposeHeader>`),
    '<MaxAgeSeconds>600</MaxAgeSeconds>',
  ].join('');
  return `<?xml version="1.0" encoding="UTF-8"?><CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule>${rule}</CORSRule></CORSConfiguration>`;
}

/**
 * Lets the given origins PUT (and GET) evidence from the browser: the bucket's CORS configuration (S3 PutBucketCors),
 * set on every start so that it follows CORS_ORIGINS / PUBLIC_URL. SeaweedFS keeps it per bucket (over its
 * `-s3.allowedOrigins` default of "*"); MinIO has no per-bucket CORS and answers NotImplemented — there the server-wide
 * MINIO_API_CORS_ALLOW_ORIGIN does it (docker/compose.yml): 'server-wide' is returned and nothing is changed.
 */
export async function ensureBucketCors(s3: MinioClient, bucket: string, origins: string[]): Promise<'applied' | 'server-wide'> {
  const body = evidenceCorsXml(origins);
  try {
    // The minio client has no CORS call; its signed request primitive sends the body (and its SHA-256) as S3 wants
    // (the Omit variant drains the answer, so no socket is left waiting).
    await s3.makeRequestAsyncOmit({ method: 'PUT', bucketName: bucket, query: 'cors', headers: { 'Content-MD5': crypto.createHash('md5').update(body).digest('base64'), 'Content-Type': 'application/xml' } }, body, [200, 204]);
    return 'applied';
  } catch (e) {
    if ((e as { code?: string }).code === 'NotImplemented') return 'server-wide';
    throw e;
  }
}
