import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { evaluateFacts, prepareRuleSet, RULE_PARAMS, toJudgementResult, type CustomerFacts, type RuleKind } from '../../domain/judgementRules';
import { JUDGEMENT_REASON_CODES, judgementReasonText, type JudgementReasonCode } from '../../domain/judgementReasonTexts';
import { MESSAGE_TEMPLATES } from '../../domain/messages/templates';

const p = prepareRuleSet(DEFAULT_JUDGEMENT_RULE_SET, '2026-03');
const H = p.horizonMonths;
const base: CustomerFacts = {
  accountNo: '4210000001', tariffCategory: 'residential', whitelist: false, status: 'active', stationId: 'S', capacityKva: 8,
  months: Array.from({ length: H }, () => 20_000), peerMonths: Array.from({ length: H }, () => 1_000_000), peerCounts: Array.from({ length: H }, () => 50),
  days: [], events: [],
};

test('every rule kind has a reason code with a zh-CN and an en text', () => {
  expect(Object.keys(JUDGEMENT_REASON_CODES).sort()).toEqual(Object.keys(RULE_PARAMS).sort());
  for (const code of Object.values(JUDGEMENT_REASON_CODES)) {
    // in the catalogue the UIs render from (client/messages.gen.ts), not only worded by the server
    expect(MESSAGE_TEMPLATES[code]?.['zh-CN']).toBeTruthy();
    expect(MESSAGE_TEMPLATES[code]?.en).toBeTruthy();
    for (const lang of ['zh-CN', 'en'] as const) expect(judgementReasonText(code, lang, {})).not.toBe(code);
  }
});

test('each default flag explains itself with its figures, in both languages, leaving no blank', () => {
  const cases: CustomerFacts[] = [
    { ...base, months: base.months.map((v, k) => (k < 12 ? 80_000 : v)) }, // large and flat
    { ...base, months: base.months.map((v, k) => (k < 4 ? 6_000 : v)) }, // drop (24 months: year over year too)
    { ...base, months: base.months.map((v, k) => (k < 2 ? 0 : v)) }, // zero
    { ...base, whitelist: true, months: base.months.map(() => 100_000) }, // whitelisted, five times the norm
    { ...base, days: [{ date: '2026-03-20', kwhCenti: 15_000 }], events: [{ kind: 'tamper', atMs: Date.parse('2026-03-10T00:00:00Z') }] },
    // the as-of month at 30% of the three before, in an urban area losing 20% (norm 5% + 3 points)
    { ...base, months: base.months.map((v, k) => (k === 0 ? 6_000 : v)), area: { areaId: 'TQ1', areaType: 'urban', suppliedCenti: 1_000_000, billedCenti: 800_000 } },
  ];
  const seen = new Set<string>();
  for (const f of cases) {
    const r = toJudgementResult(p, evaluateFacts(p, f));
    expect(r.reasons.length).toBeGreaterThan(0);
    for (const reason of r.reasons) {
      seen.add(reason.code);
      for (const lang of ['zh-CN', 'en'] as const) {
        const text = judgementReasonText(reason.reasonCode as JudgementReasonCode, lang, reason.params!);
        expect([reason.code, text]).not.toEqual([reason.code, expect.stringMatching(/undefined|NaN/)]);
      }
    }
  }
  expect([...seen].sort()).toEqual(DEFAULT_JUDGEMENT_RULE_SET.rules.map((r) => r.code).sort());
  const drop = toJudgementResult(p, evaluateFacts(p, cases[1])).reasons.find((x) => x.code === 'THEFT_DROP')!;
  expect(judgementReasonText(drop.reasonCode as JudgementReasonCode, 'zh-CN', drop.params!)).toBe('自 2025-12 起月均 60 千瓦时，此前 2025-09 至 2025-11 月均 200 千瓦时；扣除同所同类用户同期变化后为此前的 30%；较上年同期（2025-01 至 2025-03）为 30%');
  const kinds: RuleKind[] = DEFAULT_JUDGEMENT_RULE_SET.rules.map((r) => r.kind);
  expect(kinds).toContain('consumption_trend');
});
