import { createS3Client } from '../../config/s3';
import { demoCustomers } from '../../db/seed/demoOrg';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { api, startHarness, type Harness } from '../support/harness';
import { objectExists } from '../support/evidence';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, openFieldCase } from '../support/mobile';
import { reEncoded, sha256Hex, testPhoto } from '../support/testPhotos';

// Evidence forensics at confirm, through the real terminal API, S3 store and case workflow: the server judges the
// stored bytes, not the terminal's word. Refused: bytes that are not what was declared. Attached but not verified,
// with the reason listed: stale EXIF, a photo uploaded twice, a photo of another case, a re-encoded copy of one.
let h: Harness;
let inspector: string;
let supervisor: string;
let device: string;
let s3: ReturnType<typeof createS3Client>;

const customer = (accountNo: string) => demoCustomers().find((c) => c.accountNo === accountNo)!;
const SITE_A = customer('4210000004');
const SITE_B = customer('4210000005');

beforeAll(async () => {
  h = await startHarness();
  s3 = createS3Client(h.config);
  let admin: string;
  [inspector, supervisor, admin] = await Promise.all([tokenFor('inspector'), tokenFor('supervisor'), tokenFor('admin')]);
  device = newDeviceId('forensics');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const as = () => ({ token: inspector, device });
type Site = { lat: number; lon: number };
type FieldCase = Awaited<ReturnType<typeof openFieldCase>>;

async function acceptedCase(site: { accountNo: string }): Promise<FieldCase> {
  const c = await openFieldCase(h, supervisor, site.accountNo);
  if ((await c.handle.query(getStateQuery)).assignee !== 'inspector') {
    const r = await api(h.baseUrl, `/api/cases/${c.id}/actions/assign`, { token: supervisor, body: { inspector: 'inspector' } });
    expect(r.status).toBe(200);
  }
  expect((await mobile(h.baseUrl, `/tasks/${c.id}/accept`, { ...as(), body: {} })).status).toBe(200);
  return c;
}

/** Ticket, presigned PUT of `bytes`, confirm: the confirm's answer. */
async function upload(c: FieldCase, bytes: Buffer, declared: { at?: string; site?: Site; contentType?: string } = {}, headers?: Record<string, string>) {
  const site = declared.site ?? SITE_A;
  const ticket = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, {
    ...as(),
    body: { kind: 'photo', contentType: declared.contentType ?? 'image/jpeg', sizeBytes: bytes.length, sha256: sha256Hex(bytes), capturedAt: declared.at ?? new Date().toISOString(), lat: site.lat, lon: site.lon },
  });
  expect(ticket.status).toBe(201);
  const put = await fetch(ticket.body.upload.url, { method: 'PUT', headers: ticket.body.upload.headers, body: bytes });
  expect(put.status).toBe(200);
  const confirm = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${ticket.body.evidenceId}/confirm`, { ...as(), body: {}, headers });
  return { evidenceId: ticket.body.evidenceId as string, confirm };
}

const row = async (id: string) =>
  (await h.pool.query('select status, reject_reason, object_key, detected_type, forensic_reasons, forensics_at, phash from evidence_uploads where id = $1', [id])).rows[0];
const stored = (key: string) => objectExists(s3, h.config.S3_BUCKET, key);
const attached = async (c: FieldCase, id: string) => (await c.handle.query(getStateQuery)).evidence.find((e) => e.evidenceId === id);
const codesOf = (confirm: { body: { evidence: { forensics: { reasons: { code: string }[] } } } }) => confirm.body.evidence.forensics.reasons.map((r) => r.code);

describe('evidence forensics at confirm', () => {
  let a: FieldCase;
  let b: FieldCase;
  let honest: Buffer;
  let honestId: string;

  beforeAll(async () => {
    [a, b] = await Promise.all([acceptedCase(SITE_A), acceptedCase(SITE_B)]);
  }, 180_000);

  test('an honest photo (EXIF time and GPS as declared, at the customer) is verified; its forensics are listed', async () => {
    honest = await testPhoto({ takenAt: new Date(), ...SITE_A, make: 'HUAWEI', model: 'Mate 60' });
    const { evidenceId, confirm } = await upload(a, honest);
    honestId = evidenceId;
    expect(confirm.status).toBe(200);
    expect(confirm.body.evidence.forensics).toEqual({
      detectedType: 'image/jpeg', reasons: [],
      exif: { takenAt: expect.any(String), lat: expect.closeTo(SITE_A.lat, 5), lon: expect.closeTo(SITE_A.lon, 5), make: 'HUAWEI', model: 'Mate 60' },
    });
    expect(await attached(a, evidenceId)).toMatchObject({ verified: true });
    expect((await row(evidenceId)).phash).toMatch(/^[01]{64}$/);
    const list = await mobile(h.baseUrl, `/tasks/${a.id}/evidence`, as());
    expect(list.body.find((e: { evidenceId: string }) => e.evidenceId === evidenceId).forensics).toEqual(confirm.body.evidence.forensics);
  });

  test('plain text declared image/jpeg is refused (422 evidence.content-mismatch, in the caller\'s language); the object is deleted', async () => {
    const text = Buffer.from('这不是照片。This is not a photo, only text pretending to be one.\n');
    const zh = await upload(a, text);
    expect(zh.confirm.status).toBe(422);
    expect(zh.confirm.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(zh.confirm.body).toMatchObject({ code: 'evidence.content-mismatch', type: 'urn:jicha:evidence:content-mismatch', detail: '证据被拒收：文件内容是 text/plain，不是声明的 image/jpeg；已删除存储的文件。' });
    const r = await row(zh.evidenceId);
    expect(r).toMatchObject({ status: 'rejected', reject_reason: 'the bytes are text/plain, not the declared image/jpeg', detected_type: 'text/plain' });
    expect(r.forensic_reasons).toEqual([{ code: 'evidence.content-mismatch', severity: 'reject', evidenceId: zh.evidenceId, params: { detected: 'text/plain', declared: 'image/jpeg' } }]);
    expect(await stored(r.object_key)).toBe(false);
    expect(await attached(a, zh.evidenceId)).toBeUndefined();

    // a PNG declared as a JPEG is not what was declared either; English on request
    const png = Buffer.from(await (await import('sharp')).default({ create: { width: 40, height: 30, channels: 3, background: '#888' } }).png().toBuffer());
    const en = await upload(a, png, {}, { 'accept-language': 'en' });
    expect(en.confirm.status).toBe(422);
    expect(en.confirm.body.detail).toBe('Evidence refused: the bytes are image/png, not the declared image/jpeg; the object was deleted.');
  });

  test('a truncated JPEG is refused as undecodable', async () => {
    const photo = await testPhoto({ ...SITE_A });
    const cut = photo.subarray(0, Math.floor(photo.length * 0.6));
    const { evidenceId, confirm } = await upload(a, cut);
    expect(confirm.status).toBe(422);
    expect(confirm.body).toMatchObject({ code: 'evidence.undecodable', detail: '证据被拒收：图像无法解码（文件损坏或不是图像）；已删除存储的文件。' });
    expect(await stored((await row(evidenceId)).object_key)).toBe(false);
  });

  test('a photo with year-old EXIF is attached but not verified, with the reason listed', async () => {
    const yearAgo = new Date(Date.now() - 365 * 86_400_000);
    const stale = await testPhoto({ takenAt: yearAgo, ...SITE_A });
    const { evidenceId, confirm } = await upload(a, stale);
    expect(confirm.status).toBe(200);
    expect(confirm.body.evidence.status).toBe('confirmed');
    expect(confirm.body.evidence.forensics.reasons).toEqual([
      { code: 'evidence.exif-time-mismatch', severity: 'strong', evidenceId, params: { exifAt: expect.stringMatching(/\+08:00$/), declaredAt: expect.stringMatching(/\+08:00$/), minutes: expect.any(Number) } },
    ]);
    expect(confirm.body.evidence.forensics.reasons[0].params.minutes).toBeGreaterThan(364 * 24 * 60);
    expect(await attached(a, evidenceId)).toMatchObject({ verified: false });
    // the back office sees the same: attached, not verified, the reason with it
    const office = await api(h.baseUrl, `/api/cases/${a.id}/evidence`, { token: supervisor });
    expect(office.body.find((e: { evidenceId: string }) => e.evidenceId === evidenceId)).toMatchObject({ verified: false, forensics: { reasons: [{ code: 'evidence.exif-time-mismatch' }] } });
    expect(office.body.find((e: { evidenceId: string }) => e.evidenceId === honestId)).toMatchObject({ verified: true });
  });

  test('the same photo twice on one case: the second is evidence.duplicate; neither a retried confirm nor its copy flags the first', async () => {
    const again = await upload(a, honest);
    expect(again.confirm.status).toBe(200);
    expect(codesOf(again.confirm)).toEqual(['evidence.duplicate']);
    expect(await attached(a, again.evidenceId)).toMatchObject({ verified: false });
    expect((await a.handle.query(getStateQuery)).evidence.filter((e) => e.sha256 === sha256Hex(honest) && e.verified)).toHaveLength(1);

    // the first upload's confirm retried from scratch (as if its attach had not been recorded): it examines the
    // bytes again and keeps its place before the copy, so it flags neither itself nor the copy
    await h.pool.query("update evidence_uploads set status = 'pending' where id = $1", [honestId]);
    const retried = await mobile(h.baseUrl, `/tasks/${a.id}/evidence/${honestId}/confirm`, { ...as(), body: {} });
    expect(retried.status).toBe(200);
    expect(retried.body.evidence.forensics.reasons).toEqual([]);
    expect(await attached(a, honestId)).toMatchObject({ verified: true });
    // and the copy's own retry still finds the first
    await h.pool.query("update evidence_uploads set status = 'pending' where id = $1", [again.evidenceId]);
    const copyRetried = await mobile(h.baseUrl, `/tasks/${a.id}/evidence/${again.evidenceId}/confirm`, { ...as(), body: {} });
    expect(codesOf(copyRetried)).toEqual(['evidence.duplicate']);
  });

  test('two confirms of the same new photo at once: exactly one of them is the duplicate (the search runs under a lock on the hash)', async () => {
    const photo = await testPhoto({ ...SITE_A });
    const tickets = [];
    for (let i = 0; i < 2; i += 1) {
      const t = await mobile(h.baseUrl, `/tasks/${a.id}/evidence`, {
        ...as(), body: { kind: 'photo', contentType: 'image/jpeg', sizeBytes: photo.length, sha256: sha256Hex(photo), capturedAt: new Date().toISOString(), lat: SITE_A.lat, lon: SITE_A.lon },
      });
      expect((await fetch(t.body.upload.url, { method: 'PUT', headers: t.body.upload.headers, body: photo })).status).toBe(200);
      tickets.push(t.body.evidenceId as string);
    }
    const both = await Promise.all(tickets.map((id) => mobile(h.baseUrl, `/tasks/${a.id}/evidence/${id}/confirm`, { ...as(), body: {} })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => codesOf(r)).sort()).toEqual([[], ['evidence.duplicate']]);
  });

  test('a photo of another case is evidence.reused (naming that case); a re-encoded copy of one is evidence.near-duplicate', async () => {
    // the honest photo of case A, declared on case B as taken now at B's customer
    const reused = await upload(b, honest, { site: SITE_B });
    expect(reused.confirm.status).toBe(200);
    const reasons = reused.confirm.body.evidence.forensics.reasons;
    expect(reasons).toContainEqual({ code: 'evidence.reused', severity: 'strong', evidenceId: reused.evidenceId, params: { otherCaseNo: a.caseNo } });
    expect(await attached(b, reused.evidenceId)).toMatchObject({ verified: false });

    // the same picture re-encoded and resized (new bytes, no EXIF): its perceptual hash gives it away
    const copy = await reEncoded(honest, { scale: 0.6, quality: 65 });
    expect(sha256Hex(copy)).not.toBe(sha256Hex(honest));
    const near = await upload(b, copy, { site: SITE_B });
    expect(near.confirm.status).toBe(200);
    const nearReason = near.confirm.body.evidence.forensics.reasons.find((r: { code: string }) => r.code === 'evidence.near-duplicate');
    expect(nearReason).toMatchObject({ severity: 'strong', evidenceId: near.evidenceId, params: { otherCaseNo: a.caseNo } });
    expect(nearReason.params.distance).toBeLessThanOrEqual(6);
    expect(codesOf(near.confirm)).toContain('evidence.exif-missing');

    // a new picture of case B's own customer is fine
    const own = await upload(b, await testPhoto({ ...SITE_B }), { site: SITE_B });
    expect(own.confirm.body.evidence.forensics.reasons).toEqual([]);
    expect((await b.handle.query(getStateQuery)).evidence.filter((e) => e.verified).map((e) => e.evidenceId)).toEqual([own.evidenceId]);
  });
});
