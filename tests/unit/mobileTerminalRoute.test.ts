import type { AddressInfo } from 'node:net';
import express from 'express';
import type pg from 'pg';
import { z } from 'zod';
import { mountRoutes, type DpopPolicy } from '../../http/route';
import { createDpopVerifier } from '../../http/dpop';
import { problemHandler } from '../../http/problem';
import { createLogger } from '../../config/logger';
import type { Principal } from '../../domain/roles';
import { terminalRoute } from '../../mobile-api/terminalRoute';
import { jwkThumbprint, newDpopKey, signDpopProof, type DpopKey } from '../../client/dpop';

// The terminal route wrapper's refusals, with a fake device table: token client, DPoP proof, device header, the bound
// device and its key, Idempotency-Key — and the order of those checks.
let keyA: DpopKey; // the key registered for dev-mine (and dev-other, dev-spare)
let keyB: DpopKey; // a key nobody registered
let principals: Record<string, Principal>;
const holders: Record<string, { bound_user: string | null; public_key_jkt: string | null }> = {};

const pool = {
  async query(q: string | { text: string; values: unknown[] }) {
    const text = typeof q === 'string' ? q : q.text;
    if (/from devices where id = \$1/.test(text) && typeof q !== 'string') {
      const id = q.values[0] as string;
      return { rows: id in holders ? [holders[id]] : [], rowCount: id in holders ? 1 : 0 };
    }
    return { rows: [], rowCount: 0 };
  },
} as unknown as pg.Pool;

const routes = () => [
  terminalRoute({ pool }, { method: 'get', path: '/ping', summary: 'ping', policy: { roles: ['inspector'], scope: 'self' }, handler: async ({ deviceId }) => ({ status: 200, body: { deviceId } }) }),
  terminalRoute({ pool }, { method: 'post', path: '/echo', summary: 'echo', device: false, policy: { roles: ['inspector'], scope: 'self' }, handler: async () => ({ status: 200, body: {} }) }),
  // (a POST that passes would need the idempotency store, which this fake pool does not hold: successes use GET)
  terminalRoute({ pool }, { method: 'get', path: '/free', summary: 'no device', device: false, policy: { roles: ['inspector'], scope: 'self' }, handler: async ({ deviceId }) => ({ status: 200, body: { deviceId } }) }),
  terminalRoute({ pool }, { method: 'post', path: '/strict', summary: 'a body', body: z.strictObject({ n: z.number() }), policy: { roles: ['inspector'], scope: 'self' }, handler: async () => ({ status: 200, body: {} }) }),
];

async function serve(policy: DpopPolicy) {
  const app = express();
  app.use(express.json());
  app.use(mountRoutes(routes(), async (token) => principals[token], undefined, undefined, policy));
  app.use(problemHandler(createLogger({ LOG_LEVEL: 'silent' }, 't')));
  const server = await new Promise<ReturnType<express.Express['listen']>>((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let optional: Awaited<ReturnType<typeof serve>>;
let required: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  keyA = (await newDpopKey()).key;
  keyB = (await newDpopKey()).key;
  const jktA = await jwkThumbprint(keyA.publicJwk);
  const base = { sub: 's1', username: 'inspector', name: '李稽查', roles: ['inspector'] as Principal['roles'], orgUnit: 'HB.XN.XA.WQ' };
  principals = {
    terminal: { ...base, clientId: 'jicha-terminal' },
    backoffice: { ...base, clientId: 'jicha-admin' },
    bound: { ...base, clientId: 'jicha-terminal', cnfJkt: jktA },
    boundToB: { ...base, clientId: 'jicha-terminal', cnfJkt: await jwkThumbprint(keyB.publicJwk) },
  };
  Object.assign(holders, {
    'dev-mine': { bound_user: 'inspector', public_key_jkt: jktA },
    'dev-other': { bound_user: 'inspector2', public_key_jkt: jktA },
    'dev-spare': { bound_user: null, public_key_jkt: jktA },
    'dev-keyless': { bound_user: 'inspector', public_key_jkt: null },
  });
  const verifier = () => createDpopVerifier({ publicUrl: 'http://localhost:3000', loopback: true });
  optional = await serve({ verifier: verifier(), tokenBinding: 'optional' });
  required = await serve({ verifier: verifier(), tokenBinding: 'required' });
});
afterAll(async () => {
  await new Promise((r) => optional.server.close(r));
  await new Promise((r) => required.server.close(r));
});

/** One request; `key` signs a proof for it (null: none), `headers` may override anything. */
async function call(path: string, token: string, o: { device?: string; key?: DpopKey | null; method?: string; body?: string; headers?: Record<string, string>; scheme?: string; at?: typeof optional } = {}) {
  const base = (o.at ?? optional).base;
  const method = o.method ?? 'GET';
  const headers: Record<string, string> = { authorization: `${o.scheme ?? 'Bearer'} ${token}` };
  if (o.device) headers['x-device-id'] = o.device;
  const key = o.key === undefined ? keyA : o.key;
  if (key) headers.dpop = await signDpopProof(key, { method, url: `${base}${path}`, accessToken: token });
  if (method === 'POST') headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers: { ...headers, ...o.headers }, body: method === 'POST' ? (o.body ?? '{}') : undefined });
  return { status: res.status, body: (await res.json()) as any, authenticate: res.headers.get('www-authenticate') };
}

test('only tokens of the terminal client are taken', async () => {
  const r = await call('/ping', 'backoffice', { device: 'dev-mine' });
  expect(r).toMatchObject({ status: 401, body: { code: 'auth.wrong-client', detail: '此接口只接受 jicha-terminal 客户端签发的令牌，当前令牌来自 jicha-admin，请从对应的应用登录。' } });
  expect(await call('/ping', 'terminal', { device: 'dev-mine' })).toMatchObject({ status: 200, body: { deviceId: 'dev-mine' } });
});

test('a device route needs a DPoP proof: none → 401 dpop.proof-required, a bad one → 401 dpop.invalid-proof, with WWW-Authenticate', async () => {
  const none = await call('/ping', 'terminal', { device: 'dev-mine', key: null });
  expect(none).toMatchObject({ status: 401, body: { code: 'dpop.proof-required', type: 'urn:jicha:dpop.proof-required' }, authenticate: 'DPoP error="invalid_dpop_proof", algs="ES256"' });
  expect(none.body.detail).toBe('此请求须附带终端密钥签名的 DPoP 证明（DPoP 请求头）。');
  const bad = await call('/ping', 'terminal', { device: 'dev-mine', headers: { dpop: 'not.a.proof' } });
  expect(bad).toMatchObject({ status: 401, body: { code: 'dpop.invalid-proof' }, authenticate: 'DPoP error="invalid_dpop_proof", algs="ES256"' });
  const otherUrl = await call('/ping', 'terminal', { device: 'dev-mine', headers: { dpop: await signDpopProof(keyA, { method: 'GET', url: `${optional.base}/echo`, accessToken: 'terminal' }) } });
  expect(otherUrl.body).toMatchObject({ code: 'dpop.invalid-proof', detail: 'DPoP 证明无效：证明的 htu 与请求地址不符。' });
  const en = await call('/ping', 'terminal', { device: 'dev-mine', key: null, headers: { 'accept-language': 'en' } });
  expect(en.body.detail).toBe('This request needs a DPoP proof signed by the terminal\'s key (the DPoP header).');
  // the proof is checked before the device: a request without one says nothing about the device it names
  expect((await call('/ping', 'terminal', { device: 'dev-none', key: null })).status).toBe(401);
});

test('the device must be named (400), and then be bound to the caller with the key that signed the proof', async () => {
  expect((await call('/ping', 'terminal')).body.errors).toEqual([{ path: 'header.X-Device-Id', message: 'required' }]);
  expect((await call('/ping', 'terminal', { device: 'a b' })).status).toBe(400);
  expect((await call('/ping', 'terminal', { device: 'dev-mine' })).status).toBe(200);
});

test('unknown, unbound, someone else\'s, key-less and wrong-key devices get one and the same answer', async () => {
  const answers = [
    await call('/ping', 'terminal', { device: 'dev-none' }),
    await call('/ping', 'terminal', { device: 'dev-spare' }),
    await call('/ping', 'terminal', { device: 'dev-other' }),
    await call('/ping', 'terminal', { device: 'dev-keyless' }),
    await call('/ping', 'terminal', { device: 'dev-mine', key: keyB }),
  ];
  for (const a of answers) {
    expect(a).toEqual({
      status: 403,
      authenticate: null,
      body: {
        type: 'urn:jicha:device.not-bound', title: 'Device not bound', status: 403, code: 'device.not-bound',
        detail: '此终端未绑定到当前账号，或请求不是由该终端登记的密钥签名的。请在终端上打开移动作业终端完成登记，并请管理员在终端人员维护中绑定。',
      },
    });
  }
  const en = await call('/ping', 'terminal', { device: 'dev-other', headers: { 'accept-language': 'en' } });
  expect(en.body.detail).toBe('This terminal is not bound to your account, or the request is not signed by the key the terminal registered. Open 移动作业终端 on the terminal to register it, and ask an administrator to bind it (终端人员维护).');
});

test('a DPoP-bound token: only with a proof of its own key, on any route, in either scheme', async () => {
  expect((await call('/ping', 'bound', { device: 'dev-mine', scheme: 'DPoP' })).status).toBe(200);
  expect((await call('/ping', 'bound', { device: 'dev-mine' })).status).toBe(200); // Bearer scheme: held to its key all the same
  const otherKey = await call('/ping', 'bound', { device: 'dev-mine', key: keyB });
  expect(otherKey).toMatchObject({ status: 401, body: { code: 'dpop.invalid-proof', detail: 'DPoP 证明无效：访问令牌绑定的是另一把密钥。' } });
  // a route without a device too
  expect((await call('/free', 'bound', { key: null })).body.code).toBe('dpop.proof-required');
  expect((await call('/free', 'bound', { key: keyB })).body.code).toBe('dpop.invalid-proof');
  expect(await call('/free', 'bound')).toMatchObject({ status: 200, body: { deviceId: null } });
  // a token bound to a key nobody registered for the device: its own proof passes the proof check, not the device's
  expect((await call('/ping', 'boundToB', { device: 'dev-mine', key: keyB })).body.code).toBe('device.not-bound');
  // the DPoP scheme claims a proof; a bearer token needs none where no device is needed
  expect((await call('/free', 'terminal', { key: null, scheme: 'DPoP' })).body.code).toBe('dpop.proof-required');
  expect((await call('/free', 'terminal', { key: null })).status).toBe(200);
});

test('TERMINAL_TOKEN_BINDING=required: a device route takes only DPoP-bound tokens; other routes still take bearer tokens', async () => {
  const bearer = await call('/ping', 'terminal', { device: 'dev-mine', at: required });
  expect(bearer).toMatchObject({ status: 401, body: { code: 'dpop.bound-token-required' }, authenticate: 'DPoP error="invalid_token", algs="ES256"' });
  expect((await call('/ping', 'bound', { device: 'dev-mine', scheme: 'DPoP', at: required })).status).toBe(200);
  expect((await call('/free', 'terminal', { key: null, at: required })).status).toBe(200);
});

test('the device is checked before the body is read: a stranger learns nothing from how its body would be judged', async () => {
  expect((await call('/strict', 'terminal', { method: 'POST', device: 'dev-other', body: '{"x":1}', headers: { 'idempotency-key': 'k-00000006' } })).status).toBe(403);
  expect((await call('/strict', 'terminal', { method: 'POST', device: 'dev-mine', key: null, body: '{"x":1}' })).status).toBe(401);
  expect((await call('/strict', 'terminal', { method: 'POST', device: 'dev-mine', body: '{"x":1}', headers: { 'idempotency-key': 'k-00000007' } })).status).toBe(400);
});

test('a POST without a usable Idempotency-Key is refused before anything runs', async () => {
  expect((await call('/echo', 'terminal', { method: 'POST', key: null })).body).toMatchObject({ status: 400, title: 'Idempotency-Key missing' });
  expect((await call('/echo', 'terminal', { method: 'POST', key: null, headers: { 'idempotency-key': 'short' } })).body).toMatchObject({ status: 400, title: 'Invalid Idempotency-Key' });
});
