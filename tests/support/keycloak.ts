import { loadConfig } from '../../config/env';

export const DEMO_PASSWORD = 'jicha-demo';

/** A real access token from the realm, by the terminal client's direct grant (allowed for demo users). */
export async function tokenFor(username: string, opts: { realm?: string; clientId?: string; password?: string } = {}): Promise<string> {
  const c = loadConfig();
  const realm = opts.realm ?? c.KEYCLOAK_REALM;
  const res = await fetch(`${c.KEYCLOAK_URL}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: opts.clientId ?? 'jicha-terminal', username, password: opts.password ?? DEMO_PASSWORD }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Keycloak refused a token for ${username}: ${res.status} ${body.error_description ?? ''}`);
  return body.access_token;
}
