import crypto from 'node:crypto';
import { presignUrl } from '../../services/evidence/presign';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { driveCase, type DrivenCase } from '../support/fieldVisit';

// The back office's evidence gallery and track replay: a case visited by the terminal (photos through the real S3
// store, a GPS track), read by the supervisor through /api — presigned GET URLs only after the case's org-scope check.
let h: Harness;
let c: DrivenCase;
let supervisor: string;

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  h = await startHarness();
  supervisor = await tokenFor('supervisor');
  c = await driveCase(h.baseUrl, '4210000012', 'rectification', 'back-office evidence test');
}, 180_000);

afterAll(async () => {
  await h?.stop();
});

test('the supervisor gets the verified photos with SHA-256, capture time, GPS and a presigned GET URL that expires within 5 minutes', async () => {
  const before = Date.now();
  const res = await api(h.baseUrl, `/api/cases/${c.id}/evidence`, { token: supervisor });
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('private, no-store');
  const items = res.body as { evidenceId: string; kind: string; sha256: string; verified: boolean; status: string; capturedAt: string; lat: number; lon: number; by: string; url: string; urlExpiresAt: string }[];
  expect(items.map((i) => i.evidenceId).sort()).toEqual([...c.evidenceIds].sort());
  expect(items.map((i) => i.sha256).sort()).toEqual([...c.photoSha256s].sort());
  for (const item of items) {
    // the simulator's photos carry EXIF that agrees with what it declared: nothing for the forensics to doubt
    expect(item).toMatchObject({ kind: 'photo', verified: true, status: 'confirmed', by: 'inspector', forensics: { detectedType: 'image/jpeg', reasons: [] } });
    expect(typeof item.lat).toBe('number');
    expect(typeof item.lon).toBe('number');
    expect(Number.isNaN(Date.parse(item.capturedAt))).toBe(false);

    const url = new URL(item.url);
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    const signedAt = Date.parse(url.searchParams.get('X-Amz-Date')!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(signedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(Date.parse(item.urlExpiresAt) - signedAt).toBeLessThanOrEqual(300_000 + 999);

    // the URL reads the very bytes the terminal uploaded
    const got = await fetch(item.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(sha(Buffer.from(await got.arrayBuffer()))).toBe(item.sha256);
  }
});

test('each item\'s download URL serves the original bytes as an attachment named after the case, the kind and the item', async () => {
  const res = await api(h.baseUrl, `/api/cases/${c.id}/evidence`, { token: supervisor });
  const items = res.body as { evidenceId: string; sha256: string; url: string; downloadUrl: string }[];
  const { case_no: caseNo } = (await h.pool.query<{ case_no: string }>('select case_no from cases where id = $1', [c.id])).rows[0];
  for (const item of items) {
    expect(item.downloadUrl).not.toBe(item.url);
    expect(Number(new URL(item.downloadUrl).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(300);
    const got = await fetch(item.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename="${caseNo.replace(/[^A-Za-z0-9_-]/g, '')}-photo-${item.evidenceId.slice(0, 8)}.jpg"`);
    expect(sha(Buffer.from(await got.arrayBuffer()))).toBe(item.sha256);
  }
});

test('a URL of the same object signed more than 5 minutes ago is refused by the store; the object itself is not public', async () => {
  const { object_key: key } = (await h.pool.query<{ object_key: string }>('select object_key from evidence_uploads where id = $1', [c.evidenceIds[0]])).rows[0];
  const stale = presignUrl({
    method: 'GET', endpoint: h.config.S3_ENDPOINT, bucket: h.config.S3_BUCKET, key, region: h.config.S3_REGION,
    accessKey: h.config.S3_ACCESS_KEY, secretKey: h.config.S3_SECRET_KEY, expiresSeconds: 300, now: new Date(Date.now() - 301_000),
  });
  expect((await fetch(stale)).status).toBe(403);
  expect((await fetch(`${h.config.S3_ENDPOINT}/${h.config.S3_BUCKET}/${key}`)).status).toBe(403);
});

test('the GPS track of the visit replays for the back office', async () => {
  const res = await api(h.baseUrl, `/api/cases/${c.id}/track?toleranceM=0`, { token: await tokenFor('manager') });
  expect(res.status).toBe(200);
  expect(res.body.caseId).toBe(c.id);
  expect(res.body.tracks).toHaveLength(1);
  const [t] = res.body.tracks;
  expect(t).toMatchObject({ username: 'inspector', pointCount: c.trackPoints, simplifiedCount: c.trackPoints });
  const times = t.points.map((p: { at: string }) => Date.parse(p.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  expect(t.lengthM).toBeGreaterThan(300);
});

test('outside the caller\'s org unit: 404 and no URL; a role without case access: 403; no token: 401', async () => {
  const [inspector2, admin] = await Promise.all([tokenFor('inspector2'), tokenFor('admin')]);
  for (const path of [`/api/cases/${c.id}/evidence`, `/api/cases/${c.id}/track`]) {
    const other = await api(h.baseUrl, path, { token: inspector2 });
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('X-Amz-Signature');
    expect((await api(h.baseUrl, path, { token: admin })).status).toBe(403);
    expect((await api(h.baseUrl, path)).status).toBe(401);
  }
  expect((await api(h.baseUrl, `/api/cases/${crypto.randomUUID()}/evidence`, { token: supervisor })).status).toBe(404);
  expect((await api(h.baseUrl, '/api/cases/not-a-uuid/evidence', { token: supervisor })).status).toBe(400);
});
