import crypto from 'node:crypto';
import { insertFeedback, seedMobileContent } from '../../db/mobileContent';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, deviceKey, mobile, newDeviceId } from '../support/mobile';
import { jwkThumbprint } from '../../client/dpop';
import { listDevices } from '../../db/devices';
import { listPersonnel } from '../../db/personnel';
import { deviceInScope, personInScope } from '../../services/access/deviceScope';

// Back-office content on the real stack: announcements, regulations, feedback with its status workflow,
// consultations (咨询管理), terminals ↔ personnel. Demo users: supervisor and manager at HB.XN, admin at HB,
// inspector and lead at HB.XN.XA.WQ, inspector2 at HB.XN.JY.YY.
type Who = 'inspector' | 'inspector2' | 'lead' | 'supervisor' | 'manager' | 'admin';
let h: Harness;
let t: Record<Who, string>;
let device: string; // bound to inspector

/** An org unit outside HB.XN (inside HB): its rows are out of the supervisor's and manager's sight. */
const OTHER_CITY = 'HB.ZZTEST';

const call = (who: Who, path: string, init: { method?: string; body?: unknown } = {}) => api(h.baseUrl, `/api${path}`, { token: t[who], ...init });
const fieldPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  const who: Who[] = ['inspector', 'inspector2', 'lead', 'supervisor', 'manager', 'admin'];
  const tokens = await Promise.all(who.map((u) => tokenFor(u)));
  t = Object.fromEntries(who.map((u, i) => [u, tokens[i]])) as Record<Who, string>;
  await seedMobileContent(h.pool);
  await h.pool.query(`insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, 'HB', 'city', '测试市公司', 'Test City Co.') on conflict (id) do nothing`, [OTHER_CITY]);
  device = newDeviceId('bo');
  await bindDevice(h.baseUrl, t.admin, device, 'inspector');
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

describe('announcements', () => {
  test('managers publish inside their unit; readers see what reaches them; edit, withdraw, scope and validation', async () => {
    const title = `检修通知 ${crypto.randomUUID().slice(0, 8)}`;
    const created = await call('manager', '/announcements', { body: { title, body: '周六 9:00–12:00 鱼岳镇线路检修。', orgUnitId: 'HB.XN.JY', pinned: true } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title, orgUnitId: 'HB.XN.JY', orgUnitName: '嘉鱼县供电公司', pinned: true, state: 'current', editable: true, createdBy: 'manager' });
    const id = created.body.id as string;

    const titles = async (who: Who) => (await call(who, `/announcements?filter=${encodeURIComponent(JSON.stringify({ q: title }))}`)).body.map((a: { title: string }) => a.title);
    expect(await titles('inspector2')).toEqual([title]); // HB.XN.JY.YY lies under HB.XN.JY
    expect(await titles('inspector')).toEqual([]); // HB.XN.XA.WQ does not
    const seen = await call('inspector2', `/announcements/${id}`);
    expect(seen.body.editable).toBe(false);
    expect((await call('inspector', `/announcements/${id}`)).status).toBe(404);
    // the terminal reads the same row
    expect((await mobile(h.baseUrl, '/announcements', { token: t.inspector, device })).body.map((a: { title: string }) => a.title)).not.toContain(title);

    expect((await call('supervisor', '/announcements', { body: { title: 'x2', body: 'y2' } })).status).toBe(403);
    expect((await call('manager', '/announcements', { body: { title: 'to all', body: 'everyone', orgUnitId: null } })).status).toBe(403);
    expect((await call('manager', '/announcements', { body: { title: 'elsewhere', body: 'other city', orgUnitId: OTHER_CITY } })).status).toBe(403);
    const unknownUnit = await call('manager', '/announcements', { body: { title: 'nowhere', body: 'no such unit', orgUnitId: 'HB.XN.NOPE' } });
    expect(unknownUnit.status).toBe(422);
    expect(fieldPaths(unknownUnit.body)).toEqual(['orgUnitId']);
    const bad = await call('manager', '/announcements', {
      body: { title: 'x', body: 'ok body', publishedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-11-01T00:00:00Z', colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body).sort()).toEqual(['colour', 'expiresAt', 'title']);
    const badDates = await call('manager', '/announcements', { body: { title: 'dates', body: 'ok body', publishedAt: '2026-12-01T00:00:00Z', expiresAt: '2026-11-01T00:00:00Z' } });
    expect(badDates.status).toBe(400);
    expect(fieldPaths(badDates.body)).toEqual(['expiresAt']);

    const later = '2099-01-01T00:00:00.000Z';
    const edited = await call('manager', `/announcements/${id}`, { method: 'PUT', body: { title: `${title}（改期）`, body: '改期至下周六。', orgUnitId: 'HB.XN.JY', pinned: false, publishedAt: later } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: `${title}（改期）`, pinned: false, publishedAt: later, state: 'scheduled', updatedBy: 'manager' });
    const scheduled = await call('manager', `/announcements?filter=${encodeURIComponent(JSON.stringify({ state: 'scheduled', q: title }))}`);
    expect(scheduled.body.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(scheduled.headers.get('content-range')).toBe('announcements 0-0/1');

    // an announcement from the province (admin at HB, to everyone) is visible to the manager but not theirs to change
    const fromAbove = await call('admin', '/announcements', { body: { title: `全省 ${title}`, body: '全省通知。', orgUnitId: null } });
    expect(fromAbove.status).toBe(201);
    expect((await call('manager', `/announcements/${fromAbove.body.id}`)).body.editable).toBe(false);
    expect((await call('manager', `/announcements/${fromAbove.body.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await call('admin', `/announcements/${fromAbove.body.id}`, { method: 'DELETE' })).status).toBe(200);

    expect((await call('manager', `/announcements/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await call('manager', `/announcements/${id}`)).status).toBe(404);
  });
});

describe('regulations', () => {
  test('managers add, change and remove documents; everyone reads them; duplicates 409, bad fields 400', async () => {
    const id = `notice-test-${crypto.randomUUID().slice(0, 8)}`;
    const doc = { id, kind: 'notice', title: '关于加强违约用电核查的通知', issuer: '国网咸宁供电公司营销部', docNo: '咸供营销〔测试〕9号', effectiveOn: '2026-11-01', summary: '核查要求。', body: '现场核查须拍照取证。' };
    const created = await call('manager', '/regulations', { body: doc });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...doc, updatedBy: 'manager' });
    expect((await call('manager', '/regulations', { body: doc })).status).toBe(409);
    expect((await call('inspector', '/regulations', { body: { ...doc, id: `${id}-x` } })).status).toBe(403);
    const bad = await call('admin', '/regulations', { body: { ...doc, id: 'Bad Id', effectiveOn: '2026-13-01' } });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body).sort()).toEqual(['effectiveOn', 'id']);

    const generated = await call('admin', '/regulations', { body: { ...doc, id: undefined, kind: 'regulation' } });
    expect(generated.status).toBe(201);
    expect(generated.body.id).toMatch(/^regulation-[0-9a-f]{8}$/);

    const list = await call('inspector', `/regulations?filter=${encodeURIComponent(JSON.stringify({ id: [id, generated.body.id] }))}&sort=${encodeURIComponent('["kind","ASC"]')}`);
    expect(list.status).toBe(200);
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([id, generated.body.id]); // notice < regulation
    expect(list.body[0].body).toBeUndefined(); // lists carry no full text

    const { id: _omit, ...fields } = doc;
    const edited = await call('manager', `/regulations/${id}`, { method: 'PUT', body: { ...fields, summary: '修订后的核查要求。', docNo: null } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ summary: '修订后的核查要求。', docNo: null });
    const onTerminal = await mobile(h.baseUrl, `/regulations/${id}`, { token: t.inspector, device });
    expect(onTerminal.body.summary).toBe('修订后的核查要求。');

    for (const r of [id, generated.body.id]) expect((await call('manager', `/regulations/${r}`, { method: 'DELETE' })).status).toBe(200);
    expect((await call('manager', `/regulations/${id}`)).status).toBe(404);
  });
});

describe('feedback', () => {
  test('terminal feedback moves open → in_progress → answered → reopened → closed; illegal moves 409; the sender reads the reply', async () => {
    const sent = await mobile(h.baseUrl, '/feedback', { token: t.inspector, device, body: { category: 'bug', text: `导航无法定位 ${crypto.randomUUID().slice(0, 6)}` } });
    expect(sent.status).toBe(201);
    const id = sent.body.id as string;
    const path = `/feedback/${id}`;

    const shown = await call('supervisor', path);
    expect(shown.body).toMatchObject({ status: 'open', username: 'inspector', userName: '李稽查', orgUnitId: 'HB.XN.XA.WQ', deviceId: device, actions: ['start', 'answer', 'close'] });
    const open = await call('supervisor', `/feedback?filter=${encodeURIComponent(JSON.stringify({ status: 'open', username: 'inspector' }))}&range=[0,499]`);
    expect(open.body.map((f: { id: string }) => f.id)).toContain(id);

    expect((await call('inspector', path)).status).toBe(403);
    const noReply = await call('supervisor', `${path}/answer`, { body: {} });
    expect(noReply.status).toBe(400);
    expect(fieldPaths(noReply.body)).toEqual(['reply']);
    expect((await call('supervisor', `${path}/promote`, { body: {} })).status).toBe(400);
    expect((await call('supervisor', `${path}/reopen`, { body: {} })).status).toBe(409);

    const started = await call('supervisor', `${path}/start`, { body: {} });
    expect(started.body).toMatchObject({ status: 'in_progress', handledBy: 'supervisor', actions: ['answer', 'close'] });
    expect((await call('manager', `${path}/start`, { body: {} })).status).toBe(409);
    const answered = await call('manager', `${path}/answer`, { body: { reply: '已修复，请升级到 1.0.1。' } });
    expect(answered.body).toMatchObject({ status: 'answered', reply: '已修复，请升级到 1.0.1。', repliedBy: 'manager', handledBy: 'supervisor' });
    const mine = await mobile(h.baseUrl, '/feedback', { token: t.inspector, device });
    expect(mine.body.find((f: { id: string }) => f.id === id)).toMatchObject({ status: 'answered', reply: '已修复，请升级到 1.0.1。' });

    const conflict = await call('supervisor', `${path}/answer`, { body: { reply: '再答一次' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'content.illegal-transition', params: { contentKind: 'feedback', contentStatus: 'answered', contentAction: 'answer' } });
    expect(conflict.body.detail).toContain('已答复');
    expect((await call('supervisor', `${path}/reopen`, { body: {} })).body.status).toBe('in_progress');
    const closed = await call('supervisor', `${path}/close`, { body: { reply: '重复问题，关闭。' } });
    expect(closed.body).toMatchObject({ status: 'closed', reply: '重复问题，关闭。', actions: ['reopen'] });
  });

  test('two concurrent starts: exactly one wins, the other is 409', async () => {
    const id = crypto.randomUUID();
    await insertFeedback(h.pool, { id, username: 'inspector', orgUnitId: 'HB.XN.XA.WQ', deviceId: null, category: 'suggestion', text: 'concurrent' });
    const both = await Promise.all([call('supervisor', `/feedback/${id}/start`, { body: {} }), call('manager', `/feedback/${id}/start`, { body: {} })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  test('feedback from another city is invisible to the city\'s supervisor, visible to the province admin', async () => {
    const id = crypto.randomUUID();
    await insertFeedback(h.pool, { id, username: 'someone', orgUnitId: OTHER_CITY, deviceId: null, category: 'other', text: 'elsewhere' });
    expect((await call('supervisor', `/feedback/${id}`)).status).toBe(404);
    expect((await call('supervisor', `/feedback/${id}/start`, { body: {} })).status).toBe(404);
    const list = await call('supervisor', `/feedback?filter=${encodeURIComponent(JSON.stringify({ id }))}`);
    expect(list.body).toEqual([]);
    expect((await call('admin', `/feedback/${id}/start`, { body: {} })).body.status).toBe('in_progress');
  });
});

describe('consultations (咨询管理)', () => {
  test('an inspector asks, a supervisor answers citing a regulation, the asker closes; scope, roles and illegal moves', async () => {
    const subject = `商业用电认定 ${crypto.randomUUID().slice(0, 6)}`;
    const bad = await call('inspector', '/consultations', { body: { topic: 'weather', subject: 'x', question: 'short' } });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body).sort()).toEqual(['subject', 'topic']);
    expect((await call('inspector', '/consultations', { body: { topic: 'tariff', subject, question: '合作社开餐馆按什么电价？', caseId: crypto.randomUUID() } })).status).toBe(422);

    const asked = await call('inspector', '/consultations', { body: { topic: 'tariff', subject, question: '合作社实际经营餐馆，是否按一般工商业电价改类？' } });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'open', askedBy: 'inspector', askedByName: '李稽查', orgUnitId: 'HB.XN.XA.WQ', actions: ['close'] });
    const id = asked.body.id as string;
    const path = `/consultations/${id}`;

    expect((await call('lead', path)).body.actions).toEqual([]); // same station: reads it, may not answer or close
    expect((await call('inspector2', path)).status).toBe(404); // another station
    expect((await call('admin', path)).status).toBe(403); // admins manage configuration, not consultations
    expect((await call('supervisor', path)).body.actions).toEqual(['answer', 'close']);
    const mine = await call('inspector', `/consultations?filter=${encodeURIComponent(JSON.stringify({ mine: true, status: 'open' }))}&range=[0,499]`);
    expect(mine.body.map((k: { id: string }) => k.id)).toContain(id);

    expect((await call('lead', `${path}/answer`, { body: { answer: '按规定改类。' } })).status).toBe(403);
    expect((await call('supervisor', `${path}/answer`, { body: { answer: '按规定改类。', regulationId: 'no-such-doc' } })).status).toBe(422);
    const empty = await call('supervisor', `${path}/answer`, { body: { answer: ' ' } });
    expect(empty.status).toBe(400);
    expect(fieldPaths(empty.body)).toEqual(['answer']);
    const answered = await call('supervisor', `${path}/answer`, { body: { answer: '用电性质为经营性，应改为一般工商业电价并追补差额。', regulationId: 'reg-business-rules-1996' } });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answeredBy: 'supervisor', regulationId: 'reg-business-rules-1996', regulationTitle: '供电营业规则（1996）' });
    expect((await call('manager', `${path}/answer`, { body: { answer: '再答一次。' } })).status).toBe(409);

    expect((await call('lead', `${path}/close`, { body: {} })).body).toMatchObject({ status: 403, type: 'urn:jicha:consultation:not-asker' });
    const closed = await call('inspector', `${path}/close`, { body: {} });
    expect(closed.body).toMatchObject({ status: 'closed', closedBy: 'inspector', actions: [] });
    expect((await call('inspector', `${path}/close`, { body: {} })).status).toBe(409);
  });

  test('asked from a terminal once per Idempotency-Key; the asker lists theirs with the answers', async () => {
    const key = crypto.randomUUID();
    const body = { topic: 'penalty', subject: '窃电时间无法确定', question: '窃电起始时间无法确定时按多少天计算？' };
    const first = await mobile(h.baseUrl, '/consultations', { token: t.inspector, device, key, body });
    expect(first.status).toBe(201);
    const again = await mobile(h.baseUrl, '/consultations', { token: t.inspector, device, key, body });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(first.body.deviceId).toBe(device);
    await call('manager', `/consultations/${first.body.id}/answer`, { body: { answer: '按规则集中的缺省天数计算。' } });
    const mine = await mobile(h.baseUrl, '/consultations', { token: t.inspector, device });
    expect(mine.body.filter((k: { id: string }) => k.id === first.body.id)).toMatchObject([{ status: 'answered', answer: '按规则集中的缺省天数计算。' }]);
  });
});

describe('terminals ↔ personnel (终端人员维护)', () => {
  test('an admin registers, binds, rebinds and unbinds a terminal; the terminal follows at once; others are refused', async () => {
    const id = newDeviceId('pda');
    expect((await call('supervisor', '/terminals')).status).toBe(403);
    const bad = await call('admin', '/terminals', { body: { id: 'x', label: '', platform: 'nokia' } });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body).sort()).toEqual(['id', 'label', 'platform']);
    // with the terminal's public key (what the terminal registers itself on first run): without it, no binding
    const key = await deviceKey(id);
    const reg = await call('admin', '/terminals', { body: { id, label: '鱼岳所 PDA 1', platform: 'pda', model: 'UROVO i6310', publicKeyJwk: key.publicJwk } });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ id, boundUser: null, registeredBy: 'admin', history: [], publicKeyThumbprint: await jwkThumbprint(key.publicJwk) });
    expect((await call('admin', '/terminals', { body: { id, label: 'again', platform: 'pda' } })).status).toBe(409);

    expect((await mobile(h.baseUrl, '/announcements', { token: t.inspector2, device: id })).status).toBe(403);
    const unknown = await call('admin', `/terminals/${id}/bind`, { body: { username: 'nobody-here' } });
    expect(unknown.status).toBe(422);
    expect(fieldPaths(unknown.body)).toEqual(['username']);
    const bound = await call('admin', `/terminals/${id}/bind`, { body: { username: 'inspector2' } });
    expect(bound.body).toMatchObject({ boundUser: 'inspector2', boundBy: 'admin', previousUser: null });
    expect((await mobile(h.baseUrl, '/announcements', { token: t.inspector2, device: id })).status).toBe(200);

    const people = await call('admin', `/personnel?filter=${encodeURIComponent(JSON.stringify({ id: ['inspector2'] }))}`);
    expect(people.body).toEqual([expect.objectContaining({ id: 'inspector2', displayName: '王用检', orgUnitId: 'HB.XN.JY.YY', devices: expect.arrayContaining([id]) })]);
    const boundList = await call('admin', `/terminals?filter=${encodeURIComponent(JSON.stringify({ boundTo: 'inspector2', q: id }))}`);
    expect(boundList.body.map((d: { id: string }) => d.id)).toEqual([id]);

    const rebound = await call('admin', `/terminals/${id}/bind`, { body: { username: 'lead' } });
    expect(rebound.body).toMatchObject({ boundUser: 'lead', previousUser: 'inspector2' });
    expect((await mobile(h.baseUrl, '/announcements', { token: t.inspector2, device: id })).status).toBe(403);
    const edited = await call('admin', `/terminals/${id}`, { method: 'PUT', body: { label: '温泉所 PDA 1', platform: 'pda', model: null } });
    expect(edited.body).toMatchObject({ label: '温泉所 PDA 1', model: null, boundUser: 'lead' });

    const unbound = await call('admin', `/terminals/${id}/unbind`, { body: {} });
    expect(unbound.body).toMatchObject({ boundUser: null, previousUser: 'lead' });
    expect(unbound.body.history.map((x: { username: string | null }) => x.username)).toEqual([null, 'lead', 'inspector2']);
    const unboundList = await call('admin', `/terminals?filter=${encodeURIComponent(JSON.stringify({ bound: false, q: id }))}`);
    expect(unboundList.body.map((d: { id: string }) => d.id)).toEqual([id]);
  });

  test('a terminal bound to someone in another city is outside a city-level scope: hidden, and refused', async () => {
    await h.pool.query(
      `insert into personnel (username, display_name, role, org_unit_id) values ('zz-inspector', '外市稽查员', 'inspector', $1) on conflict (username) do nothing`,
      [OTHER_CITY],
    );
    const id = newDeviceId('zz');
    expect((await call('admin', '/terminals', { body: { id, label: '外市终端', platform: 'android', publicKeyJwk: (await deviceKey(id)).publicJwk } })).status).toBe(201);
    expect((await call('admin', `/terminals/${id}/bind`, { body: { username: 'zz-inspector' } })).status).toBe(200);
    expect((await call('admin', `/personnel?filter=${encodeURIComponent(JSON.stringify({ q: 'zz-inspector' }))}`)).body.map((p: { id: string }) => p.id)).toEqual(['zz-inspector']);
    // The only demo admin sits at the province (HB); a city-level admin (HB.XN) gets what these give the routes:
    expect((await listDevices(h.pool, { orgUnit: 'HB.XN', q: id, limit: 10, offset: 0 })).rows).toEqual([]);
    expect((await listPersonnel(h.pool, { orgUnit: 'HB.XN', q: 'zz-inspector', sort: { field: 'id', order: 'ASC' }, limit: 10, offset: 0 })).rows).toEqual([]);
    await expect(deviceInScope(h.pool, id, 'HB.XN')).rejects.toMatchObject({ status: 403 });
    await expect(personInScope(h.pool, 'zz-inspector', 'HB.XN')).rejects.toMatchObject({ status: 403 });
    expect((await call('supervisor', '/personnel')).status).toBe(403);
  });
});
