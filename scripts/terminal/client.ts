import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createApiClient, ok, type ApiClient, type ApiResponse } from '../../client';
import { addDpopProof, jwkThumbprint, signDpopProof, type DpopKey, type PublicJwk } from '../../client/dpop';

// The terminal simulator's HTTP side: what a field terminal does on the wire (an access token, the bound device's id
// and a DPoP proof of the device's key on every request, an Idempotency-Key per action that a retry reuses), through
// the client generated from the OpenAPI document.

/** Where the simulator keeps its device keys: `.stack/terminal-sim/` unless TERMINAL_KEY_DIR says otherwise. */
export function keyDir(): string {
  return process.env.TERMINAL_KEY_DIR ?? path.join(__dirname, '..', '..', '.stack', 'terminal-sim');
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const loaded = new Map<string, Promise<DpopKey>>();

async function readOrMakeKey(file: string): Promise<DpopKey> {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    const pair = await crypto.webcrypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
    const jwk = await crypto.webcrypto.subtle.exportKey('jwk', pair.privateKey);
    try {
      // wx: of two simulators starting at once, one writes the key and the other reads it
      fs.writeFileSync(file, `${JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, d: jwk.d })}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  // like ssh with a private key file: refuse one that others may read
  if (fs.statSync(file).mode & 0o077) throw new Error(`${file} holds a device's private key but others may read it: chmod 600 ${file}`);
  const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string };
  const privateKey = await crypto.webcrypto.subtle.importKey('jwk', jwk, ECDSA, false, ['sign']);
  return { privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } };
}

/**
 * The simulator's key for a device: an ECDSA P-256 private key (JWK) in `<keyDir>/<deviceId>.jwk`, mode 0600,
 * made on first use. It plays the terminal app's non-extractable WebCrypto key: registered with the device, it signs
 * the DPoP proof of every request.
 */
export function deviceKeyOnDisk(deviceId: string): Promise<DpopKey> {
  if (!/^[A-Za-z0-9._:-]{4,100}$/.test(deviceId) || deviceId.startsWith('.')) throw new Error(`not a device id: ${deviceId}`);
  const file = path.join(keyDir(), `${encodeURIComponent(deviceId)}.jwk`); // ':' (allowed in ids) is %3A
  let k = loaded.get(file);
  if (!k) {
    loaded.set(file, (k = readOrMakeKey(file)));
    k.catch(() => loaded.delete(file));
  }
  return k;
}

async function tokenRequest(keycloakUrl: string, realm: string, username: string, password: string, key?: DpopKey) {
  const url = `${keycloakUrl.replace(/\/$/, '')}/realms/${realm}/protocol/openid-connect/token`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  // RFC 9449 §5: a proof on the token request (no ath: there is no token yet) makes Keycloak bind the token to the key
  if (key) headers.DPoP = await signDpopProof(key, { method: 'POST', url });
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams({ grant_type: 'password', client_id: 'jicha-terminal', username, password }) });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; token_type?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Keycloak refused ${username}: ${res.status} ${body.error_description ?? ''}`);
  return { accessToken: body.access_token, tokenType: body.token_type ?? 'Bearer' };
}

/** A Keycloak access token by the terminal client's direct grant (allowed for the demo users); a bearer token. */
export async function login(keycloakUrl: string, realm: string, username: string, password: string): Promise<string> {
  return (await tokenRequest(keycloakUrl, realm, username, password)).accessToken;
}

export interface CodeFlowTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Keycloak's SSO cookies after the login (a browser's), for a sign-out as the browser would send it. */
  cookie: string;
}

/**
 * A real back-office login: authorization code + PKCE (S256) on the `jicha-admin` client, as the admin UI's keycloak-js
 * does it, with the login form posted instead of typed. The back office takes only that client's tokens and the client
 * allows no password grant, so scripts (the demo seed, benches, tests) sign in the way a browser does. `redirectUri`
 * must be one of the client's redirect URIs; it is never fetched (the code is read from Keycloak's redirect).
 */
export async function loginBackOffice(keycloakUrl: string, realm: string, username: string, password: string, o: { clientId?: string; redirectUri?: string } = {}): Promise<CodeFlowTokens> {
  // Keycloak now and then answers a login of a user who is signing in elsewhere at the same moment with the form
  // again and no message (no credential failure: brute-force detection counts none); a fresh attempt passes.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await codeFlowLogin(keycloakUrl, realm, username, password, o);
    } catch (e) {
      if (!(e instanceof FormAgain) || attempt >= 4) throw e;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

class FormAgain extends Error {}

async function codeFlowLogin(keycloakUrl: string, realm: string, username: string, password: string, o: { clientId?: string; redirectUri?: string }): Promise<CodeFlowTokens> {
  const clientId = o.clientId ?? 'jicha-admin';
  const redirectUri = o.redirectUri ?? 'http://localhost:3000/';
  const oidc = `${keycloakUrl.replace(/\/$/, '')}/realms/${realm}/protocol/openid-connect`;
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const q = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid', state: crypto.randomUUID(), code_challenge: challenge, code_challenge_method: 'S256' });
  const page = await fetch(`${oidc}/auth?${q}`, { redirect: 'manual' });
  const html = await page.text();
  const action = /<form[^>]+action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
  if (page.status !== 200 || !action) throw new Error(`Keycloak's login page for ${clientId} answered ${page.status} without a login form`);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const form = await fetch(action, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username, password }) });
  const ssoCookie = [...page.headers.getSetCookie(), ...form.headers.getSetCookie()].map((c) => c.split(';')[0]).filter((c) => !/=$/.test(c)).join('; ');
  const location = form.headers.get('location');
  const code = location ? new URL(location).searchParams.get('code') : null;
  if (form.status !== 302 || !code) {
    // the form again, with Keycloak's reason (wrong password, account temporarily disabled…)
    const html = await form.text();
    const reason = /id="input-error[^"]*"[^>]*>\s*([^<]+)/.exec(html)?.[1]?.trim();
    const message = reason ?? /class="[^"]*(?:alert|kc-feedback-text)[^"]*"[^>]*>\s*([^<]+)/.exec(html)?.[1]?.trim();
    const text = `Keycloak refused the login of ${username} on ${clientId}: ${form.status}${message ? ` (${message})` : ''}`;
    throw form.status === 200 && !reason ? new FormAgain(text) : new Error(text);
  }
  const res = await fetch(`${oidc}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: redirectUri, code_verifier: verifier }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; id_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Keycloak refused the code of ${username} on ${clientId}: ${res.status} ${body.error_description ?? ''}`);
  return { accessToken: body.access_token, refreshToken: body.refresh_token, idToken: body.id_token, cookie: ssoCookie };
}

/**
 * As login(), with a DPoP proof of the device's key: Keycloak answers a DPoP-bound token (token_type DPoP, `cnf.jkt`
 * the key's thumbprint), useless without that key — a token copied off the terminal cannot be used from elsewhere.
 */
export async function loginWithDpop(keycloakUrl: string, realm: string, username: string, password: string, key: DpopKey): Promise<string> {
  const t = await tokenRequest(keycloakUrl, realm, username, password, key);
  if (t.tokenType.toLowerCase() !== 'dpop') throw new Error(`Keycloak answered a ${t.tokenType} token to a DPoP token request; is DPoP enabled for the jicha-terminal client?`);
  return t.accessToken;
}

/**
 * How a client retries. The default is a terminal's on a flaky network: a lost connection is tried three times.
 * `npm run chaos` also retries 5xx answers (a server restarting, a store down) for as long as an outage may last.
 */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Whether this answer is retried too (the default: none is); it may read a clone of the body. */
  retryAnswer?: (res: Response) => boolean | Promise<boolean>;
  /** The pause before try `attempt` (2, 3, …). */
  delayMs?: (attempt: number) => number;
  /** Sees every answer and every lost connection (the chaos run's record of what clients saw). */
  observe?: (e: { at: number; method: string; url: string; status: number | null; attempt: number }) => void;
}

export const TERMINAL_RETRY: RetryPolicy = { attempts: 3, delayMs: (attempt) => 300 * (attempt - 1) };

/**
 * Sends a request with `policy`'s retries: the same request, Idempotency-Key included (the server applies the action
 * once), and, with `resign`, a new DPoP proof (the server refuses a proof it has seen).
 */
export function retryingFetch(resign: ((r: Request) => Promise<void>) | null, policy: RetryPolicy = TERMINAL_RETRY) {
  return async (request: Request): Promise<Response> => {
    for (let attempt = 1; ; attempt += 1) {
      const r = request.clone();
      if (attempt > 1 && resign) await resign(r);
      let res: Response;
      try {
        res = await fetch(r);
      } catch (e) {
        policy.observe?.({ at: Date.now(), method: r.method, url: r.url, status: null, attempt });
        if (attempt >= policy.attempts) throw e;
        await new Promise((ok) => setTimeout(ok, policy.delayMs?.(attempt + 1) ?? 300 * attempt));
        continue;
      }
      policy.observe?.({ at: Date.now(), method: r.method, url: r.url, status: res.status, attempt });
      if (attempt >= policy.attempts || !(await policy.retryAnswer?.(res))) return res;
      await res.arrayBuffer().catch(() => undefined);
      await new Promise((ok) => setTimeout(ok, policy.delayMs?.(attempt + 1) ?? 300 * attempt));
    }
  };
}

export interface TerminalKeyOptions {
  /** The device key (default: the simulator's key on disk for `deviceId`). */
  key?: DpopKey;
  /** The token was issued against the key (loginWithDpop): it is sent as `Authorization: DPoP`, and needs a proof everywhere. */
  boundToken?: boolean;
  /** How requests (and evidence uploads) are retried (default: TERMINAL_RETRY). */
  retry?: RetryPolicy;
}

/**
 * A terminal signed in as one user, on one bound device (`deviceId` null: no X-Device-Id, for /me and /admin/*).
 * `api` is the generated client: every POST carries an Idempotency-Key, a new one unless the call gives its own
 * (`headers: { 'Idempotency-Key': key }`, to retry an action); with a device (or a bound token) every request carries
 * a DPoP proof signed by the device's key.
 */
export class TerminalClient {
  readonly api: ApiClient;
  /** A PUT of evidence bytes to a presigned URL of the object store, retried as the API's requests are. */
  readonly upload: (url: string, headers: Record<string, string>, body: Buffer) => Promise<Response>;

  /** `token`: the access token, or a function answering a current one (a long run outlives a token). */
  constructor(readonly baseUrl: string, token: string | (() => string | Promise<string>), readonly deviceId: string | null, o: TerminalKeyOptions = {}) {
    const keyOf = o.key ? () => Promise.resolve(o.key!) : deviceId ? () => deviceKeyOnDisk(deviceId) : null;
    if (o.boundToken && !keyOf) throw new Error('a DPoP-bound token needs the key it is bound to');
    const sign = keyOf ? async (r: Request) => addDpopProof(r, await keyOf(), { boundToken: o.boundToken }) : null;
    this.api = createApiClient({
      baseUrl: baseUrl.replace(/\/$/, ''),
      token: typeof token === 'function' ? token : () => token,
      headers: deviceId ? { 'X-Device-Id': deviceId } : undefined,
      fetch: retryingFetch(sign, o.retry),
    });
    const put = retryingFetch(null, o.retry);
    this.upload = (url, headers, body) => put(new Request(url, { method: 'PUT', headers, body }));
    this.api.use({
      onRequest({ request }) {
        if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', crypto.randomUUID());
        return request;
      },
    });
    // after createApiClient's own middleware, which sets the Authorization header the proof's `ath` hashes
    if (sign) {
      this.api.use({
        async onRequest({ request }) {
          await sign(request);
          return request;
        },
      });
    }
  }
}

export type TaskDetail = ApiResponse<'/mobile/v1/tasks/{id}'>;

export async function getTask(t: TerminalClient, caseId: string): Promise<TaskDetail> {
  return ok(await t.api.GET('/mobile/v1/tasks/{id}', { params: { path: { id: caseId } } }));
}

/**
 * Registers the device if needed (with `publicKeyJwk`, default the simulator's key on disk for it) and binds it to
 * `username` (admin token); a no-op when it is already bound to them. When a key is given, a device registered with
 * another key (or none) is an error: the simulator could not sign its requests.
 */
export async function ensureBoundDevice(admin: TerminalClient, deviceId: string, username: string, label: string, publicKeyJwk?: PublicJwk): Promise<'bound' | 'already'> {
  const cur = await admin.api.GET('/mobile/v1/admin/devices/{deviceId}', { params: { path: { deviceId } } });
  if (cur.response.status === 404) {
    const key = publicKeyJwk ?? (await deviceKeyOnDisk(deviceId)).publicJwk;
    ok(await admin.api.POST('/mobile/v1/admin/devices', { body: { deviceId, label, platform: 'simulator', model: 'jicha terminal simulator', publicKeyJwk: key } }));
  } else {
    const device = ok(cur);
    if (publicKeyJwk && device.publicKeyThumbprint !== (await jwkThumbprint(publicKeyJwk))) {
      throw new Error(`device ${deviceId} is registered ${device.publicKeyThumbprint ? 'with another key' : 'without a key'} (from before device keys, or another machine): this simulator cannot sign its requests. Use another TERMINAL_DEVICE, e.g. ${deviceId}-2.`);
    }
    if (device.boundUser === username) return 'already';
  }
  ok(await admin.api.POST('/mobile/v1/admin/devices/{deviceId}/bind', { params: { path: { deviceId } }, body: { username } }));
  return 'bound';
}
