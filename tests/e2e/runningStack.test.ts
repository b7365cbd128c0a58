import { api } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { E2E_BASE } from '../support/browser';

// Against the processes `npm start` runs (server/main.ts and worker/main.ts, their own task queue): the whole product
// as shipped — the e2e project's pair of them (tests/support/e2eSetup.ts), on the test database, not the demo's.
const base = E2E_BASE;

test('the running API serves health, the admin UI, OpenAPI and docs', async () => {
  expect((await api(base, '/healthz')).status).toBe(200);
  const ready = await api(base, '/readyz');
  expect(ready.body).toEqual({ status: 'ready', checks: { postgres: true, temporal: true, s3: true, jwks: true }, advisories: { calendar: expect.stringMatching(/^(ok|degraded)$/) } });
  const openapi = await api(base, '/api/openapi.json');
  expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}', '/mobile/v1/me']));
  const docs = await fetch(`${base}/docs/`);
  expect(docs.status).toBe(200);
  const ui = await fetch(`${base}/cases`);
  expect(ui.status).toBe(200);
  expect(await ui.text()).toMatch(/<div id="root">/);
});

test('a case created through the running API is recorded by the running worker and listed', async () => {
  const token = await tokenFor('supervisor');
  const created = await api(base, '/api/cases', { token, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000007', origin: 'routine', note: 'e2e' } });
  expect(created.status).toBe(201);
  const list = await api(base, `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: created.body.caseNo }))}`, { token });
  // The running worker may record the judgement between the two requests: the row is the same case, possibly newer.
  const { id, caseNo, customerAccountNo, orgUnitId, createdBy, createdAt, lastEventSeq } = created.body;
  expect(list.body).toEqual([expect.objectContaining({ id, caseNo, customerAccountNo, orgUnitId, createdBy, createdAt })]);
  expect(list.body[0].lastEventSeq).toBeGreaterThanOrEqual(lastEventSeq);
});
