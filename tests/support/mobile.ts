import crypto from 'node:crypto';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { newDpopKey, signDpopProof, type DpopKey } from '../../client/dpop';
import { approachTrack } from '../../scripts/terminal/visit';
import { api, type Harness } from './harness';
import { tokenForPath } from './keycloak';

// Every test device has an ECDSA P-256 key, made on first use and kept here for the run: bindDevice registers it
// with the device, and mobile() signs a DPoP proof with it for every request that names the device.
const deviceKeys = new Map<string, Promise<DpopKey>>();

/** The key of a test device (made on first use; a device nobody registered still gets one, to sign its proofs). */
export function deviceKey(deviceId: string): Promise<DpopKey> {
  let k = deviceKeys.get(deviceId);
  if (!k) deviceKeys.set(deviceId, (k = newDpopKey().then((x) => x.key)));
  return k;
}

/** Makes `key` the key test requests from `deviceId` are signed with (a device registered with its own key). */
export function useDeviceKey(deviceId: string, key: DpopKey): void {
  deviceKeys.set(deviceId, Promise.resolve(key));
}

/**
 * One terminal request: bearer token, device id with a DPoP proof of the device's key, and an Idempotency-Key on
 * POSTs (new unless given). `dpop` overrides the proof: a key to sign with instead, or null for none.
 */
export async function mobile(baseUrl: string, path: string, o: { token: string; device?: string | null; key?: string | null; body?: unknown; method?: string; headers?: Record<string, string>; dpop?: DpopKey | null }) {
  const method = o.method ?? (o.body === undefined ? 'GET' : 'POST');
  // the proof's ath is the hash of the token sent: the user's terminal token (tests/support/keycloak.ts)
  const token = await tokenForPath(o.token, '/mobile/v1');
  const headers: Record<string, string> = {};
  if (o.device) headers['x-device-id'] = o.device;
  const key = o.dpop === undefined ? (o.device ? await deviceKey(o.device) : undefined) : o.dpop;
  if (key) headers.dpop = await signDpopProof(key, { method, url: `${baseUrl}/mobile/v1${path}`, accessToken: token });
  if (method === 'POST' && o.key !== null) headers['idempotency-key'] = o.key ?? crypto.randomUUID();
  return api(baseUrl, `/mobile/v1${path}`, { token, method, body: method === 'POST' ? (o.body ?? {}) : undefined, headers: { ...headers, ...o.headers } });
}

export function newDeviceId(prefix = 'test'): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 13)}`;
}

/**
 * Registers a device with its key (deviceKey) and binds it to `username`, through the admin endpoints with a real
 * admin token.
 */
export async function bindDevice(baseUrl: string, adminToken: string, deviceId: string, username: string): Promise<void> {
  const { publicJwk } = await deviceKey(deviceId);
  const reg = await mobile(baseUrl, '/admin/devices', { token: adminToken, body: { deviceId, label: `device of ${username}`, platform: 'android', model: 'test', publicKeyJwk: publicJwk } });
  if (reg.status !== 201) throw new Error(`register ${deviceId}: ${reg.status} ${JSON.stringify(reg.body)}`);
  const bind = await mobile(baseUrl, `/admin/devices/${deviceId}/bind`, { token: adminToken, body: { username } });
  if (bind.status !== 200) throw new Error(`bind ${deviceId}: ${bind.status} ${JSON.stringify(bind.body)}`);
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Opens a case through the back-office API (as a supervisor) and waits until it is offered for field evidence. */
export async function openFieldCase(h: Harness, supervisorToken: string, accountNo: string, origin: 'routine' | 'special' = 'routine') {
  const res = await api(h.baseUrl, '/api/cases', { token: supervisorToken, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: accountNo, origin, note: 'mobile API test' } });
  if (res.status !== 201) throw new Error(`open case: ${res.status} ${JSON.stringify(res.body)}`);
  const handle = h.client.workflow.getHandle(res.body.workflowId);
  await waitFor('field evidence', async () => {
    const s = await handle.query(getStateQuery);
    return s.stage === 'field_evidence' && s.assignee !== null;
  });
  // the read model follows the workflow's recording activity
  await waitFor('read model at field evidence', async () => {
    const r = await h.pool.query("select 1 from cases where id = $1 and stage = 'field_evidence' and pending_user is not null", [res.body.id]);
    return r.rowCount === 1;
  });
  return { id: res.body.id as string, caseNo: res.body.caseNo as string, workflowId: res.body.workflowId as string, handle };
}

/**
 * The GPS track of an honest approach to `site` (the terminal simulator's walk: 30 fixes, 10 s apart, from `startM`
 * away, ending now), posted for the case: without it the server's presence verdict on the visit is weak (no track).
 */
export async function postApproachTrack(baseUrl: string, auth: { token: string; device: string | null }, caseId: string, site: { lat: number; lon: number }, startM = 1200) {
  const res = await mobile(baseUrl, '/track', { ...auth, body: { caseId, points: approachTrack(site, startM) } });
  if (res.status !== 200) throw new Error(`track for ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { received: number; stored: number; duplicates: number };
}
