import { loadConfig } from '../../config/env';
import { loginBackOffice } from '../../scripts/terminal/client';

export const DEMO_PASSWORD = 'jicha-demo';

export const BACK_OFFICE_CLIENT = 'jicha-admin';
export const TERMINAL_CLIENT = 'jicha-terminal';

/** A real access token by the password grant of `clientId` (the terminal client allows it for the simulator and tests). */
async function passwordGrant(username: string, realm: string, clientId: string, password: string): Promise<string> {
  const c = loadConfig();
  const res = await fetch(`${c.KEYCLOAK_URL}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password }),
  });
  const body = (await res.json()) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Keycloak refused a token for ${username}: ${res.status} ${body.error_description ?? ''}`);
  return body.access_token;
}

/**
 * Each API takes only its own app's tokens (/api the back office's `jicha-admin`, /mobile/v1 the terminal's), while most
 * tests speak of "the supervisor's token" and send it to both. So `tokenFor(user)` signs the user in to the back office
 * (code + PKCE, as the admin UI does) and remembers who it was; the request helpers (harness `api`, `mobile`) send, to
 * /mobile/v1, the same user's terminal token instead (`tokenForPath`). Both are real Keycloak tokens of the real
 * clients. A token asked for with an explicit `clientId` (or any other string) is sent as it is: the tests of the
 * per-API binding (tests/integration/tokens.test.ts) send one app's token to the other API on purpose.
 */
const userOf = new Map<string, { username: string; realm: string; password: string }>();
const terminalTokens = new Map<string, { token: Promise<string>; at: number }>();

/** A real access token of a demo user: the back office's (see above), or of `clientId` by its password grant. */
export async function tokenFor(username: string, opts: { realm?: string; clientId?: string; password?: string } = {}): Promise<string> {
  const c = loadConfig();
  const realm = opts.realm ?? c.KEYCLOAK_REALM;
  const password = opts.password ?? DEMO_PASSWORD;
  if (opts.clientId) return passwordGrant(username, realm, opts.clientId, password);
  const t = await loginBackOffice(c.KEYCLOAK_URL, realm, username, password);
  userOf.set(t.accessToken, { username, realm, password });
  return t.accessToken;
}

/** The terminal client's token of a demo user (password grant), for code that talks to /mobile/v1 only. */
export function terminalTokenFor(username: string, opts: { realm?: string; password?: string } = {}): Promise<string> {
  return passwordGrant(username, opts.realm ?? loadConfig().KEYCLOAK_REALM, TERMINAL_CLIENT, opts.password ?? DEMO_PASSWORD);
}

/** The token to send to `path`: for /mobile/v1, the terminal token of the user a tokenFor() token belongs to. */
export async function tokenForPath(token: string, path: string): Promise<string> {
  const who = userOf.get(token);
  if (!who || !path.startsWith('/mobile/')) return token;
  const key = `${who.realm}/${who.username}`;
  const hit = terminalTokens.get(key);
  // kept a minute: well inside the realm's token lifetime, so a long test never sends an expired one
  if (hit && Date.now() - hit.at < 60_000) return hit.token;
  const made = { token: passwordGrant(who.username, who.realm, TERMINAL_CLIENT, who.password), at: Date.now() };
  made.token.catch(() => terminalTokens.delete(key));
  terminalTokens.set(key, made);
  return made.token;
}
