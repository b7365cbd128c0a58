import crypto from 'node:crypto';
import { createCaseJudge } from '../../db/caseJudge';
import { startHarness, api, auditRowFor, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// 四必查 per problem type as configuration (#17): readable by every back-office role, changed by managers and admins
// (audit-logged), and the judgement's check items come from it.
let h: Harness;
let t: Record<'manager' | 'supervisor' | 'inspector', string>;

beforeAll(async () => {
  h = await startHarness();
  const [manager, supervisor, inspector] = await Promise.all(['manager', 'supervisor', 'inspector'].map((u) => tokenFor(u)));
  t = { manager, supervisor, inspector };
}, 120_000);
afterAll(() => h?.stop());

test('the seeded must-check items per problem type: 窃电 checks seals, wiring, metering and the equipment on site', async () => {
  const res = await api(h.baseUrl, '/api/must-check-items', { token: t.inspector });
  expect(res.status).toBe(200);
  expect(res.body.map((c: { problemType: string }) => c.problemType)).toEqual(['billing_error', 'capacity_overuse', 'meter_fault', 'other', 'theft', 'wrong_tariff']);
  const theft = res.body.find((c: { problemType: string }) => c.problemType === 'theft');
  expect(theft.items.map((i: { code: string }) => i.code)).toEqual(['METER_SEAL', 'WIRING', 'METERING_DEVICE', 'ON_SITE_LOAD']);
  expect(theft.items[0].textZh).toMatch(/封印/);
});

test('managers replace a type\'s items (audit-logged); bad lists are refused with the field named; supervisors may not', async () => {
  const before = (await api(h.baseUrl, '/api/must-check-items', { token: t.manager })).body.find((c: { problemType: string }) => c.problemType === 'wrong_tariff');
  const marker = `MARK_${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
  const items = [{ code: marker, textZh: '核对营业执照与经营范围', textEn: 'Check the business licence and its scope' }, ...before.items];
  try {
    const put = await api(h.baseUrl, '/api/must-check-items/wrong_tariff', { method: 'PUT', token: t.manager, body: { items } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ problemType: 'wrong_tariff', items, updatedBy: 'manager' });
    const audit = await auditRowFor(h.pool, put.headers.get('x-request-id')!);
    expect(audit).toMatchObject({ username: 'manager', method: 'PUT', route: '/api/must-check-items/:problemType', status: 200 });

    // the judgement of a customer whose rules suspect a wrong tariff gets the configured items
    const judged = await createCaseJudge(h.pool).judge({ caseId: crypto.randomUUID(), customerAccountNo: '4210000001', origin: 'custom' });
    expect(judged.problemTypes).toContain('wrong_tariff');
    expect(judged.checkItems.map((i) => i.code).slice(0, items.length)).toEqual(items.map((i) => i.code));

    const dup = await api(h.baseUrl, '/api/must-check-items/wrong_tariff', { method: 'PUT', token: t.manager, body: { items: [items[0], items[0]] } });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([expect.objectContaining({ path: 'items' })]);
    const badType = await api(h.baseUrl, '/api/must-check-items/banana', { method: 'PUT', token: t.manager, body: { items } });
    expect(badType.status).toBe(400);
    const badCode = await api(h.baseUrl, '/api/must-check-items/theft', { method: 'PUT', token: t.manager, body: { items: [{ code: 'lower case', textZh: '检查', textEn: 'check' }] } });
    expect(badCode.body.errors).toEqual([expect.objectContaining({ path: 'items.0.code' })]);
    const supervisor = await api(h.baseUrl, '/api/must-check-items/wrong_tariff', { method: 'PUT', token: t.supervisor, body: { items } });
    expect(supervisor.status).toBe(403);
  } finally {
    await api(h.baseUrl, '/api/must-check-items/wrong_tariff', { method: 'PUT', token: t.manager, body: { items: before.items } });
  }
});
