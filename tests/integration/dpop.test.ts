import { auditRowFor, startHarness, api, type Harness } from '../support/harness';
import { DEMO_PASSWORD, terminalTokenFor as tokenFor } from '../support/keycloak';
import { bindDevice, deviceKey, mobile, newDeviceId } from '../support/mobile';
import { jwkThumbprint, newDpopKey, signDpopProof, type DpopKey } from '../../client/dpop';
import { loginWithDpop } from '../../scripts/terminal/client';

// Device-bound tokens (DPoP, RFC 9449) against the real Keycloak and the API harness: a terminal request counts only
// with a proof signed by the key registered for the bound device; a password or a token alone gets nothing.
let h: Harness;
let admin: string;
let device: string; // bound to inspector, with its key (deviceKey)
let key: DpopKey;

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  admin = await tokenFor('admin');
  device = newDeviceId('dpop');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
  key = await deviceKey(device);
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const keycloak = () => ({ url: h.config.KEYCLOAK_URL, realm: h.config.KEYCLOAK_REALM });
/** A token Keycloak binds to `k` (the token request carries a proof of it). */
const boundToken = (k: DpopKey, user = 'inspector') => loginWithDpop(keycloak().url, keycloak().realm, user, DEMO_PASSWORD, k);
/** A raw request to the terminal API: everything by hand. */
const raw = (path: string, headers: Record<string, string>, body?: unknown) => api(h.baseUrl, `/mobile/v1${path}`, { method: body === undefined ? 'GET' : 'POST', body, headers });
const proofFor = (k: DpopKey, path: string, token: string, method = 'GET') => signDpopProof(k, { method, url: `${h.baseUrl}/mobile/v1${path}`, accessToken: token });

test('the device\'s registered key is the one whose thumbprint the database keeps (RFC 7638, migration 052)', async () => {
  const row = await h.pool.query('select public_key_jkt from devices where id = $1', [device]);
  expect(row.rows[0].public_key_jkt).toBe(await jwkThumbprint(key.publicJwk));
});

test('a token without a proof → 401 dpop.proof-required with WWW-Authenticate; with the device\'s proof → 200', async () => {
  const token = await tokenFor('inspector');
  const none = await raw('/tasks', { authorization: `Bearer ${token}`, 'x-device-id': device });
  expect(none).toMatchObject({ status: 401, body: { code: 'dpop.proof-required', type: 'urn:jicha:dpop.proof-required', status: 401 } });
  expect(none.headers.get('www-authenticate')).toBe('DPoP error="invalid_dpop_proof", algs="ES256"');
  expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const ok = await raw('/tasks', { authorization: `Bearer ${token}`, 'x-device-id': device, dpop: await proofFor(key, '/tasks', token) });
  expect(ok.status).toBe(200);
});

test('a proof from another key → 403 device.not-bound, byte for byte the answer an unknown device gets', async () => {
  const token = await tokenFor('inspector');
  const other = (await newDpopKey()).key;
  const wrongKey = await raw('/tasks', { authorization: `Bearer ${token}`, 'x-device-id': device, dpop: await proofFor(other, '/tasks', token) });
  const ghost = newDeviceId('ghost');
  const unknown = await raw('/tasks', { authorization: `Bearer ${token}`, 'x-device-id': ghost, dpop: await proofFor(other, '/tasks', token) });
  expect(wrongKey.status).toBe(403);
  expect(JSON.stringify(wrongKey.body)).toBe(JSON.stringify(unknown.body));
  expect(wrongKey.body).toMatchObject({ code: 'device.not-bound', type: 'urn:jicha:device.not-bound' });
  expect(JSON.stringify(wrongKey.body)).not.toContain(device);
  // and an unbound device someone registered, with its own key
  const spare = newDeviceId('spare');
  expect((await mobile(h.baseUrl, '/devices', { token: await tokenFor('inspector2'), body: { deviceId: spare, label: 'x', platform: 'android', publicKeyJwk: (await deviceKey(spare)).publicJwk } })).status).toBe(201);
  const unbound = await raw('/tasks', { authorization: `Bearer ${token}`, 'x-device-id': spare, dpop: await proofFor(await deviceKey(spare), '/tasks', token) });
  expect(JSON.stringify(unbound.body)).toBe(JSON.stringify(unknown.body));
});

test('a replayed proof → 401 dpop.invalid-proof; a proof for another URL or method → 401', async () => {
  const token = await tokenFor('inspector');
  const proof = await proofFor(key, '/announcements', token);
  const headers = { authorization: `Bearer ${token}`, 'x-device-id': device, dpop: proof };
  expect((await raw('/announcements', headers)).status).toBe(200);
  const again = await raw('/announcements', headers);
  expect(again).toMatchObject({ status: 401, body: { code: 'dpop.invalid-proof', detail: 'DPoP 证明无效：该证明已使用过，每个请求须使用新的证明。' } });
  expect(again.headers.get('www-authenticate')).toBe('DPoP error="invalid_dpop_proof", algs="ES256"');
  expect((await raw('/regulations', { ...headers, dpop: await proofFor(key, '/announcements', token) })).body.code).toBe('dpop.invalid-proof');
  expect((await raw('/announcements', { ...headers, dpop: await proofFor(key, '/announcements', token, 'POST') })).body.code).toBe('dpop.invalid-proof');
  // a proof made for another token (ath)
  expect((await raw('/announcements', { ...headers, dpop: await proofFor(key, '/announcements', await tokenFor('inspector2')) })).body.code).toBe('dpop.invalid-proof');
});

test('a DPoP-bound token from Keycloak works with its key, and with a proof of another key → 401, on any route', async () => {
  const token = await boundToken(key);
  const other = (await newDpopKey()).key;
  const good = await raw('/tasks', { authorization: `DPoP ${token}`, 'x-device-id': device, dpop: await proofFor(key, '/tasks', token) });
  expect(good.status).toBe(200);
  const wrong = await raw('/tasks', { authorization: `DPoP ${token}`, 'x-device-id': device, dpop: await proofFor(other, '/tasks', token) });
  expect(wrong).toMatchObject({ status: 401, body: { code: 'dpop.invalid-proof', detail: 'DPoP 证明无效：访问令牌绑定的是另一把密钥。' } });
  // /me needs no device, but a bound token needs its proof everywhere
  expect((await raw('/me', { authorization: `DPoP ${token}` })).body.code).toBe('dpop.proof-required');
  expect((await raw('/me', { authorization: `DPoP ${token}`, dpop: await proofFor(other, '/me', token) })).status).toBe(401);
  expect((await raw('/me', { authorization: `DPoP ${token}`, dpop: await proofFor(key, '/me', token) })).status).toBe(200);
});

test('a stolen password (a fresh token, no device key) gets nothing: /me names no device, and every device route refuses', async () => {
  const thief = (await newDpopKey()).key; // the thief's own key
  const bearer = await tokenFor('inspector');
  const me = await raw('/me', { authorization: `Bearer ${bearer}` });
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ username: 'inspector', deviceBound: false });
  expect(me.body).not.toHaveProperty('devices');
  expect(JSON.stringify(me.body)).not.toContain(device);
  // guessing the id does not help: the bound device's id with the thief's proof
  const named = await raw('/me', { authorization: `Bearer ${bearer}`, 'x-device-id': device, dpop: await proofFor(thief, '/me', bearer) });
  expect(named.body.deviceBound).toBe(false);
  // even knowing the id, without the device's key: refused on every device route, with either kind of token
  const boundToThief = await boundToken(thief);
  for (const [scheme, token] of [['Bearer', bearer], ['DPoP', boundToThief]] as const) {
    for (const [method, path, body] of [['GET', '/tasks', undefined], ['GET', '/announcements', undefined], ['POST', '/track', { points: [{ lat: 29.84, lon: 114.32, at: new Date().toISOString(), accuracyM: 5 }] }]] as const) {
      const headers = { authorization: `${scheme} ${token}`, 'x-device-id': device, 'idempotency-key': crypto.randomUUID() };
      const noProof = await raw(path, headers, body);
      expect(noProof.status).toBe(401);
      const withProof = await raw(path, { ...headers, dpop: await proofFor(thief, path, token, method) }, body);
      expect({ path, scheme, status: withProof.status, code: withProof.body.code }).toEqual({ path, scheme, status: 403, code: 'device.not-bound' });
    }
  }
  expect((await h.pool.query("select count(*)::int as n from gps_points where device_id = $1", [device])).rows[0].n).toBe(0);
});

test('/me: deviceBound only for this request\'s device with a proof of its key; never a list of ids', async () => {
  const token = await tokenFor('inspector');
  const me = await raw('/me', { authorization: `Bearer ${token}`, 'x-device-id': device, dpop: await proofFor(key, '/me', token) });
  expect(me.body).toEqual({ username: 'inspector', name: expect.any(String), roles: ['inspector'], orgUnit: expect.any(String), clientId: 'jicha-terminal', deviceBound: true, waitingDevices: expect.any(Array) });
  expect((await raw('/me', { authorization: `Bearer ${token}`, 'x-device-id': device })).body.deviceBound).toBe(false); // no proof
  expect((await raw('/me', { authorization: `Bearer ${token}`, 'x-device-id': 'no such id!' })).body.deviceBound).toBe(false);
  const inspector2 = await tokenFor('inspector2');
  expect((await raw('/me', { authorization: `Bearer ${inspector2}`, 'x-device-id': device, dpop: await proofFor(key, '/me', inspector2) })).body.deviceBound).toBe(false);
});

const auditRow = (requestId: string) => auditRowFor(h.pool, requestId);

test('the audit trail names the device the proof showed, never a device id that was only claimed', async () => {
  const token = await tokenFor('inspector');
  const shown = await mobile(h.baseUrl, '/feedback', { token, device, body: { category: 'other', text: 'DPoP audit test' } });
  expect(shown.status).toBe(201);
  expect(await auditRow(shown.headers.get('x-request-id')!)).toMatchObject({ username: 'inspector', device, route: '/mobile/v1/feedback', status: 201 });

  // inspector2 names inspector's device, with a proof of their own key: refused, and recorded without the device
  const inspector2 = await tokenFor('inspector2');
  const claimed = await mobile(h.baseUrl, '/feedback', { token: inspector2, device, dpop: (await newDpopKey()).key, body: { category: 'other', text: 'claimed' } });
  expect(claimed.status).toBe(403);
  expect(await auditRow(claimed.headers.get('x-request-id')!)).toMatchObject({ username: 'inspector2', device: null, status: 403 });
  // a valid token with no proof: recorded under its user (someone holds the token without the device)
  const unproven = await mobile(h.baseUrl, '/feedback', { token, device, dpop: null, body: { category: 'other', text: 'unproven' } });
  expect(unproven.status).toBe(401);
  expect(await auditRow(unproven.headers.get('x-request-id')!)).toMatchObject({ username: 'inspector', device: null, status: 401 });
});

describe('TERMINAL_TOKEN_BINDING=required', () => {
  let strict: Harness;
  beforeAll(async () => {
    const before = process.env.TERMINAL_TOKEN_BINDING;
    process.env.TERMINAL_TOKEN_BINDING = 'required';
    try {
      strict = await startHarness({ inProcessWorker: false });
    } finally {
      if (before === undefined) delete process.env.TERMINAL_TOKEN_BINDING;
      else process.env.TERMINAL_TOKEN_BINDING = before;
    }
  }, 120_000);
  afterAll(() => strict?.stop());

  test('a bearer token with a valid proof of the device\'s key → 401 dpop.bound-token-required; a token bound to that key → 200', async () => {
    const bearer = await tokenFor('inspector');
    const at = (path: string, headers: Record<string, string>) => api(strict.baseUrl, `/mobile/v1${path}`, { headers });
    const sign = (path: string, token: string) => signDpopProof(key, { method: 'GET', url: `${strict.baseUrl}/mobile/v1${path}`, accessToken: token });
    const refused = await at('/tasks', { authorization: `Bearer ${bearer}`, 'x-device-id': device, dpop: await sign('/tasks', bearer) });
    expect(refused).toMatchObject({ status: 401, body: { code: 'dpop.bound-token-required' } });
    expect(refused.headers.get('www-authenticate')).toBe('DPoP error="invalid_token", algs="ES256"');
    const bound = await boundToken(key);
    expect((await at('/tasks', { authorization: `DPoP ${bound}`, 'x-device-id': device, dpop: await sign('/tasks', bound) })).status).toBe(200);
    // routes without a device still take a bearer token (the app learns its state from /me before it can bind)
    expect((await at('/me', { authorization: `Bearer ${bearer}` })).status).toBe(200);
  });
});
