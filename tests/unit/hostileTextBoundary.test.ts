import type { AddressInfo } from 'node:net';
import express from 'express';
import { z } from 'zod';
import { defineRoute, jsonParam, mountRoutes } from '../../http/route';
import { problemHandler } from '../../http/problem';
import { createLogger } from '../../config/logger';
import type { Principal } from '../../domain/roles';
import { TokenRejected } from '../../http/tokenVerifier';

// The shared route mount refuses hostile text in params, query and JSON body (keys too) before any handler runs;
// the database-backed behaviour of both APIs is in tests/integration/hostileText.test.ts.
const principal: Principal = { sub: 's1', username: 'inspector', name: '李稽查', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ', clientId: 'jicha-terminal' };
const policy = { roles: ['inspector'] as const, scope: 'self' as const };
const handled: unknown[] = [];

let base: string;
let server: ReturnType<express.Express['listen']>;
beforeAll(async () => {
  const routes = [
    defineRoute({
      method: 'post', path: '/things/:name', summary: 'loose', tag: 't', policy, params: z.object({ name: z.string() }), body: z.record(z.string(), z.unknown()),
      handler: async ({ res, body }) => {
        handled.push(body);
        res.json({ ok: true });
      },
    }),
    defineRoute({
      method: 'get', path: '/list', summary: 'react-admin list', tag: 't', policy, query: z.object({ filter: jsonParam(z.object({ q: z.string() })).optional() }),
      handler: async ({ res, query }) => void res.json(query),
    }),
    defineRoute({
      method: 'post', path: '/batch', summary: 'items checked by the handler', tag: 't', policy, textCheckedByHandler: ['items.*.payload'],
      body: z.object({ items: z.array(z.object({ id: z.string(), payload: z.record(z.string(), z.unknown()) })) }),
      handler: async ({ res, body }) => void res.json({ got: body.items.length }),
    }),
    defineRoute({
      method: 'post', path: '/upload', summary: 'text body', tag: 't', policy, bodyParser: express.text({ type: 'text/csv' }),
      handler: async ({ req, res }) => void res.json({ length: (req.body as string).length }),
    }),
  ];
  const app = express();
  app.use(express.json());
  app.use(mountRoutes(routes, async (token) => {
    if (token !== 'ok') throw new TokenRejected('forged');
    return principal;
  }));
  app.use(problemHandler(createLogger({ LOG_LEVEL: 'silent' }, 't')));
  await new Promise<void>((r) => {
    server = app.listen(0, '127.0.0.1', () => r());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const send = async (path: string, o: { body?: string; type?: string; lang?: string; token?: string } = {}) => {
  const headers: Record<string, string> = { authorization: `Bearer ${o.token ?? 'ok'}` };
  if (o.body !== undefined) headers['content-type'] = o.type ?? 'application/json';
  if (o.lang) headers['accept-language'] = o.lang;
  const res = await fetch(`${base}${path}`, { method: o.body === undefined ? 'GET' : 'POST', headers, body: o.body });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as any };
};

test('hostile text in the body is a 422 naming each field, in zh-CN by default and English on request; the handler never runs', async () => {
  const raw = '{"note":"a\\u0000b","findings":{"checklist":[{"note":"\\ud800"}]},"ok":"现场\\r\\n核查 👍"}';
  handled.length = 0;
  const zh = await send('/things/x', { body: raw });
  expect(zh.status).toBe(422);
  expect(zh.type).toMatch(/^application\/problem\+json/);
  expect(zh.body).toEqual({
    type: 'about:blank', title: 'Unprocessable content', status: 422, code: 'text.hostile',
    detail: '文本含有不允许的字符（空字符、孤立代理项或控制字符）。',
    errors: [
      { path: 'note', message: '含有空字符（U+0000）', code: 'text.hostile.nul' },
      { path: 'findings.checklist.0.note', message: '含有孤立代理项（U+D800）', code: 'text.hostile.lone-surrogate' },
    ],
  });
  const en = await send('/things/x', { body: raw, lang: 'en-US,en;q=0.9,zh-CN;q=0.8' });
  expect(en.body.detail).toBe('The text contains characters that are not allowed (NUL, a lone surrogate or a control character).');
  expect(en.body.errors[0]).toEqual({ path: 'note', message: 'contains a NUL character (U+0000)', code: 'text.hostile.nul' });
  expect((await send('/things/x', { body: raw, lang: 'fr' })).body.errors[0].message).toBe('含有空字符（U+0000）');
  expect(handled).toEqual([]);
  expect((await send('/things/x', { body: '{"ok":"现场\\r\\n核查\\t👍𠀀"}' })).status).toBe(200);
});

test('keys, path parameters and query values are checked too; text a schema decodes is checked after parsing', async () => {
  const key = await send('/things/x', { body: '{"bad\\u001bkey":1}' });
  expect(key.body.errors).toEqual([{ path: 'bad\\u001bkey', message: '含有控制字符（U+001B）', code: 'text.hostile.control' }]);
  expect((await send('/things/a%07b', { body: '{}' })).body.errors).toEqual([{ path: 'path.name', message: '含有控制字符（U+0007）', code: 'text.hostile.control' }]);
  expect((await send('/list?x=%00')).body.errors[0].path).toBe('query.x');
  const decoded = await send(`/list?filter=${encodeURIComponent('{"q":"\\u0000"}')}`);
  expect(decoded.status).toBe(422);
  expect(decoded.body.errors[0].path).toBe('query.filter.q');
});

test('the caller is identified first: an anonymous request with hostile text is a 401', async () => {
  expect((await send('/things/x', { body: '{"note":"\\u0000"}', token: 'forged' })).status).toBe(401);
});

test('subtrees a handler checks item by item are left to it, the rest of the body is not; a route\'s text body is its own', async () => {
  expect(await send('/batch', { body: '{"items":[{"id":"1","payload":{"note":"\\u0000"}}]}' })).toMatchObject({ status: 200, body: { got: 1 } });
  expect((await send('/batch', { body: '{"items":[{"id":"\\u0000","payload":{}}]}' })).body.errors[0].path).toBe('items.0.id');
  expect((await send('/upload', { body: 'a,b\n\u0000,1', type: 'text/csv' })).status).toBe(200);
});
