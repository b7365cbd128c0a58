import crypto from 'node:crypto';
import { createPenaltyActivities } from '../../activities/penaltyActivities';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';
import { driveCase } from '../support/fieldVisit';

// #17 on the real stack: the 2024 penalty rules for cases detected from 2024-06-01, the tariff catalogue (read, a dated
// price version added and audit-logged, categories of an order checked against it), and money computed, not typed.
let h: Harness;
let t: Record<'inspector' | 'supervisor' | 'lead' | 'manager', string>;
const today = new Date().toISOString().slice(0, 10);
// a day of this run's own (price versions are never edited; the test removes its own rows)
const futureDay = `2${String(crypto.randomInt(100, 999))}-${String(crypto.randomInt(1, 13)).padStart(2, '0')}-${String(crypto.randomInt(1, 29)).padStart(2, '0')}`;

beforeAll(async () => {
  h = await startHarness();
  const [inspector, supervisor, lead, manager] = await Promise.all(['inspector', 'supervisor', 'lead', 'manager'].map((u) => tokenFor(u)));
  t = { inspector, supervisor, lead, manager };
}, 120_000);
afterAll(async () => {
  await h?.pool.query('delete from tariff_prices where effective_from = $1 and created_by = $2', [futureDay, 'manager']);
  await h?.stop();
});

test('the rule set follows the detection day: 2024-05-31 → penalty-1996, 2024-06-01 → penalty-2024 with its ceiling and article', async () => {
  const acts = createPenaltyActivities({ pool: h.pool });
  const input = { kind: 'wrong_tariff' as const, monthlyKwh: 1000, appliedPriceYuanPerKwh: 0.5, correctPriceYuanPerKwh: 0.8 };
  const may = await acts.computePenalty({ ...input, detectedOn: '2024-05-31' } as never);
  const june = await acts.computePenalty({ ...input, detectedOn: '2024-06-01' } as never);
  expect(may).toMatchObject({ ruleSetVersion: 'penalty-1996', backBillingYuan: 900, penaltyYuan: 1800, penaltyBasis: { ceiling: 2, article: null } });
  expect(june).toMatchObject({ ruleSetVersion: 'penalty-2024', backBillingYuan: 900, penaltyYuan: 1800, penaltyBasis: { ceiling: 2, default: 2, article: { verified: false } } });
  await expect(acts.computePenalty({ ...input, detectedOn: '2024-06-01', penaltyMultiplier: 2.5, justification: '情节严重' } as never)).rejects.toMatchObject({ type: 'PenaltyRefused', nonRetryable: true });
});

test('GET /api/tariffs: categories with the price in force on the day asked', async () => {
  const on2020 = await api(h.baseUrl, '/api/tariffs?on=2020-01-01&province=HB', { token: t.inspector });
  expect(on2020.status).toBe(200);
  expect(on2020.body.map((e: { code: string }) => e.code)).toEqual(['residential', 'commercial', 'general_industrial', 'large_industrial', 'agricultural']);
  expect(on2020.body.find((e: { code: string }) => e.code === 'commercial')).toMatchObject({ nameZh: '一般工商业用电（商业）', price: { effectiveFrom: '2016-01-01', priceYuanPerKwh: 0.8895 } });
  const on2024 = await api(h.baseUrl, '/api/tariffs?on=2024-01-01&province=HB', { token: t.inspector });
  expect(on2024.body.find((e: { code: string }) => e.code === 'large_industrial')).toMatchObject({ twoPart: true, price: { effectiveFrom: '2023-06-01', priceYuanPerKwh: 0.592, basicFeeYuanPerKvaMonth: 28 } });
  expect((await api(h.baseUrl, '/api/tariffs?on=1999-01-01&province=HB', { token: t.inspector })).body[0].price).toBeNull();
  expect((await api(h.baseUrl, '/api/tariffs?on=banana', { token: t.inspector })).status).toBe(400);
});

test('POST /api/tariffs/prices: a manager adds a dated version (audit-logged); the same day again is 409, an unknown category 422', async () => {
  const body = { province: 'HB', code: 'commercial', effectiveFrom: futureDay, priceYuanPerKwh: 0.7012, source: '测试电价文件' };
  expect((await api(h.baseUrl, '/api/tariffs/prices', { token: t.inspector, body })).status).toBe(403);
  expect((await api(h.baseUrl, '/api/tariffs/prices', { token: t.manager, body: { ...body, priceYuanPerKwh: 1e20 } })).status).toBe(400);
  const added = await api(h.baseUrl, '/api/tariffs/prices', { token: t.manager, body });
  expect(added.status).toBe(201);
  expect(added.body).toMatchObject({ ...body, basicFeeYuanPerKvaMonth: null, createdBy: 'manager' });
  await waitFor('audit row', async () => (await h.pool.query('select 1 from audit_log where request_id = $1 and route = $2 and username = $3 and status = 201', [added.headers.get('x-request-id'), '/api/tariffs/prices', 'manager'])).rowCount);
  const again = await api(h.baseUrl, '/api/tariffs/prices', { token: t.manager, body: { ...body, priceYuanPerKwh: 0.8 } });
  expect(again).toMatchObject({ status: 409, body: { code: 'tariff.price-exists' } });
  const unknown = await api(h.baseUrl, '/api/tariffs/prices', { token: t.manager, body: { ...body, code: 'banana' }, headers: { 'accept-language': 'en' } });
  expect(unknown).toMatchObject({ status: 422, body: { code: 'tariff.unknown-category', errors: [{ path: 'code', code: 'tariff.unknown-category' }], detail: 'The catalogue has no tariff category "banana" in HB' } });
  const read = await api(h.baseUrl, `/api/tariffs?on=${futureDay}&province=HB`, { token: t.supervisor });
  expect(read.body.find((e: { code: string }) => e.code === 'commercial').price).toMatchObject({ effectiveFrom: futureDay, priceYuanPerKwh: 0.7012 });
});

test('an order with an unknown tariff or a penalty beyond its rule is refused; money is computed from the catalogue, the collected amount reported and confirmed, and scored', async () => {
  const c = await driveCase(h.baseUrl, '4210000018', 'rectification', 'penalty 2024 integration test');
  const step = (token: string, action: string, body: object, lang = 'zh-CN') => api(h.baseUrl, `/api/cases/${c.id}/actions/${action}`, { token, body, headers: { 'accept-language': lang } });
  const reclass = (toCategory: string) => ({ kind: 'tariff_reclassification', fromCategory: 'residential', toCategory, effectiveDate: today });
  const backBilling = (extra: object) => ({ kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', monthlyKwh: 1000, appliedCategory: 'residential', correctCategory: 'commercial', detectedOn: today, ...extra } });

  const banana = await step(t.lead, 'rectification', { actions: [reclass('banana')] });
  expect(banana).toMatchObject({ status: 422, body: { code: 'rectification.unknown-tariff', errors: [{ path: 'actions.0.toCategory', code: 'rectification.unknown-tariff', message: '电价类别“banana”不在HB的电价目录中' }] } });
  const bananaEn = await step(t.lead, 'rectification', { actions: [reclass('commercial'), backBilling({ correctCategory: 'banana' })] }, 'en');
  expect(bananaEn.body).toMatchObject({ code: 'rectification.unknown-tariff', errors: [{ path: 'actions.1.penalty.correctCategory', message: 'Tariff category "banana" is not in the tariff catalogue of HB' }] });
  expect((await step(t.lead, 'rectification', { actions: [backBilling({ penaltyMultiplier: 2.5, justification: '情节严重' })] })).body).toMatchObject({
    code: 'penalty.multiplier-above-ceiling', errors: [{ path: 'actions.0.penalty.penaltyMultiplier', params: { chosen: 2.5, ceiling: 2 } }],
  });
  expect((await step(t.lead, 'rectification', { actions: [backBilling({ penaltyMultiplier: 1.5 })] })).body).toMatchObject({ code: 'penalty.justification-required', errors: [{ path: 'actions.0.penalty.justification' }] });
  expect((await step(t.lead, 'rectification', { actions: [backBilling({ monthlyKwh: 1e20 })] })).status).toBe(400);
  // a capacity input without a detection day is checked against today's rule set (the one the activity computes with)
  expect((await step(t.lead, 'rectification', { actions: [{ kind: 'back_billing_and_penalty', penalty: { kind: 'capacity_overuse', excessKva: 10, basicFeeYuanPerKvaMonth: 28, penaltyMultiplier: 3.5, justification: '情节严重' } }] })).body)
    .toMatchObject({ code: 'penalty.multiplier-above-ceiling', errors: [{ path: 'actions.0.penalty.penaltyMultiplier', params: { ceiling: 3 } }] });

  const issued = await step(t.lead, 'rectification', { actions: [reclass('commercial'), backBilling({ penaltyMultiplier: 1.5, justification: '首次违约，主动配合' })] });
  expect(issued.status).toBe(200);
  // catalogue prices on the detection day (sample 2023-06-01 version): (0.665 − 0.558) × 1000 kWh × 3 months = 321; 1.5 × 321 = 481.5
  expect(issued.body.rectification.computations[0]).toMatchObject({
    ruleSetVersion: 'penalty-2024', backBillingYuan: 321, penaltyYuan: 481.5,
    input: { appliedPriceYuanPerKwh: 0.558, correctPriceYuanPerKwh: 0.665, priceSource: { province: 'HB', on: today, applied: { code: 'residential' }, correct: { code: 'commercial' } } },
    penaltyBasis: { ceiling: 2, default: 2, chosen: 1.5, justification: '首次违约，主动配合' },
    formulaCode: 'penalty.formula.wrong_tariff',
  });

  expect((await step(t.lead, 'rectification-report', { summary: '已追补', amountRecoveredYuan: 5_000_000 })).body).toMatchObject({ code: 'rectification.amount-typed', errors: [{ path: 'amountRecoveredYuan' }] });
  expect((await step(t.lead, 'rectification-report', { summary: '已追补' })).body).toMatchObject({ code: 'rectification.collected-required', errors: [{ params: { computed: 802.5 } }] });
  expect((await step(t.lead, 'rectification-report', { summary: '已追补', collectedYuan: 802.51, receiptNo: 'R1' })).body).toMatchObject({ code: 'rectification.collected-above-computed' });
  expect((await step(t.lead, 'rectification-report', { summary: '已追补', collectedYuan: 500 })).body).toMatchObject({ code: 'rectification.receipt-required', errors: [{ path: 'receiptNo' }] });
  expect((await step(t.lead, 'rectification-report', { summary: '已追补', collectedYuan: Infinity })).status).toBe(400);
  expect((await step(t.lead, 'rectification-report', { summary: '已追补部分电费', collectedYuan: 500, receiptNo: 'XA-2026-7788' })).body).toMatchObject({ stage: 'verification' });

  expect((await step(t.supervisor, 'verify', { outcome: 'pass' })).body).toMatchObject({ code: 'verification.collected-unconfirmed', errors: [{ path: 'confirmCollectedYuan', params: { collected: 500, computed: 802.5 } }] });
  expect((await step(t.supervisor, 'verify', { outcome: 'pass', confirmCollectedYuan: 500 })).status).toBe(200);
  const facts = await waitFor('scored', async () => (await h.pool.query<{ recovered_yuan: string }>('select recovered_yuan::text from case_scoring_facts where case_id = $1', [c.id])).rows[0]);
  expect(Number(facts.recovered_yuan)).toBe(500);
}, 240_000);
