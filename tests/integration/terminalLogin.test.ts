import crypto from 'node:crypto';
import { loadConfig } from '../../config/env';
import { DEMO_PASSWORD } from '../support/keycloak';

// The terminal app's login against the running Keycloak: authorization code + PKCE (S256) back to /terminal/, with
// scope offline_access, as keycloak-js does it (terminal-app/src/auth/session.ts); the refresh token must be an
// offline one, so the app can send queued work after the SSO session ended. No browser: the login form is posted.
const config = loadConfig();
const oidc = `${config.KEYCLOAK_URL}/realms/${config.KEYCLOAK_REALM}/protocol/openid-connect`;
const REDIRECT = 'http://localhost:3000/terminal/';
const b64 = (b: Buffer) => b.toString('base64url');
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

async function login(username: string) {
  const verifier = b64(crypto.randomBytes(32));
  const challenge = b64(crypto.createHash('sha256').update(verifier).digest());
  const q = new URLSearchParams({ client_id: 'jicha-terminal', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid offline_access', state: crypto.randomUUID(), code_challenge: challenge, code_challenge_method: 'S256' });
  const page = await fetch(`${oidc}/auth?${q}`, { redirect: 'manual' });
  const html = await page.text();
  expect(page.status).toBe(200);
  const action = /<form[^>]+action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  expect(action).toBeTruthy();
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const form = await fetch(action!, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password: DEMO_PASSWORD }) });
  expect(form.status).toBe(302);
  const back = new URL(form.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
  const token = await fetch(`${oidc}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'jicha-terminal', code: back.searchParams.get('code')!, redirect_uri: REDIRECT, code_verifier: verifier }),
  });
  expect(token.status).toBe(200);
  return (await token.json()) as { access_token: string; refresh_token: string; scope: string };
}

test.each(['inspector', 'lead', 'supervisor', 'manager'])('%s logs in with code + PKCE to /terminal/ and gets an offline refresh token', async (user) => {
  const t = await login(user);
  expect(t.scope.split(' ')).toContain('offline_access');
  expect(claims(t.refresh_token).typ).toBe('Offline');
  expect(claims(t.access_token).azp).toBe('jicha-terminal');
});

test('without PKCE the login is refused (Keycloak sends the browser back with invalid_request)', async () => {
  const q = new URLSearchParams({ client_id: 'jicha-terminal', redirect_uri: REDIRECT, response_type: 'code', scope: 'openid' });
  const r = await fetch(`${oidc}/auth?${q}`, { redirect: 'manual' });
  expect(r.status).toBe(302);
  const to = new URL(r.headers.get('location')!);
  expect(to.searchParams.get('error')).toBe('invalid_request');
  expect(to.searchParams.get('error_description')).toMatch(/code_challenge/);
});
