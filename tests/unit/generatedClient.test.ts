import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildOpenApi, routeGroups } from '../../server/openapi';
import { loadConfig } from '../../config/env';
import { ApiError, contentRangeTotal, createApiClient, ok, serializeQuery } from '../../client';
import { dpopMiddleware, jwkThumbprint, newDpopKey } from '../../client/dpop';
import { createDpopVerifier } from '../../http/dpop';

// client/openapi.gen.ts is generated from the zod route definitions (npm run gen:client) and committed; admin-ui and
// the terminal simulator compile against it, so a route change that is not regenerated must fail here. The check runs
// the generator itself (openapi-typescript's dependencies are ESM, which jest cannot load).
test('the committed generated client matches the route definitions', async () => {
  const ROOT = path.join(__dirname, '../..');
  const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/gen-client.ts', '--check'], { cwd: ROOT }).catch((e: { stderr: string }) => e);
  expect(r.stderr).toBe('');
}, 60_000);

test('the route tables are built without touching a dep (what the generator relies on)', () => {
  const untouchable = new Proxy({}, { get: (_t, p) => { throw new Error(`touched ${String(p)}`); } }) as never;
  const doc = buildOpenApi(routeGroups({ config: loadConfig({}), pool: untouchable, temporal: untouchable, s3: untouchable, version: 't' }), 't');
  const paths = Object.keys(doc.paths);
  expect(paths).toContain('/api/cases/{id}/live');
  expect(paths).toContain('/mobile/v1/tasks/{id}');
  expect(paths.every((p) => p.startsWith('/api/') || p.startsWith('/mobile/v1/'))).toBe(true);
});

describe('the client factory', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': status < 300 ? 'application/json' : 'application/problem+json', ...headers } });

  test('sends the bearer token, the device header and JSON-encoded react-admin parameters', async () => {
    const seen: Request[] = [];
    const api = createApiClient({
      baseUrl: 'http://api.test',
      token: async () => 'tok-1',
      headers: { 'X-Device-Id': 'sim-1' },
      fetch: async (r) => (seen.push(r), answer(200, [], { 'Content-Range': 'cases 0-0/7' })),
    });
    const r = await api.GET('/api/cases', { params: { query: { range: [0, 24], filter: { stage: 'closed' } } } });
    expect(ok(r)).toEqual([]);
    expect(contentRangeTotal(r.response)).toBe(7);
    const url = new URL(seen[0]!.url);
    expect(url.pathname).toBe('/api/cases');
    expect(url.searchParams.get('range')).toBe('[0,24]');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual({ stage: 'closed' });
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer tok-1');
    expect(seen[0]!.headers.get('x-device-id')).toBe('sim-1');
    expect(serializeQuery({ a: undefined, b: null, c: 1, d: 'x y' })).toBe('c=1&d=x+y');
  });

  test('ok() throws an ApiError carrying the problem', async () => {
    const problem = { type: 'urn:jicha:case-step:WrongStage', title: 'Step refused', status: 409, detail: 'The case is at rectification.' };
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: async () => answer(409, problem) });
    const r = await api.GET('/api/cases/{id}/live', { params: { path: { id: 'c 1' } } });
    expect(r.response.status).toBe(409);
    let thrown: unknown;
    try {
      ok(r);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ status: 409, problem, message: 'GET /api/cases/c%201/live: 409 The case is at rectification.' });
  });

  test('toError turns every refused call into the app\'s own error', async () => {
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: async () => answer(403, { title: 'Forbidden', status: 403, detail: 'Not yours.' }), toError: (e) => new RangeError(`${e.status}: ${e.problem?.detail}`) });
    await expect(api.GET('/api/notifications')).rejects.toThrow(new RangeError('403: Not yours.'));
  });

  test('the DPoP middleware signs every request with a new proof the server accepts; a bound token is sent as DPoP', async () => {
    const { key } = await newDpopKey();
    const seen: Request[] = [];
    const api = createApiClient({ baseUrl: 'http://localhost:3000', token: () => 'tok-2', headers: { 'X-Device-Id': 'sim-1' }, fetch: async (r) => (seen.push(r), answer(200, [])) });
    api.use(dpopMiddleware(key, { boundToken: true }));
    await api.GET('/mobile/v1/tasks', { params: { query: { page: 2 } } });
    await api.POST('/mobile/v1/track', { body: { points: [] } });
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual(['DPoP tok-2', 'DPoP tok-2']);
    const verifier = createDpopVerifier({ publicUrl: 'http://localhost:3000' });
    const jkt = await jwkThumbprint(key.publicJwk);
    const [a, b] = [seen[0]!, seen[1]!].map((r) => r.headers.get('dpop')!);
    expect(a).not.toBe(b);
    await expect(verifier.verify(a, { method: 'GET', url: '/mobile/v1/tasks?page=2', accessToken: 'tok-2' })).resolves.toMatchObject({ jkt });
    await expect(verifier.verify(b, { method: 'POST', url: '/mobile/v1/track', accessToken: 'tok-2' })).resolves.toMatchObject({ jkt });
    expect(seen[0]!.headers.get('x-device-id')).toBe('sim-1');
    // a bearer token keeps its scheme
    const plain = createApiClient({ baseUrl: 'http://localhost:3000', token: () => 'tok-3', fetch: async (r) => (seen.push(r), answer(200, [])) });
    plain.use(dpopMiddleware(key));
    await plain.GET('/mobile/v1/me');
    expect(seen[2]!.headers.get('authorization')).toBe('Bearer tok-3');
  });
});
