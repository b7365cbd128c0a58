import { DEFAULT_JUDGEMENT_RULE_SET, DEFAULT_JUDGEMENT_RULE_SETS } from '../../domain/defaultJudgementRules';
import { buildFacts, evaluateFacts, JudgementRuleSet, prepareRuleSet } from '../../domain/judgementRules';
import { judgementReasonText } from '../../domain/judgementReasonTexts';
import {
  areaAbnormal, areaLineLossFires, customerDropped, DEFAULT_AREA_LINE_LOSS_PARAMS, lineLossReasonParams, lossRate, prepareAreaLineLoss, type AreaFacts,
} from '../../domain/lineLossRules';

// 台区线损: loss rate = (supplied − Σ billed) / supplied against the area type's norm + margin, and the customer's drop
// against its trailing baseline; both in 0.01 kWh integers.
const rule = prepareAreaLineLoss(DEFAULT_AREA_LINE_LOSS_PARAMS); // norms 5/7/9 %, margin 3 points, baseline 3 months, drop ≥ 30 %
/** Stored reason params as the API renders them (JSON: a missing figure is null). */
const asReason = (x: object) => x as Record<string, number | string>;
const area = (type: AreaFacts['areaType'], supplied: number | null, billed: number): AreaFacts => ({ areaId: 'TQ1', areaType: type, suppliedCenti: supplied, billedCenti: billed });

test('loss rate: (supplied − billed) / supplied; none without a positive supply', () => {
  expect(lossRate(10_000_00, 9_000_00)).toBeCloseTo(0.1, 12);
  expect(lossRate(10_000_00, 10_500_00)).toBeCloseTo(-0.05, 12);
  expect(lossRate(0, 0)).toBeNull();
  expect(lossRate(null, 5)).toBeNull();
});

test('an area is abnormal above its type\'s norm + margin, or when its loss is negative', () => {
  // urban: 5 % + 3 points = 8 %; rural 9 + 3 = 12 %
  expect(areaAbnormal(rule, area('urban', 100_000, 91_000))).toBe(true); // 9 %
  expect(areaAbnormal(rule, area('urban', 100_000, 92_000))).toBe(false); // exactly 8 %: not above
  expect(areaAbnormal(rule, area('rural', 100_000, 91_000))).toBe(false); // 9 % is normal in a rural area
  expect(areaAbnormal(rule, area('rural', 100_000, 87_000))).toBe(true); // 13 %
  expect(areaAbnormal(rule, area('town', 100_000, 100_001))).toBe(true); // negative
  expect(areaAbnormal({ ...rule, negativeAbnormal: false }, area('town', 100_000, 100_001))).toBe(false);
  expect(areaAbnormal(rule, area('urban', null, 0))).toBe(false);
});

test('the customer dropped: the month at most (1 − minDrop) × the baseline average, the whole baseline billed', () => {
  expect(customerDropped(rule, [7_000, 10_000, 10_000, 10_000])).toBe(true); // 30 % down
  expect(customerDropped(rule, [7_001, 10_000, 10_000, 10_000])).toBe(false);
  expect(customerDropped(rule, [0, 10_000, 10_000, null])).toBe(false); // baseline month not billed
  expect(customerDropped(rule, [0, 1_000, 1_000, 1_000])).toBe(false); // baseline 10 kWh/month below the 30 kWh floor
});

test('net of peers (2026.4): the drop must also go beyond the peer group\'s change over the same months', () => {
  const netted = prepareAreaLineLoss({ ...DEFAULT_AREA_LINE_LOSS_PARAMS, netOfPeers: true });
  const heating = [6_000, 10_000, 10_000, 10_000]; // 40 % down at the end of the heating season …
  const peersToo = [700_000, 1_000_000, 1_000_000, 1_000_000]; // … when the station's households fell 30 % as well
  expect(customerDropped(rule, heating, peersToo)).toBe(true); // the rule as first published: a drop
  expect(customerDropped(netted, heating, peersToo)).toBe(false); // 0.6 / 0.7 = 86 % of the peers' level: no drop
  // share of the peers at most 70 % of the baseline's: 4,900 / 700,000 = 0.7 × 10,000 / 1,000,000 exactly
  expect(customerDropped(netted, [4_900, 10_000, 10_000, 10_000], peersToo)).toBe(true);
  expect(customerDropped(netted, [4_901, 10_000, 10_000, 10_000], peersToo)).toBe(false);
  // the own drop is still required: a customer level while the peers rose (summer) is not flagged
  expect(customerDropped(netted, [10_000, 10_000, 10_000, 10_000], [2_000_000, 1_000_000, 1_000_000, 1_000_000])).toBe(false);
  // no peer totals (none billed in the month, or none in the baseline): not judged
  expect(customerDropped(netted, heating, [0, 1_000_000, 1_000_000, 1_000_000])).toBe(false);
  expect(customerDropped(netted, heating, [])).toBe(false);
});

test('the built-in 2026.4 line-loss rule nets the peers\' change; 2026.3\'s does not (a published version never changes)', () => {
  const lineLoss = (version: string) => DEFAULT_JUDGEMENT_RULE_SETS.find((d) => d.ruleSet.version === version)!.ruleSet.rules.find((r) => r.kind === 'area_line_loss')!;
  expect(lineLoss('jicha-default-2026.3').params).not.toHaveProperty('netOfPeers');
  expect(lineLoss('jicha-default-2026.4').params).toMatchObject({ netOfPeers: true });
  expect(prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SETS.find((d) => d.ruleSet.version === 'jicha-default-2026.4')!.ruleSet, '2027-03').needsPeers).toBe(true);
});

test('fires only for a customer in the listed statuses, in an abnormal area, who dropped', () => {
  const months = [5_000, 10_000, 10_000, 10_000];
  const bad = area('urban', 100_000, 80_000);
  expect(areaLineLossFires(rule, { status: 'active', months, area: bad })).toBe(true);
  expect(areaLineLossFires(rule, { status: 'suspended', months, area: bad })).toBe(false);
  expect(areaLineLossFires(rule, { status: 'active', months, area: area('urban', 100_000, 95_000) })).toBe(false);
  expect(areaLineLossFires(rule, { status: 'active', months: [10_000, 10_000, 10_000, 10_000], area: bad })).toBe(false);
  expect(areaLineLossFires(rule, { status: 'active', months, area: null })).toBe(false);
});

test('as a rule of a rule set: validated, prepared with its history, evaluated for one customer', () => {
  const rs = JudgementRuleSet.parse({
    ...DEFAULT_JUDGEMENT_RULE_SET, version: 'unit-line-loss',
    rules: [...DEFAULT_JUDGEMENT_RULE_SET.rules.filter((r) => r.kind !== 'area_line_loss'), { kind: 'area_line_loss', code: 'AREA_LINE_LOSS', anomalyType: 'theft', weight: 60, textZh: '台区线损异常且用户电量下降', textEn: 'Abnormal area loss and the customer\'s use dropped', checkItems: [], params: DEFAULT_AREA_LINE_LOSS_PARAMS }],
  });
  const p = prepareRuleSet(rs, '2026-06');
  expect(p.needsArea).toBe(true);
  expect(p.horizonMonths).toBeGreaterThanOrEqual(4);
  const archive = { accountNo: '4219990001', tariffCategory: 'residential' as const, whitelist: false, status: 'active' as const, stationId: 'HB.XN.XA.WQ', contractCapacityKva: 8 };
  const bills = [{ month: '2026-03', kwh: 200 }, { month: '2026-04', kwh: 210 }, { month: '2026-05', kwh: 190 }, { month: '2026-06', kwh: 60 }];
  const facts = buildFacts(p, archive, bills, [], [], [], area('urban', 10_000_00, 8_500_00));
  expect(evaluateFacts(p, facts).fired).toContain('AREA_LINE_LOSS');
  expect(evaluateFacts(p, { ...facts, area: area('urban', 10_000_00, 9_800_00) }).fired).not.toContain('AREA_LINE_LOSS');
  // the norms are bounded data: a norm of 60 % is refused
  expect(JudgementRuleSet.safeParse({ ...rs, rules: rs.rules.map((r) => (r.kind === 'area_line_loss' ? { ...r, params: { ...r.params, normPercent: { urban: 60, town: 7, rural: 9 } } } : r)) }).success).toBe(false);
});

test('reason params: the area, its loss rate against the norm, the customer\'s drop', () => {
  const p = lineLossReasonParams(DEFAULT_AREA_LINE_LOSS_PARAMS, '2026-06', { ...area('town', 10_000_00, 8_800_00), areaName: '温泉1号' }, [6_000, 20_000, 20_000, 20_000]);
  expect(p).toEqual({
    areaId: 'TQ1', areaName: '温泉1号', areaType: 'town', month: '2026-06', lossRate: 0.12, norm: 0.07, suppliedKwh: 10_000, billedKwh: 8_800,
    drop: 0.7, baselineAvgKwh: 200, monthKwh: 60,
  });
  // a netted drop also quotes the peers' month against their earlier average (what it was netted of)
  const netted = { ...DEFAULT_AREA_LINE_LOSS_PARAMS, netOfPeers: true };
  const withPeers = lineLossReasonParams(netted, '2026-06', { ...area('town', 10_000_00, 8_800_00), areaName: '温泉1号' }, [6_000, 20_000, 20_000, 20_000], [820_000, 1_000_000, 1_000_000, 1_000_000]);
  expect(withPeers).toEqual({ ...p, peerRatio: 0.82 });
  expect(judgementReasonText('judgement.reason.area-line-loss', 'zh-CN', asReason(withPeers))).toBe(
    '台区 TQ1 2026-06 线损率 12%（供电 10000 千瓦时，售电 8800 千瓦时）；本户当月 60 千瓦时，前期月均 200 千瓦时；同所同类用户当月为其前期月均的 82%',
  );
  expect(judgementReasonText('judgement.reason.area-line-loss', 'en', asReason(withPeers))).toMatch(/; the station's customers of the tariff used 82% of their earlier average that month$/);
  // the rule as first published quotes no peers
  expect(judgementReasonText('judgement.reason.area-line-loss', 'zh-CN', asReason(p))).not.toContain('同所同类');
  // no peer baseline: no ratio
  expect(lineLossReasonParams(netted, '2026-06', { ...area('town', 10_000_00, 8_800_00), areaName: null }, [6_000, 20_000, 20_000, 20_000], []).peerRatio).toBeNull();
});

test('in memory, a netted flag\'s reason carries the peers\' ratio', () => {
  const rs = JudgementRuleSet.parse({
    ...DEFAULT_JUDGEMENT_RULE_SET, version: 'unit-line-loss-netted',
    rules: [{ kind: 'area_line_loss', code: 'AREA_LINE_LOSS', anomalyType: 'theft', weight: 60, textZh: '台区线损异常且用户电量下降', textEn: 'Abnormal area loss and the customer\'s use dropped', checkItems: [], params: { ...DEFAULT_AREA_LINE_LOSS_PARAMS, netOfPeers: true } }],
  });
  const p = prepareRuleSet(rs, '2026-06');
  const archive = { accountNo: '4219990001', tariffCategory: 'residential' as const, whitelist: false, status: 'active' as const, stationId: 'HB.XN.XA.WQ', contractCapacityKva: 8 };
  const bills = [{ month: '2026-03', kwh: 200 }, { month: '2026-04', kwh: 200 }, { month: '2026-05', kwh: 200 }, { month: '2026-06', kwh: 60 }];
  const peers = (june: number) => ['2026-03', '2026-04', '2026-05', '2026-06'].map((month) => ({ month, kwhCenti: month === '2026-06' ? june : 1_000_000, customers: 50 }));
  const judged = evaluateFacts(p, buildFacts(p, archive, bills, peers(900_000), [], [], area('urban', 10_000_00, 8_500_00)));
  expect(judged.fired).toEqual(['AREA_LINE_LOSS']);
  expect(judged.details?.AREA_LINE_LOSS).toMatchObject({ monthKwh: 60, baselineAvgKwh: 200, peerRatio: 0.9 });
  // the peers fell as far as the customer (70 %): no flag
  expect(evaluateFacts(p, buildFacts(p, archive, bills, peers(300_000), [], [], area('urban', 10_000_00, 8_500_00))).fired).toEqual([]);
});
