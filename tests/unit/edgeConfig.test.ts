import express, { type Request } from 'express';
import { detailLanguage, problemBody } from '../../http/problem';
import { tooManyProblem } from '../../http/rateLimit';
import { ENGLISH_FIRST, edgeConfig, EDGE_DEFAULTS, nginxString } from '../../http/edgeConfig';
import { publicChanges, composeEdgeConfig } from '../../scripts/gen-edge';

// What nginx is told (docker/edge/nginx.conf and the local stack's): the pure function, without nginx. The edge
// running in front of a real API is tests/integration/edgeLimiter.test.ts.

const requestWith = (acceptLanguage: string) => Object.assign(Object.create(express.request) as Request, { headers: { 'accept-language': acceptLanguage } });
const englishAtEdge = (h: string) => new RegExp(ENGLISH_FIRST, 'i').test(h);

test('the edge answers in English exactly when the API would, for Accept-Language lists in order of preference', () => {
  const headers = [
    'en', 'EN', 'en-US', 'en-US,en;q=0.9', 'en-GB,en;q=0.8,zh-CN;q=0.5', 'en;q=0.8', 'en, zh-CN;q=0.5',
    'zh-CN', 'zh', 'zh-CN,zh;q=0.9,en;q=0.8', 'zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7', 'zh-Hans-CN,en;q=0.5',
    'fr-FR,fr;q=0.9,en;q=0.8', 'de', '*', 'ja,en;q=0.5', 'ja, zh;q=0.8, en;q=0.5', 'fr,*;q=0.5', 'en;q=0', 'eng', 'english',
    'eng,en;q=0.5', 'en_US', '',
  ];
  const table = headers.map((h) => [h, englishAtEdge(h) ? 'en' : 'zh-CN']);
  expect(table).toEqual(headers.map((h) => [h, h === '' ? 'zh-CN' : detailLanguage(requestWith(h))]));
  // the cases above are not all one answer
  expect(new Set(table.map(([, l]) => l))).toEqual(new Set(['en', 'zh-CN']));
});

test('its 429 is the API\'s request.rate-limited.auth problem, Retry-After the seconds until the next request would pass', () => {
  const conf = composeEdgeConfig();
  const seconds = Math.ceil(60 / EDGE_DEFAULTS.anonymousPerMinute);
  for (const lang of ['zh-CN', 'en'] as const) {
    expect(conf).toContain(`'${JSON.stringify(problemBody(tooManyProblem(seconds, 'request.rate-limited.auth', {}, lang)))}'`);
  }
  expect(conf).toContain(`add_header Retry-After '${seconds}' always;`);
  expect(conf).toContain("default_type 'application/problem+json; charset=utf-8';");
  expect(conf).toMatch(new RegExp(`limit_req_zone \\$jicha_anonymous_change zone=\\S+ rate=${EDGE_DEFAULTS.anonymousPerMinute}r/m;`));
  expect(conf).toContain(`burst=${EDGE_DEFAULTS.anonymousBurst} nodelay;`);
});

test('the key is the address only for a change without Authorization to a route that takes credentials', () => {
  const conf = composeEdgeConfig();
  expect(conf).toMatch(/map "\$jicha_change\$jicha_anonymous\$jicha_public_change" \$jicha_anonymous_change \{\n\s+default "";\n\s+"110" \$binary_remote_addr;/);
  for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(conf).toContain(`        ${m} 1;`);
  expect(conf).not.toMatch(/^\s+GET 1;/m);
  // X-Forwarded-For is set to the peer, never appended to what the client sent
  expect(conf).toContain('proxy_set_header X-Forwarded-For $remote_addr;');
  expect(conf).not.toContain('$proxy_add_x_forwarded_for');
});

test('public change routes come from the route table and are exempt; protected ones are not', () => {
  const open = publicChanges();
  expect(open).toContainEqual({ method: 'POST', path: '/api/auth/backchannel-logout' });
  expect(open.map((c) => c.path)).not.toContain('/api/cases');
  const conf = composeEdgeConfig();
  expect(conf).toContain('"~*^/api/auth/backchannel-logout/?$" 1;');
  // a public GET (public-config) needs no exemption: reads are never limited
  expect(open.some((c) => c.method === 'GET')).toBe(true);
  expect(conf).not.toMatch(/public-config/);
});

test('a path parameter matches one segment; a "$" that nginx would read as a variable is refused', () => {
  const base = { listen: '1', upstreams: ['a:1'], workerProcesses: 1, pidFile: 'p', tempDir: 't', refusedLog: 'r' } as const;
  expect(edgeConfig({ ...base, publicChanges: [{ method: 'POST', path: '/api/hooks/:id/ping' }] })).toContain('"~*^/api/hooks/[^/]+/ping/?$" 1;');
  expect(nginxString(`it's a \\ "x"`)).toBe(`'it\\'s a \\\\ "x"'`);
  expect(() => nginxString('costs $5')).toThrow(/would read as a variable/);
});
