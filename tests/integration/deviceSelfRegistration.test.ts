import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { mobile, newDeviceId, useDeviceKey } from '../support/mobile';
import { newDpopKey, type DpopKey } from '../../client/dpop';

// A terminal registers itself on first run (POST /mobile/v1/devices) and waits, unbound, until an administrator binds
// it in the back office; GET /me tells the app which state it is in. Real Keycloak tokens, Postgres.
let h: Harness;
let t: Record<'inspector' | 'inspector2' | 'admin', string>;

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  const [inspector, inspector2, admin] = await Promise.all(['inspector', 'inspector2', 'admin'].map((u) => tokenFor(u)));
  t = { inspector, inspector2, admin };
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

/**
 * A device key: the public key as WebCrypto exports it (JWK with ext and key_ops), its RFC 7638 thumbprint computed
 * here by hand (the server's comes from the database, migration 052), and the key itself to sign DPoP proofs.
 */
async function newKey(): Promise<{ jwk: Record<string, unknown> & { x: string; y: string }; thumbprint: string; dpop: DpopKey }> {
  const { key: dpop } = await newDpopKey();
  const jwk = dpop.publicJwk;
  const thumbprint = crypto.createHash('sha256').update(`{"crv":"P-256","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`).digest('base64url');
  return { jwk: { ...jwk, ext: true, key_ops: ['verify'] }, thumbprint, dpop };
}

const register = (who: keyof typeof t, body: unknown, o: { key?: string; lang?: string } = {}) =>
  mobile(h.baseUrl, '/devices', { token: t[who], body, key: o.key, headers: o.lang ? { 'accept-language': o.lang } : {} });

test('first run: registered unbound with its key and registrant; /me says it waits; it cannot work yet', async () => {
  const id = newDeviceId('T');
  const key = await newKey();
  const r = await register('inspector', { deviceId: id, label: '李稽查的手机', platform: 'android', model: 'Pixel 8', publicKeyJwk: key.jwk });
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({ id, label: '李稽查的手机', platform: 'android', model: 'Pixel 8', registeredBy: 'inspector', boundUser: null, publicKeyThumbprint: key.thumbprint });
  const stored = await h.pool.query('select public_key_jwk from devices where id = $1', [id]);
  expect(stored.rows[0].public_key_jwk).toEqual({ kty: 'EC', crv: 'P-256', x: key.jwk.x, y: key.jwk.y }); // ext and key_ops are not kept

  useDeviceKey(id, key.dpop);
  const me = await mobile(h.baseUrl, '/me', { token: t.inspector, device: id });
  expect(me.body.waitingDevices).toContain(id);
  expect(me.body.deviceBound).toBe(false);
  const work = await mobile(h.baseUrl, '/tasks', { token: t.inspector, device: id });
  expect(work.status).toBe(403);
  expect(work.body.code).toBe('device.not-bound');
});

test('again with the same id and key: 200 and the device (a lost answer, a cleared cache); the same Idempotency-Key replays 201', async () => {
  const id = newDeviceId('T');
  const key = await newKey();
  const body = { deviceId: id, label: 'PDA', platform: 'pda', publicKeyJwk: key.jwk };
  const idem = crypto.randomUUID();
  expect((await register('inspector', body, { key: idem })).status).toBe(201);
  const replay = await register('inspector', body, { key: idem });
  expect(replay.status).toBe(201);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  const again = await register('inspector', { ...body, label: 'renamed' });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ id, label: 'PDA', boundUser: null, publicKeyThumbprint: key.thumbprint });
});

test('an id registered by another person, or by the same person with another key or none: one 409 device.taken, zh-CN or en', async () => {
  const id = newDeviceId('T');
  const key = await newKey();
  expect((await register('inspector', { deviceId: id, label: 'a', platform: 'android', publicKeyJwk: key.jwk })).status).toBe(201);

  const other = await register('inspector2', { deviceId: id, label: 'b', platform: 'android', publicKeyJwk: key.jwk });
  expect(other.status).toBe(409);
  expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(other.body).toMatchObject({ code: 'device.taken', type: 'urn:jicha:device.taken' });
  expect(other.body.detail).toBe(`终端编号 ${id} 已被登记，不能再次登记。请在终端上重新生成终端标识，或联系管理员。`);
  const otherEn = await register('inspector2', { deviceId: id, label: 'b', platform: 'android', publicKeyJwk: key.jwk }, { lang: 'en' });
  expect(otherEn.body.detail).toBe(`Terminal id ${id} is registered already and cannot be registered again. Make a new terminal identity on the device, or ask an administrator.`);

  // the same person with another key, or none: the same answer (an outsider learns only that the id exists)
  const otherKey = await register('inspector', { deviceId: id, label: 'a', platform: 'android', publicKeyJwk: (await newKey()).jwk });
  const noKey = await register('inspector', { deviceId: id, label: 'a', platform: 'android' });
  for (const r of [otherKey, noKey]) expect({ status: r.status, body: r.body }).toEqual({ status: other.status, body: other.body });
  // nothing changed
  const row = await h.pool.query('select registered_by, public_key_jwk->>\'x\' as x from devices where id = $1', [id]);
  expect(row.rows[0]).toEqual({ registered_by: 'inspector', x: key.jwk.x });
});

test('an id an administrator registered is someone else\'s; a private key, a point off the curve or another curve are refused', async () => {
  const adminDevice = newDeviceId('adm');
  expect((await mobile(h.baseUrl, '/admin/devices', { token: t.admin, body: { deviceId: adminDevice, label: 'spare', platform: 'pda' } })).status).toBe(201);
  expect((await register('inspector', { deviceId: adminDevice, label: 'x', platform: 'pda' })).body.code).toBe('device.taken');

  const key = await newKey();
  const withPrivate = await register('inspector', { deviceId: newDeviceId('T'), label: 'x', platform: 'android', publicKeyJwk: { ...key.jwk, d: key.jwk.x } });
  expect(withPrivate.status).toBe(400);
  expect(withPrivate.body.errors).toEqual([{ path: 'publicKeyJwk.d', message: 'unknown field', code: 'field.unknown' }]);
  const offCurve = await register('inspector', { deviceId: newDeviceId('T'), label: 'x', platform: 'android', publicKeyJwk: { ...key.jwk, y: key.jwk.x } });
  expect(offCurve.status).toBe(422);
  expect(offCurve.body.code).toBe('device.key-invalid');
  const p384 = await register('inspector', { deviceId: newDeviceId('T'), label: 'x', platform: 'android', publicKeyJwk: { ...key.jwk, crv: 'P-384' } });
  expect(p384.status).toBe(400);
});

test('the back office lists it as waiting, with who registered it; once bound, /me and a new registration say so', async () => {
  const id = newDeviceId('T');
  const key = await newKey();
  const before = Date.now();
  expect((await register('inspector', { deviceId: id, label: '待绑定', platform: 'android', publicKeyJwk: key.jwk })).status).toBe(201);
  const waiting = await api(h.baseUrl, `/api/terminals?${new URLSearchParams({ filter: JSON.stringify({ bound: false, id }) })}`, { token: t.admin });
  expect(waiting.status).toBe(200);
  expect(waiting.body).toEqual([expect.objectContaining({ id, boundUser: null, registeredBy: 'inspector', publicKeyThumbprint: key.thumbprint })]);
  expect(Date.parse(waiting.body[0].registeredAt)).toBeGreaterThanOrEqual(before - 5_000);

  expect((await api(h.baseUrl, `/api/terminals/${id}/bind`, { token: t.admin, body: { username: 'inspector' } })).status).toBe(200);
  useDeviceKey(id, key.dpop);
  const me = await mobile(h.baseUrl, '/me', { token: t.inspector, device: id });
  expect(me.body.deviceBound).toBe(true);
  expect(me.body.waitingDevices).not.toContain(id);
  expect((await mobile(h.baseUrl, '/tasks', { token: t.inspector, device: id })).status).toBe(200);
  const again = await register('inspector', { deviceId: id, label: '待绑定', platform: 'android', publicKeyJwk: key.jwk });
  expect(again.status).toBe(200);
  expect(again.body.boundUser).toBe('inspector');

  // Rebound to a colleague: the registrant's app learns it is someone else's now.
  expect((await api(h.baseUrl, `/api/terminals/${id}/bind`, { token: t.admin, body: { username: 'lead' } })).status).toBe(200);
  const meNow = await mobile(h.baseUrl, '/me', { token: t.inspector, device: id });
  expect(meNow.body.deviceBound).toBe(false);
  expect(meNow.body.waitingDevices).not.toContain(id);
  expect((await register('inspector', { deviceId: id, label: '待绑定', platform: 'android', publicKeyJwk: key.jwk })).body.boundUser).toBe('lead');
});
