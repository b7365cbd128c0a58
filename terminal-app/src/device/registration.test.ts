import { describe, expect, test } from 'vitest';
import { createTerminalApi } from '../api/client';
import { checkDevice, describeDevice, knownBound, modelOf, platformOf, registeredKey, stateFromDevice, stateFromMe } from './registration';

const PIXEL = 'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/127.0.0.0 Mobile Safari/537.36';
const HUAWEI = 'Mozilla/5.0 (Linux; Android 12; NOH-AN00 Build/HUAWEINOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0 Mobile Safari/537.36';
const REDUCED = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const DESKTOP = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36';
const JWK = { kty: 'EC', crv: 'P-256', x: 'r4s-UW2zZITyAxsnkniy8jXuUrQ16IL7YptSj2aKqHc', y: 'HJb46MB2Hmt3i9AXE-R2rEqUNXXTZbe0yc3vlCf_mbA', ext: true, key_ops: ['verify'] };
const ID = 'T-7K3QM-XP9RD';
const WHO = { username: 'inspector', name: '李稽查' };

describe('what the device is', () => {
  test('platform and model from the user agent', () => {
    expect([PIXEL, HUAWEI, REDUCED, IPHONE, DESKTOP].map(platformOf)).toEqual(['android', 'android', 'android', 'ios', 'other']);
    expect([PIXEL, HUAWEI, REDUCED, IPHONE, DESKTOP].map(modelOf)).toEqual(['Pixel 8', 'NOH-AN00', undefined, 'iPhone', undefined]);
  });

  test('the label names the person and the model (or the kind of device)', () => {
    expect(describeDevice(PIXEL, WHO)).toEqual({ label: '李稽查 · Pixel 8', platform: 'android', model: 'Pixel 8' });
    expect(describeDevice(REDUCED, { username: 'lead', name: '' })).toEqual({ label: 'lead · Android 手机', platform: 'android' });
    expect(describeDevice(DESKTOP, WHO).label.length).toBeLessThanOrEqual(100);
  });

  test('only the members that identify the key are registered', () => {
    expect(registeredKey(JWK)).toEqual({ kty: 'EC', crv: 'P-256', x: JWK.x, y: JWK.y });
    expect(registeredKey(null)).toBeUndefined();
    expect(registeredKey({ kty: 'RSA', n: 'x', e: 'AQAB' })).toBeUndefined();
  });

  test('state from a registration answer', () => {
    expect(stateFromDevice({ boundUser: null }, 'inspector')).toEqual({ kind: 'waiting' });
    expect(stateFromDevice({ boundUser: 'inspector' }, 'inspector')).toEqual({ kind: 'bound', offline: false });
    expect(stateFromDevice({ boundUser: 'lead' }, 'inspector')).toEqual({ kind: 'other', boundUser: 'lead' });
  });

  test('state from /me as it answers with DPoP: deviceBound, no list of device ids', () => {
    expect(stateFromMe({ deviceBound: true, waitingDevices: [] }, ID)).toEqual({ kind: 'bound', offline: false });
    expect(stateFromMe({ deviceBound: false, waitingDevices: [ID] }, ID)).toEqual({ kind: 'waiting' });
    expect(stateFromMe({ deviceBound: false, waitingDevices: [] }, ID)).toBeNull();
    // bound to me by the registration, but /me did not see it: the server could not verify this terminal's key
    expect(stateFromDevice({ boundUser: 'inspector' }, 'inspector', true)).toEqual({ kind: 'unproven' });
    expect(stateFromDevice({ boundUser: 'lead' }, 'inspector', true)).toEqual({ kind: 'other', boundUser: 'lead' });
  });
});

/** A terminal API over a scripted server; `seen` records each request with its body. */
function server(answer: (method: string, path: string, body: unknown) => Response | Promise<Response>) {
  const seen: { method: string; path: string; headers: Headers; body: unknown }[] = [];
  const api = createTerminalApi({
    baseUrl: 'http://jicha.test',
    token: async () => 'tok',
    deviceId: () => ID,
    lang: () => 'zh-CN',
    fetch: async (req) => {
      const body = req.method === 'POST' ? await req.clone().json() : undefined;
      const path = new URL(req.url).pathname;
      seen.push({ method: req.method, path, headers: req.headers, body });
      return answer(req.method, path, body);
    },
  });
  return { api, seen };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } });
const meBound = (deviceBound: boolean, waitingDevices: string[] = []) => json(200, { username: 'inspector', name: '李稽查', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ', clientId: 'jicha-terminal', deviceBound, waitingDevices });
const device = (boundUser: string | null) => ({ id: ID, label: 'x', platform: 'android', model: null, registeredBy: 'inspector', registeredAt: '2026-12-03T01:00:00Z', boundUser, boundAt: null, boundBy: null, lastSeenAt: null, publicKeyThumbprint: 't' });

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}
const identity = { deviceId: ID, publicKeyJwk: JWK };

describe('checkDevice', () => {
  test('bound to me (/me says deviceBound): bound, and remembered for an offline start', async () => {
    const storage = memoryStorage();
    const { api, seen } = server(() => meBound(true));
    expect(await checkDevice({ api, identity, who: WHO, storage, userAgent: PIXEL })).toEqual({ kind: 'bound', offline: false });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /mobile/v1/me']);
    expect(knownBound(ID, 'inspector', storage)).toBe(true);
    expect(knownBound(ID, 'lead', storage)).toBe(false);
  });

  test('unknown to /me: registers with its key, label and an Idempotency-Key, and waits', async () => {
    const { api, seen } = server((method) => (method === 'GET' ? meBound(false) : json(201, device(null))));
    expect(await checkDevice({ api, identity, who: WHO, storage: memoryStorage(), userAgent: PIXEL })).toEqual({ kind: 'waiting' });
    const post = seen[1]!;
    expect(`${post.method} ${post.path}`).toBe('POST /mobile/v1/devices');
    expect(post.body).toEqual({ deviceId: ID, label: '李稽查 · Pixel 8', platform: 'android', model: 'Pixel 8', publicKeyJwk: { kty: 'EC', crv: 'P-256', x: JWK.x, y: JWK.y } });
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('registered before and bound to someone else since: other; a refused registration: refused with its code', async () => {
    const storage = memoryStorage();
    storage.setItem('jicha.terminal.deviceBound', JSON.stringify({ deviceId: ID, username: 'inspector' }));
    const other = server((method) => (method === 'GET' ? meBound(false) : json(200, device('lead'))));
    expect(await checkDevice({ api: other.api, identity, who: WHO, storage, userAgent: PIXEL })).toEqual({ kind: 'other', boundUser: 'lead' });
    expect(knownBound(ID, 'inspector', storage)).toBe(false); // a rebind elsewhere ends offline starts here

    const taken = server((method) => (method === 'GET' ? meBound(false) : json(409, { type: 'urn:jicha:device.taken', title: 'Device id in use', status: 409, detail: '终端编号已由其他人员登记。', code: 'device.taken' })));
    const r = await checkDevice({ api: taken.api, identity, who: WHO, storage, userAgent: PIXEL });
    expect(r.kind).toBe('refused');
    expect(r.kind === 'refused' && r.error.code).toBe('device.taken');
  });

  test('/me with deviceBound: bound at once; not bound and unknown: registers; bound to me yet unproven: says so', async () => {
    const storage = memoryStorage();
    const bound = server(() => meBound(true));
    expect(await checkDevice({ api: bound.api, identity, who: WHO, storage, userAgent: PIXEL })).toEqual({ kind: 'bound', offline: false });
    expect(bound.seen).toHaveLength(1);
    const unproven = server((method) => (method === 'GET' ? meBound(false) : json(200, device('inspector'))));
    expect(await checkDevice({ api: unproven.api, identity, who: WHO, storage, userAgent: PIXEL })).toEqual({ kind: 'unproven' });
    expect(knownBound(ID, 'inspector', storage)).toBe(false);
  });

  test('a refused proof (401 dpop.*) is a refusal to explain, not a server out of reach', async () => {
    const { api } = server(() => json(401, { type: 'urn:jicha:dpop.invalid-proof', title: 'Invalid DPoP proof', status: 401, code: 'dpop.invalid-proof' }));
    const r = await checkDevice({ api, identity, who: WHO, storage: memoryStorage(), userAgent: PIXEL });
    expect(r.kind === 'refused' && r.error.code).toBe('dpop.invalid-proof');
  });

  test('no network: a device known to be bound here goes on working; an unknown one cannot tell', async () => {
    const storage = memoryStorage();
    const offline = server(() => {
      throw new TypeError('Failed to fetch');
    });
    expect((await checkDevice({ api: offline.api, identity, who: WHO, storage, userAgent: PIXEL })).kind).toBe('unreachable');
    storage.setItem('jicha.terminal.deviceBound', JSON.stringify({ deviceId: ID, username: 'inspector' }));
    expect(await checkDevice({ api: offline.api, identity, who: WHO, storage, userAgent: PIXEL })).toEqual({ kind: 'bound', offline: true });
    const down = server(() => json(503, { title: 'Service unavailable', status: 503 }));
    expect(await checkDevice({ api: down.api, identity, who: WHO, storage, userAgent: PIXEL })).toEqual({ kind: 'bound', offline: true });
    expect(knownBound(ID, 'inspector', storage)).toBe(true);
  });
});
