import crypto from 'node:crypto';
import pg from 'pg';
import type { Client } from '@temporalio/client';
import { loadConfig } from '../../config/env';
import { createS3Client } from '../../config/s3';
import { backOfficeRoutes } from '../../api/routes';
import { mobileRoutes } from '../../mobile-api/routes';
import type { Policy } from '../../http/route';
import { api } from '../support/harness';
import { deviceKey } from '../support/mobile';
import { tokenForPath } from '../support/keycloak';
import { signDpopProof } from '../../client/dpop';
import { createWorld, disposeWorld, DEMO_ROLES, routeKey, type DemoRole, type World } from './world';
import type { Allowed, Req, Res, RouteFixture } from './fixture';
import { FIXTURES, duplicateFixtureKeys } from './fixtures';

// The authorization matrix (README.md): every route of /api and /mobile/v1 × every demo role × data inside and
// outside the caller's org scope, with real Keycloak tokens against the real stack.

/** The live route table, read at load time so every route becomes its own tests (handlers are never called here). */
function routeTable(): { key: string; policy: Policy }[] {
  const config = loadConfig();
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL });
  const deps = { config, pool, temporal: {} as Client, s3: createS3Client(config), version: 'authz' };
  const table = [
    ...backOfficeRoutes(deps).map((r) => ({ key: routeKey(r.method, '/api', r.path), policy: r.policy })),
    ...mobileRoutes(deps).map((r) => ({ key: routeKey(r.method, '/mobile/v1', r.path), policy: r.policy })),
  ];
  void pool.end();
  return table;
}

const ROUTES = routeTable();
const LIVE = new Set(ROUTES.map((r) => r.key));

test('every route of the live route table has a fixture (add one in tests/authz/fixtures, see README.md)', () => {
  expect(ROUTES.filter((r) => !FIXTURES[r.key]).map((r) => r.key)).toEqual([]);
});

test('every fixture names a route of the live route table, once', () => {
  expect(Object.keys(FIXTURES).filter((k) => !LIVE.has(k))).toEqual([]);
  expect(duplicateFixtureKeys()).toEqual([]);
});

/** Terminal routes that take a case (in the path, or as a caseId in the body): each needs a colleague cell. */
const TERMINAL_CASE_ROUTES = (key: string) => key.includes(' /mobile/v1/tasks/:id')
  || ['POST /mobile/v1/track', 'POST /mobile/v1/sync', 'POST /mobile/v1/feedback', 'POST /mobile/v1/consultations'].includes(key);

test('every terminal route about a case has a same-station colleague fixture', () => {
  expect(ROUTES.filter((r) => TERMINAL_CASE_ROUTES(r.key) && !FIXTURES[r.key]?.colleague).map((r) => r.key)).toEqual([]);
});

test('no fixture allows an in-scope 403 without naming its problem type', () => {
  const loose = Object.entries(FIXTURES).flatMap(([k, f]) => [...(f.inScopeMay ?? []), ...(f.outOfScopeMay ?? [])].filter((a) => a.status === 403 && !('type' in a && a.type)).map(() => k));
  expect(loose).toEqual([]);
});

let w: World;
/** What each cell got (AUTHZ_REPORT=1 prints it after the run). */
const seen: string[] = [];
beforeAll(async () => {
  w = await createWorld();
}, 240_000);
afterAll(async () => {
  if (process.env.AUTHZ_REPORT) process.stdout.write(`${seen.join('\n')}\n${seen.length} cells\n`);
  await disposeWorld(w);
});

async function send(key: string, role: DemoRole, req: Req): Promise<Res> {
  const method = key.split(' ')[0];
  const terminal = req.path.startsWith('/mobile/');
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  const qs = req.query ? `?${new URLSearchParams(req.query)}` : '';
  // the role's token of the app this API takes (the back office's on /api, the terminal's on /mobile/v1)
  const token = await tokenForPath(w.token[role], req.path);
  if (terminal) {
    // every cell from the role's own bound device, with a DPoP proof of its key: only the route's policy decides
    headers['x-device-id'] = w.device[role];
    headers.dpop = await signDpopProof(await deviceKey(w.device[role]), { method, url: `${w.h.baseUrl}${req.path}`, accessToken: token });
  }
  if (terminal && method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  const body = req.body === undefined && method !== 'GET' ? {} : req.body;
  const res = await api(w.h.baseUrl, `${req.path}${qs}`, { method, token, body: method === 'GET' ? undefined : body, headers });
  seen.push(`${key} | ${role} | ${req.path} | ${res.status} ${res.status >= 400 ? res.body?.title : ''}`);
  return res;
}

const show = (res: Res) => `${res.status} ${JSON.stringify(res.body)?.slice(0, 600)}`;

/** Every refusal is problem+json; a 5xx is never acceptable. */
function expectWellFormed(res: Res): void {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

function allowedBy(res: Res, may: Allowed[] | undefined): boolean {
  return (may ?? []).some((a) => a.status === res.status && (a.status !== 403 || ('type' in a && res.body?.type === a.type)));
}

function expectNoOutsideRows(f: RouteFixture, res: Res, role: DemoRole): void {
  if (!f.list) return;
  const rows = f.list.rows(res.body);
  expect(Array.isArray(rows)).toBe(true);
  expect(rows.filter((row) => f.list!.outside(row, w, role))).toEqual([]);
}

const inPolicy = (p: Policy, role: DemoRole) => 'public' in p || (p.roles as readonly string[]).includes(role);

for (const route of ROUTES.filter((r) => FIXTURES[r.key])) {
  const f = FIXTURES[route.key];
  describe(route.key, () => {
    for (const role of DEMO_ROLES) {
      if (!inPolicy(route.policy, role)) {
        test(`${role}: not in the policy → 403, on data inside its scope`, async () => {
          const res = await send(route.key, role, await f.inScope(w, role));
          expectWellFormed(res);
          expect({ status: res.status, title: res.body?.title }).toEqual({ status: 403, title: 'Forbidden' });
        });
        if (typeof f.outOfScope === 'function') {
          test(`${role}: not in the policy → 403, on data outside its scope`, async () => {
            const res = await send(route.key, role, await (f.outOfScope as (w: World, r: DemoRole) => Req | Promise<Req>)(w, role));
            expectWellFormed(res);
            expect(res.status).toBe(403);
          });
        }
        continue;
      }
      test(`${role}: in the policy, data inside its scope → 2xx${f.inScopeMay?.length ? ` or ${f.inScopeMay.map((a) => a.status).join('/')}` : ''}, never a scope 403`, async () => {
        const res = await send(route.key, role, await f.inScope(w, role));
        expectWellFormed(res);
        if (!(res.status >= 200 && res.status < 300) && !allowedBy(res, f.inScopeMay)) throw new Error(`${route.key} as ${role}, in scope: ${show(res)}`);
        if (res.status < 300) expectNoOutsideRows(f, res, role);
      });
      if (role === 'inspector' && f.colleague) {
        const colleague = f.colleague;
        // 404, not a step's 403: the colleague's case is not among the inspector's cases, so its existence is not confirmed
        test(`${role}: a same-station colleague's case → 404${f.checkOutOfScope ? ' for the item' : ''}`, async () => {
          const res = await send(route.key, role, await colleague(w, role));
          expectWellFormed(res);
          if (f.checkOutOfScope) {
            f.checkOutOfScope(res, w, role);
            return expect(res.body.results[0].httpStatus).toBe(404);
          }
          if (res.status !== 404 && !allowedBy(res, f.outOfScopeMay)) throw new Error(`${route.key} as ${role}, colleague's case: ${show(res)}`);
        });
      }
      const out = f.outOfScope;
      if (typeof out !== 'function') continue; // the fixture says why the route has no outside data
      test(`${role}: in the policy, data outside its scope → ${f.list ? '2xx without outside rows' : '403/404'}`, async () => {
        const res = await send(route.key, role, await out(w, role));
        expectWellFormed(res);
        if (f.checkOutOfScope) return f.checkOutOfScope(res, w, role);
        if (f.list) {
          if (res.status >= 300) throw new Error(`${route.key} as ${role}, out of scope list: ${show(res)}`);
          return expectNoOutsideRows(f, res, role);
        }
        if (![403, 404].includes(res.status) && !allowedBy(res, f.outOfScopeMay)) throw new Error(`${route.key} as ${role}, out of scope: ${show(res)}`);
      });
    }
  });
}
