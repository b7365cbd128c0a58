import crypto from 'node:crypto';
import { getStateQuery, caseWorkflowId, waitForStageUpdate } from '../../domain/inspectionCaseContract';
import { verifyCaseChain } from '../../db/caseLog';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Real Temporal dev server, real Postgres, real Keycloak tokens; the worker runs on this file's own task queue.
let h: Harness;
let supervisor: string;
let inspectorJiayu: string;
let inspectorWenquan: string;

async function workflowsOnQueue(): Promise<number> {
  let n = 0;
  for await (const _ of h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}'` })) n += 1;
  return n;
}

async function countCases(): Promise<number> {
  return (await h.pool.query<{ n: number }>('select count(*)::int as n from cases')).rows[0].n;
}

beforeAll(async () => {
  h = await startHarness();
  [supervisor, inspectorJiayu, inspectorWenquan] = await Promise.all([tokenFor('supervisor'), tokenFor('inspector2'), tokenFor('inspector')]);
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

test('a case created through the API runs its workflow, and the workflow and the read model agree', async () => {
  const res = await api(h.baseUrl, '/api/cases', { token: supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000001', origin: 'special', note: '白名单居民大电量' } });
  expect(res.status).toBe(201);
  const c = res.body;
  expect(c).toMatchObject({ customerAccountNo: '4210000001', customerName: '咸安区金桂农民专业合作社', orgUnitId: 'HB.XN.XA.WQ', origin: 'special', createdBy: 'supervisor' });
  expect(c.workflowId).toBe(caseWorkflowId(c.id));
  expect(res.headers.get('location')).toBe(`/api/cases/${c.id}`);

  // once the case waits for a person, the workflow's state and the read model agree field by field
  const handle = h.client.workflow.getHandle(c.workflowId);
  await handle.executeUpdate(waitForStageUpdate, { args: [{ stages: ['field_evidence'] }] });
  let state = await handle.query(getStateQuery);
  let row = (await api(h.baseUrl, `/api/cases/${c.id}`, { token: supervisor })).body;
  for (let i = 0; row.lastEventSeq < state.eventSeq && i < 100; i += 1) {
    await new Promise((r) => setTimeout(r, 50));
    [state, row] = [await handle.query(getStateQuery), (await api(h.baseUrl, `/api/cases/${c.id}`, { token: supervisor })).body];
  }
  expect(state).toMatchObject({ caseId: c.id, recorded: true, stage: 'field_evidence', assignee: 'inspector' });
  expect(row).toMatchObject({ caseNo: state.caseNo, stage: state.stage, priority: state.priority, lastEventSeq: state.eventSeq });
  const dbRow = (await h.pool.query('select assignee, deadline_at, snapshot from cases where id = $1', [c.id])).rows[0];
  expect(dbRow.assignee).toBe(state.assignee);
  expect(dbRow.deadline_at.toISOString()).toBe(state.deadlineAt);
  expect(dbRow.snapshot).toEqual(JSON.parse(JSON.stringify(state)));

  const chain = await verifyCaseChain(h.pool, c.id);
  expect(chain).toEqual({ caseId: c.id, rows: state.eventSeq, ok: true });

  const list = await api(h.baseUrl, `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: c.caseNo }))}`, { token: supervisor });
  expect(list.status).toBe(200);
  expect(list.body.map((r: { id: string }) => r.id)).toEqual([c.id]);
  expect(list.headers.get('content-range')).toBe('cases 0-0/1');

  const one = await api(h.baseUrl, `/api/cases/${c.id}`, { token: supervisor });
  expect(one.body).toEqual(row);
});

test('an invalid body gets 400 with field details and starts no workflow', async () => {
  const [wfBefore, rowsBefore] = [await workflowsOnQueue(), await countCases()];
  const res = await api(h.baseUrl, '/api/cases', { token: supervisor, body: { customerAccountNo: '12ab', origin: 'rumour', colour: 'red' } });
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.errors).toEqual(expect.arrayContaining([
    { path: 'customerAccountNo', message: 'must be a 10-digit account number (户号)' },
    expect.objectContaining({ path: 'origin' }),
    { path: 'colour', message: 'unknown field', code: 'field.unknown' },
  ]));
  const unknown = await api(h.baseUrl, '/api/cases', { token: supervisor, body: { customerAccountNo: '9999999999' } });
  expect(unknown.status).toBe(422);
  expect(unknown.body.errors).toEqual([{ path: 'customerAccountNo', message: 'no customer with this account number' }]);
  const malformed = await api(h.baseUrl, '/api/cases', { token: supervisor, body: '{"customerAccountNo":' });
  expect(malformed.status).toBe(400);
  expect(malformed.body.detail).toBe('请求内容不是有效的 JSON。');
  expect(await workflowsOnQueue()).toBe(wfBefore);
  expect(await countCases()).toBe(rowsBefore);
});

test('a retried create with the same Idempotency-Key yields one case and one workflow', async () => {
  const key = `key-${crypto.randomUUID()}`;
  const body = { customerAccountNo: '4210000003', origin: 'routine', duplicateReason: '测试：每个测试单独立案' };
  const [a, b] = await Promise.all([
    api(h.baseUrl, '/api/cases', { token: supervisor, body, headers: { 'idempotency-key': key } }),
    api(h.baseUrl, '/api/cases', { token: supervisor, body, headers: { 'idempotency-key': key } }),
  ]);
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  expect(b.body.id).toBe(a.body.id);
  const again = await api(h.baseUrl, '/api/cases', { token: supervisor, body, headers: { 'idempotency-key': key } });
  expect(again.body.caseNo).toBe(a.body.caseNo);
  // one workflow opened it (the workflow may already have judged it: count the openings, not every event)
  const rows = await h.pool.query("select count(*)::int as n from case_events where case_id = $1 and type = 'opened'", [a.body.id]);
  expect(rows.rows[0].n).toBe(1);
  const other = await api(h.baseUrl, '/api/cases', { token: supervisor, body: { customerAccountNo: '4210000005' }, headers: { 'idempotency-key': key } });
  expect(other.status).toBe(409);
});

test('org scope: lists and reads never include cases outside the caller\'s unit', async () => {
  const created = await api(h.baseUrl, '/api/cases', { token: supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000006' } });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const jiayuCase = await api(h.baseUrl, '/api/cases', { token: supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4212000020' } });
  expect(jiayuCase.status).toBe(201);
  const lead = await tokenFor('lead'); // 温泉供电所 HB.XN.XA.WQ
  const byNo = (caseNo: string, token: string) => api(h.baseUrl, `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: caseNo }))}`, { token });
  expect((await byNo(created.body.caseNo, lead)).body.map((r: { id: string }) => r.id)).toEqual([id]);
  expect((await byNo(jiayuCase.body.caseNo, lead)).body).toEqual([]);
  const jiayuList = await api(h.baseUrl, '/api/cases?range=[0,499]', { token: inspectorJiayu });
  expect(jiayuList.status).toBe(200);
  // an inspector's list holds their own cases only (inspectorCaseScope.test.ts), never another station's
  expect(jiayuList.body.every((r: { orgUnitId: string }) => r.orgUnitId.startsWith('HB.XN.JY.YY'))).toBe(true);
  expect((await api(h.baseUrl, `/api/cases/${id}`, { token: inspectorJiayu })).status).toBe(404);
  expect((await api(h.baseUrl, `/api/cases/${id}`, { token: lead })).status).toBe(200);
  expect((await api(h.baseUrl, `/api/cases/${jiayuCase.body.id}`, { token: lead })).status).toBe(404);
  const forbidden = await api(h.baseUrl, '/api/cases', { token: inspectorWenquan, body: { customerAccountNo: '4210000006' } });
  expect(forbidden.status).toBe(403);
});

test('bad list parameters get 400 problems, not 500s', async () => {
  for (const qs of ['range=[5,1]', 'range=notjson', 'sort=["password","ASC"]', 'filter={"stage":"nope"}', 'filter={"id":["not-a-uuid"]}', 'unknown=1']) {
    const res = await api(h.baseUrl, `/api/cases?${qs}`, { token: supervisor });
    expect({ qs, status: res.status }).toEqual({ qs, status: 400 });
    expect(res.body.errors.length).toBeGreaterThan(0);
  }
  expect((await api(h.baseUrl, '/api/cases/not-a-uuid', { token: supervisor })).status).toBe(400);
  expect((await api(h.baseUrl, '/api/nothing-here', { token: supervisor })).status).toBe(404);
});
