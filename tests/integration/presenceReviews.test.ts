import { cancelUpdate } from '../../domain/inspectionCaseContract';
import { reason } from '../../domain/presenceReasons';
import { PresenceReviewDetail, PresenceReviewRow } from '../../domain/presenceReview';
import { demoCustomers } from '../../db/seed/demoOrg';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, newDeviceId, openFieldCase, waitFor } from '../support/mobile';
import { JUSTIFICATION, fakedVisit, submitWeakFindings, weakVerdict } from '../support/presenceReview';

// The 疑似虚假工单 queue and one review (GET /api/presence-reviews[/:caseId]) over cases the workflow put on review: a
// faked visit at 温泉 (the terminal's track, check-in and photo through the terminal API; findings with a weak verdict
// and a justification), and one at 鱼岳, outside the station lead's unit. Deciding goes through the case step `review`.

const WQ = demoCustomers().find((c) => c.accountNo === '4210000004')!;
const YY = demoCustomers().find((c) => c.accountNo === '4212000023')!;

let h: Harness;
let t: Record<'supervisor' | 'manager' | 'lead' | 'inspector' | 'admin', string>;
let inside: { id: string; caseNo: string; workflowId: string };
let outside: { id: string; caseNo: string; workflowId: string };
let evidenceId: string;

const list = (token: string, filter: object = {}, extra = '') =>
  api(h.baseUrl, `/api/presence-reviews?filter=${encodeURIComponent(JSON.stringify(filter))}${extra}`, { token });
const detail = (token: string, id: string) => api(h.baseUrl, `/api/presence-reviews/${id}`, { token });
const decide = (token: string, id: string, body: unknown) => api(h.baseUrl, `/api/cases/${id}/actions/review`, { token, body });

beforeAll(async () => {
  h = await startHarness();
  const [supervisor, manager, lead, inspector, admin] = await Promise.all(['supervisor', 'manager', 'lead', 'inspector', 'admin'].map((u) => tokenFor(u)));
  t = { supervisor, manager, lead, inspector, admin };
  const device = newDeviceId('review');
  await bindDevice(h.baseUrl, admin, device, 'inspector');

  inside = await openFieldCase(h, supervisor, WQ.accountNo, 'special');
  await waitFor('offered to inspector', async () => (await h.pool.query("select 1 from cases where id = $1 and assignee = 'inspector'", [inside.id])).rowCount);
  ({ evidenceId } = await fakedVisit(h.baseUrl, inspector, device, inside.id, WQ));
  await submitWeakFindings(h.client, h.pool, inside.workflowId, {
    verdict: weakVerdict([reason('evidence.exif-missing', {}, evidenceId), reason('evidence.far-from-customer', { distanceM: 2300, limitM: 200 }, evidenceId)]),
  });

  outside = await openFieldCase(h, supervisor, YY.accountNo, 'special');
  await submitWeakFindings(h.client, h.pool, outside.workflowId, { result: 'not_confirmed' });
}, 240_000);

afterAll(async () => {
  // cases left open would crowd the demo inspectors' task lists in later tests
  for (const c of [inside, outside].filter(Boolean)) {
    await h.client.workflow.getHandle(c.workflowId)
      .executeUpdate(cancelUpdate, { args: [{ reason: 'presence review test: test data', actor: { username: 'test', roles: ['manager'], orgUnit: 'HB' } }] })
      .catch(() => undefined);
  }
  await h?.stop();
});

describe('the queue', () => {
  test('a supervisor sees both cases on review, newest first, with case no, customer, station, inspector, since, confidence and reason codes', async () => {
    const res = await list(t.supervisor, { id: [inside.id, outside.id] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('presence-reviews 0-1/2');
    const rows = res.body.map((r: unknown) => PresenceReviewRow.parse(r));
    expect(rows.map((r: PresenceReviewRow) => r.id)).toEqual([outside.id, inside.id]);
    const row = rows[1];
    expect(row).toMatchObject({
      caseNo: inside.caseNo, customerAccountNo: WQ.accountNo, customerName: WQ.name, orgUnitId: 'HB.XN.XA.WQ', orgUnitName: expect.stringContaining('温泉'),
      inspector: 'inspector', stage: 'rectification', reasonCount: 4,
    });
    // heaviest first: checkin.outside (0.8), track.jump (0.7), far-from-customer (0.6), exif-missing (0.3)
    expect(row.reasonCodes).toEqual(['checkin.outside', 'track.jump', 'evidence.far-from-customer', 'evidence.exif-missing']);
    expect(row.confidence).toBeCloseTo(0.2 * 0.3 * 0.4 * 0.7, 3);
    expect(Date.now() - Date.parse(row.since)).toBeLessThan(10 * 60_000);
    expect(rows[0]).toMatchObject({ caseNo: outside.caseNo, orgUnitId: 'HB.XN.JY.YY', inspector: 'inspector2', stage: 'assessment' });
  });

  test('sorted, searched and filtered by reason; a bad sort or an unknown reason code is a 400', async () => {
    const asc = await list(t.supervisor, { id: [inside.id, outside.id] }, `&sort=${encodeURIComponent('["since","ASC"]')}`);
    expect(asc.body.map((r: { id: string }) => r.id)).toEqual([inside.id, outside.id]);
    const byNo = await list(t.manager, { q: inside.caseNo });
    expect(byNo.body.map((r: { id: string }) => r.id)).toEqual([inside.id]);
    const byReason = await list(t.supervisor, { id: [inside.id, outside.id], reason: 'evidence.exif-missing' });
    expect(byReason.body.map((r: { id: string }) => r.id)).toEqual([inside.id]);
    expect((await list(t.supervisor, {}, `&sort=${encodeURIComponent('["snapshot","ASC"]')}`)).status).toBe(400);
    expect((await list(t.supervisor, { reason: 'evidence.made-up' })).status).toBe(400);
  });

  test('the station lead sees the case of 温泉 only; an inspector and an admin are refused', async () => {
    const lead = await list(t.lead, { id: [inside.id, outside.id] });
    expect(lead.status).toBe(200);
    expect(lead.body.map((r: { id: string }) => r.id)).toEqual([inside.id]);
    const byNo = await list(t.lead, { q: outside.caseNo });
    expect(byNo.body).toEqual([]);
    for (const who of ['inspector', 'admin'] as const) {
      const res = await list(t[who]);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('one review', () => {
  test('the reasons with their params, the justification, the check-in, the photo\'s declared metadata beside the customer, and the track', async () => {
    const res = await detail(t.supervisor, inside.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const r = PresenceReviewDetail.parse(res.body);
    expect(r).toMatchObject({ id: inside.id, caseNo: inside.caseNo, customerName: WQ.name, inspector: 'inspector', visit: 'current', returnedVisits: 0 });
    expect(r.customer).toEqual({ lat: WQ.lat, lon: WQ.lon });
    expect(r.review).toMatchObject({ status: 'pending', justification: JUSTIFICATION, decidedAt: null, decidedBy: null, note: null });
    expect(r.review.reasons.map((x) => x.code)).toEqual(['checkin.outside', 'track.jump', 'evidence.exif-missing', 'evidence.far-from-customer']);
    expect(r.review.reasons[0].params).toEqual({ distanceM: 2300, radiusM: 200 });
    expect(r.verdict?.weak).toBe(true);
    expect(r.findings).toMatchObject({ result: 'confirmed', problemType: 'wrong_tariff', by: 'inspector' });
    expect(r.rules).toMatchObject({ geofenceRadiusM: expect.any(Number), clockToleranceS: expect.any(Number), minVerifiedPhotos: expect.any(Number) });

    expect(r.checkIns).toHaveLength(1);
    expect(r.checkIns[0]).toMatchObject({ insideGeofence: false, accuracyM: 12 });
    expect(r.checkIns[0].distanceM).toBeGreaterThan(2200);
    expect(Math.abs(r.checkIns[0].clockSkewS ?? 99)).toBeLessThan(30);

    expect(r.evidence).toHaveLength(1);
    const photo = r.evidence[0];
    expect(photo).toMatchObject({ evidenceId, kind: 'photo', contentType: 'image/jpeg', verified: false, status: 'confirmed', by: 'inspector' });
    expect(photo.compare.declaredToCustomerM).toBeGreaterThan(2200);
    expect(photo.compare.declaredToCustomerM).toBeLessThan(2400);
    // the reasons of the verdict that name this photo
    expect(photo.reasons.map((x) => x.code).sort()).toEqual(['evidence.exif-missing', 'evidence.far-from-customer']);
    expect(new URL(photo.url!).searchParams.get('X-Amz-Expires')).toBe('300');
    expect((await fetch(photo.url!)).status).toBe(200);

    // three fixes on one meridian: the drawing keeps the ends of the 5 km jump
    expect(r.track.tracks).toHaveLength(1);
    expect(r.track.tracks[0]).toMatchObject({ username: 'inspector', pointCount: 3 });
    const [first, last] = [r.track.tracks[0].points[0], r.track.tracks[0].points.at(-1)!];
    expect(Math.round((WQ.lat - first.lat) * 111_320)).toBe(5200);
    expect(Math.round((WQ.lat - last.lat) * 111_320)).toBe(2300);
  });

  test('the station lead reads the review of 温泉 but not of 鱼岳 (404); an inspector is refused; a case never on review is a 404 with its code', async () => {
    expect((await detail(t.lead, inside.id)).status).toBe(200);
    const far = await detail(t.lead, outside.id);
    expect(far.status).toBe(404);
    expect(far.body.code).toBe('case.not-visible');
    expect((await detail(t.inspector, inside.id)).status).toBe(403);
    const fresh = await openFieldCase(h, t.supervisor, WQ.accountNo, 'special');
    try {
      const none = await detail(t.supervisor, fresh.id);
      expect(none.status).toBe(404);
      expect(none.body.code).toBe('presence-review.none');
    } finally {
      await api(h.baseUrl, `/api/cases/${fresh.id}/actions/cancel`, { token: t.supervisor, body: { reason: 'presence review test: no review' } });
    }
  });
});

describe('deciding through the case step', () => {
  test('while pending, the rectification order is refused (UnderReview); the lead may not decide; a short note is a 400', async () => {
    const order = await api(h.baseUrl, `/api/cases/${inside.id}/actions/rectification`, { token: t.lead, body: { actions: [{ kind: 'other', note: '待核实' }] } });
    expect(order.status).toBe(409);
    expect(order.body.code).toBe('case-step.under-review');
    const byLead = await decide(t.lead, inside.id, { decision: 'clear', note: '站长想放行此单' });
    expect(byLead.status).toBe(403);
    expect(byLead.body.type).toBe('urn:jicha:case-step:WrongActor');
    expect((await decide(t.supervisor, inside.id, { decision: 'clear', note: '好' })).status).toBe(400);
  });

  test('a supervisor clears the 温泉 visit: it leaves the queue, the review shows the decision, and the order can be issued', async () => {
    const res = await decide(t.supervisor, inside.id, { decision: 'clear', note: '已电话核实客户，确认稽查员到场' });
    expect(res.status).toBe(200);
    expect(res.body.review).toMatchObject({ status: 'cleared', decidedBy: 'supervisor', note: '已电话核实客户，确认稽查员到场' });
    await waitFor('read model: review no longer pending', async () => (await h.pool.query('select 1 from cases where id = $1 and not review_pending', [inside.id])).rowCount);
    expect((await list(t.supervisor, { id: [inside.id] })).body).toEqual([]);
    const r = PresenceReviewDetail.parse((await detail(t.supervisor, inside.id)).body);
    expect(r.review).toMatchObject({ status: 'cleared', decidedBy: 'supervisor' });
    expect(r.visit).toBe('current');
    expect(r.evidence).toHaveLength(1);
    const again = await decide(t.supervisor, inside.id, { decision: 'return', note: '再退回一次试试' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('case-step.no-pending-review');
    const order = await api(h.baseUrl, `/api/cases/${inside.id}/actions/rectification`, { token: t.lead, body: { actions: [{ kind: 'other', note: '核实后下达' }] } });
    expect(order.status).toBe(200);
  });

  test('a manager returns the 鱼岳 visit to field evidence for the same inspector; the review keeps the visit it sent back', async () => {
    const res = await decide(t.manager, outside.id, { decision: 'return', note: '签到位置不可信，请重新到现场取证' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'field_evidence', assignee: 'inspector2', assignment: 'accepted', checkIns: [], evidence: [], findings: null });
    await waitFor('read model: back at field evidence', async () => (await h.pool.query("select 1 from cases where id = $1 and not review_pending and stage = 'field_evidence'", [outside.id])).rowCount);
    expect((await list(t.supervisor, { id: [outside.id] })).body).toEqual([]);
    const r = PresenceReviewDetail.parse((await detail(t.supervisor, outside.id)).body);
    expect(r).toMatchObject({ visit: 'returned', returnedVisits: 1, stage: 'field_evidence' });
    expect(r.review).toMatchObject({ status: 'returned', decidedBy: 'manager', note: '签到位置不可信，请重新到现场取证' });
    expect(r.findings).toMatchObject({ result: 'not_confirmed' });
    const events = await api(h.baseUrl, `/api/cases/${outside.id}/events`, { token: t.supervisor });
    expect(events.body.find((e: { type: string }) => e.type === 'review_decided')?.payload).toMatchObject({ decision: 'return', reasons: ['checkin.outside', 'track.jump'] });
  });
});
