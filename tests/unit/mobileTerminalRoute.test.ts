import type { AddressInfo } from 'node:net';
import express from 'express';
import type pg from 'pg';
import { mountRoutes } from '../../http/route';
import { problemHandler } from '../../http/problem';
import { createLogger } from '../../config/logger';
import type { Principal } from '../../domain/roles';
import { terminalRoute } from '../../mobile-api/terminalRoute';

// The terminal route wrapper's refusals that need no database: token client, device header, Idempotency-Key.
const principals: Record<string, Principal> = {
  terminal: { sub: 's1', username: 'inspector', name: '李稽查', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ', clientId: 'jicha-terminal' },
  backoffice: { sub: 's1', username: 'inspector', name: '李稽查', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ', clientId: 'jicha-admin' },
};
const holders: Record<string, string | null> = { 'dev-mine': 'inspector', 'dev-other': 'inspector2', 'dev-spare': null };
const pool = {
  async query(q: string | { text: string; values: unknown[] }) {
    const text = typeof q === 'string' ? q : q.text;
    if (/from devices where id = \$1/.test(text) && typeof q !== 'string') {
      const id = q.values[0] as string;
      return { rows: id in holders ? [{ bound_user: holders[id] }] : [], rowCount: id in holders ? 1 : 0 };
    }
    return { rows: [], rowCount: 0 };
  },
} as unknown as pg.Pool;

let base: string;
let server: ReturnType<express.Express['listen']>;
beforeAll(async () => {
  const routes = [
    terminalRoute({ pool }, { method: 'get', path: '/ping', summary: 'ping', policy: { roles: ['inspector'], scope: 'self' }, handler: async ({ deviceId }) => ({ status: 200, body: { deviceId } }) }),
    terminalRoute({ pool }, { method: 'post', path: '/echo', summary: 'echo', device: false, policy: { roles: ['inspector'], scope: 'self' }, handler: async () => ({ status: 200, body: {} }) }),
  ];
  const app = express();
  app.use(express.json());
  app.use(mountRoutes(routes, async (token) => principals[token]));
  app.use(problemHandler(createLogger({ LOG_LEVEL: 'silent' }, 't')));
  await new Promise<void>((r) => {
    server = app.listen(0, '127.0.0.1', () => r());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const call = async (path: string, token: string, headers: Record<string, string> = {}, method = 'GET') => {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) }, body: method === 'POST' ? '{}' : undefined });
  return { status: res.status, body: (await res.json()) as any };
};

test('only tokens of the terminal client are taken', async () => {
  const r = await call('/ping', 'backoffice', { 'x-device-id': 'dev-mine' });
  expect(r).toMatchObject({ status: 403, body: { title: 'Wrong client', detail: 'This endpoint takes tokens of the jicha-terminal client, not jicha-admin.' } });
  expect(await call('/ping', 'terminal', { 'x-device-id': 'dev-mine' })).toEqual({ status: 200, body: { deviceId: 'dev-mine' } });
});

test('the device must be named, registered and bound to the caller', async () => {
  expect((await call('/ping', 'terminal')).body.errors).toEqual([{ path: 'header.X-Device-Id', message: 'required' }]);
  expect((await call('/ping', 'terminal', { 'x-device-id': 'a b' })).status).toBe(400);
  expect((await call('/ping', 'terminal', { 'x-device-id': 'dev-none' })).body.type).toBe('urn:jicha:device:unregistered');
  expect((await call('/ping', 'terminal', { 'x-device-id': 'dev-spare' })).body.type).toBe('urn:jicha:device:unbound');
  const other = await call('/ping', 'terminal', { 'x-device-id': 'dev-other' });
  expect(other).toMatchObject({ status: 403, body: { type: 'urn:jicha:device:other-user' } });
  expect(other.body.detail).not.toContain('inspector2'); // who holds it is not told
});

test('a POST without a usable Idempotency-Key is refused before anything runs', async () => {
  expect((await call('/echo', 'terminal', {}, 'POST')).body).toMatchObject({ status: 400, title: 'Idempotency-Key missing' });
  expect((await call('/echo', 'terminal', { 'idempotency-key': 'short' }, 'POST')).body).toMatchObject({ status: 400, title: 'Invalid Idempotency-Key' });
});
