import crypto from 'node:crypto';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { demoCustomers } from '../../db/seed/demoOrg';
import { createS3Client } from '../../config/s3';
import { HOUSEKEEPING_WORKFLOW, type HousekeepingResult } from '../../domain/housekeepingContract';
import { EVIDENCE_MAX_BYTES } from '../../services/evidence/evidencePolicy';
import { startHarness, type Harness } from '../support/harness';
import { objectExists as storedObjectExists } from '../support/evidence';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, openFieldCase, postApproachTrack } from '../support/mobile';
import { testPhoto } from '../support/testPhotos';

// Evidence through the real S3 store: presigned PUT that signs size, type and SHA-256; a confirm step that checks
// the stored object and attaches it to the case workflow as verified evidence (a Temporal Update).
let h: Harness;
let inspector: string;
let inspector2: string;
let device: string;
let device2: string;
let s3: ReturnType<typeof createS3Client>;

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const ACCOUNT = '4210000010';
const site = demoCustomers().find((c) => c.accountNo === ACCOUNT)!;
// A photo taken at the customer now (EXIF time and GPS as declared: the forensics find nothing to doubt); a new
// picture each run, or it would be a copy of the one a previous run confirmed (evidence.reused).
let photo: Buffer;

beforeAll(async () => {
  h = await startHarness();
  s3 = createS3Client(h.config);
  let admin: string;
  [inspector, inspector2, admin] = await Promise.all([tokenFor('inspector'), tokenFor('inspector2'), tokenFor('admin')]);
  device = newDeviceId('ev');
  device2 = newDeviceId('ev2');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
  await bindDevice(h.baseUrl, admin, device2, 'inspector2');
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

const asInspector = () => ({ token: inspector, device });
const ticketBody = (bytes: Buffer, over: Record<string, unknown> = {}) => ({
  kind: 'photo', contentType: 'image/jpeg', sizeBytes: bytes.length, sha256: sha(bytes), capturedAt: new Date().toISOString(), lat: site.lat, lon: site.lon, ...over,
});
const objectExists = (key: string) => storedObjectExists(s3, h.config.S3_BUCKET, key);
const keyOf = async (evidenceId: string) => (await h.pool.query<{ object_key: string; status: string; reject_reason: string | null }>('select object_key, status, reject_reason from evidence_uploads where id = $1', [evidenceId])).rows[0];

describe('evidence upload', () => {
  let c: Awaited<ReturnType<typeof openFieldCase>>;

  beforeAll(async () => {
    c = await openFieldCase(h, await tokenFor('supervisor'), ACCOUNT);
    photo = await testPhoto({ takenAt: new Date(), lat: site.lat, lon: site.lon });
  }, 120_000);

  test('before accepting, outside the unit, too large or of the wrong type: no upload URL', async () => {
    const early = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo) });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'case-step.accept-first', detail: '上传证据前请先接单。' });
    expect((await mobile(h.baseUrl, `/tasks/${c.id}/accept`, { ...asInspector(), body: {} })).status).toBe(200);

    expect((await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { token: inspector2, device: device2, body: ticketBody(photo) })).status).toBe(404);
    const big = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo, { sizeBytes: EVIDENCE_MAX_BYTES.photo + 1 }) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'evidence.too-large', params: { evidenceKind: 'photo', max: 15 * 1024 * 1024, size: 15 * 1024 * 1024 + 1 } });
    expect(big.body.detail).toBe(`照片最大 ${15 * 1024 * 1024} 字节，此文件为 ${15 * 1024 * 1024 + 1} 字节。`);
    const video = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo, { sizeBytes: 200 * 1024 * 1024, kind: 'video', contentType: 'video/mp4' }) });
    expect(video.status).toBe(201); // 200 MB is fine for a video
    const wrongType = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo, { contentType: 'video/mp4' }) });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([{ path: 'contentType', message: 'not a photo type' }]);
    const badHash = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo, { sha256: 'ABC' }) });
    expect(badHash.status).toBe(400);
  });

  test('a photo goes straight to the store by presigned PUT, is verified on confirm and attached to the case; presigned GET reads it back', async () => {
    const ticket = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo) });
    expect(ticket.status).toBe(201);
    const { evidenceId, upload } = ticket.body;
    const url = new URL(upload.url);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host;x-amz-checksum-sha256');
    expect(upload.headers).toEqual({ 'content-type': 'image/jpeg', 'x-amz-checksum-sha256': Buffer.from(sha(photo), 'hex').toString('base64') });
    const row = await keyOf(evidenceId);
    expect(row.object_key).toBe(`evidence/${c.id}/${evidenceId}`);
    expect(evidenceId).toMatch(/^[0-9a-f-]{36}$/);

    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: photo });
    expect(put.status).toBe(200);
    const anonymous = await fetch(`${h.config.S3_ENDPOINT}/${h.config.S3_BUCKET}/${row.object_key}`);
    expect(anonymous.status).toBe(403);

    const confirmKey = `confirm-${crypto.randomUUID()}`;
    const confirmed = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${evidenceId}/confirm`, { ...asInspector(), key: confirmKey, body: {} });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.evidence).toMatchObject({ evidenceId, kind: 'photo', sizeBytes: photo.length, sha256: sha(photo), status: 'confirmed', by: 'inspector' });
    expect(confirmed.body.state).toMatchObject({ caseId: c.id, verifiedEvidence: 1 });
    const state = await c.handle.query(getStateQuery);
    expect(state.evidence).toEqual([expect.objectContaining({ evidenceId, kind: 'photo', sha256: sha(photo), sizeBytes: photo.length, verified: true, by: 'inspector', lat: site.lat, lon: site.lon })]);
    expect((await keyOf(evidenceId)).status).toBe('confirmed');

    // the confirm is idempotent twice over: the HTTP replay and the workflow's evidenceId
    const replay = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${evidenceId}/confirm`, { ...asInspector(), key: confirmKey, body: {} });
    expect(replay.body).toEqual(confirmed.body);
    const fresh = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${evidenceId}/confirm`, { ...asInspector(), body: {} });
    expect(fresh.status).toBe(200);
    expect((await c.handle.query(getStateQuery)).evidence).toHaveLength(1);

    const list = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, asInspector());
    const item = list.body.find((e: { evidenceId: string }) => e.evidenceId === evidenceId);
    expect(new URL(item.url).searchParams.get('X-Amz-Expires')).toBe('300');
    const down = Buffer.from(await (await fetch(item.url)).arrayBuffer());
    expect(sha(down)).toBe(sha(photo));
  });

  test('the store refuses a PUT whose bytes do not match the declared SHA-256 or size; confirm then finds nothing', async () => {
    const other = Buffer.from(photo);
    other[other.length - 3] ^= 0xff; // same size, different bytes
    const ticket = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo) });
    const { evidenceId, upload } = ticket.body;
    const wrongBytes = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: other });
    expect(wrongBytes.status).toBe(400);
    expect(await wrongBytes.text()).toMatch(/BadDigest/);
    const longer = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: Buffer.concat([photo, Buffer.from('x')]) });
    expect(longer.status).toBe(403); // Content-Length is part of the signature
    const retyped = await fetch(upload.url, { method: 'PUT', headers: { ...upload.headers, 'content-type': 'image/png' }, body: photo });
    expect(retyped.status).toBe(403);
    expect(await objectExists((await keyOf(evidenceId)).object_key)).toBe(false);
    const confirm = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${evidenceId}/confirm`, { ...asInspector(), body: {} });
    expect(confirm.status).toBe(409);
    expect(confirm.body).toMatchObject({ code: 'evidence.not-uploaded', detail: `上传 ${evidenceId} 尚未收到文件，请先上传文件。` });
  });

  test('evidence whose stored object has a wrong SHA-256 is refused and the object deleted; a wrong size too', async () => {
    const before = (await c.handle.query(getStateQuery)).evidence.length;
    // The object is replaced behind the API's back (a store that did not check the checksum, or tampering):
    // the confirm step trusts nothing but the bytes it reads.
    const ticket = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo) });
    const { evidenceId } = ticket.body;
    const { object_key: key } = await keyOf(evidenceId);
    const forged = Buffer.from(photo);
    forged[100] ^= 0x01;
    await s3.putObject(h.config.S3_BUCKET, key, forged, forged.length, { 'Content-Type': 'image/jpeg' });
    expect(await objectExists(key)).toBe(true);
    const refused = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${evidenceId}/confirm`, { ...asInspector(), body: {} });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      type: 'urn:jicha:evidence:sha256-mismatch',
      code: 'evidence.sha256-mismatch',
      detail: `证据被拒收：存储文件的校验值（SHA-256）为 ${sha(forged)}，不是声明的 ${sha(photo)}；已删除存储的文件。`,
    });
    expect(await objectExists(key)).toBe(false);
    expect(await keyOf(evidenceId)).toMatchObject({ status: 'rejected', reject_reason: `the stored object's SHA-256 is ${sha(forged)}, not the declared ${sha(photo)}` });
    const again = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${evidenceId}/confirm`, { ...asInspector(), body: {} });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('urn:jicha:evidence:rejected');

    const t2 = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo) });
    const key2 = (await keyOf(t2.body.evidenceId)).object_key;
    await s3.putObject(h.config.S3_BUCKET, key2, photo.subarray(0, 100), 100, { 'Content-Type': 'image/jpeg' });
    const short = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${t2.body.evidenceId}/confirm`, { ...asInspector(), body: {} });
    expect(short.status).toBe(422);
    expect(short.body).toMatchObject({ code: 'evidence.size-mismatch', detail: `证据被拒收：存储的文件为 100 字节，不是声明的 ${photo.length} 字节；已删除存储的文件。` });
    expect(await objectExists(key2)).toBe(false);

    const state = await c.handle.query(getStateQuery);
    expect(state.evidence).toHaveLength(before);
    expect(state.evidence.map((e) => e.evidenceId)).not.toContain(evidenceId);
  });

  test('with two verified photos and a check-in inside the geofence the findings pass without a justification', async () => {
    const second = await testPhoto({ takenAt: new Date(), lat: site.lat, lon: site.lon });
    const ticket = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(second) });
    expect((await fetch(ticket.body.upload.url, { method: 'PUT', headers: ticket.body.upload.headers, body: second })).status).toBe(200);
    const confirmed = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${ticket.body.evidenceId}/confirm`, { ...asInspector(), body: {} });
    expect(confirmed.body.state.verifiedEvidence).toBe(2);
    await postApproachTrack(h.baseUrl, asInspector(), c.id, site);
    const checkIn = await mobile(h.baseUrl, `/tasks/${c.id}/check-in`, { ...asInspector(), body: { lat: site.lat, lon: site.lon, accuracyM: 5, deviceTime: new Date().toISOString() } });
    expect(checkIn.body.insideGeofence).toBe(true);
    const findings = await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...asInspector(), body: { result: 'confirmed', problemType: 'wrong_tariff', checklist: [], summary: '经营性用电执行居民电价' } });
    expect(findings.status).toBe(200);
    expect(findings.body).toMatchObject({ stage: 'rectification', needsSupervisorReview: false });
    // the case moved on: a pending upload can no longer be attached, and its object is removed
    const late = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, { ...asInspector(), body: ticketBody(photo) });
    expect(late.status).toBe(409);
  });

  test('the daily housekeeping workflow sweeps uploads never confirmed (object deleted, upload rejected) and purges old idempotency keys', async () => {
    const c2 = await openFieldCase(h, await tokenFor('supervisor'), '4210000011');
    await mobile(h.baseUrl, `/tasks/${c2.id}/accept`, { ...asInspector(), body: {} });
    const ticket = await mobile(h.baseUrl, `/tasks/${c2.id}/evidence`, { ...asInspector(), body: ticketBody(photo) });
    expect((await fetch(ticket.body.upload.url, { method: 'PUT', headers: ticket.body.upload.headers, body: photo })).status).toBe(200);
    const { object_key: key } = await keyOf(ticket.body.evidenceId);
    await h.pool.query("update evidence_uploads set upload_expires_at = now() - interval '2 hours' where id = $1", [ticket.body.evidenceId]);
    const oldKey = crypto.randomUUID();
    await h.pool.query(
      `insert into mobile_idempotency (username, key, request_hash, method, path, status, lease_until, created_at)
       values ('inspector', $1, 'h', 'POST', '/x', 200, now(), now() - interval '31 days')`,
      [oldKey],
    );
    const result = await h.client.workflow.execute<() => Promise<HousekeepingResult>>(HOUSEKEEPING_WORKFLOW, {
      taskQueue: h.config.TEMPORAL_TASK_QUEUE, workflowId: `it-housekeeping-${crypto.randomUUID()}`, args: [{}] as never,
    });
    expect(result.abandonedUploadsSwept).toBeGreaterThanOrEqual(1);
    expect(result.idempotencyKeysPurged).toBeGreaterThanOrEqual(1);
    expect((await h.pool.query('select 1 from mobile_idempotency where key = $1', [oldKey])).rowCount).toBe(0);
    expect(await objectExists(key)).toBe(false);
    expect(await keyOf(ticket.body.evidenceId)).toMatchObject({ status: 'rejected', reject_reason: 'never confirmed; the upload URL expired' });
  }, 60_000);
});
