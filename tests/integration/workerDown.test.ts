import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// No worker polls this harness's task queue: the case workflow starts but never runs (so the API answers 202 and
// the test writes the read-model row the workflow would have recorded). The live state and a step must come back as
// a 503 problem the back office can show, not hang or 500.
let h: Harness;
let supervisor: string;
let workflowId: string | undefined;

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  supervisor = await tokenFor('supervisor');
}, 120_000);
afterAll(async () => {
  if (workflowId) await h.client.workflow.getHandle(workflowId).terminate('test over').catch(() => undefined);
  await h?.pool.query('delete from cases where workflow_id = $1', [workflowId ?? '']);
  await h?.stop();
});

test('with no worker running, the live state and a step answer 503 problem+json with a reason', async () => {
  const created = await api(h.baseUrl, '/api/cases', { token: supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000010', origin: 'routine', note: 'worker down' } });
  expect(created.status).toBe(202);
  workflowId = created.body.workflowId;
  await h.pool.query(
    `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority,
       created_by, created_at, updated_at, last_event_seq)
     select $1, $2, $3, account_no, name, 'HB.XN.XA.WQ', 'routine', 'judgement', 'normal', 'supervisor', now(), now(), 0
       from customers where account_no = '4210000010'`,
    [created.body.id, `IT-DOWN-${created.body.id.slice(0, 8)}`, workflowId],
  );
  const live = await api(h.baseUrl, `/api/cases/${created.body.id}/live`, { token: supervisor });
  expect(live.status).toBe(503);
  expect(live.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(live.body).toMatchObject({ type: 'urn:jicha:case-workflow:unavailable', detail: expect.stringMatching(/工作进程是否在运行/) }); // zh-CN: the request asked for no other language
  const note = await api(h.baseUrl, `/api/cases/${created.body.id}/actions/note`, { token: supervisor, body: { text: 'anyone there?' } });
  expect(note.status).toBe(503);
  expect(note.body).toMatchObject({ type: 'urn:jicha:case-workflow:unavailable', detail: expect.stringMatching(/请刷新工单后再重试/) });
  // the read model still answers
  expect((await api(h.baseUrl, `/api/cases/${created.body.id}`, { token: supervisor })).status).toBe(200);
}, 90_000);
