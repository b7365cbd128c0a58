import { Client as MinioClient } from 'minio';
import { checksumHeader, presignUrl, uriEncode } from '../../services/evidence/presign';
import { requestHash } from '../../mobile-api/idempotency';
import { caseIdForRequest } from '../../services/cases/openCase';

const customCaseId = (sub: string, key: string) => caseIdForRequest('mobile-custom-case', sub, key);

const AWS_EXAMPLE = { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' };

test('presigned URLs match the AWS documentation\'s SigV4 query-string example', () => {
  // "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)", example GET of test.txt
  const url = presignUrl({ ...AWS_EXAMPLE, method: 'GET', endpoint: 'https://examplebucket.s3.amazonaws.com', bucket: '', key: 'test.txt', expiresSeconds: 86400, now: new Date('2013-05-24T00:00:00Z') });
  expect(url).toBe('https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
});

test('with only the host signed, the presigner agrees with the minio client byte for byte (path-style, port, odd keys)', async () => {
  const minio = new MinioClient({ endPoint: '127.0.0.1', port: 8333, useSSL: false, accessKey: 'ak', secretKey: 'sk', region: 'us-east-1', pathStyle: true });
  const now = new Date('2026-03-01T08:09:10Z');
  for (const key of ['evidence/3f1c/7a2b', 'a b/ü+&=.jpg', '照片/现场 1.jpg']) {
    for (const method of ['PUT', 'GET'] as const) {
      const theirs = await minio.presignedUrl(method, 'jicha-evidence', key, 300, {}, now);
      const ours = presignUrl({ method, endpoint: 'http://127.0.0.1:8333', bucket: 'jicha-evidence', key, region: 'us-east-1', accessKey: 'ak', secretKey: 'sk', expiresSeconds: 300, now });
      expect(ours).toBe(theirs);
    }
  }
});

test('signed headers are named in the URL and change the signature; expiry is bounded', () => {
  const base = { method: 'PUT' as const, endpoint: 'http://127.0.0.1:8333', bucket: 'b1', key: 'k', region: 'us-east-1', accessKey: 'ak', secretKey: 'sk', expiresSeconds: 300, now: new Date('2026-01-01T00:00:00Z') };
  const a = new URL(presignUrl({ ...base, signedHeaders: { 'Content-Length': '10', 'content-type': 'image/jpeg' } }));
  const b = new URL(presignUrl({ ...base, signedHeaders: { 'content-length': '11', 'content-type': 'image/jpeg' } }));
  expect(a.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
  expect(a.searchParams.get('X-Amz-Signature')).not.toBe(b.searchParams.get('X-Amz-Signature'));
  expect(() => presignUrl({ ...base, expiresSeconds: 0 })).toThrow();
  expect(() => presignUrl({ ...base, expiresSeconds: 604_801 })).toThrow();
  expect(uriEncode('a b~/ü', true)).toBe('a%20b~/%C3%BC');
  expect(uriEncode('a/b')).toBe('a%2Fb');
  // S3's checksum header is the base64 of the raw digest
  expect(checksumHeader('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
});

test('request identity for idempotency: method, path and the body\'s content, not its key order', () => {
  const h = requestHash('POST', '/mobile/v1/tasks/x/check-in', { lat: 1, lon: 2 });
  expect(requestHash('post', '/mobile/v1/tasks/x/check-in', { lon: 2, lat: 1 })).toBe(h);
  expect(requestHash('POST', '/mobile/v1/tasks/y/check-in', { lat: 1, lon: 2 })).not.toBe(h);
  expect(requestHash('POST', '/mobile/v1/tasks/x/check-in', { lat: 1, lon: 3 })).not.toBe(h);
  const id = customCaseId('sub-1', 'key-1');
  expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(customCaseId('sub-1', 'key-1')).toBe(id);
  expect(customCaseId('sub-2', 'key-1')).not.toBe(id);
});
