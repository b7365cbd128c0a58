import { loginBackOffice } from '../scripts/terminal/client';

/** A demo user's terminal token: the terminal client's password grant (the only client that allows it); /mobile/v1 only. */
export async function demoToken(keycloakUrl: string, realm: string, username: string): Promise<string> {
  const res = await fetch(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'jicha-terminal', username, password: 'jicha-demo' }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${username}: ${res.status} ${body.error_description ?? ''}`);
  return body.access_token;
}

/** A demo user's back-office token (code + PKCE on jicha-admin, as the admin UI signs in); /api only. */
export async function demoBackOfficeToken(keycloakUrl: string, realm: string, username: string): Promise<string> {
  return (await loginBackOffice(keycloakUrl, realm, username, 'jicha-demo')).accessToken;
}
