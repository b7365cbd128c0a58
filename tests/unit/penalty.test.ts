import { computePenalty, PenaltyInput, type PenaltyRuleSet } from '../../domain/penalty';

const classic: PenaltyRuleSet = {
  version: 'penalty-1996', source: '供电营业规则（1996）', effectiveFrom: '1996-10-08',
  rules: {
    wrongTariff: { penaltyMultiplier: 2, defaultPeriodMonths: 3 },
    theft: { penaltyMultiplier: 3, defaultDays: 180, hoursPerDay: { power: 12, lighting: 6 } },
    capacity: { mode: 'basic_fee_multiple', penaltyMultiplier: 3, defaultMonths: 1 },
  },
};

test('wrong tariff with a known start date uses the months since then', () => {
  const r = computePenalty(classic, { kind: 'wrong_tariff', monthlyKwh: 1000, appliedPriceYuanPerKwh: 0.57, correctPriceYuanPerKwh: 0.83, startDate: '2016-01-10', detectedOn: '2016-04-12' });
  // Jan 10 → Apr 12: 3 whole months plus part of a fourth = 4 months; (0.26 × 1000 × 4) = 1040, penalty 2080
  expect(r).toMatchObject({ backBillingYuan: 1040, penaltyYuan: 2080, usedDefaultPeriod: false, ruleSetVersion: 'penalty-1996' });
});

test('theft without a known duration uses 180 days × 12 h (6 h for lighting)', () => {
  const power = computePenalty(classic, PenaltyInput.parse({ kind: 'theft', capacityKw: 5, priceYuanPerKwh: 0.6, detectedOn: '2026-05-01' }));
  expect(power).toMatchObject({ backBillingYuan: 6480, penaltyYuan: 19440, usedDefaultPeriod: true }); // 5 × 12 × 180 = 10800 kWh
  const lighting = computePenalty(classic, PenaltyInput.parse({ kind: 'theft', capacityKw: 5, priceYuanPerKwh: 0.6, detectedOn: '2026-05-01', lighting: true }));
  expect(lighting.backBillingYuan).toBe(3240);
  const measured = computePenalty(classic, PenaltyInput.parse({ kind: 'theft', capacityKw: 5, priceYuanPerKwh: 0.6, stolenKwh: 1234.5, detectedOn: '2026-05-01' }));
  expect(measured).toMatchObject({ backBillingYuan: 740.7, penaltyYuan: 2222.1, usedDefaultPeriod: false });
});

test('capacity overuse: 3× the basic fee of the excess, or a per-kVA amount under another rule set', () => {
  expect(computePenalty(classic, { kind: 'capacity_overuse', excessKva: 50, basicFeeYuanPerKvaMonth: 28, months: 2 })).toMatchObject({ backBillingYuan: 2800, penaltyYuan: 4200 });
  const perKva: PenaltyRuleSet = { ...classic, version: 'penalty-x', rules: { ...classic.rules, capacity: { mode: 'per_kva', penaltyYuanPerKva: 50, defaultMonths: 1 } } };
  expect(computePenalty(perKva, { kind: 'capacity_overuse', excessKva: 50, basicFeeYuanPerKvaMonth: 28 })).toMatchObject({ backBillingYuan: 1400, penaltyYuan: 2500, ruleSetVersion: 'penalty-x' });
});

test('amounts are exact to the fen (no float drift) and inputs are validated', () => {
  const r = computePenalty(classic, { kind: 'wrong_tariff', monthlyKwh: 333.33, appliedPriceYuanPerKwh: 0.1, correctPriceYuanPerKwh: 0.3, detectedOn: '2026-01-01' });
  expect(r.backBillingYuan).toBe(200);
  expect(PenaltyInput.safeParse({ kind: 'wrong_tariff', monthlyKwh: -1, appliedPriceYuanPerKwh: 0.5, correctPriceYuanPerKwh: 0.8, detectedOn: '2026-01-01' }).success).toBe(false);
  expect(PenaltyInput.safeParse({ kind: 'wrong_tariff', monthlyKwh: 1, appliedPriceYuanPerKwh: 0.5, correctPriceYuanPerKwh: 0.8, detectedOn: '2026-02-30' }).success).toBe(false);
});
