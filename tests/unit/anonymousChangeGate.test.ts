import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { refuseAnonymousChanges, protectedChanges, type MountedRoutes } from '../../http/anonymousChangeGate';
import { mountRoutes, type RouteDef } from '../../http/route';
import { createRateLimits } from '../../http/rateLimit';
import { corsHeaders } from '../../http/cors';
import { problemHandler } from '../../http/problem';
import { createLogger } from '../../config/logger';
import type { GateRefusal } from '../../services/audit/auditWriter';

// The gate in front of the router (#18): a change without credentials gets the very answer the route's own token
// check gives, counted per minute; anything else goes on to the routes.
const ok = async ({ res }: { res: express.Response }) => void res.json({ ran: true });
const routes: MountedRoutes[] = [
  {
    prefix: '/api',
    routes: [
      { method: 'post', path: '/things', summary: 's', tag: 't', policy: { roles: ['admin'], scope: 'none' }, handler: ok },
      { method: 'get', path: '/things', summary: 's', tag: 't', policy: { roles: ['admin'], scope: 'none' }, handler: ok },
      { method: 'post', path: '/things/:id/close', summary: 's', tag: 't', policy: { roles: ['admin'], scope: 'none' }, handler: ok },
      { method: 'post', path: '/hello', summary: 's', tag: 't', policy: { public: true, reason: 'test' }, handler: ok },
    ] as RouteDef[],
  },
  { prefix: '/mobile/v1', routes: [{ method: 'put', path: '/sync', summary: 's', tag: 't', policy: { roles: ['inspector'], scope: 'self' }, handler: ok }] as RouteDef[] },
];

let server: Server;
let base: string;
let counted: GateRefusal[] = [];
let withoutGate: { server: Server; base: string };

async function listen(gated: boolean) {
  const limits = createRateLimits({ RATE_LIMIT_MUTATIONS_PER_MIN: 0, RATE_LIMIT_EXPENSIVE_PER_MIN: 0, RATE_LIMIT_AUTH_FAILURES_PER_MIN: 3 });
  const audit = { record: () => undefined, refused: (r: GateRefusal) => void counted.push(r), flush: async () => undefined };
  const gate = refuseAnonymousChanges({ routes, limits, audit, cors: corsHeaders(['https://ui.example']) });
  const app = express();
  if (gated) app.use((req, res, next) => (gate(req, res) ? undefined : next()));
  app.use(express.json());
  for (const g of routes) app.use(g.prefix, mountRoutes([...g.routes], async (t) => ({ sub: t, username: t, roles: ['admin'] }) as never, undefined, limits));
  app.use((_req, res) => void res.status(404).json({ status: 404 }));
  app.use(problemHandler(createLogger({ LOG_LEVEL: 'silent' }, 't')));
  const s = await new Promise<Server>((r) => {
    const l = app.listen(0, '127.0.0.1', () => r(l));
  });
  return { server: s, base: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
}

beforeEach(async () => {
  counted = [];
  ({ server, base } = await listen(true));
  withoutGate = await listen(false);
});
afterEach(() => {
  server.close();
  withoutGate.server.close();
});

const post = (url: string, headers: Record<string, string> = {}, method = 'POST') =>
  fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: method === 'GET' ? undefined : '{"a":1}' });

test('a change without credentials: the route\'s own 401, in the caller\'s language, counted under the route', async () => {
  for (const lang of [{}, { 'accept-language': 'en' }] as Record<string, string>[]) {
    const gated = await post(`${base}/api/things`, lang);
    const routed = await post(`${withoutGate.base}/api/things`, lang);
    expect(gated.status).toBe(401);
    expect(gated.headers.get('content-type')).toBe(routed.headers.get('content-type'));
    expect(await gated.json()).toEqual(await routed.json());
  }
  expect(counted.map((c) => [c.method, c.route, c.status])).toEqual([['POST', '/api/things', 401], ['POST', '/api/things', 401]]);
  // Express's matching: a parameter, a trailing slash, another case; the terminal's prefix
  expect((await post(`${base}/API/Things/x1/close/`)).status).toBe(401);
  expect((await post(`${withoutGate.base}/API/Things/x1/close/`)).status).toBe(401);
  expect(counted.at(-1)).toMatchObject({ route: '/api/things/:id/close', status: 401, username: null });
});

test('past the budget: the route\'s own 429 with Retry-After, on any path under the prefix; a token still passes', async () => {
  for (let i = 0; i < 3; i += 1) expect((await post(`${base}/mobile/v1/sync`, {}, 'PUT')).status).toBe(401);
  const over = await post(`${base}/api/things`, { origin: 'https://ui.example' });
  expect(over.status).toBe(429);
  expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(over.headers.get('access-control-allow-origin')).toBe('https://ui.example'); // the admin UI can read it
  expect(await over.json()).toMatchObject({ type: 'urn:jicha:rate-limit', status: 429, code: 'request.rate-limited.auth', params: { seconds: Number(over.headers.get('retry-after')) } });
  const nowhere = await post(`${base}/api/no-such-route`);
  expect(nowhere.status).toBe(429);
  expect(counted.at(-1)).toMatchObject({ route: '/api/*', status: 429 });
  expect((await post(`${base}/api/things`, { authorization: 'Bearer admin' })).status).toBe(200);
});

test('reads, public routes, paths outside the APIs and (under the budget) unknown paths go on to the routes', async () => {
  expect((await post(`${base}/api/things`, {}, 'GET')).status).toBe(401); // the route's own refusal
  expect((await post(`${base}/api/hello`)).status).toBe(200);
  expect((await post(`${base}/api/no-such-route`)).status).toBe(404);
  expect((await post(`${base}/elsewhere`)).status).toBe(404);
  expect(counted).toEqual([]);
});

test('a large body is not read after the refusal: the connection is closed', async () => {
  const r = await fetch(`${base}/api/things`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'x'.repeat(100_000) }) });
  expect(r.status).toBe(401);
  expect(r.headers.get('connection')).toBe('close');
  expect((await post(`${base}/api/things`)).headers.get('connection')).not.toBe('close');
});

test('the route table: the first route Express would run, public ones and other methods excluded', () => {
  const routeOf = protectedChanges(routes);
  expect(routeOf('POST', '/api/things')).toBe('/api/things');
  expect(routeOf('PUT', '/mobile/v1/sync')).toBe('/mobile/v1/sync');
  expect(routeOf('POST', '/api/hello')).toBeNull();
  expect(routeOf('DELETE', '/api/things')).toBeNull();
  expect(routeOf('POST', '/api/things/a/b/close')).toBeNull();
  expect(routeOf('POST', '/api/thingsx')).toBeNull();
});
