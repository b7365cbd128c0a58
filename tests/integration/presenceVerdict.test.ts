import crypto from 'node:crypto';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { demoCustomers } from '../../db/seed/demoOrg';
import { approachTrack } from '../../scripts/terminal/visit';
import { presenceVerdictForCase } from '../../services/presence/presenceVerdict';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, openFieldCase, postApproachTrack, waitFor } from '../support/mobile';
import { testPhoto } from '../support/testPhotos';

// The server's presence verdict at findings (#15) through both APIs on the real stack: an honest visit passes without
// a justification; a weak one is refused with its reasons in the caller's language, taken with a justification and put
// on a supervisor's review (read model review_pending), which holds the rectification order until it is cleared or the
// visit is returned to field evidence.
let h: Harness;
let t: Record<'inspector' | 'supervisor' | 'lead' | 'admin', string>;
let device: string;
const as = () => ({ token: t.inspector, device });
const site = (accountNo: string) => demoCustomers().find((c) => c.accountNo === accountNo)!;

beforeAll(async () => {
  h = await startHarness();
  const [inspector, supervisor, lead, admin] = await Promise.all(['inspector', 'supervisor', 'lead', 'admin'].map((u) => tokenFor(u)));
  t = { inspector, supervisor, lead, admin };
  device = newDeviceId('presence');
  await bindDevice(h.baseUrl, t.admin, device, 'inspector');
}, 120_000);

/** Cases of this file, cancelled at the end so that none stays on the demo inspector's task list. */
const opened: string[] = [];

afterAll(async () => {
  for (const id of opened) await api(h.baseUrl, `/api/cases/${id}/actions/cancel`, { token: t.supervisor, body: { reason: '测试结束' } });
  await h?.stop();
});

/** A case for `accountNo`, offered to and accepted by the demo inspector. */
async function acceptedCase(accountNo: string) {
  const c = await openFieldCase(h, t.supervisor, accountNo);
  opened.push(c.id);
  const s = await c.handle.query(getStateQuery);
  if (s.assignee !== 'inspector') expect((await api(h.baseUrl, `/api/cases/${c.id}/actions/assign`, { token: t.supervisor, body: { inspector: 'inspector' } })).status).toBe(200);
  expect((await mobile(h.baseUrl, `/tasks/${c.id}/accept`, { ...as(), body: {} })).status).toBe(200);
  return c;
}

/** Photos taken now a few metres from `at`, with their EXIF (time and GPS), uploaded and confirmed. */
async function uploadPhotos(caseId: string, at: { lat: number; lon: number }, n = 2) {
  for (let i = 0; i < n; i += 1) {
    const takenAt = new Date();
    const bytes = await testPhoto({ takenAt, lat: at.lat + 0.00003 * (i + 1), lon: at.lon });
    const ticket = await mobile(h.baseUrl, `/tasks/${caseId}/evidence`, {
      ...as(), body: { kind: 'photo', contentType: 'image/jpeg', sizeBytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), capturedAt: takenAt.toISOString(), lat: at.lat, lon: at.lon },
    });
    expect(ticket.status).toBe(201);
    expect((await fetch(ticket.body.upload.url, { method: 'PUT', headers: ticket.body.upload.headers, body: bytes })).status).toBe(200);
    const confirmed = await mobile(h.baseUrl, `/tasks/${caseId}/evidence/${ticket.body.evidenceId}/confirm`, { ...as(), body: {} });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.evidence.forensics?.reasons ?? []).toEqual([]);
  }
}

const checkIn = (caseId: string, at: { lat: number; lon: number }, accuracyM = 6) =>
  mobile(h.baseUrl, `/tasks/${caseId}/check-in`, { ...as(), body: { lat: at.lat, lon: at.lon, accuracyM, deviceTime: new Date().toISOString(), signals: { source: 'simulator' } } });
const findings = { result: 'confirmed', problemType: 'wrong_tariff', checklist: [{ code: 'TARIFF_NATURE', passed: false }], summary: '现场为餐馆，执行居民电价' };
const order = { actions: [{ kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: new Date().toISOString().slice(0, 10) }] };

test('an honest visit (approach track, check-in at the door, two photos) passes without a justification; the verdict is stored and logged', async () => {
  const A = '4210000014';
  const c = await acceptedCase(A);
  await postApproachTrack(h.baseUrl, as(), c.id, site(A));
  expect((await checkIn(c.id, site(A))).body.insideGeofence).toBe(true);
  await uploadPhotos(c.id, site(A));
  expect(await presenceVerdictForCase({ pool: h.pool, temporal: h.client }, { id: c.id, workflowId: c.workflowId })).toMatchObject({ weak: false, confidence: 1, reasons: [] });

  const res = await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as(), body: findings });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ stage: 'rectification', needsSupervisorReview: false });
  const s = await c.handle.query(getStateQuery);
  expect(s.review).toBeNull();
  expect(s.findings!.presence).toMatchObject({ weak: false, confidence: 1, reasons: [], basis: { checkIns: 1, trackPoints: 30, photos: 2, verifiedPhotos: 2 } });
  const logged = await h.pool.query("select payload from case_events where case_id = $1 and type = 'findings_submitted'", [c.id]);
  expect(logged.rows[0].payload.presence).toMatchObject({ weak: false, confidence: 1 });
  expect((await api(h.baseUrl, `/api/cases/${c.id}/actions/rectification`, { token: t.lead, body: order })).status).toBe(200);
});

test('a weak visit (no track, a check-in 3 km wide) is refused on both APIs with its reasons; a justification puts it on review; cleared, the order is issued', async () => {
  const B = '4210000015';
  const c = await acceptedCase(B);
  const ci = await checkIn(c.id, site(B), 3000);
  expect(ci.body).toMatchObject({ distanceM: 0, insideGeofence: false });
  await uploadPhotos(c.id, site(B));

  // a client's own verdict is refused as an unknown field before anything else (400, not 422)
  const claimed = { ...findings, presence: { confidence: 1, weak: false, reasons: [], computedAt: new Date().toISOString(), basis: { checkIns: 1, trackPoints: 99, photos: 2, verifiedPhotos: 2 } } };
  for (const r of [await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as(), body: claimed }), await api(h.baseUrl, `/api/cases/${c.id}/actions/findings`, { token: t.inspector, body: claimed })]) {
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ path: 'presence', message: 'unknown field', code: 'field.unknown' }]);
  }

  const zh = await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as(), body: findings });
  expect(zh.status).toBe(422);
  expect(zh.body).toMatchObject({ type: 'urn:jicha:case-step:PresenceWeak', code: 'case-step:PresenceWeak', title: 'Step refused' });
  expect(zh.body.detail).toMatch(/^现场真实性存疑（可信度 [\d.]+）：签到定位精度 3000 米，无法证明在 200 米范围内；没有到达现场的 GPS 轨迹。请填写情况说明后再提交/);
  expect(zh.body.errors).toEqual([
    { path: 'presence', code: 'checkin.imprecise', message: '签到定位精度 3000 米，无法证明在 200 米范围内', params: { accuracyM: 3000, distanceM: 0, radiusM: 200 } },
    { path: 'presence', code: 'track.none', message: '没有到达现场的 GPS 轨迹', params: {} },
  ]);
  const en = await api(h.baseUrl, `/api/cases/${c.id}/actions/findings`, { token: t.inspector, body: findings, headers: { 'accept-language': 'en' } });
  expect(en.status).toBe(422);
  expect(en.body.code).toBe('case-step:PresenceWeak');
  expect(en.body.detail).toMatch(/^The proof that this visit was made on site is weak \(confidence [\d.]+\): the check-in's accuracy of 3000 m cannot show it lies within 200 m; no GPS track of the way to the site\. Give a justification/);
  expect(en.body.errors.map((e: { code: string }) => e.code)).toEqual(['checkin.imprecise', 'track.none']);
  // from the offline queue: a conflict with the same code and reasons
  const sync = await mobile(h.baseUrl, '/sync', { ...as(), body: { items: [{ clientId: `f-${crypto.randomUUID()}`, at: new Date().toISOString(), action: 'findings', caseId: c.id, payload: findings }] } });
  expect(sync.body.results[0]).toMatchObject({ status: 'conflict', httpStatus: 422, code: 'case-step:PresenceWeak', errors: zh.body.errors });
  expect((await c.handle.query(getStateQuery)).findings).toBeNull();

  const taken = await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as(), body: { ...findings, justification: '地下配电室无定位信号，已请客户签字确认' } });
  expect(taken.status).toBe(200);
  expect(taken.body).toMatchObject({ stage: 'rectification', needsSupervisorReview: true });
  const s = await c.handle.query(getStateQuery);
  expect(s.review).toMatchObject({ status: 'pending', justification: '地下配电室无定位信号，已请客户签字确认', reasons: [expect.objectContaining({ code: 'checkin.imprecise' }), expect.objectContaining({ code: 'track.none' })] });
  const row = await waitFor('the review in the read model', async () => (await h.pool.query('select review_pending, presence_confidence from cases where id = $1 and review_pending', [c.id])).rows[0]);
  expect(row.presence_confidence).toBeCloseTo(s.findings!.presence!.confidence, 3);
  expect(s.findings!.presence!.confidence).toBeLessThan(0.5);

  // the order waits for the review, from either API
  const held = await api(h.baseUrl, `/api/cases/${c.id}/actions/rectification`, { token: t.lead, body: order });
  expect(held.status).toBe(409);
  expect(held.body.code).toBe('case-step.under-review');
  expect((await mobile(h.baseUrl, `/tasks/${c.id}/rectification`, { ...as(), body: order })).body.code).toBe('case-step.under-review');
  expect((await api(h.baseUrl, `/api/cases/${c.id}/actions/review`, { token: t.lead, body: { decision: 'clear', note: '站长不能复核自己站的工单' } })).status).toBe(403);

  const cleared = await api(h.baseUrl, `/api/cases/${c.id}/actions/review`, { token: t.supervisor, body: { decision: 'clear', note: '已电话回访客户，确认稽查员到场' } });
  expect(cleared.status).toBe(200);
  expect(cleared.body.review).toMatchObject({ status: 'cleared', decidedBy: 'supervisor' });
  await waitFor('the review cleared in the read model', async () => (await h.pool.query('select 1 from cases where id = $1 and not review_pending', [c.id])).rowCount === 1);
  expect((await h.pool.query("select payload from case_events where case_id = $1 and type = 'review_decided'", [c.id])).rows[0].payload).toMatchObject({ decision: 'clear', reasons: ['checkin.imprecise', 'track.none'] });
  expect((await api(h.baseUrl, `/api/cases/${c.id}/actions/rectification`, { token: t.lead, body: order })).status).toBe(200);
});

test('a returned visit starts again empty; the earlier visit\'s track does not count, a new approach does', async () => {
  const C = '4210000016';
  const c = await acceptedCase(C);
  await checkIn(c.id, site(C));
  await uploadPhotos(c.id, site(C));
  expect((await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as(), body: { ...findings, justification: '手机定位权限被关闭，未记录轨迹' } })).status).toBe(200);
  const returned = await api(h.baseUrl, `/api/cases/${c.id}/actions/review`, { token: t.supervisor, body: { decision: 'return', note: '无轨迹且照片不清，请重新现场核查' } });
  expect(returned.status).toBe(200);
  expect(returned.body).toMatchObject({ stage: 'field_evidence', checkIns: [], evidence: [], findings: null, review: { status: 'returned' } });
  const returnedAt = Date.now();

  // the track of the way there before the return (posted late) belongs to the returned visit
  await postApproachTrack(h.baseUrl, as(), c.id, site(C));
  await checkIn(c.id, site(C));
  await uploadPhotos(c.id, site(C));
  const stale = await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as(), body: findings });
  expect(stale.status).toBe(422);
  const staleCodes: string[] = stale.body.errors.map((e: { code: string }) => e.code);
  expect(staleCodes.filter((x) => x === 'track.none' || x === 'track.no-approach')).toHaveLength(1);

  // the new approach: a drive of 400 m at about 70 km/h, a fix a second, recorded after the return
  await new Promise((r) => setTimeout(r, Math.max(0, returnedAt + 21_000 - Date.now())));
  const drive = approachTrack(site(C), 420, 21, Date.now()).map((p, i, all) => ({ ...p, at: new Date(Date.now() - (all.length - 1 - i) * 1000).toISOString() }));
  expect((await mobile(h.baseUrl, '/track', { ...as(), body: { caseId: c.id, points: drive } })).status).toBe(200);
  await checkIn(c.id, site(C));
  const ok = await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as(), body: findings });
  expect(ok.status).toBe(200);
  expect(ok.body).toMatchObject({ stage: 'rectification', needsSupervisorReview: false });
  const s = await c.handle.query(getStateQuery);
  expect(s.returnedVisits).toHaveLength(1);
  expect(s.findings!.presence).toMatchObject({ weak: false });
}, 120_000);

test('what forensics found in the stored bytes is in the verdict: a photo whose EXIF says it was taken a year ago', async () => {
  const D = '4210000017';
  const c = await acceptedCase(D);
  await postApproachTrack(h.baseUrl, as(), c.id, site(D));
  await checkIn(c.id, site(D));
  await uploadPhotos(c.id, site(D), 1);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000);
  const stale = await testPhoto({ takenAt: yearAgo, lat: site(D).lat, lon: site(D).lon });
  const ticket = await mobile(h.baseUrl, `/tasks/${c.id}/evidence`, {
    ...as(), body: { kind: 'photo', contentType: 'image/jpeg', sizeBytes: stale.length, sha256: crypto.createHash('sha256').update(stale).digest('hex'), capturedAt: new Date().toISOString(), lat: site(D).lat, lon: site(D).lon },
  });
  expect((await fetch(ticket.body.upload.url, { method: 'PUT', headers: ticket.body.upload.headers, body: stale })).status).toBe(200);
  const confirmed = await mobile(h.baseUrl, `/tasks/${c.id}/evidence/${ticket.body.evidenceId}/confirm`, { ...as(), body: {} });
  expect(confirmed.status).toBe(200); // attached, unverified: its finding goes to the verdict
  const stored = (await h.pool.query('select exif_taken_at from evidence_uploads where id = $1', [ticket.body.evidenceId])).rows[0];
  expect(Math.abs(stored.exif_taken_at.getTime() - yearAgo.getTime())).toBeLessThan(2000);

  const res = await mobile(h.baseUrl, `/tasks/${c.id}/findings`, { ...as(), body: findings, headers: { 'accept-language': 'en' } });
  expect(res.status).toBe(422);
  const codes: string[] = res.body.errors.map((e: { code: string }) => e.code);
  expect(codes).toEqual(expect.arrayContaining(['photos.too-few', 'evidence.exif-time-mismatch']));
  expect(codes.filter((x) => x === 'evidence.captured-outside-visit').length).toBeLessThanOrEqual(1); // once, whoever said it
  expect(res.body.errors).toContainEqual({ path: 'presence', code: 'photos.too-few', message: '1 valid on-site photo(s); at least 2 needed', params: { verified: 1, required: 2 } });
});
