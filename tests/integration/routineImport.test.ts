import crypto from 'node:crypto';
import { routineCaseId } from '../../domain/caseIds';
import { INSPECTION_CASE_WORKFLOW } from '../../domain/inspectionCaseContract';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Routine audits (常态稽查): the monitoring system's anomaly work orders, uploaded as CSV, become cases (origin
// routine) through the real API and worker; duplicates and bad rows are reported with their lines, never opened.
let h: Harness;
let manager: string;
const run = String(crypto.randomInt(0, 100_000)).padStart(5, '0');
const acct = (n: number) => `84${run}${String(n).padStart(3, '0')}`;
const order = (n: number) => `JK${run}-${n}`;

beforeAll(async () => {
  h = await startHarness();
  manager = await tokenFor('manager');
  // Fresh customers per run, so "an open routine case for the same customer" starts from nothing.
  const customers = [
    'account_no,name,address,tariff_category,station_id',
    `${acct(1)},常态一,咸宁市咸安区温泉路 11 号,residential,HB.XN.XA.WQ`,
    `${acct(2)},常态二,咸宁市嘉鱼县鱼岳镇 12 号,commercial,HB.XN.JY.YY`,
  ].join('\n');
  const res = await api(h.baseUrl, '/api/imports/customers', { token: manager, body: customers, headers: { 'content-type': 'text/csv' } });
  expect(res.body).toMatchObject({ inserted: 2, rejected: [] });
}, 120_000);

afterAll(async () => {
  for await (const wf of h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}' AND ExecutionStatus = 'Running'` })) {
    await h.client.workflow.getHandle(wf.workflowId).terminate('routine import test finished').catch(() => undefined);
  }
  await h?.stop();
});

const csv = () => [
  'order_no,account_no,anomaly_type,detected_on,description',
  `${order(1)},${acct(1)},zero_consumption,2026-04-02,连续三个月零电量`,
  `${order(1)},${acct(1)},zero_consumption,2026-04-02,同一工单重复导出`,
  `${order(2)},${acct(1)},zero_consumption,2026-04-09,同户同类异常再次告警`,
  `${order(3)},4299999999,theft,2026-04-02,户号不存在`,
  `${order(4)},${acct(2)},meter_tamper,2026-04-03,"开盖事件, 两次"`,
  `${order(5)},${acct(2)},theft,2026-04-31,日期错误`,
].join('\n');

async function workflowsOnQueue(): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}' AND WorkflowType = '${INSPECTION_CASE_WORKFLOW}'` })) ids.push(wf.workflowId);
  return ids.sort();
}

test('an upload opens one routine case per new work order and reports duplicates and bad rows by line', async () => {
  const res = await api(h.baseUrl, '/api/imports/routine-work-orders', { token: manager, body: csv(), headers: { 'content-type': 'text/csv; charset=utf-8' } });
  expect(res.status).toBe(200);
  const [case1, case4] = [routineCaseId(order(1)), routineCaseId(order(4))];
  expect(res.body).toEqual({
    importId: expect.any(String), kind: 'routine-work-orders', rows: 6,
    opened: [{ line: 2, orderNo: order(1), caseId: case1 }, { line: 6, orderNo: order(4), caseId: case4 }],
    duplicates: [
      { line: 3, orderNo: order(1), reason: 'the same work order as line 2', caseId: case1 },
      { line: 4, orderNo: order(2), reason: 'the customer already has an open routine case for zero_consumption', caseId: case1 },
    ],
    rejected: [
      { line: 5, errors: [{ field: 'account_no', message: 'no customer with this account number' }] },
      { line: 7, errors: [{ field: 'detected_on', message: 'must be a date YYYY-MM-DD' }] },
    ],
  });

  // The cases exist in the read model, opened as routine cases with the monitoring system's note.
  for (let i = 0; i < 100; i += 1) {
    const n = (await h.pool.query<{ n: number }>('select count(*)::int as n from cases where id = any($1)', [[case1, case4]])).rows[0].n;
    if (n === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cases = await h.pool.query('select id, customer_account_no, origin, note from cases where id = any($1) order by customer_account_no', [[case1, case4]]);
  expect(cases.rows).toEqual([
    { id: case1, customer_account_no: acct(1), origin: 'routine', note: 'zero_consumption：连续三个月零电量' },
    { id: case4, customer_account_no: acct(2), origin: 'routine', note: 'meter_tamper：开盖事件, 两次' },
  ]);
  expect(await workflowsOnQueue()).toEqual([`case-${case1}`, `case-${case4}`].sort());
}, 60_000);

test('importing the same file again opens nothing: every order is a reported duplicate', async () => {
  const res = await api(h.baseUrl, '/api/imports/routine-work-orders', { token: manager, body: csv(), headers: { 'content-type': 'text/csv' } });
  const [case1, case4] = [routineCaseId(order(1)), routineCaseId(order(4))];
  expect(res.body.opened).toEqual([]);
  expect(res.body.duplicates).toEqual([
    { line: 2, orderNo: order(1), reason: 'this work order was imported before', caseId: case1 },
    { line: 3, orderNo: order(1), reason: 'the same work order as line 2', caseId: case1 },
    { line: 4, orderNo: order(2), reason: 'the customer already has an open routine case for zero_consumption', caseId: case1 },
    { line: 6, orderNo: order(4), reason: 'this work order was imported before', caseId: case4 },
  ]);
  expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([5, 7]);
  await new Promise((r) => setTimeout(r, 1000)); // visibility is eventually consistent; nothing new may appear
  expect(await workflowsOnQueue()).toHaveLength(2);
  const orders = await h.pool.query('select order_no from routine_work_orders where order_no like $1 order by order_no', [`JK${run}-%`]);
  expect(orders.rows.map((r) => r.order_no)).toEqual([order(1), order(4)]);
}, 60_000);
