import crypto from 'node:crypto';
import { routineCaseId } from '../../domain/caseIds';
import { reserveCaseOpening } from '../../db/caseOpenings';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';

// One open case per customer across origins (#17), through the real API and worker: a custom audit for a customer
// with an open case gets that case back; a supervisor may open a second one with a reason; simultaneous creates
// open one case; the routine import refuses a customer under a custom audit, and a custom audit finds the routine case.
let h: Harness;
let manager: string;
let supervisor: string;
const run = String(crypto.randomInt(0, 100_000)).padStart(5, '0');
const acct = (n: number) => `86${run}${String(n).padStart(3, '0')}`;

beforeAll(async () => {
  h = await startHarness();
  [manager, supervisor] = await Promise.all([tokenFor('manager'), tokenFor('supervisor')]);
  const customers = ['account_no,name,address,tariff_category,station_id', ...[1, 2, 3, 4, 5].map((n) => `${acct(n)},一户一案${n},咸宁市咸安区温泉路 ${n} 号,residential,HB.XN.XA.WQ`)].join('\n');
  const res = await api(h.baseUrl, '/api/imports/customers', { token: manager, body: customers, headers: { 'content-type': 'text/csv' } });
  expect(res.body).toMatchObject({ inserted: 5, rejected: [] });
}, 120_000);

afterAll(async () => {
  for await (const wf of h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}' AND ExecutionStatus = 'Running'` })) {
    await h.client.workflow.getHandle(wf.workflowId).terminate('one-open-case test finished').catch(() => undefined);
  }
  await h?.stop();
});

const open = (accountNo: string, extra: Record<string, unknown> = {}) =>
  api(h.baseUrl, '/api/cases', { token: supervisor, body: { customerAccountNo: accountNo, origin: 'custom', note: '自定义稽查', ...extra } });
const casesOf = async (accountNo: string) => (await h.pool.query<{ n: number }>('select count(*)::int as n from cases where customer_account_no = $1', [accountNo])).rows[0].n;

test('a second custom audit answers 200 with the open case; a supervisor\'s duplicateReason opens a second one, recorded on its opened event', async () => {
  const first = await open(acct(1));
  expect(first.status).toBe(201);
  const again = await open(acct(1), { note: '再次自定义稽查' });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ id: first.body.id, caseNo: first.body.caseNo, existing: true, message: { code: 'case-open:ExistingCase', params: { caseNo: first.body.caseNo, origin: 'custom' } } });
  expect(again.body.message.textZh).toContain(first.body.caseNo);
  expect(again.body.message.textZh).toMatch(/未重复立案/);
  expect(again.body.message.textEn).toMatch(/already has an open case/);
  expect(await casesOf(acct(1))).toBe(1);

  const tooShort = await open(acct(1), { duplicateReason: 'x' });
  expect(tooShort.status).toBe(400);
  expect(tooShort.body.errors).toEqual([expect.objectContaining({ path: 'duplicateReason' })]);

  const reason = '客户反映另有一处表计，需另案核查';
  const second = await open(acct(1), { duplicateReason: reason });
  expect(second.status).toBe(201);
  expect(second.body.id).not.toBe(first.body.id);
  const opened = await h.pool.query("select payload from case_events where case_id = $1 and type = 'opened'", [second.body.id]);
  expect(opened.rows[0].payload).toMatchObject({ duplicateOf: first.body.id, duplicateReason: reason });
  const plain = await h.pool.query("select payload from case_events where case_id = $1 and type = 'opened'", [first.body.id]);
  expect(plain.rows[0].payload).not.toHaveProperty('duplicateReason');
  expect(await casesOf(acct(1))).toBe(2);
});

test('simultaneous creates for one customer open one case; the others get it back', async () => {
  const answers = await Promise.all(Array.from({ length: 6 }, () => open(acct(2))));
  const statuses = answers.map((a) => a.status).sort();
  expect(statuses).toEqual([200, 200, 200, 200, 200, 201]);
  expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  expect(await casesOf(acct(2))).toBe(1);
  const workflows = await h.pool.query<{ n: number }>('select count(*)::int as n from case_openings where account_no = $1', [acct(2)]);
  expect(workflows.rows[0].n).toBe(1);
});

test('the routine import refuses a customer under an open custom audit; a custom audit finds the routine case', async () => {
  const custom = await open(acct(3));
  expect(custom.status).toBe(201);
  const orderNo = (n: number) => `OC${run}-${n}`;
  const csv = ['order_no,account_no,anomaly_type,detected_on,description', `${orderNo(1)},${acct(3)},theft,2026-04-02,窃电嫌疑`, `${orderNo(2)},${acct(4)},theft,2026-04-02,窃电嫌疑`].join('\n');
  const imported = await api(h.baseUrl, '/api/imports/routine-work-orders', { token: manager, body: csv, headers: { 'content-type': 'text/csv' } });
  expect(imported.status).toBe(200);
  expect(imported.body.opened).toEqual([{ line: 3, orderNo: orderNo(2), caseId: routineCaseId(orderNo(2)) }]);
  expect(imported.body.duplicates).toEqual([{ line: 2, orderNo: orderNo(1), reason: `the customer already has an open custom case ${custom.body.caseNo}`, code: 'import.duplicate.open-case', params: { origin: 'custom', caseNo: custom.body.caseNo }, caseId: custom.body.id }]);
  expect(await casesOf(acct(3))).toBe(1);

  await waitFor('the routine case recorded', async () => (await casesOf(acct(4))) === 1);
  const onRoutine = await open(acct(4));
  expect(onRoutine.status).toBe(200);
  expect(onRoutine.body).toMatchObject({ id: routineCaseId(orderNo(2)), origin: 'routine', existing: true, message: { code: 'case-open:ExistingCase', params: { origin: 'routine' } } });
  expect(onRoutine.body.message.textZh).toMatch(/常态稽查/);
  expect(await casesOf(acct(4))).toBe(1);
});

test('a campaign case is refused for a customer under an open custom audit; its own case id is reserved again on retry', async () => {
  const custom = await open(acct(5));
  expect(custom.status).toBe(201);
  const campaignCase = crypto.randomUUID();
  const special = await reserveCaseOpening(h.pool, { caseId: campaignCase, accountNo: acct(5), origin: 'special', family: null, by: 'it-test' });
  expect(special).toEqual({ reserved: false, existing: expect.objectContaining({ id: custom.body.id, origin: 'custom' }) });
  // the custom case's own id (a retried request) is not a duplicate of itself
  expect(await reserveCaseOpening(h.pool, { caseId: custom.body.id, accountNo: acct(5), origin: 'custom', family: null, by: 'it-test' })).toEqual({ reserved: true, duplicateOf: null });
});
