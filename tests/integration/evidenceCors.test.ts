import crypto from 'node:crypto';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../config/env';
import { createS3Client, ensureBucketCors, evidenceCorsOrigins, EVIDENCE_PUT_HEADERS } from '../../config/s3';
import { checksumHeader, presignUrl } from '../../services/evidence/presign';
import { E2E_BASE, useBrowser } from '../support/browser';

// A browser PUTs evidence straight to the S3 store with a presigned URL (the terminal app at http://localhost:3000):
// the store must answer the CORS preflight for PUT with content-type and x-amz-checksum-sha256. The API sets the
// bucket's CORS rules on start (config/s3.ts ensureBucketCors); here they are set on a scratch bucket of this test, so
// that the shared evidence bucket is left as the running stack's API configured it.
const config = loadConfig();
const s3 = createS3Client(config);
const APP = 'http://localhost:3000';
const OTHER = 'http://localhost:5999'; // loopback too, so only CORS (not private-network rules) can refuse it
const bucket = `jicha-cors-${crypto.randomBytes(4).toString('hex')}`;
const browser = useBrowser();

beforeAll(async () => {
  await s3.makeBucket(bucket, config.S3_REGION);
  expect(await ensureBucketCors(s3, bucket, [APP])).toBe('applied');
}, 60_000);
afterAll(async () => {
  const keys: string[] = [];
  for await (const o of s3.listObjectsV2(bucket, '', true)) if (o.name) keys.push(o.name);
  if (keys.length) await s3.removeObjects(bucket, keys);
  await s3.removeBucket(bucket);
});

const preflight = (b: string, origin: string, headers = EVIDENCE_PUT_HEADERS.join(',')) =>
  fetch(`${config.S3_ENDPOINT}/${b}/evidence/${crypto.randomUUID()}/${crypto.randomUUID()}`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': headers },
  });

/** A presigned PUT as the API hands it out (services/evidence/evidenceService.ts): size, type and SHA-256 signed. */
function ticket(b: string, bytes: Buffer) {
  const sha = crypto.createHash('sha256').update(bytes).digest('hex');
  const headers = { 'content-type': 'image/png', 'x-amz-checksum-sha256': checksumHeader(sha) };
  const key = `evidence/${crypto.randomUUID()}/${crypto.randomUUID()}`;
  const url = presignUrl({
    method: 'PUT', endpoint: config.S3_ENDPOINT, bucket: b, key, region: config.S3_REGION, accessKey: config.S3_ACCESS_KEY, secretKey: config.S3_SECRET_KEY,
    expiresSeconds: 300, signedHeaders: { ...headers, 'content-length': String(bytes.length) },
  });
  return { url, headers, key };
}

test('the configured origins: the app\'s own and the dev servers\'', () => {
  expect(evidenceCorsOrigins(loadConfig({ PUBLIC_URL: 'https://jicha.example.org/', CORS_ORIGINS: 'https://jicha.example.org' }))).toEqual(['https://jicha.example.org']);
  expect(evidenceCorsOrigins(loadConfig({}))).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://localhost:5173', 'http://localhost:5174']);
});

test('preflight: the app\'s origin may PUT with content-type and x-amz-checksum-sha256; another origin may not', async () => {
  const ok = await preflight(bucket, APP);
  expect(ok.status).toBe(200);
  expect(ok.headers.get('access-control-allow-origin')).toBe(APP);
  expect(ok.headers.get('access-control-allow-methods')).toMatch(/\bPUT\b/);
  const allowed = (ok.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
  expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-amz-checksum-sha256']));
  expect(ok.headers.get('access-control-expose-headers')).toMatch(/ETag/i);

  const other = await preflight(bucket, OTHER);
  expect(other.status).toBe(403);
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
  // a header the presigned PUT does not carry is not allowed either (SeaweedFS then names no allowed header at all)
  const extra = await preflight(bucket, APP, 'content-type,x-amz-checksum-sha256,x-amz-acl');
  expect(extra.headers.get('access-control-allow-headers') ?? '').not.toMatch(/x-amz-acl/i);
});

test('the evidence bucket of the running stack answers the app\'s preflight', async () => {
  const r = await preflight(config.S3_BUCKET, APP);
  expect(r.status).toBe(200);
  expect(r.headers.get('access-control-allow-origin')).toBe(APP);
  expect((r.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toMatch(/x-amz-checksum-sha256/);
});

describe('a real browser (Chromium)', () => {
  // Chromium refuses a page of an unknown address space (one a test serves through page.route) access to loopback
  // ("Local Network Access") before CORS is even asked; so the pages come from real loopback servers: the running
  // stack's API at http://localhost:3000, and a probe server of this test reached under two origins.
  let probe: Server;
  let mine: string; // allowed by the scratch bucket's rules
  let theirs: string; // the same server under another origin: not allowed

  beforeAll(async () => {
    probe = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>probe</title>'));
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    mine = `http://localhost:${port}`;
    theirs = `http://127.0.0.1:${port}`;
    expect(await ensureBucketCors(s3, bucket, [APP, mine])).toBe('applied');
  });
  afterAll(async () => {
    probe?.closeAllConnections();
    await new Promise((resolve) => probe?.close(resolve));
  });

  /** Opens `pageUrl` and PUTs `body` from it with fetch(); the CSP of the page is bypassed (only the store's CORS is under test). */
  async function putFrom(pageUrl: string, t: ReturnType<typeof ticket>, body: string): Promise<{ result: string; console: string[] }> {
    const context = await browser.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    try {
      await page.goto(pageUrl);
      const result = await page.evaluate(async ({ url, headers, body: b }) => {
        try {
          const r = await fetch(url, { method: 'PUT', headers, body: b });
          return `HTTP ${r.status}`;
        } catch (e) {
          return `blocked: ${(e as Error).name}`;
        }
      }, { url: t.url, headers: t.headers, body });
      return { result, console: messages };
    } finally {
      await context.close();
    }
  }

  test('the terminal app\'s origin (http://localhost:3000) PUTs a presigned upload into the evidence bucket', async () => {
    const body = 'signature strokes as PNG bytes';
    const t = ticket(config.S3_BUCKET, Buffer.from(body));
    try {
      expect((await putFrom(`${E2E_BASE}/healthz`, t, body)).result).toBe('HTTP 200');
      expect((await s3.statObject(config.S3_BUCKET, t.key)).size).toBe(Buffer.byteLength(body));
    } finally {
      await s3.removeObject(config.S3_BUCKET, t.key).catch(() => undefined);
    }
  }, 60_000);

  test('the bucket\'s rules decide: an allowed origin PUTs, another one is blocked by CORS and stores nothing', async () => {
    const body = 'signature strokes as PNG bytes';
    const ok = ticket(bucket, Buffer.from(body));
    expect((await putFrom(`${mine}/terminal/`, ok, body)).result).toBe('HTTP 200');
    expect((await s3.statObject(bucket, ok.key)).size).toBe(Buffer.byteLength(body));

    const refused = ticket(bucket, Buffer.from(body));
    const r = await putFrom(`${theirs}/terminal/`, refused, body);
    expect(r.result).toBe('blocked: TypeError');
    expect(r.console.join('\n')).toMatch(/CORS policy/);
    await expect(s3.statObject(bucket, refused.key)).rejects.toMatchObject({ code: 'NotFound' });
  }, 60_000);
});
