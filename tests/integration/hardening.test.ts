import net from 'node:net';
import { EXPENSIVE_ROUTES } from '../../http/rateLimit';
import { liveRoutes } from '../authz/world';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile } from '../support/mobile';

// HTTP hardening of the API (server/app.ts, http/*): security headers, the CORS allow-list, body limits, rate limits
// on changes, expensive routes and failing tokens, and refusals that never show internals.
const LIMITS = { RATE_LIMIT_MUTATIONS_PER_MIN: '3', RATE_LIMIT_EXPENSIVE_PER_MIN: '2', RATE_LIMIT_AUTH_FAILURES_PER_MIN: '3' };
let h: Harness;
let saved: Record<string, string | undefined>;
let manager: string;
let supervisor: string;

beforeAll(async () => {
  saved = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, process.env[k]]));
  Object.assign(process.env, LIMITS); // the harness reads its config from the environment
  h = await startHarness({ inProcessWorker: false });
  [manager, supervisor] = await Promise.all([tokenFor('manager'), tokenFor('supervisor')]);
}, 120_000);
afterAll(async () => {
  for (const [k, v] of Object.entries(saved ?? {})) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  await h?.stop();
});

const isProblem = (r: { status: number; headers: Headers; body: any }, status: number) => {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status, title: expect.any(String) });
};

describe('headers', () => {
  test('helmet: CSP, nosniff, frame and referrer policies, HSTS; no X-Powered-By', async () => {
    const r = await api(h.baseUrl, '/api/public-config');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  test('CORS: an allowed origin is echoed and may preflight; any other origin gets no CORS header; both vary on Origin', async () => {
    const allowed = h.config.corsOrigins[0];
    expect(allowed).toBeTruthy();
    const ok = await api(h.baseUrl, '/api/public-config', { headers: { origin: allowed } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const pre = await fetch(`${h.baseUrl}/api/cases`, { method: 'OPTIONS', headers: { origin: allowed, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);

    const evil = await api(h.baseUrl, '/api/public-config', { headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(200);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(evil.headers.get('vary')).toMatch(/Origin/);
    const evilPre = await fetch(`${h.baseUrl}/api/cases`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evilPre.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('bodies and malformed requests', () => {
  test('a JSON body over 256 kB is refused with 413 before any route; malformed JSON with 400', async () => {
    const big = await api(h.baseUrl, '/api/cases', { token: supervisor, body: JSON.stringify({ customerAccountNo: '4210000002', origin: 'special', note: 'x'.repeat(300_000) }) });
    isProblem(big, 413);
    expect(big.body.title).toBe('Payload too large');
    const bad = await api(h.baseUrl, '/api/cases', { token: supervisor, body: '{"customerAccountNo": ' });
    isProblem(bad, 400);
    expect(bad.body).toMatchObject({ code: 'request.not-json', detail: '请求内容不是有效的 JSON。' });
  });

  test('unknown paths, undecodable paths and oversized headers are problems too, not HTML or a bare status line', async () => {
    isProblem(await api(h.baseUrl, '/nowhere', { method: 'POST', body: {} }), 404);
    isProblem(await api(h.baseUrl, '/api/cases/%E0%A4%A'), 400);
    const huge = await api(h.baseUrl, '/api/public-config', { headers: { 'x-padding': 'x'.repeat(20_000) } });
    isProblem(huge, 431);
  });

  test('a malformed request line gets a problem from the HTTP layer', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const port = Number(new URL(h.baseUrl).port);
      const s = net.connect({ host: '127.0.0.1', port }, () => s.end('GET / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n'));
      let out = '';
      s.on('data', (c) => (out += c.toString()));
      s.on('end', () => resolve(out));
      s.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toMatch(/Content-Type: application\/problem\+json/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
  });
});

describe('rate limits (per API process and minute)', () => {
  test('changes: past the per-user budget 429 with Retry-After; reads and other users go on', async () => {
    const invalid = { version: 'x' }; // a refused body still counts: the budget is taken before the body is read
    for (let i = 0; i < 3; i += 1) expect((await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager, body: invalid })).status).toBe(400);
    const over = await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager, body: invalid });
    isProblem(over, 429);
    expect(over.body.type).toBe('urn:jicha:rate-limit');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api(h.baseUrl, '/api/judgement-rule-sets', { token: manager })).status).toBe(200);
    expect((await api(h.baseUrl, '/api/judgement-rule-sets/x/publish', { token: supervisor, method: 'POST' })).status).toBe(403); // role check first, nothing counted
  });

  test('expensive routes have a smaller budget of their own', async () => {
    const preview = { name: 'limit test', scope: ['HB.XN.XA.WQ'], caseCap: 1, minScore: 100 };
    const other = await tokenFor('manager'); // the same user: budgets are per user, not per token
    expect((await api(h.baseUrl, '/api/customers/4210000002/judgement', { token: supervisor })).status).toBe(200);
    expect((await api(h.baseUrl, '/api/customers/4210000002/judgement', { token: supervisor })).status).toBe(200);
    isProblem(await api(h.baseUrl, '/api/customers/4210000002/judgement', { token: supervisor }), 429);
    expect((await api(h.baseUrl, '/api/customers/4210000002', { token: supervisor })).status).toBe(200); // not an expensive route
    // the manager spent the change budget above, yet has the expensive budget untouched
    expect((await api(h.baseUrl, '/api/campaigns/preview', { token: manager, body: preview })).status).toBe(200);
    expect((await api(h.baseUrl, '/api/campaigns/preview', { token: other, body: preview })).status).toBe(200);
    isProblem(await api(h.baseUrl, '/api/campaigns/preview', { token: manager, body: preview }), 429);
  });

  test('an address that keeps sending rejected tokens is told to back off; a valid token still passes', async () => {
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
    for (let i = 0; i < 3; i += 1) isProblem(await api(h.baseUrl, '/api/cases', { token: forged }), 401);
    const over = await api(h.baseUrl, '/api/cases', { token: forged });
    isProblem(over, 429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    isProblem(await api(h.baseUrl, '/api/cases'), 429); // a missing token counts as well
    expect((await api(h.baseUrl, '/api/cases', { token: supervisor })).status).toBe(200);
    // Past the budget a change without credentials is refused before routing (a path no route has: 429, not 404),
    // and counted per minute under the prefix instead of written to the audit trail one by one (#18).
    const counted = async () => Number((await h.pool.query<{ n: string | null }>(
      `select sum(requests) as n from audit_refusals where route = '/api/*' and status = 429 and minute >= date_trunc('minute', now()) - interval '1 minute'`,
    )).rows[0].n ?? 0);
    const before = await counted();
    const early = await api(h.baseUrl, '/api/no-such-route', { body: { x: 1 } });
    isProblem(early, 429);
    expect(early.body.type).toBe('urn:jicha:rate-limit');
    expect((await api(h.baseUrl, '/api/cases', { token: supervisor, body: { customerAccountNo: 'x' } })).status).not.toBe(429); // a token still goes through
    await h.flushAudit();
    expect(await counted()).toBeGreaterThanOrEqual(before + 1);
  });

  test('every route named expensive exists in the live route table (a renamed route must not lose its limit)', () => {
    const live = new Set(liveRoutes(h).map((r) => r.key));
    expect(EXPENSIVE_ROUTES.filter((k) => !live.has(k))).toEqual([]);
  });
});

describe('no internals in answers', () => {
  test('a value Postgres cannot store is a 400 without the database\'s message', async () => {
    const admin = await tokenFor('admin');
    const inspector = await tokenFor('inspector');
    const device = `hardening-${Date.now()}`;
    await bindDevice(h.baseUrl, admin, device, 'inspector');
    // a UTC offset of +19:41 is valid ISO 8601 for the schema, beyond Postgres' ±15:59
    const r = await mobile(h.baseUrl, '/track', { token: inspector, device, body: { points: [{ lat: 29.85, lon: 114.32, at: '2026-02-28T23:18:07+19:41' }] } });
    isProblem(r, 400);
    expect(JSON.stringify(r.body)).not.toMatch(/time zone|displacement|\$\d|portal|datetime\.c/i);
  });

  test('an unexpected error is a 500 problem that shows neither the message nor the stack', async () => {
    const broken = await startHarness({
      inProcessWorker: false,
      verify: async () => {
        throw new Error('select secret from vault where id = 1');
      },
    });
    try {
      const r = await api(broken.baseUrl, '/api/cases', { token: 'anything' });
      isProblem(r, 500);
      expect(r.body).toEqual({ type: 'about:blank', title: 'Internal error', status: 500, code: 'server.internal', detail: '服务器未能完成请求，已记录错误。' });
    } finally {
      await broken.stop();
    }
  });
});
