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
      { line: 3, orderNo: order(1), reason: 'the same work order as line 2', code: 'import.duplicate.in-file', params: { line: 2 }, caseId: case1 },
      {
        line: 4, orderNo: order(2), reason: 'the customer already has an open routine case for zero_consumption',
        code: 'import.duplicate.open-routine-case', params: { anomalyType: 'zero_consumption', anomalyTypeName: '零电量' }, caseId: case1,
      },
    ],
    rejected: [
      { line: 5, errors: [{ field: 'account_no', message: 'no customer with this account number' }] },
      { line: 7, errors: [{ field: 'detected_on', message: 'must be a date YYYY-MM-DD' }] },
    ],
    rejectedRows: 2,
    rejectedOmitted: { rows: 0, byCode: {}, byField: {} },
  });

  // The cases exist in the read model, opened as routine cases with the monitoring system's note.
  for (let i = 0; i < 100; i += 1) {
    const n = (await h.pool.query<{ n: number }>('select count(*)::int as n from cases where id = any($1)', [[case1, case4]])).rows[0].n;
    if (n === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cases = await h.pool.query('select id, customer_account_no, origin, note from cases where id = any($1) order by customer_account_no', [[case1, case4]]);
  expect(cases.rows).toEqual([
    { id: case1, customer_account_no: acct(1), origin: 'routine', note: '零电量：连续三个月零电量' },
    { id: case4, customer_account_no: acct(2), origin: 'routine', note: '计量异常：开盖事件, 两次' },
  ]);
  expect(await workflowsOnQueue()).toEqual([`case-${case1}`, `case-${case4}`].sort());
}, 60_000);

test('importing the same file again opens nothing: every order is a reported duplicate', async () => {
  const res = await api(h.baseUrl, '/api/imports/routine-work-orders', { token: manager, body: csv(), headers: { 'content-type': 'text/csv' } });
  const [case1, case4] = [routineCaseId(order(1)), routineCaseId(order(4))];
  expect(res.body.opened).toEqual([]);
  expect(res.body.duplicates.map((d: object) => ({ ...d, reason: undefined, params: undefined }))).toEqual([
    { line: 2, orderNo: order(1), code: 'import.duplicate.imported-before', caseId: case1 },
    { line: 3, orderNo: order(1), code: 'import.duplicate.in-file', caseId: case1 },
    { line: 4, orderNo: order(2), code: 'import.duplicate.open-routine-case', caseId: case1 },
    { line: 6, orderNo: order(4), code: 'import.duplicate.imported-before', caseId: case4 },
  ]);
  expect(res.body.duplicates.map((d: { reason: string }) => d.reason)).toEqual([
    'this work order was imported before', 'the same work order as line 2', 'the customer already has an open routine case for zero_consumption', 'this work order was imported before',
  ]);
  expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([5, 7]);
  await new Promise((r) => setTimeout(r, 1000)); // visibility is eventually consistent; nothing new may appear
  expect(await workflowsOnQueue()).toHaveLength(2);
  const orders = await h.pool.query('select order_no from routine_work_orders where order_no like $1 order by order_no', [`JK${run}-%`]);
  expect(orders.rows.map((r) => r.order_no)).toEqual([order(1), order(4)]);
}, 60_000);

test('an export with the Chinese headers of the monitoring system and Chinese anomaly names opens cases whose notes read in Chinese', async () => {
  // The marketing system's customer archive, in its Chinese headers too (BOM, full-width spaces, a unit in brackets).
  const customers = [
    '\ufeff户号,户名,用电地址,电价类别,供电所编码,\u3000合同容量（kVA）',
    `${acct(3)},常态三,咸宁市咸安区温泉路 13 号,residential,HB.XN.XA.WQ,8`,
    `${acct(4)},常态四,咸宁市咸安区温泉路 14 号,commercial,HB.XN.XA.WQ,`,
  ].join('\r\n');
  const c = await api(h.baseUrl, '/api/imports/customers', { token: manager, body: customers, headers: { 'content-type': 'text/csv' } });
  expect(c.body).toMatchObject({ inserted: 2, rejected: [] });

  const file = [
    '\ufeff工单编号,用户编号,异常类型, 发现日期 ,问题描述',
    `${order(10)},${acct(3)},零电量,2026-04-02,连续三个月零电量`,
    `${order(11)},${acct(4)},高价低接,2026-04-03,居民电价接入商业负荷`,
    `${order(12)},${acct(4)},电价执行错误,2026-04-05,同户同类再次告警`,
  ].join('\r\n');
  const res = await api(h.baseUrl, '/api/imports/routine-work-orders', { token: manager, body: file, headers: { 'content-type': 'text/csv' } });
  expect(res.status).toBe(200);
  const [c10, c11] = [routineCaseId(order(10)), routineCaseId(order(11))];
  expect(res.body).toMatchObject({
    rows: 3, rejected: [],
    opened: [{ line: 2, orderNo: order(10), caseId: c10 }, { line: 3, orderNo: order(11), caseId: c11 }],
    // 电价执行错误 and 高价低接 are one anomaly type: the second order is a duplicate of the first
    duplicates: [{
      line: 4, orderNo: order(12), reason: 'the customer already has an open routine case for tariff_misuse',
      code: 'import.duplicate.open-routine-case', params: { anomalyType: 'tariff_misuse', anomalyTypeName: '电价执行错误' }, caseId: c11,
    }],
  });
  for (let i = 0; i < 100; i += 1) {
    if ((await h.pool.query<{ n: number }>('select count(*)::int as n from cases where id = any($1)', [[c10, c11]])).rows[0].n === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const cases = await h.pool.query('select id, note from cases where id = any($1) order by customer_account_no', [[c10, c11]]);
  expect(cases.rows).toEqual([{ id: c10, note: '零电量：连续三个月零电量' }, { id: c11, note: '电价执行错误：居民电价接入商业负荷' }]);
  // The structured field keeps the code.
  const orders = await h.pool.query('select order_no, anomaly_type from routine_work_orders where order_no = any($1) order by order_no', [[order(10), order(11)]]);
  expect(orders.rows).toEqual([{ order_no: order(10), anomaly_type: 'zero_consumption' }, { order_no: order(11), anomaly_type: 'tariff_misuse' }]);
}, 60_000);

test('a header row with unknown and missing columns is refused whole, naming them with codes', async () => {
  const file = ['工单编号,户号,稽查人员,发现日期', `${order(20)},${acct(3)},张三,2026-04-02`].join('\n');
  const zh = await api(h.baseUrl, '/api/imports/routine-work-orders', { token: manager, body: file, headers: { 'content-type': 'text/csv' } });
  expect(zh.status).toBe(400);
  expect(zh.body).toMatchObject({ code: 'import.header.mismatch', detail: expect.stringContaining('工单编号/order_no') });
  expect(zh.body.errors).toEqual([
    { path: 'header.稽查人员', code: 'import.header.unknown', params: { column: 3, header: '稽查人员' }, message: '第 3 列表头“稽查人员”无法识别' },
    { path: 'header.anomaly_type', code: 'import.header.missing', params: { field: 'anomaly_type', zh: '异常类型' }, message: '缺少必填列“异常类型”（anomaly_type）' },
  ]);
  const en = await api(h.baseUrl, '/api/imports/routine-work-orders', { token: manager, body: file, headers: { 'content-type': 'text/csv', 'accept-language': 'en' } });
  expect(en.body.errors.map((e: { message: string }) => e.message)).toEqual(['Column 3: unknown header "稽查人员"', 'Missing required column anomaly_type (异常类型)']);
  expect((await h.pool.query('select 1 from routine_work_orders where order_no = $1', [order(20)])).rowCount).toBe(0);
});

test('the header table lists every kind\'s Chinese and English headers', async () => {
  const res = await api(h.baseUrl, '/api/imports/headers', { token: manager });
  expect(res.status).toBe(200);
  const wo = res.body.kinds.find((k: { kind: string }) => k.kind === 'routine-work-orders');
  expect(wo.columns.map((c: { field: string; zh: string; required: boolean }) => [c.field, c.zh, c.required])).toEqual([
    ['order_no', '工单编号', true], ['account_no', '户号', true], ['anomaly_type', '异常类型', true], ['detected_on', '发现日期', true], ['description', '问题描述', false],
  ]);
  expect(res.body.kinds.map((k: { kind: string }) => k.kind)).toEqual([
    'routine-work-orders', 'legacy-cases', 'customers', 'monthly-consumption', 'daily-readings', 'payments', 'arrears', 'work-orders', 'meter-events',
    'metering-work-orders', 'org-units', 'station-areas', 'area-supply',
  ]);
  expect(res.body.anomalyTypes).toContainEqual(expect.objectContaining({ code: 'zero_consumption', zh: '零电量' }));
});
