import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../http/route';
import { buildOpenApi } from '../../server/openapi';
import { checkOpenApi, inertRouteGroups, isOpaque } from '../../server/openapiCheck';
import { CASE_ACTIONS } from '../../domain/inspectionCaseContract';
import { IMPORT_KINDS } from '../../db/imports/importKinds';

// The OpenAPI document is built in-process from the route tables (no server): every operation has schemas, and the
// check that says so (npm run check:openapi) catches the routes that lack them.

const groups = inertRouteGroups();
const doc = buildOpenApi(groups, 'test') as any;
const ops = Object.entries<any>(doc.paths).flatMap(([path, byMethod]) => Object.entries<any>(byMethod).map(([method, op]) => ({ path, method, op })));

test('every operation of the live document has its schemas: "openapi: N operations, 0 without schemas"', () => {
  const r = checkOpenApi(groups);
  expect(r.offenders).toEqual([]);
  expect(r.operations).toBe(ops.length);
  expect(r.operations).toBeGreaterThan(100);
  expect(r.lines).toEqual([`openapi: ${ops.length} operations, 0 without schemas`]);
});

const route = (over: Partial<RouteDef>): RouteDef => defineRoute({
  method: 'get', path: '/x', summary: 'x', tag: 't', policy: { roles: ['admin'], scope: 'none' }, handler: async () => undefined, ...over,
});
const check = (...routes: RouteDef[]) => checkOpenApi([{ prefix: '/t', routes }]);

test('the check lists operations without a success schema, without a body schema, or with opaque ones', () => {
  const r = check(
    route({ path: '/no-answer', response: { status: 200, description: 'something' } }),
    route({ method: 'post', path: '/upload', bodyParser: (_q, _s, next) => next(), response: { status: 200, schema: z.object({ n: z.number() }), description: 'ok' } }),
    route({ method: 'post', path: '/anything', body: z.record(z.string(), z.unknown()), response: { status: 200, schema: z.unknown(), description: 'ok' } }),
    route({ path: '/fine', response: { status: 200, schema: z.array(z.object({ id: z.string() })), description: 'ok' } }),
  );
  expect(r.lines).toEqual([
    'openapi: 4 operations, 3 without schemas',
    '  GET /t/no-answer: no schema for its 200 answer',
    '  POST /t/upload: no request body schema',
    '  POST /t/anything: an opaque 200 schema (application/json); an opaque request body schema (application/json)',
  ]);
});

test('204 counts as answered without a schema; a download declares its media type; header parameters are documented', () => {
  const r = check(
    route({ method: 'delete', path: '/gone', response: { status: 204, description: 'Deleted' } }),
    route({ path: '/export.csv', response: { status: 200, schema: z.string(), contentType: 'text/csv', description: 'CSV' } }),
    route({
      method: 'post', path: '/import', bodyParser: (_q, _s, next) => next(), headers: z.object({ 'Idempotency-Key': z.string().optional() }),
      requestBody: { content: { 'text/csv': z.string() } }, response: { status: 200, schema: z.object({ rows: z.number() }), description: 'ok' },
      otherResponses: [{ status: 202, schema: z.object({ id: z.string() }), description: 'later' }],
    }),
  );
  expect(r.offenders).toEqual([]);
  const d = buildOpenApi([{ prefix: '/t', routes: [route({ path: '/export.csv', response: { status: 200, schema: z.string(), contentType: 'text/csv', description: 'CSV' } })] }], 'x') as any;
  expect(d.paths['/t/export.csv'].get.responses['200'].content).toEqual({ 'text/csv': { schema: { type: 'string' } } });
});

test('opaque schemas: anything and any object; a closed or typed object is not', () => {
  expect([{}, { description: 'x' }, { type: 'object' }, { type: 'object', additionalProperties: {} }].map(isOpaque)).toEqual([true, true, true, true]);
  expect([{ type: 'string' }, { type: 'object', properties: {}, additionalProperties: false }, { type: 'object', additionalProperties: { type: 'string' } }, { anyOf: [{ type: 'string' }] }].map(isOpaque)).toEqual([false, false, false, false]);
});

test('every back-office case step is its own operation with the step\'s body schema and answer', () => {
  const steps = Object.keys(CASE_ACTIONS).filter((a) => a !== 'evidence');
  for (const step of steps) {
    const op = doc.paths[`/api/cases/{id}/actions/${step}`]?.post;
    const { $schema: _s, ...expected } = z.toJSONSchema(CASE_ACTIONS[step as keyof typeof CASE_ACTIONS].input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    expect({ step, body: op?.requestBody.content['application/json'].schema }).toEqual({ step, body: expected });
  }
  const verify = doc.paths['/api/cases/{id}/actions/verify'].post;
  expect(Object.keys(verify.requestBody.content['application/json'].schema.properties)).toEqual(['outcome', 'reason', 'newDeadlineWorkingDays', 'confirmCollectedYuan']);
  expect(verify.responses['200'].content['application/json'].schema.required).toEqual(expect.arrayContaining(['caseId', 'stage', 'pendingActor', 'verifications']));
  expect(doc.paths['/api/cases/{id}/actions/check-in'].post.responses['200'].content['application/json'].schema.required).toEqual(expect.arrayContaining(['distanceM', 'insideGeofence']));
  expect(doc.paths['/api/cases/{id}/actions/{action}']).toBeUndefined();
  expect(doc.paths['/api/cases/{id}/actions/evidence']).toBeUndefined();
});

test('header parameters: terminal routes take X-Device-Id and a DPoP proof (and on POST an Idempotency-Key); opening a case an optional key', () => {
  const names = (op: any) => op.parameters.filter((p: any) => p.in === 'header').map((p: any) => [p.name, p.required]);
  expect(names(doc.paths['/mobile/v1/tasks/{id}/check-in'].post)).toEqual([['X-Device-Id', true], ['DPoP', true], ['Idempotency-Key', true]]);
  expect(names(doc.paths['/mobile/v1/tasks/{id}'].get)).toEqual([['X-Device-Id', true], ['DPoP', true]]);
  // no device needed: a proof only with a DPoP-bound token (or, on /me, to learn whether this device is bound)
  expect(names(doc.paths['/mobile/v1/me'].get)).toEqual([['DPoP', false]]);
  expect(names(doc.paths['/mobile/v1/devices'].post)).toEqual([['DPoP', false], ['Idempotency-Key', true]]);
  expect(names(doc.paths['/api/cases'].post)).toEqual([['Idempotency-Key', false]]);
  expect(Object.keys(doc.paths['/api/cases'].post.responses)).toEqual(expect.arrayContaining(['201', '202']));
});

test('import kinds document their columns: name, type, whether required, and what each holds', () => {
  const body = doc.paths['/api/imports/{kind}'].post.requestBody;
  expect(Object.keys(body.content)).toEqual(['text/csv', 'application/x-ndjson', 'application/json']);
  for (const [kind, k] of Object.entries(IMPORT_KINDS)) {
    expect(body.description).toContain(`**${kind}**`);
    for (const column of Object.keys((k.schema as unknown as z.ZodObject).shape)) expect(body.description).toMatch(new RegExp(`\\| ${column} \\| [^|]+ \\| [^|]+ \\| (yes|no) \\| [^|]+ \\|`));
  }
  expect(body.description).toMatch(/\| account_no \| 户号 \/ 用户编号 [^|]*\| string \| yes \| 户号/);
  expect(body.description).toMatch(/\| whitelist \| 白名单 \/ 是否白名单 \| boolean \| no \| /);
  expect(doc.paths['/api/imports/routine-work-orders'].post.requestBody.description).toMatch(/\| order_no \| 工单编号 [^|]*\| string \| yes \| /);
});

test('operation ids are unique', () => {
  const ids = ops.map((o) => o.op.operationId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(doc.paths['/api/cases/{id}/live'].get.operationId).toBe('getApiCasesByIdLive');
});
