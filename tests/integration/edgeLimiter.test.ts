import fs from 'node:fs';
import path from 'node:path';
import { problemBody } from '../../http/problem';
import { tooManyProblem } from '../../http/rateLimit';
import { EDGE_DEFAULTS } from '../../http/edgeConfig';
import { UPLOAD_LIMIT_BYTES } from '../../services/imports/uploadRows';
import { startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { send, startEdge, type Answer, type Edge } from '../support/edge';

// The edge (#18): the real nginx the local stack provisions, with the generated config, in front of a real API. A
// flood of changes without credentials from one address reaches the API only as far as the edge's burst; the rest is
// refused by nginx with the API's own problem. Each test floods from a loopback address of its own (127.0.0.0/8 is all
// this machine's), so the per-address budgets do not mix.
let h: Harness;
let strict: Harness; // the API's own budget of missing tokens per address at 3 (X-Forwarded-For test)
let edge: Edge;
let strictEdge: Edge;
let token: string;
const passed = EDGE_DEFAULTS.anonymousBurst + 1; // the first request and the burst
const retryAfter = Math.ceil(60 / EDGE_DEFAULTS.anonymousPerMinute);
const edgeRefusals: string[] = [];

beforeAll(async () => {
  [h, strict] = await Promise.all([startHarness({ inProcessWorker: false }), startHarness({ inProcessWorker: false, env: { RATE_LIMIT_AUTH_FAILURES_PER_MIN: '3' } })]);
  [edge, strictEdge, token] = await Promise.all([startEdge(h.baseUrl), startEdge(strict.baseUrl), tokenFor('supervisor')]);
}, 120_000);

afterAll(async () => {
  await Promise.all([edge?.stop(), strictEdge?.stop()]);
  await Promise.all([h?.stop(), strict?.stop()]);
});

const anonymousPost = (url: string, from: string, headers: Record<string, string> = {}) =>
  send(`${url}/api/cases`, { method: 'POST', from, headers: { 'content-type': 'application/json', ...headers }, body: '{"customerAccountNo":"4210000001"}' });
const flood = (n: number, from: string, headers?: Record<string, string>) => Promise.all(Array.from({ length: n }, () => anonymousPost(edge.url, from, headers)));
/** The API's gate answers with Vary: Origin (http/anonymousChangeGate.ts); the edge's own answers vary by language. */
const byApi = (a: Answer) => /Origin/.test(String(a.headers.vary));
const byEdge = (a: Answer) => a.headers.vary === 'Accept-Language';

test('a burst of anonymous POSTs from one address: the first answered by the API (401), the rest 429 by the edge in zh-CN', async () => {
  const answers = await flood(60, '127.0.0.2');
  const api = answers.filter(byApi);
  const refused = answers.filter(byEdge);
  expect(api.length + refused.length).toBe(60);
  // a request may slip through as the bucket refills (one per retryAfter seconds): the burst takes well under that
  expect(api.length).toBeGreaterThanOrEqual(passed);
  expect(api.length).toBeLessThanOrEqual(passed + 1);
  for (const a of api) {
    expect(a.status).toBe(401);
    expect(JSON.parse(a.body).code).toBe('auth.token-required');
  }
  const zh = JSON.stringify(problemBody(tooManyProblem(retryAfter, 'request.rate-limited.auth', {}, 'zh-CN')));
  for (const a of refused) {
    expect(a.status).toBe(429);
    expect(a.body).toBe(zh);
    expect(a.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(a.headers['retry-after']).toBe(String(retryAfter));
    expect(a.headers['cache-control']).toBe('no-store');
  }
  expect(JSON.parse(zh).detail).toBe(`此地址缺少或使用无效令牌的请求过多，请 ${retryAfter} 秒后重试。`);
  edgeRefusals.push(...refused.map(() => '127.0.0.2'));
});

test('in English when the request prefers English, as the API would answer', async () => {
  const answers = await flood(40, '127.0.0.3', { 'accept-language': 'en-US,en;q=0.9,zh-CN;q=0.5' });
  const refused = answers.filter(byEdge);
  expect(refused.length).toBeGreaterThanOrEqual(40 - passed - 1);
  for (const a of refused) {
    expect(a.status).toBe(429);
    expect(JSON.parse(a.body)).toEqual(problemBody(tooManyProblem(retryAfter, 'request.rate-limited.auth', {}, 'en')));
  }
  expect(JSON.parse(refused[0].body).detail).toBe(`Too many requests with a missing or rejected token from this address; try again in ${retryAfter} s.`);
  // the API's own 401s follow the same header
  expect(JSON.parse(answers.find(byApi)!.body).detail).toMatch(/^An access token is required/);
  edgeRefusals.push(...refused.map(() => '127.0.0.3'));
});

test('during a flood from its own address, a signed-in user\'s reads and changes pass the edge', async () => {
  const from = '127.0.0.4';
  const [floodAnswers, reads, change] = await Promise.all([
    flood(100, from),
    Promise.all(Array.from({ length: 10 }, () => send(`${edge.url}/api/cases?range=${encodeURIComponent('[0,9]')}`, { from, headers: { authorization: `Bearer ${token}` } }))),
    // a change with a token: the API's answer (its body validation), not the edge's refusal
    send(`${edge.url}/api/cases`, { method: 'POST', from, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' }),
  ]);
  expect(floodAnswers.filter(byEdge).length).toBeGreaterThan(50); // the flood was refused meanwhile
  expect(reads.map((r) => r.status)).toEqual(Array(10).fill(200));
  expect(change.status).toBe(400);
  expect(JSON.parse(change.body).code).toMatch(/^request\.invalid/);
  edgeRefusals.push(...floodAnswers.filter(byEdge).map(() => from));
});

test('Keycloak\'s back-channel logout (a public change) is never limited', async () => {
  const answers = await Promise.all(Array.from({ length: 40 }, () => send(`${edge.url}/api/auth/backchannel-logout`, {
    method: 'POST', from: '127.0.0.5', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'logout_token=not-a-jwt',
  })));
  expect(answers.map((a) => a.status)).toEqual(Array(40).fill(400));
  expect(new Set(answers.map((a) => JSON.parse(a.body).code))).toEqual(new Set(['auth.invalid-logout-token']));
});

test('the API counts the client\'s address as the edge saw it: an X-Forwarded-For the client sends is not believed', async () => {
  // Six anonymous POSTs, each claiming another address. Were the header passed on, the API would count six addresses
  // (six 401s); the edge sets it to the peer, so the API's budget of 3 for one address is spent and it refuses.
  const answers: Answer[] = [];
  for (let i = 1; i <= 6; i += 1) answers.push(await anonymousPost(strictEdge.url, '127.0.0.6', { 'x-forwarded-for': `198.51.100.${i}` }));
  expect(answers.every(byApi)).toBe(true);
  expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 429, 429]);
  expect(JSON.parse(answers[3].body).code).toBe('request.rate-limited.auth');
});

test('an upload over the import limit gets from the edge the very 413 the API would give', async () => {
  const manager = await tokenFor('manager');
  const over = { authorization: `Bearer ${manager}`, 'content-type': 'text/csv', 'content-length': String(UPLOAD_LIMIT_BYTES + 1), 'accept-language': 'en' };
  // only the headers: both refuse on Content-Length alone
  const [atEdge, atApi] = await Promise.all([send(`${edge.url}/api/imports/customers`, { method: 'POST', headers: over }), send(`${h.baseUrl}/api/imports/customers`, { method: 'POST', headers: over })]);
  expect(atApi.status).toBe(413);
  expect(JSON.parse(atApi.body).code).toBe('import.too-large');
  expect(byEdge(atEdge)).toBe(true);
  expect(atEdge.status).toBe(413);
  expect(JSON.parse(atEdge.body)).toEqual(JSON.parse(atApi.body));
});

test('the edge\'s refusals are logged, one JSON line each with address and minute, once nginx writes its buffer', async () => {
  await edge.stop();
  const lines = fs.readFileSync(path.join(edge.dir, 'refused.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.map((l) => l.address).sort()).toEqual([...edgeRefusals].sort());
  expect(lines[0]).toEqual({ at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/), address: expect.any(String), method: 'POST', path: '/api/cases', status: 429 });
});
