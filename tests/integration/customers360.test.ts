import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// The customer 360 view's data, its cases, and which rule versions cases used — all inside the caller's org unit.
let h: Harness;
let inspector: string;
let inspectorYuyue: string;
let supervisor: string;
let manager: string;
const ACCOUNT = '4210000001'; // 温泉供电所 (HB.XN.XA.WQ)
const tag = crypto.randomUUID().slice(0, 8);
const judgementVersion = `it-jr-${tag}`;
const penaltyVersion = `it-pr-${tag}`;
const caseIds: string[] = [crypto.randomUUID(), crypto.randomUUID()];

/** A read-model row as a case workflow would leave it: one judged only, one with a rectification order. */
async function insertCase(id: string, n: number, snapshot: object) {
  await h.pool.query(
    `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, created_by, created_at, updated_at, last_event_seq, snapshot)
     select $1, $2, $3, account_no, name, station_id, 'custom', 'rectification', 'normal', 'supervisor', now() + make_interval(secs => $4), now(), 0, $5
       from customers where account_no = $6`,
    [id, `IT-${tag}-${n}`, `it-${id}`, n, JSON.stringify(snapshot), ACCOUNT],
  );
}

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  [inspector, inspectorYuyue, supervisor, manager] = await Promise.all([tokenFor('inspector'), tokenFor('inspector2'), tokenFor('supervisor'), tokenFor('manager')]);
  await insertCase(caseIds[0], 1, { judgement: { ruleSetVersion: judgementVersion, score: 50 } });
  await insertCase(caseIds[1], 2, {
    judgement: { ruleSetVersion: judgementVersion, score: 70 },
    rectification: { computations: [{ ruleSetVersion: penaltyVersion, backBillingYuan: 10 }, { ruleSetVersion: penaltyVersion, backBillingYuan: 5 }] },
  });
}, 120_000);
afterAll(async () => {
  await h?.pool.query('delete from cases where id = any($1)', [caseIds]);
  await h?.stop();
});

test('the 360 view carries archive, bills, readings, meter events, payments, arrears and work orders', async () => {
  const res = await api(h.baseUrl, `/api/customers/${ACCOUNT}`, { token: inspector });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ id: ACCOUNT, accountNo: ACCOUNT, stationId: 'HB.XN.XA.WQ', stationName: expect.any(String) });
  for (const k of ['consumption', 'dailyReadings', 'meterEvents', 'payments', 'arrears', 'workOrders']) expect(Array.isArray(res.body[k])).toBe(true);
  expect(res.body.consumption.length).toBeGreaterThan(0);
  expect(res.body.consumption.length).toBeLessThanOrEqual(24);
  expect((await api(h.baseUrl, `/api/customers/${ACCOUNT}`, { token: inspectorYuyue })).status).toBe(404);
});

test('a customer\'s cases, newest first, with the rule versions each used; outsiders get 404', async () => {
  // the station lead sees every case of the station (an inspector only those assigned to them: inspectorCaseScope.test.ts)
  const res = await api(h.baseUrl, `/api/customers/${ACCOUNT}/cases?range=${encodeURIComponent('[0,499]')}`, { token: await tokenFor('lead') });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-range')).toMatch(/^cases 0-\d+\/\d+$/);
  const mine = res.body.filter((c: { id: string }) => caseIds.includes(c.id));
  expect(mine.map((c: { id: string }) => c.id)).toEqual([caseIds[1], caseIds[0]]);
  expect(mine[0]).toMatchObject({ customerAccountNo: ACCOUNT, judgementRuleSetVersion: judgementVersion, penaltyRuleSetVersions: [penaltyVersion], stage: 'rectification' });
  expect(mine[1]).toMatchObject({ judgementRuleSetVersion: judgementVersion, penaltyRuleSetVersions: [] });
  expect(res.body.every((c: { customerAccountNo: string }) => c.customerAccountNo === ACCOUNT)).toBe(true);
  const page = await api(h.baseUrl, `/api/customers/${ACCOUNT}/cases?range=${encodeURIComponent('[0,0]')}`, { token: supervisor });
  expect(page.body).toHaveLength(1);
  expect(Number(page.headers.get('content-range')!.split('/')[1])).toBe(res.body.length);
  expect((await api(h.baseUrl, `/api/customers/${ACCOUNT}/cases`, { token: inspectorYuyue })).status).toBe(404);
});

test('counts per rule version and the cases behind one version', async () => {
  const usage = await api(h.baseUrl, '/api/rule-versions/usage', { token: manager });
  expect(usage.status).toBe(200);
  expect(usage.body).toEqual(expect.arrayContaining([
    { id: `judgement:${judgementVersion}`, kind: 'judgement', version: judgementVersion, cases: 2, campaigns: [] },
    { id: `penalty:${penaltyVersion}`, kind: 'penalty', version: penaltyVersion, cases: 1, campaigns: [] },
  ]));
  const filter = (kind: string, version: string) => `filter=${encodeURIComponent(JSON.stringify({ kind, version }))}`;
  const judged = await api(h.baseUrl, `/api/rule-versions/cases?${filter('judgement', judgementVersion)}`, { token: supervisor });
  expect(judged.body.map((c: { id: string }) => c.id)).toEqual([caseIds[1], caseIds[0]]);
  const penalised = await api(h.baseUrl, `/api/rule-versions/cases?${filter('penalty', penaltyVersion)}`, { token: supervisor });
  expect(penalised.body.map((c: { id: string }) => c.id)).toEqual([caseIds[1]]);
  expect(penalised.headers.get('content-range')).toBe('cases 0-0/1');
  // Inspectors do not see rule usage.
  expect((await api(h.baseUrl, '/api/rule-versions/usage', { token: inspectorYuyue })).status).toBe(403);
  expect((await api(h.baseUrl, `/api/rule-versions/cases?${filter('judgement', judgementVersion)}`, { token: inspector })).status).toBe(403);
});
