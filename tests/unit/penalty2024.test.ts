import fs from 'node:fs';
import path from 'node:path';
import { computePenalty, PenaltyInput, PenaltyRules, penaltyIssues, recoveredYuanOf, type PenaltyRuleSet } from '../../domain/penalty';
import { penaltyFormulaText } from '../../domain/penaltyTexts';

// The 2024 rule set exactly as migration 057 publishes it (its rules document parsed from the migration).
const sql = fs.readFileSync(path.join(__dirname, '../../db/migrations/057_penalty_2024_tariffs.sql'), 'utf8');
const doc = /'2024-06-01', 'published', '(\{[\s\S]*?\})'::jsonb/.exec(sql)![1];
const P2024: PenaltyRuleSet = { version: 'penalty-2024', source: '供电营业规则（2024）', effectiveFrom: '2024-06-01', rules: PenaltyRules.parse(JSON.parse(doc)) };
const input = (v: unknown) => PenaltyInput.parse(v);

describe('penalty-2024: each rule with a worked example', () => {
  test('wrong tariff (擅自改变用电类别): difference × energy × 3 months when the start is unknown, up to 2× as penalty', () => {
    const base = { kind: 'wrong_tariff', monthlyKwh: 3000, appliedPriceYuanPerKwh: 0.558, correctPriceYuanPerKwh: 0.665, detectedOn: '2024-07-10' };
    // (0.665 − 0.558) × 3000 × 3 = 963; default 2× = 1926
    const r = computePenalty(P2024, input(base));
    expect(r).toMatchObject({ ruleSetVersion: 'penalty-2024', backBillingYuan: 963, penaltyYuan: 1926, usedDefaultPeriod: true });
    expect(r.penaltyBasis).toMatchObject({ unit: 'multiple', ceiling: 2, default: 2, chosen: 2, justification: null, article: { verified: false } });
    expect(r.penaltyBasis!.article!.text).toContain('不高于二倍差额电费');
    // 1.5× with a reason: 1444.5
    const lower = computePenalty(P2024, input({ ...base, penaltyMultiplier: 1.5, justification: '首次违约，主动配合整改' }));
    expect(lower).toMatchObject({ penaltyYuan: 1444.5, penaltyBasis: { chosen: 1.5, default: 2, ceiling: 2, justification: '首次违约，主动配合整改' } });
  });

  test('theft (窃电): energy from capacity × 12 h (6 h lighting) × 180 days when unknown, penalty up to 3× the back-billing', () => {
    // 5 kW × 12 h × 180 d = 10800 kWh × 0.6 = 6480; 3× = 19440
    const power = computePenalty(P2024, input({ kind: 'theft', capacityKw: 5, priceYuanPerKwh: 0.6, detectedOn: '2024-06-01' }));
    expect(power).toMatchObject({ backBillingYuan: 6480, penaltyYuan: 19440, usedDefaultPeriod: true, penaltyBasis: { ceiling: 3, chosen: 3 } });
    // lighting: 5 × 6 × 180 = 5400 kWh → 3240; chosen 1× with a reason → 3240
    const lighting = computePenalty(P2024, input({ kind: 'theft', capacityKw: 5, priceYuanPerKwh: 0.6, detectedOn: '2024-06-01', lighting: true, penaltyMultiplier: 1, justification: '窃电量小，初犯' }));
    expect(lighting).toMatchObject({ backBillingYuan: 3240, penaltyYuan: 3240 });
    // measured energy and a known start: 1234.5 kWh × 0.6 = 740.7; 3× = 2222.1
    const measured = computePenalty(P2024, input({ kind: 'theft', capacityKw: 5, priceYuanPerKwh: 0.6, stolenKwh: 1234.5, startDate: '2024-06-10', detectedOn: '2024-07-01' }));
    expect(measured).toMatchObject({ backBillingYuan: 740.7, penaltyYuan: 2222.1, usedDefaultPeriod: false });
  });

  test('capacity (私增容量): two-part tariff — basic fee for the months used + up to 3× the excess\'s basic fee', () => {
    // 50 kVA × 28 × 2 months = 2800; 3 × 50 × 28 = 4200; 2× with a reason = 2800
    const r = computePenalty(P2024, input({ kind: 'capacity_overuse', excessKva: 50, basicFeeYuanPerKvaMonth: 28, months: 2, detectedOn: '2024-08-01' }));
    expect(r).toMatchObject({ backBillingYuan: 2800, penaltyYuan: 4200, penaltyBasis: { unit: 'multiple', ceiling: 3 } });
    const two = computePenalty(P2024, input({ kind: 'capacity_overuse', excessKva: 50, basicFeeYuanPerKvaMonth: 28, months: 2, detectedOn: '2024-08-01', penaltyMultiplier: 2, justification: '合同约定二倍' }));
    expect(two.penaltyYuan).toBe(2800);
  });

  test('capacity (私增容量): single tariff — no basic fee to back-bill, up to 50 yuan per kW', () => {
    const r = computePenalty(P2024, input({ kind: 'capacity_overuse', excessKva: 20, basicFeeYuanPerKvaMonth: 0, tariffStructure: 'single', detectedOn: '2024-08-01' }));
    expect(r).toMatchObject({ backBillingYuan: 0, penaltyYuan: 1000, penaltyBasis: { unit: 'yuan_per_kw', ceiling: 50, default: 50, chosen: 50 } });
    const lower = computePenalty(P2024, input({ kind: 'capacity_overuse', excessKva: 20, basicFeeYuanPerKvaMonth: 0, tariffStructure: 'single', detectedOn: '2024-08-01', penaltyYuanPerKw: 30, justification: '合同约定' }));
    expect(lower.penaltyYuan).toBe(600);
  });
});

describe('ceilings and justifications', () => {
  const wrong = { kind: 'wrong_tariff', monthlyKwh: 1000, appliedPriceYuanPerKwh: 0.5, correctPriceYuanPerKwh: 0.8, detectedOn: '2024-07-01' };
  test('a multiple above the ceiling is refused, naming the field and the ceiling', () => {
    expect(penaltyIssues(P2024, input({ ...wrong, penaltyMultiplier: 2.5, justification: '情节严重' }), 'actions.1.penalty')).toEqual([
      { path: 'actions.1.penalty.penaltyMultiplier', code: 'penalty.multiplier-above-ceiling', params: { chosen: 2.5, ceiling: 2 } },
    ]);
    expect(penaltyIssues(P2024, input({ kind: 'capacity_overuse', excessKva: 1, basicFeeYuanPerKvaMonth: 0, tariffStructure: 'single', penaltyYuanPerKw: 60, justification: '情节严重' }))).toEqual([
      { path: 'penaltyYuanPerKw', code: 'penalty.multiplier-above-ceiling', params: { chosen: 60, ceiling: 50 } },
    ]);
  });
  test('a figure other than the default needs a justification of 2–200 characters; the default needs none', () => {
    expect(penaltyIssues(P2024, input({ ...wrong, penaltyMultiplier: 1 }))).toEqual([{ path: 'justification', code: 'penalty.justification-required', params: { chosen: 1, default: 2 } }]);
    expect(penaltyIssues(P2024, input({ ...wrong, penaltyMultiplier: 2 }))).toEqual([]);
    expect(PenaltyInput.safeParse({ ...wrong, penaltyMultiplier: 1, justification: 'x' }).success).toBe(false);
    expect(PenaltyInput.safeParse({ ...wrong, penaltyMultiplier: 1, justification: '理'.repeat(201) }).success).toBe(false);
  });
  test('a rule set with fixed figures (1996) still parses: its figure is ceiling and default, any other is refused above it', () => {
    const p1996: PenaltyRuleSet = { version: 'penalty-1996', source: '1996', effectiveFrom: '1996-10-08', rules: PenaltyRules.parse({
      wrongTariff: { penaltyMultiplier: 2, defaultPeriodMonths: 3 },
      theft: { penaltyMultiplier: 3, defaultDays: 180, hoursPerDay: { power: 12, lighting: 6 } },
      capacity: { mode: 'basic_fee_multiple', penaltyMultiplier: 3, defaultMonths: 1 },
    }) };
    expect(computePenalty(p1996, input(wrong)).penaltyBasis).toEqual({ unit: 'multiple', ceiling: 2, default: 2, chosen: 2, article: null, justification: null });
    expect(penaltyIssues(p1996, input({ ...wrong, penaltyMultiplier: 3, justification: '测试' }))[0].code).toBe('penalty.multiplier-above-ceiling');
  });
  test('a rule whose default exceeds its ceiling is not a valid rule set', () => {
    const article = { no: null, text: '测试条文', verified: false };
    const bad = { ...JSON.parse(doc), wrongTariff: { penaltyMultiplier: { ceiling: 2, default: 3, article }, defaultPeriodMonths: 3 } };
    expect(PenaltyRules.safeParse(bad).success).toBe(false);
  });
});

describe('inputs are bounded and finite', () => {
  test.each([
    ['monthlyKwh', 1e20], ['monthlyKwh', Infinity], ['appliedPriceYuanPerKwh', 1e20], ['correctPriceYuanPerKwh', Number.NaN], ['penaltyMultiplier', 11],
  ])('wrong tariff %s = %p is refused', (field, value) => {
    expect(PenaltyInput.safeParse({ kind: 'wrong_tariff', monthlyKwh: 1, appliedPriceYuanPerKwh: 0.5, correctPriceYuanPerKwh: 0.8, detectedOn: '2024-07-01', [field]: value }).success).toBe(false);
  });
  test.each([['stolenKwh', 1e20], ['capacityKw', Infinity], ['priceYuanPerKwh', 1e6]])('theft %s = %p is refused', (field, value) => {
    expect(PenaltyInput.safeParse({ kind: 'theft', capacityKw: 1, priceYuanPerKwh: 0.6, detectedOn: '2024-07-01', [field]: value }).success).toBe(false);
  });
  test.each([['excessKva', 1e20], ['basicFeeYuanPerKvaMonth', 1e6], ['penaltyYuanPerKw', Infinity]])('capacity %s = %p is refused', (field, value) => {
    expect(PenaltyInput.safeParse({ kind: 'capacity_overuse', excessKva: 1, basicFeeYuanPerKvaMonth: 28, [field]: value }).success).toBe(false);
  });
  test('a wrong tariff needs both prices or both categories', () => {
    const r = PenaltyInput.safeParse({ kind: 'wrong_tariff', monthlyKwh: 1, appliedPriceYuanPerKwh: 0.5, detectedOn: '2024-07-01' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['appliedCategory'], params: { code: 'penalty.prices-or-categories' } });
    expect(PenaltyInput.safeParse({ kind: 'wrong_tariff', monthlyKwh: 1, appliedCategory: 'residential', correctCategory: 'commercial', detectedOn: '2024-07-01' }).success).toBe(true);
  });
});

test('the formula is a code with figures, rendered in zh-CN and English', () => {
  const r = computePenalty(P2024, input({ kind: 'theft', capacityKw: 5, priceYuanPerKwh: 0.6, detectedOn: '2024-06-01' }));
  expect(r.formulaCode).toBe('penalty.formula.theft_estimated');
  expect(penaltyFormulaText(r.formulaCode!, r.formulaParams!, 'zh-CN')).toBe('窃电量 = 5 千瓦 × 12 小时/日 × 180 日 = 10800 千瓦时；补交电费 = 10800 千瓦时 × 0.6 元/千瓦时 = 6480 元；违约使用电费 = 3 × 6480 = 19440 元');
  expect(r.formula).toBe(penaltyFormulaText(r.formulaCode!, r.formulaParams!, 'en'));
  expect(r.formula).toBe('stolen energy = 5 kW × 12 h/day × 180 days = 10800 kWh; back-billing = 10800 kWh × 0.6 yuan/kWh = 6480; penalty = 3 × 6480 = 19440');
});

test('recovered for the assessment: the confirmed collected amount, else the computed total, nothing without an order', () => {
  const rect = { computations: [{ backBillingYuan: 2340, penaltyYuan: 4680 }, { backBillingYuan: 0.1, penaltyYuan: 0.2 }] };
  expect(recoveredYuanOf(rect, [{ outcome: 'pass' }])).toBe(7020.3);
  expect(recoveredYuanOf(rect, [{ outcome: 'reject' }, { outcome: 'pass', confirmedCollectedYuan: 5000 }])).toBe(5000);
  expect(recoveredYuanOf(null, [])).toBe(0);
});
