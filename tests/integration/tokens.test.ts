import crypto from 'node:crypto';
import { createTokenVerifier } from '../../http/tokenVerifier';
import { loadConfig } from '../../config/env';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

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
  const res = await api(h.baseUrl, '/mobile/v1/me', { token: await tokenFor('inspector') });
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
