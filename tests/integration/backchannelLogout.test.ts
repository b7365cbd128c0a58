import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { loginBackOffice } from '../../scripts/terminal/client';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Sign-out takes effect within a minute (#18): Keycloak's back-channel logout tells the API which session ended, and
// every API instance refuses its tokens although they have not expired. Against the real Keycloak, in a scratch realm
// made of the realm file's clients (their back-channel URL pointed at this test's API) and a user of this test's own —
// the shared realm's users and its back-channel calls to the demo API are left alone.
const c = loadConfig();
const realmFile = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docker', 'keycloak', 'jicha-realm.json'), 'utf8'));
const REALM = `jicha-logout-${crypto.randomUUID().slice(0, 8)}`;
const USER = 'logout-supervisor';
const PASSWORD = crypto.randomBytes(12).toString('base64url');
const oidc = `${c.KEYCLOAK_URL}/realms/${REALM}/protocol/openid-connect`;
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

let admin: string;
let h: Harness;
let other: Harness; // a second API instance: the ended session reaches it through Postgres
const adminApi = (p: string, init: { method?: string; body?: unknown } = {}) => fetch(`${c.KEYCLOAK_URL}/admin/realms${p}`, {
  method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
  headers: { authorization: `Bearer ${admin}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: init.body === undefined ? undefined : JSON.stringify(init.body),
});

beforeAll(async () => {
  const env = { KEYCLOAK_REALM: REALM };
  [h, other] = await Promise.all([startHarness({ env }), startHarness({ env, inProcessWorker: false })]);
  admin = await tokenFor('admin', { realm: 'master', clientId: 'admin-cli', password: 'admin' });
  const supervisor = realmFile.users.find((u: { username: string }) => u.username === 'supervisor');
  const url = `${h.baseUrl}/api/auth/backchannel-logout`;
  const realm = {
    ...realmFile,
    realm: REALM,
    clients: realmFile.clients.map((cl: { attributes: Record<string, string> }) => ({ ...cl, attributes: { ...cl.attributes, 'backchannel.logout.url': url } })),
    users: [{ ...supervisor, username: USER, email: `${USER}@example.invalid`, credentials: [{ type: 'password', value: PASSWORD, temporary: false }], realmRoles: supervisor.realmRoles.filter((r: string) => !r.startsWith('default-roles-')) }],
  };
  const created = await adminApi('', { body: realm });
  expect(created.status).toBe(201);
}, 180_000);

afterAll(async () => {
  if (admin) await adminApi(`/${REALM}`, { method: 'DELETE' });
  await Promise.all([h?.stop(), other?.stop()]);
});

test('the realm file: both apps\' clients report ended sessions to the API (back channel, with the session id)', () => {
  for (const id of ['jicha-admin', 'jicha-terminal']) {
    const cl = realmFile.clients.find((x: { clientId: string }) => x.clientId === id);
    expect(cl.attributes['backchannel.logout.url']).toBe('http://localhost:3000/api/auth/backchannel-logout');
    expect(cl.attributes['backchannel.logout.session.required']).toBe('true');
    // a browser sign-out notifies over the back channel only when the client is not a front-channel one
    expect(cl.frontchannelLogout).toBe(false);
  }
});

test('signed out in the browser: the same, unexpired token is refused 401 by every API instance within 60 s', async () => {
  const t = await loginBackOffice(c.KEYCLOAK_URL, REALM, USER, PASSWORD);
  const sid = claims(t.accessToken).sid as string;
  expect(sid).toEqual(expect.any(String));
  for (const inst of [h, other]) expect((await api(inst.baseUrl, '/api/cases', { token: t.accessToken })).status).toBe(200);

  // what keycloak-js's logout() does: the browser, with its SSO cookies, to the end-session endpoint
  const q = new URLSearchParams({ client_id: 'jicha-admin', id_token_hint: t.idToken!, post_logout_redirect_uri: 'http://localhost:3000/' });
  const out = await fetch(`${oidc}/logout?${q}`, { headers: { cookie: t.cookie }, redirect: 'manual' });
  expect(out.status).toBe(302);
  expect(out.headers.get('location')).toMatch(/^http:\/\/localhost:3000\//);

  const row = await h.pool.query<{ sub: string; expires_at: Date }>('select sub, expires_at from revoked_sessions where sid = $1', [sid]);
  expect(row.rows).toEqual([{ sub: claims(t.accessToken).sub, expires_at: expect.any(Date) }]);
  expect(claims(t.accessToken).exp * 1000).toBeGreaterThan(Date.now()); // still unexpired: only the sign-out refuses it

  const deadline = Date.now() + 60_000;
  for (const inst of [h, other]) {
    let r = await api(inst.baseUrl, '/api/cases', { token: t.accessToken });
    while (r.status === 200 && Date.now() < deadline) {
      await new Promise((res) => setTimeout(res, 500));
      r = await api(inst.baseUrl, '/api/cases', { token: t.accessToken });
    }
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ code: 'auth.token-rejected', params: { reason: 'the session was signed out' } });
  }

  // a new sign-in is a new session and works
  const again = await loginBackOffice(c.KEYCLOAK_URL, REALM, USER, PASSWORD);
  expect(claims(again.accessToken).sid).not.toBe(sid);
  expect((await api(h.baseUrl, '/api/cases', { token: again.accessToken })).status).toBe(200);
  await h.pool.query('delete from revoked_sessions where sid = $1', [sid]);
}, 120_000);

test('what is not a logout token of this realm is refused 400 and ends nothing', async () => {
  const t = await loginBackOffice(c.KEYCLOAK_URL, REALM, USER, PASSWORD);
  const post = (form: Record<string, string>) => fetch(`${h.baseUrl}/api/auth/backchannel-logout`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form),
  }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as { code?: string; params?: { reason?: string } } }));
  const cases: [string, Record<string, string>, RegExp][] = [
    ['no form field', {}, /no logout_token/],
    ['garbage', { logout_token: 'a.b.c' }, /not a valid logout token/],
    // signed by the realm, but for the API's audience and no logout event
    ['the access token', { logout_token: t.accessToken }, /not a valid logout token/],
    // signed by the realm for jicha-admin, but an ID token: no logout event
    ['the ID token', { logout_token: t.idToken! }, /no back-channel logout event/],
  ];
  for (const [, form, reason] of cases) {
    const r = await post(form);
    expect(r.status).toBe(400);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.body.code).toBe('auth.invalid-logout-token');
    expect(r.body.params?.reason).toMatch(reason);
  }
  // a token signed with another key, claiming to be a logout token of this realm
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const forged = `${b64({ alg: 'RS256', typ: 'logout+jwt', kid: JSON.parse(Buffer.from(t.accessToken.split('.')[0], 'base64url').toString()).kid })}.${b64({ iss: `${c.KEYCLOAK_URL}/realms/${REALM}`, aud: 'jicha-admin', iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID(), sid: claims(t.accessToken).sid, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })}.${crypto.randomBytes(256).toString('base64url')}`;
  expect((await post({ logout_token: forged })).status).toBe(400);
  expect((await h.pool.query('select 1 from revoked_sessions where sid = $1', [claims(t.accessToken).sid])).rowCount).toBe(0);
  expect((await api(h.baseUrl, '/api/cases', { token: t.accessToken })).status).toBe(200);
}, 60_000);
