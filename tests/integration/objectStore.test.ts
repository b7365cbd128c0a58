import crypto from 'node:crypto';
import { loadConfig } from '../../config/env';
import { createS3Client } from '../../config/s3';

// The real S3 store of the local stack: private bucket, presigned SigV4 PUT and GET, bytes verified. The bucket is the
// one the stack's API made on start (config/s3.ts ensureEvidenceBucket); tests/integration/evidenceWriteOnce.test.ts
// makes and checks a locked one of its own.
const config = loadConfig();
const s3 = createS3Client(config);

test('a presigned PUT stores exactly the bytes, a presigned GET returns them, and anonymous access is refused', async () => {
  const key = `tests/${crypto.randomUUID()}.jpg`;
  const bytes = crypto.randomBytes(64 * 1024);
  const put = await s3.presignedPutObject(config.S3_BUCKET, key, 60);
  const up = await fetch(put, { method: 'PUT', body: bytes, headers: { 'content-type': 'image/jpeg' } });
  expect(up.status).toBe(200);

  const stat = await s3.statObject(config.S3_BUCKET, key);
  expect(stat.size).toBe(bytes.length);

  const get = await s3.presignedGetObject(config.S3_BUCKET, key, 60);
  const down = Buffer.from(await (await fetch(get)).arrayBuffer());
  expect(crypto.createHash('sha256').update(down).digest('hex')).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));

  const anonymous = await fetch(`${config.S3_ENDPOINT}/${config.S3_BUCKET}/${key}`);
  expect(anonymous.status).toBe(403);
  const tampered = await fetch(get.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`));
  expect(tampered.status).toBe(403);

  await s3.removeObject(config.S3_BUCKET, key);
});
