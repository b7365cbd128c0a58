import { z } from 'zod';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { fieldErrors, Problem, problemHandler } from '../../http/problem';
import { createLogger } from '../../config/logger';

test('zod issues become field errors with dotted paths; unknown keys are named', () => {
  const schema = z.strictObject({ a: z.object({ b: z.number() }), c: z.string() });
  const r = schema.safeParse({ a: { b: 'x' }, c: 1, d: true });
  expect(r.success).toBe(false);
  if (r.success) return;
  expect(fieldErrors(r.error).map((e) => e.path).sort()).toEqual(['a.b', 'c', 'd']);
  expect(fieldErrors(r.error, 'query').find((e) => e.path === 'query.d')?.message).toBe('unknown field');
});

test('the error handler renders problems and hides internals of unexpected errors', async () => {
  const app = express();
  const errors: unknown[] = [];
  app.get('/p', () => {
    throw new Problem(409, 'Conflict', 'already done');
  });
  app.get('/boom', () => {
    throw new Error('SELECT secret FROM table failed at /src/x.ts:1');
  });
  const log = createLogger({ LOG_LEVEL: 'silent' }, 't');
  log.error = ((o: unknown) => errors.push(o)) as typeof log.error;
  app.use(problemHandler(log));
  const server = app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const p = await fetch(`${base}/p`);
    expect(p.status).toBe(409);
    expect(p.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await p.json()).toEqual({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'already done' });
    const boom = await fetch(`${base}/boom`);
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(text).not.toMatch(/SELECT|secret|x\.ts/);
    expect(errors).toHaveLength(1);
  } finally {
    server.close();
  }
});

test('a problem\'s message code and its fields\' codes are sent when present; a problem without codes is sent as before', async () => {
  const app = express();
  app.get('/coded', () => {
    throw new Problem(422, 'Unprocessable content', '文本含有不允许的字符', [{ path: 'note', message: '含有空字符（U+0000）', code: 'text.hostile.nul' }], 'about:blank', 'text.hostile');
  });
  app.get('/plain', () => {
    throw new Problem(400, 'Invalid request', 'bad', [{ path: 'a', message: 'required' }]);
  });
  app.use(problemHandler(createLogger({ LOG_LEVEL: 'silent' }, 't')));
  const server = app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    expect(await (await fetch(`${base}/coded`)).json()).toEqual({
      type: 'about:blank', title: 'Unprocessable content', status: 422, detail: '文本含有不允许的字符', code: 'text.hostile',
      errors: [{ path: 'note', message: '含有空字符（U+0000）', code: 'text.hostile.nul' }],
    });
    expect(await (await fetch(`${base}/plain`)).json()).toEqual({ type: 'about:blank', title: 'Invalid request', status: 400, detail: 'bad', errors: [{ path: 'a', message: 'required' }] });
  } finally {
    server.close();
  }
});

test('a refinement that names its message code passes it on as the field\'s code (e.g. a penalty rule\'s default above its ceiling)', async () => {
  const { PenaltyRules } = await import('../../domain/penalty');
  const article = { no: null, text: '测试条文', verified: false };
  const r = PenaltyRules.safeParse({
    wrongTariff: { penaltyMultiplier: { ceiling: 2, default: 3, article }, defaultPeriodMonths: 3 },
    theft: { penaltyMultiplier: 3, defaultDays: 180, hoursPerDay: { power: 12, lighting: 6 } },
    capacity: { mode: 'basic_fee_multiple', penaltyMultiplier: 3, defaultMonths: 1 },
  });
  expect(r.success).toBe(false);
  expect(fieldErrors(r.error!, 'rules')).toContainEqual({ path: 'rules.wrongTariff.penaltyMultiplier.default', message: 'the default must not exceed the ceiling', code: 'penalty.rule.default-above-ceiling' });
  // an ordinary issue carries no code
  expect(fieldErrors(z.object({ a: z.number() }).safeParse({ a: 'x' }).error!)[0]).not.toHaveProperty('code');
});
