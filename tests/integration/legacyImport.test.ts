import crypto from 'node:crypto';
import { verifyCaseChain } from '../../db/caseLog';
import { dashboardStats } from '../../db/dashboardStats';
import { referencePeriod } from '../../db/dashboardStatsReference';
import { legacyCaseId } from '../../db/imports/legacyCases';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// 历史工单导入 (#16 item 9): a pilot system's closed cases, uploaded as CSV with Chinese headers and values, become
// archived cases without a workflow; they count in the dashboard and the month's ranking, bad rows are reported by
// line, and importing the same file again changes nothing. Everything lives in an org subtree of this run, in March
// 2019 (a month no other test touches).
let h: Harness;
let manager: string;
const run = String(crypto.randomInt(0, 100_000)).padStart(5, '0');
const county = `HB.XN.L${run}`;
const station = `${county}.S1`;
const outsideStation = `HB.L${run}.C.S`;
const acct = (n: number) => `86${run}${String(n).padStart(3, '0')}`;
const src = (n: number) => `PILOT-${run}-${n}`;
const inspector = `legacy-insp-${run}`;
const inspectorName = `历史稽查员${run}`;

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  manager = await tokenFor('manager');
  const admin = await tokenFor('admin');
  const units = [
    'id,parent_id,level,name_zh,name_en',
    `${county},HB.XN,county,历史导入测试县${run},Legacy county ${run}`,
    `${station},${county},station,历史导入测试所${run},Legacy station ${run}`,
    `HB.L${run},HB,city,外市${run},Outside city ${run}`,
    `HB.L${run}.C,HB.L${run},county,外县${run},Outside county ${run}`,
    `${outsideStation},HB.L${run}.C,station,外所${run},Outside station ${run}`,
  ].join('\n');
  expect((await api(h.baseUrl, '/api/imports/org-units', { token: admin, body: units, headers: { 'content-type': 'text/csv' } })).body).toMatchObject({ inserted: 5, rejected: [] });
  const customers = [
    'account_no,name,address,tariff_category,station_id',
    `${acct(1)},历史一,咸宁市某路 1 号,residential,${station}`,
    `${acct(2)},历史二,咸宁市某路 2 号,commercial,${station}`,
    `${acct(3)},外市户,外市某路 3 号,residential,${outsideStation}`,
  ].join('\n');
  expect((await api(h.baseUrl, '/api/imports/customers', { token: admin, body: customers, headers: { 'content-type': 'text/csv' } })).body).toMatchObject({ inserted: 3, rejected: [] });
  await h.pool.query(`insert into personnel (username, display_name, role, org_unit_id) values ($1, $2, 'inspector', $3)`, [inspector, inspectorName, station]);
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

// The pilot's export: Chinese headers, Chinese outcome / origin / problem type names, the inspector by display name.
const file = () => [
  '原工单编号,户号,稽查来源,问题类型,核查结果,派单日期,现场核查日期,整改下发日期,整改完成日期,复核通过日期,归档日期,追补电费,违约使用电费,稽查员,原系统考核得分,问题描述',
  `${src(1)},${acct(1)},专项稽查,高价低接,查实,2019-03-01,2019-03-04,2019-03-05,2019-03-11,2019-03-15,2019-03-18,1000.50,2001.00,${inspectorName},6,合作社实为餐馆`,
  `${src(2)},${acct(2)},常态稽查,,未查实,2019-03-02,2019-03-06,,,,2019-03-07,,,${inspector},3,`,
  `${src(3)},${acct(2)},自定义稽查,,撤销,2019-03-08,,,,,2019-03-09,,,,,重复派单`,
  `${src(2)},${acct(2)},常态稽查,,未查实,2019-03-02,2019-03-06,,,,2019-03-07,,,${inspector},3,再次导出`,
  `${src(5)},${acct(1)},常态稽查,,查实,2019-03-02,2019-03-06,,,,2019-03-07,,,,,`,
  `${src(6)},${acct(3)},常态稽查,,未查实,2019-03-02,2019-03-06,,,,2019-03-07,,,,,`,
  `${src(7)},${acct(1)},常态稽查,,未查实,2019-03-02,2019-03-06,,,,2019-03-07,,,王某某,,`,
  `${src(8)},${acct(1)},常态稽查,,未查实,2019-03-10,2019-03-06,,,,2019-03-07,,,,,`,
  `${src(9)},${acct(1)},乱填,,未查实,2019-03-02,2019-03-06,,,,2019-03-07,,,,,`,
].join('\n');

const upload = () => api(h.baseUrl, '/api/imports/legacy-cases', { token: manager, body: file(), headers: { 'content-type': 'text/csv; charset=utf-8', 'accept-language': 'zh-CN' } });

test('good rows become archived cases; duplicates and bad rows are reported by line; a second upload changes nothing', async () => {
  const res = await upload();
  expect(res.status).toBe(200);
  const [c1, c2, c3] = [legacyCaseId(src(1)), legacyCaseId(src(2)), legacyCaseId(src(3))];
  expect(res.body).toMatchObject({
    kind: 'legacy-cases', rows: 9, unscored: 0,
    imported: [{ line: 2, sourceCaseNo: src(1), caseId: c1 }, { line: 3, sourceCaseNo: src(2), caseId: c2 }, { line: 4, sourceCaseNo: src(3), caseId: c3 }],
    duplicates: [{ line: 5, sourceCaseNo: src(2), code: 'import.duplicate.in-file', params: { line: 3 }, caseId: c2 }],
  });
  const fields = (res.body.rejected as { line: number; errors: { field: string; message: string; code?: string }[] }[]).map((r) => [r.line, r.errors.map((e) => e.field)]);
  expect(fields).toEqual([[6, ['problem_type']], [7, ['account_no']], [8, ['inspector']], [9, ['field_checked_on', 'closed_on']], [10, ['origin']]]);
  expect(res.body.rejected[1].errors[0].message).toMatch(/outside your org unit/);
  expect(res.body.rejected[4].errors[0]).toMatchObject({ code: 'import.value.unknown', message: expect.stringContaining('常态稽查/routine') });
  // the stored report, as the imports page shows it again
  expect((await api(h.baseUrl, `/api/imports/${res.body.importId}`, { token: manager })).body).toEqual(res.body);

  // The read model: archived, marked imported, the log hash-chained from the stage days, scored under the pilot rules.
  const one = await api(h.baseUrl, `/api/cases/${c1}`, { token: manager });
  expect(one.body).toMatchObject({ id: c1, imported: true, stage: 'closed', origin: 'special', customerAccountNo: acct(1), orgUnitId: station });
  const events = await api(h.baseUrl, `/api/cases/${c1}/events`, { token: manager });
  expect(events.body.map((e: { type: string }) => e.type)).toEqual(['opened', 'findings_submitted', 'rectification_issued', 'rectification_reported', 'verified', 'scored', 'closed']);
  expect(events.body[1]).toMatchObject({ actor: inspector, payload: { result: 'confirmed', problemType: 'wrong_tariff' }, occurredAt: '2019-03-04T02:00:00.000Z' });
  for (const id of [c1, c2, c3]) expect(await verifyCaseChain(h.pool, id)).toMatchObject({ ok: true });
  expect((await api(h.baseUrl, `/api/cases/${c3}`, { token: manager })).body).toMatchObject({ imported: true, stage: 'dismissed' });

  // No workflow: its live state and every step answer 409 case.imported in the caller's language.
  const live = await api(h.baseUrl, `/api/cases/${c1}/live`, { token: manager, headers: { 'accept-language': 'zh-CN' } });
  expect(live.status).toBe(409);
  expect(live.body).toMatchObject({ code: 'case.imported', detail: expect.stringContaining('历史导入') });
  const note = await api(h.baseUrl, `/api/cases/${c1}/actions/note`, { token: manager, body: { text: '补充说明' } });
  expect(note).toMatchObject({ status: 409, body: { code: 'case.imported' } });

  // The dashboard counts them (3 suspected, 2 checked, 1 confirmed, ¥3001.50 recovered) — the aggregate agrees with
  // the per-request reference over cases and events.
  const dash = await api(h.baseUrl, `/api/dashboard/stats?unit=${county}&from=2019-03&to=2019-03`, { token: manager });
  expect(dash.body.figures).toMatchObject({ suspected: 3, checkedOnSite: 2, confirmed: 1, recovered: { backBillingYuan: 1000.5, penaltyYuan: 2001, totalYuan: 3001.5 } });
  const q = { unit: county, scope: 'HB.XN', from: '2019-03', to: '2019-03' };
  expect((await dashboardStats(h.pool, q, referencePeriod))!.figures).toEqual((await dashboardStats(h.pool, q))!.figures);

  // The month's ranking has the inspector with both checked cases and the station with the confirmed one.
  const filter = (partyKind: string) => encodeURIComponent(JSON.stringify({ period: '2019-03', partyKind }));
  const inspectors = await api(h.baseUrl, `/api/assessment-rankings?filter=${filter('inspector')}`, { token: manager });
  expect(inspectors.body.find((r: { partyId: string }) => r.partyId === inspector)).toMatchObject({ name: inspectorName, caseCount: 2, closed: false });
  const stations = await api(h.baseUrl, `/api/assessment-rankings?filter=${filter('station')}`, { token: manager });
  expect(stations.body.find((r: { partyId: string }) => r.partyId === station)).toMatchObject({ caseCount: 1 });
  const stored = await h.pool.query<{ n: number; total: number }>('select count(*)::int as n, sum(points)::float as total from case_score_lines where case_id = any($1)', [[c1, c2, c3]]);
  expect(stored.rows[0].n).toBeGreaterThan(0);

  // Again: nothing imported, every number reported as imported before, the figures unchanged.
  const again = await upload();
  expect(again.body.imported).toEqual([]);
  expect(again.body.duplicates.map((d: { line: number; code: string; caseId: string }) => [d.line, d.code, d.caseId])).toEqual([
    [2, 'import.duplicate.imported-before', c1], [3, 'import.duplicate.imported-before', c2], [4, 'import.duplicate.imported-before', c3], [5, 'import.duplicate.in-file', c2],
  ]);
  expect((await api(h.baseUrl, `/api/dashboard/stats?unit=${county}&from=2019-03&to=2019-03`, { token: manager })).body.figures).toEqual(dash.body.figures);
  expect((await h.pool.query('select sum(points)::float as total from case_score_lines where case_id = any($1)', [[c1, c2, c3]])).rows[0].total).toBe(stored.rows[0].total);
});

test('the header table lists the legacy kind\'s Chinese headers and the values its coded columns accept', async () => {
  const res = await api(h.baseUrl, '/api/imports/headers', { token: manager });
  const legacy = res.body.kinds.find((k: { kind: string }) => k.kind === 'legacy-cases');
  const column = (field: string) => legacy.columns.find((c: { field: string }) => c.field === field);
  expect(column('source_case_no')).toMatchObject({ zh: '原工单编号', required: true });
  expect(column('inspector')).toMatchObject({ zh: '稽查员', required: false });
  expect(column('outcome').values.map((v: { code: string; zh: string }) => [v.code, v.zh])).toEqual([['confirmed', '查实'], ['not_confirmed', '未查实'], ['dismissed', '撤销']]);
});

test('a supervisor may not import history; a station lead neither', async () => {
  for (const role of ['supervisor', 'lead'] as const) {
    const res = await api(h.baseUrl, '/api/imports/legacy-cases', { token: await tokenFor(role), body: file(), headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(403);
  }
});
