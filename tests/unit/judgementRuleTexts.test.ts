import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { checkJudgementRuleSet, JUDGEMENT_FIELD_CODES, judgementFieldText } from '../../domain/judgementRuleTexts';

const D = DEFAULT_JUDGEMENT_RULE_SET;
/** THEFT_DROP's place in the rule set (rule sets add rules over the versions). */
const T = D.rules.findIndex((r) => r.code === 'THEFT_DROP');
const withParams = (i: number, params: object) => ({ ...D, rules: D.rules.map((r, k) => (k === i ? { ...r, params: { ...r.params, ...params } } : r)) });

test('every refused field of a judgement draft carries a code and a text in the caller\'s language', () => {
  const body = {
    ...withParams(T, { maxOwnRatio: 0, windowMonths: 2.5, statuses: [] }),
    priorityThresholds: { urgent: 10, high: 60, normal: 30 },
    colour: 'red',
  };
  const zh = checkJudgementRuleSet(body, 'zh-CN');
  expect(zh.ok).toBe(false);
  expect(!zh.ok && zh.errors).toEqual(expect.arrayContaining([
    { path: `rules.${T}.params.maxOwnRatio`, code: 'judgement.above', message: '应大于 0', params: { limit: 0 } },
    { path: `rules.${T}.params.windowMonths`, code: 'judgement.whole-number', message: '应为整数' },
    { path: `rules.${T}.params.statuses`, code: 'judgement.choose-one', message: '至少选择一项' },
    { path: 'priorityThresholds', code: 'judgement.thresholds-order', message: '分数线应满足 紧急 ≥ 高 ≥ 普通' },
    { path: 'colour', code: 'judgement.unknown-field', message: '未知字段' },
  ]));
  const en = checkJudgementRuleSet(withParams(0, { windowMonths: 13 }), 'en', 'document');
  expect(!en.ok && en.errors).toEqual([{ path: 'document.rules.0.params.windowMonths', code: 'judgement.at-most', message: 'must be at most 12', params: { limit: 12 } }]);
  const dup = checkJudgementRuleSet({ ...D, rules: [D.rules[0], D.rules[0]] }, 'zh-CN');
  expect(!dup.ok && dup.errors.map((e) => [e.path, e.code])).toEqual([['rules', 'judgement.duplicate-codes']]);
  expect(checkJudgementRuleSet(D, 'zh-CN')).toEqual({ ok: true, ruleSet: D });
});

test('every code has a text in zh-CN and in English', () => {
  for (const code of JUDGEMENT_FIELD_CODES) {
    for (const lang of ['zh-CN', 'en'] as const) expect(judgementFieldText(code, lang, { limit: 1 })).toMatch(/\S/);
  }
});
