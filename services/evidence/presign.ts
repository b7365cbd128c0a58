import crypto from 'node:crypto';

// AWS Signature Version 4, query-string form (presigned URLs). The minio client's presigner deliberately leaves
// Content-Length and Content-Type unsigned; an evidence upload signs them (and the SHA-256 checksum), so the store
// itself refuses a PUT of any other size, type or content.

export interface PresignOptions {
  method: 'GET' | 'PUT' | 'HEAD' | 'DELETE';
  /** S3 endpoint, e.g. http://127.0.0.1:8333 (path-style addressing). */
  endpoint: string;
  /** Path-style bucket; '' when the endpoint's host already names it. */
  bucket: string;
  key: string;
  region: string;
  accessKey: string;
  secretKey: string;
  expiresSeconds: number;
  /** Headers the client must send with exactly these values; `host` is always signed. */
  signedHeaders?: Record<string, string>;
  /** Extra query parameters (e.g. response-content-type). */
  query?: Record<string, string>;
  now?: Date;
}

/** RFC 3986 encoding as SigV4 wants it: everything but A–Z a–z 0–9 - _ . ~ is percent-encoded. */
export function uriEncode(s: string, keepSlash = false): string {
  let out = '';
  for (const ch of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(ch);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += `%${ch.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string) => crypto.createHash('sha256').update(data, 'utf8').digest('hex');

function amzDate(d: Date): { long: string; short: string } {
  const long = d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return { long, short: long.slice(0, 8) };
}

export function presignUrl(o: PresignOptions): string {
  if (!Number.isInteger(o.expiresSeconds) || o.expiresSeconds < 1 || o.expiresSeconds > 604_800) throw new Error('expiresSeconds must be 1…604800');
  const endpoint = new URL(o.endpoint);
  const host = endpoint.host; // includes a non-default port
  const { long, short } = amzDate(o.now ?? new Date());
  const scope = `${short}/${o.region}/s3/aws4_request`;
  const headers: Record<string, string> = { host };
  for (const [k, v] of Object.entries(o.signedHeaders ?? {})) headers[k.toLowerCase()] = String(v).trim().replace(/\s+/g, ' ');
  const headerNames = Object.keys(headers).sort();
  const query: Record<string, string> = {
    ...(o.query ?? {}),
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${o.accessKey}/${scope}`,
    'X-Amz-Date': long,
    'X-Amz-Expires': String(o.expiresSeconds),
    'X-Amz-SignedHeaders': headerNames.join(';'),
  };
  const canonicalQuery = Object.entries(query)
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const basePath = endpoint.pathname.replace(/\/$/, '');
  // An empty bucket means virtual-hosted addressing (the bucket is in the endpoint's host name).
  const canonicalUri = `${basePath}${o.bucket ? `/${uriEncode(o.bucket)}` : ''}/${uriEncode(o.key, true)}`;
  const canonicalRequest = [
    o.method,
    canonicalUri,
    canonicalQuery,
    headerNames.map((h) => `${h}:${headers[h]}\n`).join(''),
    headerNames.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', long, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${o.secretKey}`, short), o.region), 's3'), 'aws4_request');
  const signature = crypto.createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
  return `${endpoint.protocol}//${host}${canonicalUri}?${canonicalQuery}&X-Amz-Signature=${signature}`;
}

/** SHA-256 as S3's x-amz-checksum-sha256 header wants it: base64 of the raw digest. */
export function checksumHeader(sha256HexDigest: string): string {
  return Buffer.from(sha256HexDigest, 'hex').toString('base64');
}
