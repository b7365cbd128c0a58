import crypto from 'node:crypto';
import { createTokenVerifier } from '../../http/tokenVerifier';
import { loadConfig } from '../../config/env';
import { startHarness, api, type Harness } from '../support/harness';
import { BACK_OFFICE_CLIENT, TERMINAL_CLIENT, terminalTokenFor, tokenFor } from '../support/keycloak';

// The API verifies real Keycloak tokens against the realm's JWKS: every way a token can be wrong is a 401.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

test('a real token is accepted and carries roles and org unit', async () => {
  const res = await api(h.baseUrl, '/mobile/v1/me', { token: await terminalTokenFor('inspector') });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ username: 'inspector', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ', clientId: 'jicha-terminal' });
});

test('no token, a malformed header and garbage are 401 problems', async () => {
  for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer not.a.jwt' }] as Record<string, string>[]) {
    const res = await api(h.baseUrl, '/api/cases', { headers });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  }
});

test('a token whose signature was tampered with is 401', async () => {
  const [head, payload] = (await tokenFor('supervisor')).split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  claims.realm_access.roles.push('admin');
  const forged = `${head}.${b64url(claims)}.${crypto.randomBytes(256).toString('base64url')}`;
  expect((await api(h.baseUrl, '/api/cases', { token: forged })).status).toBe(401);
});

test('an alg:none token is 401', async () => {
  const payload = JSON.parse(Buffer.from((await tokenFor('supervisor')).split('.')[1], 'base64url').toString());
  const none = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
  const res = await api(h.baseUrl, '/api/cases', { token: none });
  expect(res.status).toBe(401);
});

test('a token from another realm (wrong issuer) is 401', async () => {
  const master = await tokenFor('admin', { realm: 'master', clientId: 'admin-cli', password: 'admin' });
  const res = await api(h.baseUrl, '/api/cases', { token: master });
  expect(res.status).toBe(401);
});

test('an expired token is 401 (the verifier\'s clock moved past the real token\'s exp)', async () => {
  const c = loadConfig();
  const later = await startHarness({
    verify: createTokenVerifier({ issuer: c.oidcIssuer, audience: c.OIDC_AUDIENCE, clients: c.oidcClients, now: () => new Date(Date.now() + 3_600_000) }),
  });
  try {
    const res = await api(later.baseUrl, '/api/cases', { token: await tokenFor('supervisor') });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'auth.token-rejected', params: { reason: 'the token has expired' }, detail: '访问令牌无效或已过期，请重新登录。' });
  } finally {
    await later.stop();
  }
}, 60_000);

test('a valid token without a role the route allows is 403', async () => {
  const res = await api(h.baseUrl, '/api/cases', { token: await tokenFor('admin') });
  expect(res.status).toBe(403);
});

// Each API takes its own app's tokens: a token of the realm's other client, valid in every other way, is a 401.
const azp = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).azp as string;

test('/api refuses the terminal client\'s token (password grant): 401 auth.wrong-client, zh-CN and en', async () => {
  const terminal = await tokenFor('supervisor', { clientId: TERMINAL_CLIENT });
  expect(azp(terminal)).toBe(TERMINAL_CLIENT);
  const zh = await api(h.baseUrl, '/api/cases', { token: terminal });
  expect(zh.status).toBe(401);
  expect(zh.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(zh.body).toMatchObject({ code: 'auth.wrong-client', params: { clients: BACK_OFFICE_CLIENT, client: TERMINAL_CLIENT }, detail: '此接口只接受 jicha-admin 客户端签发的令牌，当前令牌来自 jicha-terminal，请从对应的应用登录。' });
  const en = await api(h.baseUrl, '/api/cases', { token: terminal, headers: { 'accept-language': 'en' } });
  expect(en.body.detail).toBe('This endpoint takes tokens of the jicha-admin client, not jicha-terminal; sign in through the matching app.');
  // a mutation too, before its body is looked at
  expect((await api(h.baseUrl, '/api/cases', { token: terminal, body: { customerAccountNo: '4210000002', origin: 'special' } })).body.code).toBe('auth.wrong-client');
  // the same user's back-office token (code + PKCE on jicha-admin) passes
  const backOffice = await tokenFor('supervisor');
  expect(azp(backOffice)).toBe(BACK_OFFICE_CLIENT);
  expect((await api(h.baseUrl, '/api/cases', { token: backOffice })).status).toBe(200);
});

test('/mobile/v1 refuses the back office\'s token on terminal routes (401 auth.wrong-client); the admin\'s device routes take both', async () => {
  const backOffice = await tokenFor('inspector'); // the back office's token, sent as it is (raw fetch, no helper)
  const raw = (path: string, token: string) => fetch(`${h.baseUrl}/mobile/v1${path}`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const me = await raw('/me', backOffice);
  expect(me).toMatchObject({ status: 401, body: { code: 'auth.wrong-client', params: { clients: TERMINAL_CLIENT, client: BACK_OFFICE_CLIENT } } });
  expect((await raw('/me', await terminalTokenFor('inspector'))).status).toBe(200);
  // 终端人员维护 is called from the back office (and from an admin's terminal): both clients' admin tokens pass
  const adminBackOffice = await tokenFor('admin');
  expect(azp(adminBackOffice)).toBe(BACK_OFFICE_CLIENT);
  expect((await raw('/admin/devices', adminBackOffice)).status).toBe(200);
  expect((await raw('/admin/devices', await terminalTokenFor('admin'))).status).toBe(200);
  // but the admin's terminal token is no back-office token
  expect((await api(h.baseUrl, '/api/terminals', { token: await terminalTokenFor('admin') })).body).toMatchObject({ code: 'auth.wrong-client' });
});
