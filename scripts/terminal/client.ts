import crypto from 'node:crypto';
import { createApiClient, ok, type ApiClient, type ApiResponse } from '../../client';

// The terminal simulator's HTTP side: what a field terminal does on the wire (bearer token, bound device id,
// an Idempotency-Key per action that a retry reuses), through the client generated from the OpenAPI document.

/** A Keycloak access token by the terminal client's direct grant (allowed for the demo users). */
export async function login(keycloakUrl: string, realm: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${keycloakUrl.replace(/\/$/, '')}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'jicha-terminal', username, password }),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Keycloak refused ${username}: ${res.status} ${body.error_description ?? ''}`);
  return body.access_token;
}

/** A lost connection is retried with the same request, Idempotency-Key included: the server applies the action once. */
async function fetchWithRetry(request: Request): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(request.clone());
    } catch (e) {
      if (attempt >= 3) throw e;
      await new Promise((r) => setTimeout(r, 300 * attempt));
    }
  }
}

/**
 * A terminal signed in as one user, on one bound device (`deviceId` null: no X-Device-Id, for /me and /admin/*).
 * `api` is the generated client: every POST carries an Idempotency-Key, a new one unless the call gives its own
 * (`headers: { 'Idempotency-Key': key }`, to retry an action).
 */
export class TerminalClient {
  readonly api: ApiClient;

  constructor(readonly baseUrl: string, token: string, readonly deviceId: string | null) {
    this.api = createApiClient({
      baseUrl: baseUrl.replace(/\/$/, ''),
      token: () => token,
      headers: deviceId ? { 'X-Device-Id': deviceId } : undefined,
      fetch: fetchWithRetry,
    });
    this.api.use({
      onRequest({ request }) {
        if (request.method === 'POST' && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', crypto.randomUUID());
        return request;
      },
    });
  }
}

export type TaskDetail = ApiResponse<'/mobile/v1/tasks/{id}'>;

export async function getTask(t: TerminalClient, caseId: string): Promise<TaskDetail> {
  return ok(await t.api.GET('/mobile/v1/tasks/{id}', { params: { path: { id: caseId } } }));
}

/** Registers the device if needed and binds it to `username` (admin token); a no-op when it is already bound to them. */
export async function ensureBoundDevice(admin: TerminalClient, deviceId: string, username: string, label: string): Promise<'bound' | 'already'> {
  const cur = await admin.api.GET('/mobile/v1/admin/devices/{deviceId}', { params: { path: { deviceId } } });
  if (cur.response.status === 404) {
    ok(await admin.api.POST('/mobile/v1/admin/devices', { body: { deviceId, label, platform: 'simulator', model: 'jicha terminal simulator' } }));
  } else if (ok(cur).boundUser === username) {
    return 'already';
  }
  ok(await admin.api.POST('/mobile/v1/admin/devices/{deviceId}/bind', { params: { path: { deviceId } }, body: { username } }));
  return 'bound';
}
