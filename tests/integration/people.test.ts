import { computePenalty } from '../../domain/penalty';
import { penaltyRuleSetOn } from '../../services/penalty/penaltyRules';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';

// #16 people, not user names: the person picker's list (bound by the caller's org scope), the names a case page shows,
// and the issue dialog's calculator (the amounts issuing would compute, before issuing).
let h: Harness;
let t: Record<'inspector' | 'supervisor' | 'lead', string>;
let caseId: string;

beforeAll(async () => {
  h = await startHarness();
  const [inspector, supervisor, lead] = await Promise.all(['inspector', 'supervisor', 'lead'].map((u) => tokenFor(u)));
  t = { inspector, supervisor, lead };
  const opened = await api(h.baseUrl, '/api/cases', { token: t.supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000002', origin: 'special', note: 'people test' } });
  expect(opened.status).toBe(201);
  caseId = opened.body.id;
}, 120_000);
afterAll(async () => {
  if (caseId) await api(h.baseUrl, `/api/cases/${caseId}/actions/cancel`, { token: t.supervisor, body: { reason: '测试结束，撤销' } });
  await h?.stop();
});

type Person = { id: string; displayName: string; role: string; orgUnitId: string; stationName: string | null; openCases: number };

test('a station lead picks among the people of their station only; a supervisor sees the other station too', async () => {
  const lead = await api(h.baseUrl, '/api/people', { token: t.lead });
  expect(lead.status).toBe(200);
  expect(lead.body.length).toBeGreaterThan(0);
  expect(lead.body.every((p: Person) => p.orgUnitId === 'HB.XN.XA.WQ' || p.orgUnitId.startsWith('HB.XN.XA.WQ.'))).toBe(true);
  // another station's inspector (王用检, 鱼岳供电所) is not the lead's to pick, even when asked by station
  expect((await api(h.baseUrl, '/api/people?station=HB.XN.JY.YY', { token: t.lead })).body).toEqual([]);
  const sup = await api(h.baseUrl, '/api/people?station=HB.XN.JY.YY&role=inspector', { token: t.supervisor });
  expect(sup.body.map((p: Person) => p.id)).toContain('inspector2');
  expect(sup.body.find((p: Person) => p.id === 'inspector2')).toMatchObject({ displayName: '王用检', stationName: '鱼岳供电所', role: 'inspector' });
});

test('searching by the Chinese name finds the person with their station and open cases', async () => {
  const r = await api(h.baseUrl, `/api/people?role=inspector&q=${encodeURIComponent('李稽')}`, { token: t.lead });
  expect(r.status).toBe(200);
  const li = r.body.find((p: Person) => p.id === 'inspector');
  expect(li).toMatchObject({ displayName: '李稽查', stationName: '温泉供电所', role: 'inspector' });
  const open = await h.pool.query<{ n: number }>(
    "select count(*)::int as n from cases where (assignee = 'inspector' or pending_user = 'inspector') and stage not in ('closed', 'dismissed', 'cancelled')",
  );
  // cases of other tests may open or end meanwhile: the figure is read from the same table at about the same time
  expect(Math.abs(li.openCases - open.rows[0].n)).toBeLessThanOrEqual(5);
  expect(r.body.every((p: Person) => p.role === 'inspector')).toBe(true);
  expect((await api(h.baseUrl, '/api/people?q=nobody-by-this-name-zz', { token: t.lead })).body).toEqual([]);
});

test('an inspector has no picker; a bad role is a 400', async () => {
  expect((await api(h.baseUrl, '/api/people', { token: t.inspector })).status).toBe(403);
  expect((await api(h.baseUrl, '/api/people?role=king', { token: t.lead })).status).toBe(400);
});

test('GET /api/cases/:id/people names the opener and the inspector the case is offered to', async () => {
  await waitFor('field evidence offer', async () => {
    const r = await api(h.baseUrl, `/api/cases/${caseId}/live`, { token: t.supervisor });
    return r.body?.assignee ? r.body : null;
  });
  const r = await api(h.baseUrl, `/api/cases/${caseId}/people`, { token: t.lead });
  expect(r.status).toBe(200);
  expect(r.body.supervisor).toMatchObject({ displayName: '陈专责' });
  const live = await api(h.baseUrl, `/api/cases/${caseId}/live`, { token: t.supervisor });
  expect(r.body[live.body.assignee]).toMatchObject({ orgUnitId: 'HB.XN.XA.WQ', stationName: '温泉供电所' });
});

test('the calculator previews what issuing computes: catalogue prices, the rule set in force, the same amounts', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const penalty = { kind: 'wrong_tariff', monthlyKwh: 3000, appliedCategory: 'residential', correctCategory: 'commercial', detectedOn: today };
  const r = await api(h.baseUrl, `/api/cases/${caseId}/rectification-preview`, { token: t.lead, body: { actions: [{ kind: 'back_billing_and_penalty', penalty }] } });
  expect(r.status).toBe(200);
  const [c] = r.body.computations;
  const set = (await penaltyRuleSetOn(h.pool, today))!;
  expect(c).toMatchObject({ ruleSetVersion: set.version, ruleSource: set.source, formulaCode: 'penalty.formula.wrong_tariff', input: { priceSource: { applied: { code: 'residential' }, correct: { code: 'commercial' } } } });
  // the domain function the workflow's activity calls, over the prices the server filled in
  const expected = computePenalty(set, c.input);
  expect(c.backBillingYuan).toBe(expected.backBillingYuan);
  expect(c.penaltyYuan).toBe(expected.penaltyYuan);
  expect(c.backBillingYuan).toBeGreaterThan(0);
  expect(r.body.totalYuan).toBeCloseTo(expected.backBillingYuan + expected.penaltyYuan, 2);
  // a chosen multiple above the ceiling is refused as issuing would refuse it
  const over = await api(h.baseUrl, `/api/cases/${caseId}/rectification-preview`, { token: t.lead, body: { actions: [{ kind: 'back_billing_and_penalty', penalty: { ...penalty, penaltyMultiplier: 9, justification: '测试' } }] } });
  expect(over).toMatchObject({ status: 422, body: { code: 'penalty.multiplier-above-ceiling' } });
  const unknown = await api(h.baseUrl, `/api/cases/${caseId}/rectification-preview`, { token: t.lead, body: { actions: [{ kind: 'back_billing_and_penalty', penalty: { ...penalty, correctCategory: 'banana' } }] } });
  expect(unknown).toMatchObject({ status: 422, body: { code: 'rectification.unknown-tariff' } });
});
