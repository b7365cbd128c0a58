import crypto from 'node:crypto';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { demoCustomers } from '../../db/seed/demoOrg';
import { seedMobileContent } from '../../db/mobileContent';
import { distanceMeters } from '../../domain/geo';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, deviceKey, mobile, newDeviceId, openFieldCase, waitFor } from '../support/mobile';
import { DEVICE_CACHE_MS } from '../../services/devices/deviceBindings';

// The terminal API on the real stack: Keycloak tokens of the jicha-terminal client, Postgres, the real case
// workflow on Temporal (in-process worker on this file's task queue).
let h: Harness;
let t: Record<'inspector' | 'inspector2' | 'supervisor' | 'admin' | 'lead', string>;
let device: string; // bound to inspector
let device2: string; // bound to inspector2

const customer = (accountNo: string) => demoCustomers().find((c) => c.accountNo === accountNo)!;
/** A point `m` metres north of the customer (on the sphere the server's haversine uses: 111 195.08 m per degree). */
const north = (accountNo: string, m: number) => ({ lat: customer(accountNo).lat + m / 111_195.08, lon: customer(accountNo).lon });
const as = (who: keyof typeof t, dev: string | null = who === 'inspector2' ? device2 : device) => ({ token: t[who], device: dev });

beforeAll(async () => {
  h = await startHarness();
  const [inspector, inspector2, supervisor, admin, lead] = await Promise.all(['inspector', 'inspector2', 'supervisor', 'admin', 'lead'].map((u) => tokenFor(u)));
  t = { inspector, inspector2, supervisor, admin, lead };
  device = newDeviceId('insp');
  device2 = newDeviceId('insp2');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
  await bindDevice(h.baseUrl, admin, device2, 'inspector2');
  await seedMobileContent(h.pool);
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('device binding (终端人员维护)', () => {
  test('a bound device works; unbound, unregistered, other users\' and key-less devices, and another key, get one answer', async () => {
    expect((await mobile(h.baseUrl, '/tasks', as('inspector'))).status).toBe(200);

    const unbound = newDeviceId('unbound');
    expect((await mobile(h.baseUrl, '/admin/devices', { token: t.admin, body: { deviceId: unbound, label: 'spare PDA', platform: 'pda', publicKeyJwk: (await deviceKey(unbound)).publicJwk } })).status).toBe(201);
    const keyless = newDeviceId('keyless');
    expect((await mobile(h.baseUrl, '/admin/devices', { token: t.admin, body: { deviceId: keyless, label: 'old PDA', platform: 'pda' } })).status).toBe(201);
    await h.pool.query('update devices set bound_user = $2 where id = $1', [keyless, 'inspector']); // bound before device keys
    const refusals = [
      await mobile(h.baseUrl, '/tasks', as('inspector', unbound)),
      await mobile(h.baseUrl, '/tasks', as('inspector', newDeviceId('ghost'))),
      await mobile(h.baseUrl, '/tasks', as('inspector', device2)),
      await mobile(h.baseUrl, '/tasks', as('inspector', keyless)),
      await mobile(h.baseUrl, '/tasks', { ...as('inspector'), dpop: await deviceKey(device2) }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect(r.body).toEqual(refusals[0].body);
    }
    expect(refusals[0].body).toMatchObject({ code: 'device.not-bound', type: 'urn:jicha:device.not-bound' });
    expect(JSON.stringify(refusals)).not.toContain('inspector2');

    // (a proof of some key, so that the device header is what is missing)
    const r4 = await mobile(h.baseUrl, '/tasks', { ...as('inspector', null), dpop: await deviceKey(device) });
    expect(r4.status).toBe(400);
    expect(r4.body.errors).toEqual([{ path: 'header.X-Device-Id', message: 'required' }]);
    // a refused device changes nothing: a POST from it is refused before any effect
    const r5 = await mobile(h.baseUrl, '/feedback', { ...as('inspector', unbound), body: { category: 'other', text: 'from a spare device' } });
    expect(r5.status).toBe(403);
    expect((await h.pool.query("select count(*)::int as n from feedback where text = 'from a spare device'")).rows[0].n).toBe(0);
  });

  test('binding needs the device\'s key: a device registered without one is refused 422 device.key-missing, zh-CN or en', async () => {
    const d = newDeviceId('nokey');
    expect((await mobile(h.baseUrl, '/admin/devices', { token: t.admin, body: { deviceId: d, label: 'no key', platform: 'pda' } })).status).toBe(201);
    const zh = await mobile(h.baseUrl, `/admin/devices/${d}/bind`, { token: t.admin, body: { username: 'inspector' } });
    expect(zh).toMatchObject({ status: 422, body: { code: 'device.key-missing', type: 'urn:jicha:device.key-missing' } });
    expect(zh.body.detail).toBe(`终端 ${d} 没有登记公钥，不能绑定。请在该终端上打开移动作业终端，由它自动登记；或在登记终端时提供它的公钥。`);
    const en = await api(h.baseUrl, `/api/terminals/${d}/bind`, { token: t.admin, body: { username: 'inspector' }, headers: { 'accept-language': 'en' } });
    expect(en).toMatchObject({ status: 422, body: { code: 'device.key-missing' } });
    expect(en.body.detail).toMatch(/^Terminal .* has no registered public key, so it cannot be bound\./);
    expect((await h.pool.query('select bound_user from devices where id = $1', [d])).rows[0].bound_user).toBeNull();
    // unbinding needs no key; a key given at registration (here in the back office) makes the device bindable
    const withKey = newDeviceId('bo');
    const created = await api(h.baseUrl, '/api/terminals', { token: t.admin, body: { id: withKey, label: 'registered in the back office', platform: 'android', publicKeyJwk: { ...(await deviceKey(withKey)).publicJwk, ext: true } } });
    expect(created.status).toBe(201);
    expect(created.body.publicKeyThumbprint).toEqual(expect.any(String));
    expect((await api(h.baseUrl, `/api/terminals/${withKey}/bind`, { token: t.admin, body: { username: 'inspector' } })).status).toBe(200);
    expect((await mobile(h.baseUrl, '/announcements', as('inspector', withKey))).status).toBe(200);
  });

  test('only admins maintain devices; unbinding blocks the device at once; the history records who held it', async () => {
    const byInspector = await mobile(h.baseUrl, '/admin/devices', { token: t.inspector, body: { deviceId: newDeviceId(), label: 'x', platform: 'ios' } });
    expect(byInspector.status).toBe(403);

    const d = newDeviceId('swap');
    await bindDevice(h.baseUrl, t.admin, d, 'inspector');
    // /me tells whether this request's device is bound to the caller, never which devices are
    expect((await mobile(h.baseUrl, '/me', { token: t.inspector, device: d })).body).toMatchObject({ deviceBound: true });
    expect((await mobile(h.baseUrl, '/me', { token: t.inspector })).body).toMatchObject({ deviceBound: false });
    expect((await mobile(h.baseUrl, '/me', { token: t.inspector })).body).not.toHaveProperty('devices');
    expect((await mobile(h.baseUrl, '/announcements', as('inspector', d))).status).toBe(200);

    const unbind = await mobile(h.baseUrl, `/admin/devices/${d}/unbind`, { token: t.admin, body: {} });
    expect(unbind.status).toBe(200);
    expect(unbind.body).toMatchObject({ id: d, boundUser: null, previousUser: 'inspector' });
    expect((await mobile(h.baseUrl, '/announcements', as('inspector', d))).status).toBe(403);

    const rebind = await mobile(h.baseUrl, `/admin/devices/${d}/bind`, { token: t.admin, body: { username: 'inspector2' } });
    expect(rebind.body).toMatchObject({ boundUser: 'inspector2', boundBy: 'admin', previousUser: null });
    expect((await mobile(h.baseUrl, '/announcements', as('inspector2', d))).status).toBe(200);
    expect((await mobile(h.baseUrl, '/announcements', as('inspector', d))).status).toBe(403);

    const detail = await mobile(h.baseUrl, `/admin/devices/${d}`, { token: t.admin });
    expect(detail.body.history.map((x: { username: string | null }) => x.username)).toEqual(['inspector2', null, 'inspector']);
    const list = await mobile(h.baseUrl, `/admin/devices?boundTo=inspector2`, { token: t.admin });
    expect(list.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([d, device2]));

    // an unbind made by another API replica (here: straight in the database) takes effect within DEVICE_CACHE_MS
    expect((await mobile(h.baseUrl, '/announcements', as('inspector2', d))).status).toBe(200);
    await h.pool.query('update devices set bound_user = null where id = $1', [d]);
    const t0 = Date.now();
    await waitFor('the unbind seen by this replica', async () => (await mobile(h.baseUrl, '/announcements', as('inspector2', d))).status === 403, 10_000);
    expect(Date.now() - t0).toBeLessThanOrEqual(DEVICE_CACHE_MS + 500);

    expect((await mobile(h.baseUrl, `/admin/devices/${d}/bind`, { token: t.admin, body: { username: 'nobody-here' } })).status).toBe(422);
    expect((await mobile(h.baseUrl, '/admin/devices', { token: t.admin, body: { deviceId: d, label: 'again', platform: 'ios' } })).status).toBe(409);
  });
});

describe('tasks and field steps', () => {
  let a: Awaited<ReturnType<typeof openFieldCase>>;
  let b: Awaited<ReturnType<typeof openFieldCase>>;
  const A = '4210000007';
  const B = '4210000008';

  beforeAll(async () => {
    [a, b] = await Promise.all([openFieldCase(h, t.supervisor, A), openFieldCase(h, t.supervisor, B)]);
  }, 120_000);

  test('my tasks: the caller\'s pending cases by deadline with customer summary, stage and escalation tier; paged', async () => {
    const res = await mobile(h.baseUrl, '/tasks?pageSize=100', as('inspector'));
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((x: { caseId: string }) => [a.id, b.id].includes(x.caseId));
    expect(mine).toHaveLength(2);
    expect(mine.find((x: { caseId: string }) => x.caseId === a.id)).toMatchObject({
      caseNo: a.caseNo, stage: 'field_evidence', assignment: 'offered', escalationTier: 0, pendingRole: 'inspector',
      customer: { accountNo: A, name: customer(A).name, address: customer(A).address, tariffCategory: customer(A).tariffCategory },
    });
    const deadlines = res.body.items.map((x: { deadlineAt: string | null }) => (x.deadlineAt ? Date.parse(x.deadlineAt) : Infinity));
    expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
    // other suites may open cases meanwhile: the total lies between counts taken before and after
    const count = async () => (await h.pool.query<{ n: number }>("select count(*)::int as n from cases where pending_user = 'inspector'")).rows[0].n;
    const before = await count();
    const again = await mobile(h.baseUrl, '/tasks?pageSize=5', as('inspector'));
    const after = await count();
    expect(again.body.total).toBeGreaterThanOrEqual(before);
    expect(again.body.total).toBeLessThanOrEqual(after);
    expect(again.body.items).toHaveLength(Math.min(5, again.body.total));

    const p1 = await mobile(h.baseUrl, '/tasks?page=1&pageSize=1', as('inspector'));
    const p2 = await mobile(h.baseUrl, '/tasks?page=2&pageSize=1', as('inspector'));
    expect(p2.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(p2.body.items).toHaveLength(1);
    expect(p2.body.items[0].caseId).not.toBe(p1.body.items[0].caseId);
    expect(Date.parse(p2.body.items[0].deadlineAt ?? '9999-12-31')).toBeGreaterThanOrEqual(Date.parse(p1.body.items[0].deadlineAt ?? '9999-12-31'));

    const other = await mobile(h.baseUrl, '/tasks?pageSize=100', as('inspector2'));
    expect(other.body.items.map((x: { caseId: string }) => x.caseId)).not.toEqual(expect.arrayContaining([a.id]));
    expect((await mobile(h.baseUrl, '/tasks?pageSize=1000', as('inspector'))).status).toBe(400);
  });

  test('task detail: customer 360 summary, location with a geo URI, check items from the judgement, history; navigation', async () => {
    const res = await mobile(h.baseUrl, `/tasks/${a.id}`, as('inspector'));
    expect(res.status).toBe(200);
    const state = await a.handle.query(getStateQuery);
    const c = customer(A);
    expect(res.body).toMatchObject({
      caseId: a.id, caseNo: a.caseNo, stage: 'field_evidence', assignee: 'inspector', assignment: 'offered',
      customer: { accountNo: A, name: c.name, tariffCategory: c.tariffCategory, stationId: 'HB.XN.XA.WQ', summary: { months: 12 } },
      location: { lat: c.lat, lon: c.lon, geoUri: expect.stringMatching(/^geo:29\.\d{6},114\.\d{6}\?q=/) },
      checkItems: state.judgement!.checkItems,
    });
    expect(res.body.customer.summary.avgMonthlyKwh).toBeGreaterThan(0);
    expect(res.body.history.map((e: { type: string }) => e.type)).toEqual(['opened', 'judged', 'stage_entered']);
    expect((await mobile(h.baseUrl, `/tasks/${a.id}`, as('inspector2'))).status).toBe(404);

    const from = north(A, 1000);
    const nav = await mobile(h.baseUrl, `/tasks/${a.id}/navigation?fromLat=${from.lat}&fromLon=${from.lon}`, as('inspector'));
    expect(nav.status).toBe(200);
    expect(nav.body).toMatchObject({ customer: { accountNo: A, address: c.address }, lat: c.lat, lon: c.lon, from: { distanceM: 1000, bearingDeg: 180 } });
    expect(nav.body.geoUri).toBe(`geo:${c.lat.toFixed(6)},${c.lon.toFixed(6)}?q=${c.lat.toFixed(6)},${c.lon.toFixed(6)}(${encodeURIComponent(c.name)})`);
    expect((await mobile(h.baseUrl, `/tasks/${a.id}/navigation?fromLat=1`, as('inspector'))).status).toBe(400);
  });

  test('decline needs a reason; a declined case leaves my tasks; accept is an Update whose refusal comes back as 409', async () => {
    const noReason = await mobile(h.baseUrl, `/tasks/${b.id}/decline`, { ...as('inspector'), body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    const declined = await mobile(h.baseUrl, `/tasks/${b.id}/decline`, { ...as('inspector'), body: { reason: '本人负责的网格外，请改派' } });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ caseId: b.id, stage: 'field_evidence', assignee: null, assignment: 'none', pendingActor: { role: 'station_lead', username: null } });
    await waitFor('read model after decline', async () => (await h.pool.query("select 1 from cases where id = $1 and pending_role = 'station_lead'", [b.id])).rowCount === 1);
    const list = await mobile(h.baseUrl, '/tasks?pageSize=100', as('inspector'));
    expect(list.body.items.map((x: { caseId: string }) => x.caseId)).not.toContain(b.id);
    const leadDevice = newDeviceId('lead');
    await bindDevice(h.baseUrl, t.admin, leadDevice, 'lead');
    const leads = await mobile(h.baseUrl, '/tasks?pageSize=100', { token: t.lead, device: leadDevice });
    expect(leads.body.items.map((x: { caseId: string }) => x.caseId)).toContain(b.id);

    const accepted = await mobile(h.baseUrl, `/tasks/${a.id}/accept`, { ...as('inspector'), body: {} });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ caseId: a.id, assignee: 'inspector', assignment: 'accepted' });
    const again = await mobile(h.baseUrl, `/tasks/${a.id}/accept`, { ...as('inspector'), body: {} });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'urn:jicha:case-step:WrongStage', code: 'case-step.assignment-accepted', detail: '已接单。' });
    // once declined, the case is no longer among the inspector's own cases: not even its existence is confirmed
    const byOther = await mobile(h.baseUrl, `/tasks/${b.id}/accept`, { ...as('inspector'), body: {} });
    expect(byOther.status).toBe(404);
    expect(byOther.body.title).toBe('Not found');
    expect((await mobile(h.baseUrl, `/tasks/${b.id}`, as('inspector'))).status).toBe(404);
  });

  test('check-in outside the geofence is recorded as such (distance computed by the server); inside is recorded as inside', async () => {
    const far = north(A, 850);
    const out = await mobile(h.baseUrl, `/tasks/${a.id}/check-in`, { ...as('inspector'), body: { ...far, accuracyM: 12, deviceTime: new Date().toISOString() } });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ insideGeofence: false, accuracyM: 12 });
    expect(Math.abs(out.body.distanceM - 850)).toBeLessThanOrEqual(1);
    const near = north(A, 40);
    const inside = await mobile(h.baseUrl, `/tasks/${a.id}/check-in`, { ...as('inspector'), body: { ...near, accuracyM: 6, deviceTime: new Date().toISOString() } });
    expect(inside.body).toMatchObject({ insideGeofence: true, distanceM: 40 });
    const s = await a.handle.query(getStateQuery);
    expect(s.checkIns.map((c) => [c.insideGeofence, c.distanceM])).toEqual([[false, out.body.distanceM], [true, 40]]);
    const events = await h.pool.query("select payload from case_events where case_id = $1 and type = 'checked_in' order by seq", [a.id]);
    expect(events.rows.map((r) => r.payload.insideGeofence)).toEqual([false, true]);
    const invalid = await mobile(h.baseUrl, `/tasks/${a.id}/check-in`, { ...as('inspector'), body: { lat: 95, lon: 0, accuracyM: 5, deviceTime: 'yesterday' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['deviceTime', 'lat']);
  });

  test('the same POST sent three times concurrently has one effect and three identical answers; later replays get the first answer', async () => {
    const key = `ck-${crypto.randomUUID()}`;
    const body = { ...north(A, 10), accuracyM: 4, deviceTime: new Date().toISOString() };
    const before = (await a.handle.query(getStateQuery)).checkIns.length;
    const three = await Promise.all([1, 2, 3].map(() => mobile(h.baseUrl, `/tasks/${a.id}/check-in`, { ...as('inspector'), key, body })));
    expect(three.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(three[1].body).toEqual(three[0].body);
    expect(three[2].body).toEqual(three[0].body);
    expect(three.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect((await a.handle.query(getStateQuery)).checkIns.length).toBe(before + 1);
    const logged = await h.pool.query("select count(*)::int as n from case_events where case_id = $1 and type = 'checked_in'", [a.id]);
    expect(logged.rows[0].n).toBe(before + 1);

    const later = await mobile(h.baseUrl, `/tasks/${a.id}/check-in`, { ...as('inspector'), key, body });
    expect(later.body).toEqual(three[0].body);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    // a stored refusal is replayed too
    const refusedKey = `acc-${crypto.randomUUID()}`;
    const refused = await mobile(h.baseUrl, `/tasks/${a.id}/accept`, { ...as('inspector'), key: refusedKey, body: {} });
    const refusedAgain = await mobile(h.baseUrl, `/tasks/${a.id}/accept`, { ...as('inspector'), key: refusedKey, body: {} });
    expect([refused.status, refusedAgain.status]).toEqual([409, 409]);
    expect(refusedAgain.body).toEqual(refused.body);
    expect(refusedAgain.headers.get('content-type')).toMatch(/problem\+json/);

    const otherBody = await mobile(h.baseUrl, `/tasks/${a.id}/check-in`, { ...as('inspector'), key, body: { ...body, accuracyM: 5 } });
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.type).toBe('urn:jicha:idempotency:key-reused');
    expect((await mobile(h.baseUrl, `/tasks/${a.id}/check-in`, { ...as('inspector'), key: null, body })).status).toBe(400);
    expect((await a.handle.query(getStateQuery)).checkIns.length).toBe(before + 1);
    // keys belong to their user: inspector2 may use the same key for their own request
    const theirs = await mobile(h.baseUrl, '/feedback', { ...as('inspector2'), key, body: { category: 'question', text: 'same key, another user' } });
    expect(theirs.status).toBe(201);
  });

  test('GPS track: batches appended, re-sent points ignored; the replay is simplified for drawing', async () => {
    const c = customer(A);
    const t0 = Date.now() - 600_000;
    // an L-shaped walk with GPS jitter: 60 m north-south then 60 m east-west, a fix every 2 m
    const points = Array.from({ length: 61 }, (_, i) => {
      const jitter = ((i * 7919) % 5) / 10 - 0.2; // ±0.2 m
      const [n, e] = i <= 30 ? [i * 2 - 60, jitter] : [jitter, (i - 30) * 2];
      return { lat: c.lat + n / 111_320, lon: c.lon + e / (111_320 * Math.cos((c.lat * Math.PI) / 180)), at: new Date(t0 + i * 2000).toISOString(), accuracyM: 4 };
    });
    const first = await mobile(h.baseUrl, '/track', { ...as('inspector'), body: { caseId: a.id, points: points.slice(0, 40) } });
    expect(first.body).toEqual({ received: 40, stored: 40, duplicates: 0 });
    const second = await mobile(h.baseUrl, '/track', { ...as('inspector'), body: { caseId: a.id, points: points.slice(30) } });
    expect(second.body).toEqual({ received: 31, stored: 21, duplicates: 10 });

    const replay = await mobile(h.baseUrl, `/tasks/${a.id}/track?toleranceM=3`, { token: t.supervisor, device: null });
    expect(replay.status).toBe(401); // the supervisor's token is fine, but terminal routes need the caller's bound device and its proof
    const supDevice = newDeviceId('sup');
    await bindDevice(h.baseUrl, t.admin, supDevice, 'supervisor');
    const r = await mobile(h.baseUrl, `/tasks/${a.id}/track?toleranceM=3`, { token: t.supervisor, device: supDevice });
    expect(r.status).toBe(200);
    expect(r.body.tracks).toHaveLength(1);
    const track = r.body.tracks[0];
    expect(track).toMatchObject({ deviceId: device, username: 'inspector', pointCount: 61, startedAt: points[0].at, endedAt: points[60].at });
    expect(track.points.length).toBeGreaterThanOrEqual(3);
    expect(track.points.length).toBeLessThanOrEqual(5);
    expect(track.points[0]).toEqual({ lat: points[0].lat, lon: points[0].lon, at: points[0].at });
    expect(track.points.at(-1)).toEqual({ lat: points[60].lat, lon: points[60].lon, at: points[60].at });
    expect(track.points.some((p: { lat: number; lon: number }) => distanceMeters(p, c) < 2)).toBe(true); // the corner survives
    expect(Math.abs(track.lengthM - 120)).toBeLessThan(6);
    const full = await mobile(h.baseUrl, `/tasks/${a.id}/track?toleranceM=0`, { token: t.supervisor, device: supDevice });
    expect(full.body.tracks[0].points).toHaveLength(61);

    // b was declined by the inspector: no longer theirs, so no track for it (404, as for any case they may not see)
    const notMine = await mobile(h.baseUrl, '/track', { ...as('inspector'), body: { caseId: b.id, points: points.slice(0, 2) } });
    expect(notMine.status).toBe(404);
  });

  test('findings are an Update: a weak visit (no photos, a track that never approached) is refused with its reasons (422), accepted with a justification', async () => {
    const findings = { result: 'confirmed', problemType: 'wrong_tariff', checklist: [{ code: 'TARIFF_NATURE', passed: false }], summary: '经营性用电执行居民电价' };
    const refused = await mobile(h.baseUrl, `/tasks/${a.id}/findings`, { ...as('inspector'), body: findings });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ type: 'urn:jicha:case-step:PresenceWeak', code: 'case-step:PresenceWeak' });
    expect(refused.body.detail).toMatch(/^现场真实性存疑（可信度 [\d.]+）：.*有效现场照片 0 张，至少需要 2 张/);
    expect(refused.body.errors).toContainEqual({ path: 'presence', code: 'photos.too-few', message: '有效现场照片 0 张，至少需要 2 张', params: { verified: 0, required: 2 } });
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ path: 'presence', code: 'track.no-approach' })); // the L-shaped walk at the door
    const noType = await mobile(h.baseUrl, `/tasks/${a.id}/findings`, { ...as('inspector'), body: { ...findings, problemType: undefined, justification: '相机故障，无法拍照' } });
    expect(noType.status).toBe(422);
    expect(noType.body.detail).toBe('确认存在问题时须选择问题类型。'); // the request's language: zh-CN unless it asks for English
    const ok = await mobile(h.baseUrl, `/tasks/${a.id}/findings`, { ...as('inspector'), body: { ...findings, justification: '相机故障，无法拍照' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ stage: 'rectification', needsSupervisorReview: true, pendingActor: { role: 'station_lead', username: 'lead' } });
    // on review (疑似虚假工单): the read model's queue flag and the verdict's confidence
    const live = await a.handle.query(getStateQuery);
    expect(live.review).toMatchObject({ status: 'pending', justification: '相机故障，无法拍照', reasons: expect.arrayContaining([expect.objectContaining({ code: 'photos.too-few' })]) });
    const row = await waitFor('review pending in the read model', async () => (await h.pool.query('select review_pending, presence_confidence from cases where id = $1 and review_pending', [a.id])).rows[0]);
    expect(row.presence_confidence).toBeCloseTo(live.findings!.presence!.confidence, 3);
    const late = await mobile(h.baseUrl, `/tasks/${a.id}/check-in`, { ...as('inspector'), body: { ...north(A, 5), accuracyM: 4, deviceTime: new Date().toISOString() } });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'case-step.wrong-stage', params: { step: 'check-in', stage: 'rectification', stages: 'field_evidence' } });
    expect(late.body.detail).toBe('工单处于督办整改阶段，不能现场签到（需在现场取证阶段）。');
  });
});

describe('offline batch sync', () => {
  test('queued actions are applied in order, each with its own result: applied, conflict with the reason, duplicate on replay', async () => {
    const X = '4210000009';
    const c = await openFieldCase(h, t.supervisor, X);
    const at = (s: number) => new Date(Date.now() - 3_600_000 + s * 1000).toISOString();
    const id = (n: string) => `sync-${n}-${crypto.randomUUID()}`;
    const onlineNoteKey = id('note-online');
    const online = await mobile(h.baseUrl, `/tasks/${c.id}/note`, { ...as('inspector'), key: onlineNoteKey, body: { text: '到达前电话联系用户' } });
    expect(online.status).toBe(200);
    const items = [
      { clientId: id('accept'), at: at(1), action: 'accept', caseId: c.id, payload: {} },
      { clientId: id('checkin'), at: at(2), action: 'check-in', caseId: c.id, payload: { ...north(X, 30), accuracyM: 7, deviceTime: at(2) } },
      { clientId: id('track'), at: at(3), action: 'track', caseId: c.id, payload: { points: [{ ...north(X, 60), at: at(0) }, { ...north(X, 30), at: at(2) }] } },
      { clientId: id('findings'), at: at(4), action: 'findings', caseId: c.id, payload: { result: 'not_confirmed', checklist: [], summary: '未发现异常' } },
      { clientId: id('decline'), at: at(5), action: 'decline', caseId: c.id, payload: { reason: '已接单后不能拒绝' } },
      { clientId: onlineNoteKey, at: at(6), action: 'note', caseId: c.id, payload: { text: '到达前电话联系用户' } },
      { clientId: id('bad'), at: at(7), action: 'check-in', caseId: c.id, payload: { lat: 'north' } },
      { clientId: id('note'), at: at(8), action: 'note', caseId: c.id, payload: { text: '用户不在家，已留言' } },
    ];
    // the terminal says what its clock reads as it sends the batch (the app does on every request)
    const res = await mobile(h.baseUrl, '/sync', { ...as('inspector'), body: { items }, headers: { 'x-device-time': new Date().toISOString() } });
    expect(res.status).toBe(200);
    const r = res.body.results;
    expect(r.map((x: { clientId: string }) => x.clientId)).toEqual(items.map((i) => i.clientId));
    expect(r.map((x: { status: string; httpStatus: number }) => [x.status, x.httpStatus])).toEqual([
      ['applied', 200], ['applied', 200], ['applied', 200], ['conflict', 422], ['conflict', 409], ['duplicate', 200], ['conflict', 400], ['applied', 200],
    ]);
    // The fix was taken an hour ago and arrives now; the device's clock, read as it sent the batch, is right: the
    // check-in was queued, not faked, and counts as inside (without X-Device-Time it would look an hour skewed).
    expect(r[1].result).toMatchObject({ insideGeofence: true, distanceM: 30 });
    expect(Math.abs(r[1].result.clockSkewS)).toBeLessThan(60);
    expect(r[2].result).toEqual({ received: 2, stored: 2, duplicates: 0 });
    expect(r[3]).toMatchObject({ code: 'case-step:PresenceWeak', reason: expect.stringMatching(/^现场真实性存疑/) });
    expect(r[3].errors).toContainEqual({ path: 'presence', code: 'photos.too-few', message: '有效现场照片 0 张，至少需要 2 张', params: { verified: 0, required: 2 } });
    expect(r[3].errors.map((e: { code: string }) => e.code)).not.toContain('checkin.clock-skew');
    expect(r[4]).toMatchObject({ code: 'case-step.accepted-no-decline', reason: '已接的工单不能退单，请联系供电所长改派。' });
    expect(r[5].result).toEqual(online.body);
    expect(r[6]).toMatchObject({ code: 'request.sync-invalid-fields', params: { step: 'check-in' }, reason: expect.stringMatching(/^“现场签到”操作中有不符合要求的字段：/) });

    const s = await c.handle.query(getStateQuery);
    expect(s).toMatchObject({ stage: 'field_evidence', assignment: 'accepted' });
    expect(s.checkIns).toHaveLength(1);
    expect(s.notes.map((n) => n.text)).toEqual(['到达前电话联系用户', '用户不在家，已留言']);

    // the terminal did not hear back and sends the same queue again: nothing is applied twice
    const again = await mobile(h.baseUrl, '/sync', { ...as('inspector'), body: { items } });
    expect(again.body.results.map((x: { status: string; httpStatus: number }) => [x.status, x.httpStatus])).toEqual([
      ['duplicate', 200], ['duplicate', 200], ['duplicate', 200], ['duplicate', 422], ['duplicate', 409], ['duplicate', 200], ['conflict', 400], ['duplicate', 200],
    ]);
    expect(again.body.results[3].reason).toBe(r[3].reason);
    const after = await c.handle.query(getStateQuery);
    expect(after.checkIns).toHaveLength(1);
    expect(after.notes).toHaveLength(2);
    expect(after.eventSeq).toBe(s.eventSeq);
    // a clientId reused for a different action is a conflict, not a duplicate
    const reused = await mobile(h.baseUrl, '/sync', { ...as('inspector'), body: { items: [{ ...items[7], payload: { text: '另一条备注' } }] } });
    expect(reused.body.results[0]).toMatchObject({ status: 'conflict', httpStatus: 422 });
    expect(reused.body.results[0].reason).toMatch(/已用于另一个请求/);
  });
});

describe('custom audit and public query', () => {
  test('custom audit: search customers in the caller\'s unit, start a case with origin custom (idempotent)', async () => {
    const byPrefix = await mobile(h.baseUrl, '/customers?q=421000001', as('inspector'));
    expect(byPrefix.status).toBe(200);
    expect(byPrefix.body.map((x: { accountNo: string }) => x.accountNo)).toEqual(['4210000010', '4210000011', '4210000012', '4210000013', '4210000014', '4210000015', '4210000016', '4210000017', '4210000018']);
    const byName = await mobile(h.baseUrl, `/customers?q=${encodeURIComponent('合作社')}`, as('inspector'));
    expect(byName.body).toEqual([expect.objectContaining({ accountNo: '4210000001', name: '咸安区金桂农民专业合作社' })]);
    const byAddress = await mobile(h.baseUrl, `/customers?q=${encodeURIComponent('鱼岳镇')}`, as('inspector'));
    expect(byAddress.body).toEqual([]); // Jiayu's customers are outside the Wenquan inspector's unit
    expect((await mobile(h.baseUrl, `/customers?q=${encodeURIComponent('鱼岳镇')}`, as('inspector2'))).body.length).toBeGreaterThan(0);

    // a customer of this run: one with an open case (from an earlier run) would get that case back, not a new one
    const fresh = `4212${String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const imported = await api(h.baseUrl, '/api/imports/customers', { token: t.admin, body: `account_no,name,address,tariff_category,station_id\n${fresh},自定义稽查测试户,咸宁市嘉鱼县鱼岳镇 21 号,residential,HB.XN.JY.YY`, headers: { 'content-type': 'text/csv' } });
    expect(imported.body).toMatchObject({ rejected: [] });
    const key = `custom-${crypto.randomUUID()}`;
    const note = `现场发现私拉乱接 ${key.slice(-8)}`;
    const started = await mobile(h.baseUrl, '/custom-cases', { ...as('inspector2'), key, body: { customerAccountNo: fresh, note } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ customerAccountNo: fresh, origin: 'custom', createdBy: 'inspector2', orgUnitId: 'HB.XN.JY.YY', note });
    const replay = await mobile(h.baseUrl, '/custom-cases', { ...as('inspector2'), key, body: { customerAccountNo: fresh, note } });
    expect(replay.body.id).toBe(started.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const count = await h.pool.query('select count(*)::int as n from cases where customer_account_no = $1 and note = $2', [fresh, note]);
    expect(count.rows[0].n).toBe(1);
    const wf = await h.client.workflow.getHandle(started.body.workflowId).describe();
    expect(wf.type).toBe('inspectionCase');
    await waitFor('custom case in my tasks', async () => {
      const l = await mobile(h.baseUrl, '/tasks?pageSize=100', as('inspector2'));
      return l.body.items.some((x: { caseId: string; origin: string }) => x.caseId === started.body.id && x.origin === 'custom');
    });

    const outside = await mobile(h.baseUrl, '/custom-cases', { ...as('inspector'), body: { customerAccountNo: fresh } });
    expect(outside.status).toBe(403);
    const unknown = await mobile(h.baseUrl, '/custom-cases', { ...as('inspector'), body: { customerAccountNo: '4219999999' } });
    expect(unknown.status).toBe(422);
  });

  test('public query: customer 360 with billing, payments, consumption series, work orders and readings, scoped to the caller\'s unit', async () => {
    await h.pool.query(
      `insert into work_orders (order_no, account_no, kind, status, applied_on, completed_on, capacity_kva, note)
       values ('YK-TEST-0001', '4210000001', 'capacity_increase', 'connected', '2025-03-02', '2025-03-20', 16, '增容至 16 kVA') on conflict do nothing`,
    );
    await h.pool.query("insert into payments (payment_no, account_no, paid_on, amount_yuan, channel) values ('PAY-TEST-0001', '4210000001', '2025-05-08', 123.45, 'wechat') on conflict do nothing");
    // the utility's metering visits of the last 90 days (completed ones only): a replacement 10 days ago, one cancelled
    const doneAt = new Date(Date.now() - 10 * 86_400_000);
    await h.pool.query(
      `insert into metering_work_orders (order_no, account_no, kind, status, applied_on, done_at) values
         ('JL-TEST-0001', '4210000001', 'meter_replacement', 'completed', $1::date, $2::timestamptz), ('JL-TEST-0002', '4210000001', 'rotation', 'cancelled', $1::date, null)
       on conflict (order_no) do update set done_at = excluded.done_at, applied_on = excluded.applied_on`,
      [doneAt.toISOString().slice(0, 10), doneAt],
    );
    const res = await mobile(h.baseUrl, '/customers/4210000001?months=6&days=10', as('inspector'));
    expect(res.status).toBe(200);
    expect(res.body.archive).toMatchObject({ accountNo: '4210000001', name: '咸安区金桂农民专业合作社', tariffCategory: 'residential', whitelist: true, geoUri: expect.stringMatching(/^geo:/) });
    expect(res.body.billing.bills).toHaveLength(6);
    expect(res.body.billing.bills.at(-1).month).toBe(res.body.billing.latestMonth);
    expect(res.body.consumption.monthly).toEqual(res.body.billing.bills.map((b: { month: string; kwh: number }) => ({ month: b.month, kwh: b.kwh })));
    expect(res.body.consumption.daily).toHaveLength(10);
    expect(res.body.billing.payments).toEqual(expect.arrayContaining([{ paymentNo: 'PAY-TEST-0001', paidOn: '2025-05-08', amountYuan: 123.45, channel: 'wechat' }]));
    expect(res.body.workOrders).toEqual(expect.arrayContaining([expect.objectContaining({ orderNo: 'YK-TEST-0001', kind: 'capacity_increase', capacityKva: 16 })]));
    expect(res.body.meteringVisits).toEqual([{ orderNo: 'JL-TEST-0001', kind: 'meter_replacement', doneAt: doneAt.toISOString() }]);
    expect((await mobile(h.baseUrl, '/customers/4212000020', as('inspector'))).status).toBe(404);
    const jiayu = await mobile(h.baseUrl, '/customers/4212000020', as('inspector2'));
    expect(jiayu.body.meterEvents).toEqual([expect.objectContaining({ kind: 'cover_open' })]);
  });

  test('regulations and notices, announcements by org unit, feedback', async () => {
    const regs = await mobile(h.baseUrl, '/regulations', as('inspector'));
    expect(regs.status).toBe(200);
    expect(regs.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(['reg-business-rules-1996', 'notice-whitelist-campaign']));
    const notices = await mobile(h.baseUrl, `/regulations?kind=notice&q=${encodeURIComponent('白名单')}`, as('inspector'));
    expect(notices.body.items.map((r: { id: string }) => r.id)).toEqual(['notice-whitelist-campaign']);
    const one = await mobile(h.baseUrl, '/regulations/reg-business-rules-1996', as('inspector'));
    expect(one.body).toMatchObject({ title: '供电营业规则（1996）', effectiveOn: '1996-10-08', body: expect.stringContaining('第一百条') });
    expect((await mobile(h.baseUrl, '/regulations/no-such-thing', as('inspector'))).status).toBe(404);

    const title = `嘉鱼县停电检修通知 ${crypto.randomUUID().slice(0, 6)}`;
    const posted = await mobile(h.baseUrl, '/admin/announcements', { token: t.admin, body: { title, body: '周六 9:00–12:00 鱼岳镇线路检修。', orgUnitId: 'HB.XN.JY' } });
    expect(posted.status).toBe(201);
    const wq = (await mobile(h.baseUrl, '/announcements', as('inspector'))).body.map((a: { title: string }) => a.title);
    const yy = (await mobile(h.baseUrl, '/announcements', as('inspector2'))).body.map((a: { title: string }) => a.title);
    expect(wq).toEqual(expect.arrayContaining(['移动作业终端正式启用', '本月稽查主题：居民电价执行情况', '欢迎反馈终端使用问题']));
    expect(wq).not.toContain(title);
    expect(yy).toEqual(expect.arrayContaining([title, '移动作业终端正式启用']));
    expect(yy).not.toContain('本月稽查主题：居民电价执行情况');
    expect(wq[0]).toBe('移动作业终端正式启用'); // pinned first
    expect((await mobile(h.baseUrl, '/admin/announcements', { token: t.inspector, body: { title: 'x1', body: 'y1' } })).status).toBe(403);

    const fb = await mobile(h.baseUrl, '/feedback', { ...as('inspector'), body: { category: 'suggestion', text: '希望导航能显示表箱位置', appVersion: '1.0.0' } });
    expect(fb.status).toBe(201);
    const row = (await h.pool.query('select username, org_unit_id, device_id, category, text, app_version, status from feedback where id = $1', [fb.body.id])).rows[0];
    expect(row).toEqual({ username: 'inspector', org_unit_id: 'HB.XN.XA.WQ', device_id: device, category: 'suggestion', text: '希望导航能显示表箱位置', app_version: '1.0.0', status: 'open' });
    expect((await mobile(h.baseUrl, '/feedback', { ...as('inspector'), body: { category: 'rant', text: 'x' } })).status).toBe(400);
  });
});

test('OpenAPI 3.1 documents every terminal route with its policy, generated from the zod schemas; Swagger UI serves it', async () => {
  const doc = await api(h.baseUrl, '/api/openapi.json');
  expect(doc.body.openapi).toBe('3.1.0');
  const paths = Object.keys(doc.body.paths).filter((p) => p.startsWith('/mobile/v1/'));
  expect(paths).toEqual(expect.arrayContaining([
    '/mobile/v1/me', '/mobile/v1/tasks', '/mobile/v1/tasks/{id}', '/mobile/v1/tasks/{id}/accept', '/mobile/v1/tasks/{id}/decline', '/mobile/v1/tasks/{id}/check-in',
    '/mobile/v1/tasks/{id}/findings', '/mobile/v1/tasks/{id}/navigation', '/mobile/v1/track', '/mobile/v1/tasks/{id}/track', '/mobile/v1/tasks/{id}/evidence',
    '/mobile/v1/tasks/{id}/evidence/{evidenceId}/confirm', '/mobile/v1/customers', '/mobile/v1/customers/{accountNo}', '/mobile/v1/custom-cases',
    '/mobile/v1/regulations', '/mobile/v1/announcements', '/mobile/v1/feedback', '/mobile/v1/sync', '/mobile/v1/admin/devices', '/mobile/v1/admin/devices/{deviceId}/bind',
  ]));
  const checkIn = doc.body.paths['/mobile/v1/tasks/{id}/check-in'].post;
  expect(checkIn['x-policy']).toEqual({ roles: ['inspector'], scope: 'org' });
  expect(checkIn.requestBody.content['application/json'].schema.required).toEqual(['lat', 'lon', 'accuracyM', 'deviceTime']);
  expect(checkIn.summary).toMatch(/Idempotency-Key/);
  expect(doc.body.paths['/mobile/v1/sync'].post.responses['200'].content['application/json'].schema.properties.results.items.properties.status.enum).toEqual(['applied', 'duplicate', 'conflict']);
  const ui = await fetch(`${h.baseUrl}/docs/`);
  expect(ui.status).toBe(200);
  expect(await ui.text()).toMatch(/swagger-ui/i);
});
