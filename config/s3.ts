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
