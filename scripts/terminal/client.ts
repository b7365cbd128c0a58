import crypto from 'node:crypto';

// The terminal simulator's HTTP side: what a field terminal does on the wire (bearer token, bound device id,
// an Idempotency-Key per action that a retry reuses).

export class TerminalError extends Error {
  constructor(readonly status: number, readonly body: any, what: string) {
    super(`${what}: ${status} ${body?.detail ?? body?.title ?? JSON.stringify(body)}`);
  }
}

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

export interface CallOptions {
  /** Idempotency-Key for a POST; a new one per call unless given (give the same one to retry an action). */
  key?: string;
  query?: Record<string, string | number | undefined>;
}

export class TerminalClient {
  constructor(readonly baseUrl: string, private token: string, readonly deviceId: string | null) {}

  async call<T = any>(method: 'GET' | 'POST', path: string, body?: unknown, o: CallOptions = {}): Promise<{ status: number; body: T; replayed: boolean }> {
    const qs = o.query ? `?${new URLSearchParams(Object.entries(o.query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)] as [string, string]))}` : '';
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (this.deviceId) headers['x-device-id'] = this.deviceId;
    if (method === 'POST') {
      headers['idempotency-key'] = o.key ?? crypto.randomUUID();
      headers['content-type'] = 'application/json';
    }
    const url = `${this.baseUrl.replace(/\/$/, '')}/mobile/v1${path}${qs}`;
    // A lost connection is retried with the same Idempotency-Key: the server applies the action once.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const res = await fetch(url, { method, headers, body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined });
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : null) as T, replayed: res.headers.get('idempotent-replayed') === 'true' };
      } catch (e) {
        if (attempt >= 3) throw e;
        await new Promise((r) => setTimeout(r, 300 * attempt));
      }
    }
  }

  /** The call, which must answer 2xx. */
  async ok<T = any>(method: 'GET' | 'POST', path: string, body?: unknown, o: CallOptions = {}): Promise<T> {
    const r = await this.call<T>(method, path, body, o);
    if (r.status >= 300) throw new TerminalError(r.status, r.body, `${method} ${path}`);
    return r.body;
  }

  get<T = any>(path: string, query?: CallOptions['query']) {
    return this.ok<T>('GET', path, undefined, { query });
  }

  post<T = any>(path: string, body?: unknown, o: CallOptions = {}) {
    return this.ok<T>('POST', path, body, o);
  }
}

/** Registers the device if needed and binds it to `username` (admin token); a no-op when it is already bound to them. */
export async function ensureBoundDevice(admin: TerminalClient, deviceId: string, username: string, label: string): Promise<'bound' | 'already'> {
  const cur = await admin.call('GET', `/admin/devices/${encodeURIComponent(deviceId)}`);
  if (cur.status === 404) await admin.post('/admin/devices', { deviceId, label, platform: 'simulator', model: 'jicha terminal simulator' });
  else if (cur.status !== 200) throw new TerminalError(cur.status, cur.body, `GET /admin/devices/${deviceId}`);
  else if (cur.body.boundUser === username) return 'already';
  await admin.post(`/admin/devices/${encodeURIComponent(deviceId)}/bind`, { username });
  return 'bound';
}
