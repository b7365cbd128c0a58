import crypto from 'node:crypto';
import { Client as MinioClient } from 'minio';
import type { Config } from './env';

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

/** Evidence bucket: created when missing, never public. */
export async function ensureBucket(s3: MinioClient, bucket: string, region: string): Promise<void> {
  if (!(await s3.bucketExists(bucket))) await s3.makeBucket(bucket, region);
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
