import crypto from 'node:crypto';
import { demoCustomers } from '../../db/seed/demoOrg';
import { bucketLock, createS3Client, ensureEvidenceBucket, EvidenceBucketError } from '../../config/s3';
import { runIntegritySweep } from '../../services/evidence/integritySweep';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, openFieldCase } from '../support/mobile';
import { noiseJpeg, removeScratchBucket, retireScratchEvidence, sha256, uploadAndConfirm } from '../support/evidence';

// Evidence is write-once on the real SeaweedFS: a bucket made the way the API makes it (object lock, versioning,
// default retention), evidence confirmed through the terminal API into it, then an attack straight on the store.
// The bucket is this file's own (GOVERNANCE, 1 day, so it can be removed afterwards); the stack's bucket is made by
// its API on start and is left alone here.
const s3 = createS3Client({ S3_ENDPOINT: process.env.S3_ENDPOINT ?? 'http://127.0.0.1:8333', S3_REGION: process.env.S3_REGION ?? 'us-east-1', S3_ACCESS_KEY: process.env.S3_ACCESS_KEY ?? 'jichadev', S3_SECRET_KEY: process.env.S3_SECRET_KEY ?? 'jichadev-secret-key' });
const tag = crypto.randomUUID().slice(0, 8);
const LOCKED = `jicha-test-locked-${tag}`;
const PLAIN = `jicha-test-unlocked-${tag}`;
const RETENTION = { mode: 'GOVERNANCE', days: 1 } as const;
const ACCOUNT = '4210000013';
const site = demoCustomers().find((c) => c.accountNo === ACCOUNT)!;

let h: Harness;
let who: { token: string; device: string };
const caseIds: string[] = [];

beforeAll(async () => {
  expect(await ensureEvidenceBucket(s3, { bucket: LOCKED, region: 'us-east-1', retention: RETENTION, production: false })).toEqual({ bucket: 'created', retention: RETENTION, retentionChanged: true });
  h = await startHarness({ env: { S3_BUCKET: LOCKED } });
  const [inspector, admin] = await Promise.all([tokenFor('inspector'), tokenFor('admin')]);
  who = { token: inspector, device: newDeviceId('lock') };
  await bindDevice(h.baseUrl, admin, who.device, 'inspector');
}, 120_000);

afterAll(async () => {
  if (h) await retireScratchEvidence(h, caseIds);
  await h?.stop();
  await removeScratchBucket(s3, LOCKED);
  await removeScratchBucket(s3, PLAIN);
});

describe('the evidence bucket', () => {
  test('is made versioned, with object lock and the configured default retention; starting again changes nothing', async () => {
    expect(await s3.getBucketVersioning(LOCKED)).toMatchObject({ Status: 'Enabled' });
    expect(await bucketLock(s3, LOCKED)).toEqual({ retention: RETENTION });
    expect(await ensureEvidenceBucket(s3, { bucket: LOCKED, region: 'us-east-1', retention: RETENTION, production: false })).toEqual({ bucket: 'locked', retention: RETENTION, retentionChanged: false });
    // a configuration asking less never lowers the bucket's lock; asking more raises it
    const longer = { mode: 'GOVERNANCE', days: 2 } as const;
    expect(await ensureEvidenceBucket(s3, { bucket: LOCKED, region: 'us-east-1', retention: longer, production: true })).toMatchObject({ bucket: 'locked', retention: longer, retentionChanged: true });
    expect(await ensureEvidenceBucket(s3, { bucket: LOCKED, region: 'us-east-1', retention: RETENTION, production: true })).toMatchObject({ retention: longer, retentionChanged: false });
    expect(await bucketLock(s3, LOCKED)).toEqual({ retention: longer });
  });

  test('without object lock: production refuses to start and says how to make a locked bucket; a local stack is locked in place, losing nothing', async () => {
    await s3.makeBucket(PLAIN, 'us-east-1');
    const before = await noiseJpeg();
    await s3.putObject(PLAIN, 'evidence/old/photo', before, before.length);
    let refusal: unknown = null;
    await ensureEvidenceBucket(s3, { bucket: PLAIN, region: 'us-east-1', retention: RETENTION, production: true }).catch((e: unknown) => { refusal = e; });
    expect(refusal).toBeInstanceOf(EvidenceBucketError);
    expect((refusal as Error).message).toMatch(new RegExp(`^证据存储桶 ${PLAIN} 没有启用对象锁定`));
    expect((refusal as Error).message).toContain(`mc mb --with-lock jicha/${PLAIN}-locked`);
    expect((refusal as Error).message).toContain(`/ The evidence bucket ${PLAIN} has no object lock`);
    expect(await bucketLock(s3, PLAIN)).toBeNull(); // production changed nothing

    expect(await ensureEvidenceBucket(s3, { bucket: PLAIN, region: 'us-east-1', retention: RETENTION, production: false })).toEqual({ bucket: 'lock-enabled-in-place', retention: RETENTION, retentionChanged: false });
    expect(await bucketLock(s3, PLAIN)).toEqual({ retention: RETENTION });
    const chunks: Buffer[] = [];
    for await (const c of await s3.getObject(PLAIN, 'evidence/old/photo')) chunks.push(c as Buffer);
    expect(sha256(Buffer.concat(chunks))).toBe(sha256(before));
  });
});

describe('a confirmed object', () => {
  let c: Awaited<ReturnType<typeof openFieldCase>>;
  let photo: Buffer;
  let ev: Awaited<ReturnType<typeof uploadAndConfirm>>;

  beforeAll(async () => {
    c = await openFieldCase(h, await tokenFor('supervisor'), ACCOUNT);
    caseIds.push(c.id);
    expect((await mobile(h.baseUrl, `/tasks/${c.id}/accept`, { ...who, body: {} })).status).toBe(200);
    photo = await noiseJpeg();
    ev = await uploadAndConfirm(h, who, c.id, photo, site);
  }, 120_000);

  test('confirm pins the version the store made for the upload, and the store locked it', async () => {
    expect(ev.putVersionId).toBeTruthy();
    expect(ev.versionId).toBe(ev.putVersionId);
    expect(await s3.getObjectRetention(LOCKED, ev.key, { versionId: ev.versionId! })).toMatchObject({ mode: 'GOVERNANCE' });
  });

  test('cannot be deleted or replaced: the store refuses to delete the version, an overwrite only adds one, and what is served stays the confirmed bytes', async () => {
    const refused = await s3.removeObject(LOCKED, ev.key, { versionId: ev.versionId! }).then(() => null, (e: { code?: string }) => e.code);
    expect(refused).toBe('AccessDenied');
    const forged = await noiseJpeg();
    await s3.putObject(LOCKED, ev.key, forged, forged.length, { 'Content-Type': 'image/jpeg' }); // S3 semantics: a new version, not a refusal
    expect(await s3.getObjectRetention(LOCKED, ev.key, { versionId: ev.versionId! })).toMatchObject({ mode: 'GOVERNANCE' });

    // the terminal's list and the back office's gallery sign a GET of the pinned version
    const list = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, who);
    const item = list.body.find((e: { evidenceId: string }) => e.evidenceId === ev.evidenceId);
    expect(new URL(item.url).searchParams.get('versionId')).toBe(ev.versionId);
    expect(sha256(Buffer.from(await (await fetch(item.url)).arrayBuffer()))).toBe(sha256(photo));
    const office = await api(h.baseUrl, `/api/cases/${c.id}/evidence`, { token: await tokenFor('supervisor') });
    const officeItem = office.body.find((e: { evidenceId: string }) => e.evidenceId === ev.evidenceId);
    expect(sha256(Buffer.from(await (await fetch(officeItem.url)).arrayBuffer()))).toBe(sha256(photo));
    // a plain delete only lays a delete marker over the key: the confirmed version is still served
    await s3.removeObject(LOCKED, ev.key);
    expect(sha256(Buffer.from(await (await fetch(item.url)).arrayBuffer()))).toBe(sha256(photo));
    // the store's latest is the forgery (then the marker), never what the case shows
    expect(item.sha256).toBe(sha256(photo));
  });

  test('the sweep reports newer-version, flags it on the case\'s evidence and tells the city\'s supervisors once', async () => {
    const before = await h.pool.query("select count(*)::int as n from notifications where case_id = $1 and kind = 'evidence_integrity'", [c.id]);
    expect(before.rows[0].n).toBe(0);
    const first = await runIntegritySweep({ pool: h.pool, s3, bucket: LOCKED }, { mode: 'all', caseId: c.id }, { runId: `it-${tag}-1` });
    expect(first).toMatchObject({ checked: 1, outcomes: { ok: 0, mismatch: 0, missing: 0, 'newer-version': 1 }, failures: [{ evidenceId: ev.evidenceId, caseId: c.id, outcome: 'newer-version' }] });
    const check = await h.pool.query('select outcome, version_id, sha256, detail from evidence_integrity_checks where evidence_id = $1', [ev.evidenceId]);
    expect(check.rows).toEqual([{ outcome: 'newer-version', version_id: ev.versionId, sha256: sha256(photo), detail: { versions: 2, deleteMarkers: 1, newerVersions: 2, latestIsDeleteMarker: 1 } }]);

    const office = await api(h.baseUrl, `/api/cases/${c.id}/evidence`, { token: await tokenFor('supervisor') });
    const item = office.body.find((e: { evidenceId: string }) => e.evidenceId === ev.evidenceId);
    expect(item.integrity).toEqual({ status: 'newer-version', checkedAt: expect.any(String), flaggedAt: item.integrity.checkedAt });

    const notes = await h.pool.query("select recipient_role, recipient_org, title, body from notifications where case_id = $1 and kind = 'evidence_integrity'", [c.id]);
    expect(notes.rows).toEqual([{ recipient_role: 'supervisor', recipient_org: 'HB.XN', title: `证据完整性告警 / Evidence integrity alert: ${c.caseNo} ${site.name}`, body: expect.stringContaining(`工单 ${c.caseNo} 的证据 ${ev.evidenceId}（照片）复核未通过：有人试图覆盖或删除该证据`) }]);
    // the supervisor's inbox has it
    const inbox = await api(h.baseUrl, '/api/notifications', { token: await tokenFor('supervisor') });
    expect(inbox.body.some((n: { caseId: string; kind: string }) => n.caseId === c.id && n.kind === 'evidence_integrity')).toBe(true);

    // the next run finds the same, records it, and does not notify again
    const second = await runIntegritySweep({ pool: h.pool, s3, bucket: LOCKED }, { mode: 'all', caseId: c.id }, { runId: `it-${tag}-2` });
    expect(second.outcomes['newer-version']).toBe(1);
    expect((await h.pool.query('select count(*)::int as n from evidence_integrity_checks where evidence_id = $1', [ev.evidenceId])).rows[0].n).toBe(2);
    expect((await h.pool.query("select count(*)::int as n from notifications where case_id = $1 and kind = 'evidence_integrity'", [c.id])).rows[0].n).toBe(1);
  });

  test('an intact item of the same case is ok, and a wrongly declared upload is still refused at confirm (its locked version hidden, not deleted)', async () => {
    const good = await uploadAndConfirm(h, who, c.id, await noiseJpeg(), site);
    const s = await runIntegritySweep({ pool: h.pool, s3, bucket: LOCKED }, { mode: 'all', caseId: c.id }, { runId: `it-${tag}-3` });
    expect(s.outcomes).toEqual({ ok: 1, mismatch: 0, missing: 0, 'newer-version': 1 });
    const office = await api(h.baseUrl, `/api/cases/${c.id}/evidence`, { token: await tokenFor('supervisor') });
    expect(office.body.find((e: { evidenceId: string }) => e.evidenceId === good.evidenceId).integrity).toMatchObject({ status: 'ok', flaggedAt: null });

    // confirm deletes a refused upload's object; in a locked bucket that version is retained, so a delete marker hides it
    const bytes = await noiseJpeg();
    const ticket = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...who, body: { kind: 'photo', contentType: 'image/jpeg', sizeBytes: bytes.length, sha256: sha256(bytes), capturedAt: new Date().toISOString(), lat: site.lat, lon: site.lon } });
    const key = (await h.pool.query<{ object_key: string }>('select object_key from evidence_uploads where id = $1', [ticket.body.evidenceId])).rows[0].object_key;
    const forged = Buffer.from(bytes);
    forged[forged.length - 10] ^= 0xff;
    await s3.putObject(LOCKED, key, forged, forged.length, { 'Content-Type': 'image/jpeg' });
    const refused = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${ticket.body.evidenceId}/confirm`, { ...who, body: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('urn:jicha:evidence:sha256-mismatch');
    expect(await s3.statObject(LOCKED, key).then(() => 'served', (e: { code?: string }) => e.code)).toBe('NotFound');
  });
});
