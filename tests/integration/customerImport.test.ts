import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Bulk imports through the real API (real Keycloak tokens, real Postgres): every row validated, the valid ones
// imported, the others reported with their line; importing the same file again changes nothing.
let h: Harness;
let manager: string;
let admin: string;
let inspector: string;
let inspectorJiayu: string;

// Fresh account numbers per run, so the first import of this run really inserts.
const run = String(crypto.randomInt(0, 100_000)).padStart(5, '0');
const acct = (n: number) => `83${run}${String(n).padStart(3, '0')}`;

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  [manager, admin, inspector, inspectorJiayu] = await Promise.all([tokenFor('manager'), tokenFor('admin'), tokenFor('inspector'), tokenFor('inspector2')]);
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const upload = (path: string, token: string, body: string, contentType = 'text/csv') =>
  api(h.baseUrl, `/api/imports/${path}`, { token, body, headers: { 'content-type': contentType } });

async function customerSnapshot(accounts: string[]) {
  return (await h.pool.query('select * from customers where account_no = any($1) order by account_no', [accounts])).rows;
}

test('reference data: org units by an admin, parents first, each bad row reported', async () => {
  const csv = [
    'id,parent_id,level,name_zh,name_en',
    'HB.EZ,HB,city,国网鄂州供电公司,Ezhou Power Supply Co.',
    'HB.EZ.EC,HB.EZ,county,鄂城区供电公司,Echeng District Power Supply Co.',
    'HB.EZ.EC.S1,HB.EZ.EC,station,凤凰供电所,Fenghuang Supply Station',
    'HB.EZ.EC.S2,HB.EZ,station,错层供电所,Wrong-level Station',
    'HB.EZ.XX.S3,HB.EZ.XX,station,孤儿供电所,Orphan Station',
    'HB.WH.EC,HB.EZ,county,错位,Misplaced',
  ].join('\n');
  const res = await upload('org-units', admin, csv);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ kind: 'org-units', rows: 6, updated: 0 });
  expect(res.body.inserted + res.body.unchanged).toBe(3); // fixed ids: inserted on the first run, unchanged after
  expect(res.body.rejected).toEqual([
    { line: 5, errors: [{ field: 'level', message: 'a station cannot sit under a city' }] },
    { line: 6, errors: [{ field: 'parent_id', message: 'no such org unit (parents must come first)' }] },
    { line: 7, errors: [{ field: 'id', message: 'must be HB.EZ.<code>' }] },
  ]);
  expect((await upload('org-units', manager, csv)).status).toBe(403);
});

test('customers: bad rows reported exactly with their lines, good rows in, re-import changes nothing', async () => {
  const csv = [
    'account_no,name,address,lat,lon,tariff_category,contract_capacity_kva,meter_no,whitelist,station_id,grid_id,status',
    `${acct(1)},王建国,咸宁市咸安区温泉路 1 号,29.85,114.32,residential,8,M${acct(1)},false,HB.XN.XA.WQ,HB.XN.XA.WQ.G01,active`,
    `${acct(2)},"温泉""老街""饭店","咸宁市咸安区温泉路 2 号, 一楼",29.86,114.33,commercial,50.5,,true,HB.XN.XA.WQ,,`,
    `12345,短户号,地址,,,residential,8,,false,HB.XN.XA.WQ,,active`,
    `${acct(4)},李四,地址,,,industrial,8,,false,HB.XN.XA.WQ,,active`,
    `${acct(5)},鄂州客户,地址,,,residential,8,,false,HB.EZ.EC.S1,,active`,
    `${acct(6)},无所客户,地址,,,residential,8,,false,HB.XN.XA.ZZ,,active`,
    `${acct(7)},错网格,地址,,,residential,8,,false,HB.XN.XA.WQ,HB.XN.JY.YY.G01,active`,
    `${acct(1)},重复户,地址,,,residential,8,,false,HB.XN.XA.WQ,,active`,
    `${acct(9)},两处错,地址,,,residential,12.345,,maybe,HB.XN.XA.WQ,,active`,
    `${acct(10)},嘉鱼客户,嘉鱼县鱼岳镇,29.97,113.94,agricultural,30,,false,HB.XN.JY.YY,HB.XN.JY.YY.G01,active`,
    `${acct(11)},少一列,地址,,,residential,8,,false,HB.XN.XA.WQ,`,
  ].join('\r\n');
  const expectedRejected = [
    { line: 4, errors: [{ field: 'account_no', message: 'must be a 10-digit account number (户号)' }] },
    { line: 5, errors: [{ field: 'tariff_category', message: expect.stringContaining('居民生活用电/residential'), code: 'import.value.unknown', params: { value: 'industrial', accepted: expect.stringContaining('大工业用电/large_industrial') } }] },
    { line: 6, errors: [{ field: 'station_id', message: 'outside your org unit HB.XN' }] },
    { line: 7, errors: [{ field: 'station_id', message: 'no supply station with this id' }] },
    { line: 8, errors: [{ field: 'grid_id', message: 'the grid is not in station HB.XN.XA.WQ' }] },
    { line: 9, errors: [{ field: 'account_no', message: 'duplicate of line 2' }] },
    { line: 10, errors: [{ field: 'contract_capacity_kva', message: 'must be a number with at most 2 decimals' }, { field: 'whitelist', message: 'must be true or false' }] },
    { line: 12, errors: [{ field: '(row)', message: 'expected 12 fields, found 11' }] },
  ];
  const good = [acct(1), acct(2), acct(10)];

  const first = await upload('customers', manager, csv);
  expect(first.status).toBe(200);
  expect(first.body).toEqual({ importId: expect.any(String), kind: 'customers', rows: 11, inserted: 3, updated: 0, unchanged: 0, rejected: expectedRejected, rejectedRows: 8, rejectedOmitted: { rows: 0, byCode: {}, byField: {} } });
  const rows = await customerSnapshot([...good, acct(4), acct(5), acct(9)]);
  expect(rows.map((r) => r.account_no)).toEqual(good);
  expect(rows[1]).toMatchObject({ name: '温泉"老街"饭店', address: '咸宁市咸安区温泉路 2 号, 一楼', contract_capacity_kva: 50.5, whitelist: true, grid_id: null, status: 'active' });

  const again = await upload('customers', manager, csv);
  expect(again.body).toEqual({ importId: expect.any(String), kind: 'customers', rows: 11, inserted: 0, updated: 0, unchanged: 3, rejected: expectedRejected, rejectedRows: 8, rejectedOmitted: { rows: 0, byCode: {}, byField: {} } });
  expect(again.body.importId).not.toBe(first.body.importId);
  expect(await customerSnapshot(good)).toEqual(rows);

  const stored = await api(h.baseUrl, `/api/imports/${first.body.importId}`, { token: manager });
  expect(stored.body).toEqual(first.body);

  // one changed cell: exactly one row updated
  const changed = await upload('customers', manager, csv.replace('王建国', '王建军'));
  expect(changed.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
  expect((await upload('customers', inspector, csv)).status).toBe(403);
});

test('bills as a JSON array and readings as NDJSON; the customer view and its org scope', async () => {
  const bills = [
    { account_no: acct(1), month: '2026-01', kwh: 210.5, amount_yuan: 117.46, tariff_category: 'residential' },
    { account_no: acct(1), month: '2026-02', kwh: '198.25', amount_yuan: '110.62', tariff_category: 'residential' },
    { account_no: acct(1), month: '2026-13', kwh: 1, amount_yuan: 1, tariff_category: 'residential' },
    { account_no: acct(1), month: '2026-03', kwh: -5, amount_yuan: 0, tariff_category: 'residential' },
    { account_no: acct(99), month: '2026-01', kwh: 1, amount_yuan: 1, tariff_category: 'residential' },
    { account_no: acct(1), month: '2026-01', kwh: 1, amount_yuan: 1, tariff_category: 'residential', colour: 'red' },
  ];
  const res = await api(h.baseUrl, '/api/imports/monthly-consumption', { token: manager, body: bills });
  expect(res.body).toEqual({
    importId: expect.any(String), kind: 'monthly-consumption', rows: 6, inserted: 2, updated: 0, unchanged: 0,
    rejected: [
      { line: 3, errors: [{ field: 'month', message: 'must be a month YYYY-MM' }] },
      { line: 4, errors: [{ field: 'kwh', message: 'must not be negative' }] },
      { line: 5, errors: [{ field: 'account_no', message: 'no customer with this account number' }] },
      { line: 6, errors: [{ field: 'colour', message: 'unknown field' }] },
    ],
    rejectedRows: 4,
    rejectedOmitted: { rows: 0, byCode: {}, byField: {} },
  });
  expect((await api(h.baseUrl, '/api/imports/monthly-consumption', { token: manager, body: bills })).body).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  const stored = await h.pool.query("select to_char(month, 'YYYY-MM') as month, kwh, amount_yuan from monthly_consumption where account_no = $1 order by month", [acct(1)]);
  expect(stored.rows).toEqual([{ month: '2026-01', kwh: 210.5, amount_yuan: 117.46 }, { month: '2026-02', kwh: 198.25, amount_yuan: 110.62 }]);

  const ndjson = [
    JSON.stringify({ account_no: acct(1), reading_date: '2026-02-27', day_kwh: 6.5, register_kwh: 1200.25 }),
    '',
    JSON.stringify({ account_no: acct(1), reading_date: '2026-02-28', day_kwh: 7.25, register_kwh: 1207.5 }),
    '{"account_no": "oops"',
    JSON.stringify({ account_no: acct(10), reading_date: '2026-02-28', day_kwh: 3 }),
  ].join('\n');
  const readings = await upload('daily-readings', manager, ndjson, 'application/x-ndjson');
  expect(readings.body).toMatchObject({ rows: 4, inserted: 3, rejected: [{ line: 4, errors: [{ field: '(row)', message: 'not valid JSON' }] }] });

  const view = await api(h.baseUrl, `/api/customers/${acct(10)}`, { token: inspectorJiayu });
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ accountNo: acct(10), name: '嘉鱼客户', stationId: 'HB.XN.JY.YY', stationName: '鱼岳供电所', tariffCategory: 'agricultural' });
  expect((await api(h.baseUrl, `/api/customers/${acct(1)}`, { token: inspectorJiayu })).status).toBe(404);
  const list = await api(h.baseUrl, `/api/customers?filter=${encodeURIComponent(JSON.stringify({ q: `83${run}` }))}`, { token: inspector });
  expect(list.body.map((c: { accountNo: string }) => c.accountNo)).toEqual([acct(1), acct(2)]);
});

test('uploads the server cannot read are refused whole, naming the problem', async () => {
  const unknownColumn = await upload('customers', manager, 'account_no,nickname\n4210000001,x');
  expect(unknownColumn.status).toBe(400);
  expect(unknownColumn.body.code).toBe('import.header.mismatch');
  expect(unknownColumn.body.errors).toEqual(expect.arrayContaining([
    expect.objectContaining({ path: 'header.nickname', code: 'import.header.unknown', params: { column: 2, header: 'nickname' } }),
    expect.objectContaining({ path: 'header.name', code: 'import.header.missing', params: { field: 'name', zh: '户名' } }),
  ]));
  expect((await upload('customers', manager, 'account_no,name\n"unclosed')).status).toBe(400);
  expect((await upload('customers', manager, 'x', 'application/octet-stream')).status).toBe(415);
  expect((await upload('no-such-kind', manager, 'x')).status).toBe(400);
});

test('files of the marketing system: Chinese headers and Chinese values (电价类别 居民生活用电, 缴费渠道 微信, 业务类型 增容…) are stored as codes', async () => {
  const customers = [
    '户号,户名,用电地址,电价类别,供电所编码,用户状态',
    `${acct(21)},赵六,咸宁市咸安区温泉路 21 号,居民生活用电,HB.XN.XA.WQ,正常用电`,
    `${acct(22)},钱七商店,咸宁市咸安区温泉路 22 号,一般工商业用电（商业）,HB.XN.XA.WQ,暂停`,
    `${acct(23)},孙八,地址,城镇居民,HB.XN.XA.WQ,`,
  ].join('\r\n');
  const c = await upload('customers', manager, customers);
  expect(c.status).toBe(200);
  expect(c.body.rejected).toEqual([{
    line: 4,
    errors: [{ field: 'tariff_category', code: 'import.value.unknown', params: { value: '城镇居民', accepted: expect.stringContaining('居民生活用电/residential') }, message: expect.stringMatching(/^无法识别的取值“城镇居民”；可填：居民生活用电\/residential、/) }],
  }]);
  expect((await customerSnapshot([acct(21), acct(22), acct(23)])).map((r) => [r.account_no, r.tariff_category, r.status])).toEqual([
    [acct(21), 'residential', 'active'], [acct(22), 'commercial', 'suspended'],
  ]);

  const orders = ['工单编号,户号,业务类型,工单状态,申请日期,完成日期,申请容量', `YKZ${run}1,${acct(22)},增容,已归档,2026-01-10,2026-02-01,80`, `YKZ${run}2,${acct(22)},迁址,已受理,2026-03-01,,`].join('\n');
  const payments = ['缴费流水号,户号,缴费日期,缴费金额,缴费渠道', `PZ${run}1,${acct(22)},2026-03-05,120.50,微信`, `PZ${run}2,${acct(22)},2026-03-06,10,云闪付`].join('\n');
  const [w, p] = await Promise.all([
    api(h.baseUrl, '/api/imports/work-orders', { token: manager, body: orders, headers: { 'content-type': 'text/csv', 'accept-language': 'en' } }),
    upload('payments', manager, payments),
  ]);
  expect([w.status, w.body.inserted, p.status, p.body.inserted]).toEqual([200, 1, 200, 1]);
  expect(w.body.rejected).toEqual([{ line: 3, errors: [{ field: 'kind', code: 'import.value.unknown', params: { value: '迁址', accepted: expect.stringContaining('增容/capacity_increase') }, message: expect.stringMatching(/^Unknown value "迁址"; accepted \(Chinese name\/code\): 新装\/new_connection、/) }] }]);
  expect(p.body.rejected).toEqual([{ line: 3, errors: [expect.objectContaining({ field: 'channel', code: 'import.value.unknown', message: expect.stringContaining('微信/wechat') })] }]);
  const view = await api(h.baseUrl, `/api/customers/${acct(22)}`, { token: manager });
  expect(view.body).toMatchObject({
    workOrders: [{ orderNo: `YKZ${run}1`, kind: 'capacity_increase', status: 'archived', capacityKva: 80 }],
    payments: [{ paymentNo: `PZ${run}1`, channel: 'wechat', amountYuan: 120.5 }],
  });

  // the headers endpoint lists what each coded column accepts
  const headers = await api(h.baseUrl, '/api/imports/headers', { token: manager });
  const column = (kind: string, field: string) => headers.body.kinds.find((k: { kind: string }) => k.kind === kind).columns.find((x: { field: string }) => x.field === field);
  expect(column('customers', 'tariff_category').values).toContainEqual(expect.objectContaining({ code: 'residential', zh: '居民生活用电' }));
  expect(column('work-orders', 'status').values).toContainEqual(expect.objectContaining({ code: 'archived', zh: '已归档' }));
  expect(column('customers', 'name').values).toBeUndefined();
});

test('payments, arrears, business-expansion work orders and meter events land in the customer view', async () => {
  const post = (kind: string, rows: object[]) => api(h.baseUrl, `/api/imports/${kind}`, { token: manager, body: rows });
  const asOf = (await h.pool.query<{ m: string }>("select to_char(max(month), 'YYYY-MM') as m from billing_periods")).rows[0].m;
  const eventAt = new Date(Date.parse(`${asOf}-15T10:00:00+08:00`)).toISOString();
  const reports = await Promise.all([
    post('payments', [{ payment_no: `P${run}1`, account_no: acct(2), paid_on: '2026-03-05', amount_yuan: 120.5, channel: 'wechat' }, { payment_no: `P${run}2`, account_no: acct(2), paid_on: '2026-03-05', amount_yuan: 0, channel: 'wechat' }]),
    post('arrears', [{ account_no: acct(2), bill_month: '2026-02', amount_due_yuan: 300, amount_paid_yuan: 120.5, due_on: '2026-03-25' }]),
    post('work-orders', [{ order_no: `YK${run}`, account_no: acct(2), kind: 'capacity_increase', status: 'connected', applied_on: '2026-01-10', completed_on: '2026-02-01', capacity_kva: 80 }]),
    post('meter-events', [{ account_no: acct(2), occurred_at: eventAt, kind: 'cover_open', meter_no: 'M1' }]),
  ]);
  expect(reports.map((r) => [r.body.inserted, r.body.rejected.length])).toEqual([[1, 1], [1, 0], [1, 0], [1, 0]]);
  expect(reports[0].body.rejected[0]).toEqual({ line: 2, errors: [{ field: 'amount_yuan', message: 'must be greater than 0' }] });
  const view = await api(h.baseUrl, `/api/customers/${acct(2)}`, { token: manager });
  expect(view.body).toMatchObject({
    payments: [{ paymentNo: `P${run}1`, paidOn: '2026-03-05', amountYuan: 120.5, channel: 'wechat' }],
    arrears: [{ billMonth: '2026-02', amountDueYuan: 300, amountPaidYuan: 120.5, dueOn: '2026-03-25' }],
    workOrders: [{ orderNo: `YK${run}`, kind: 'capacity_increase', status: 'connected', capacityKva: 80, completedOn: '2026-02-01' }],
    meterEvents: [{ occurredAt: eventAt, kind: 'cover_open', meterNo: 'M1' }],
  });
});
