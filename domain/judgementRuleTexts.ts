import type { z } from 'zod';
import { JudgementRuleSet } from './judgementRules';
import type { Lang } from './text';

// A refused judgement rule-set draft (POST/PUT /api/judgement-rule-sets, the preview's edited document): each field
// error carries a message code and the figures its text quotes, so the back office shows it in the user's words on
// the input it names, and the API's `message` is already in the caller's language.

export const JUDGEMENT_FIELD_CODES = [
  'judgement.required',
  'judgement.unknown-field',
  'judgement.whole-number',
  'judgement.at-least',
  'judgement.above',
  'judgement.at-most',
  'judgement.below',
  'judgement.choose-one',
  'judgement.too-long',
  'judgement.choice',
  'judgement.format',
  'judgement.thresholds-order',
  'judgement.duplicate-codes',
  'judgement.invalid',
] as const;
export type JudgementFieldCode = (typeof JUDGEMENT_FIELD_CODES)[number];
type Params = { limit?: number };

const TEXTS: Record<JudgementFieldCode, Record<Lang, (p: Params) => string>> = {
  'judgement.required': { 'zh-CN': () => '必填', en: () => 'required' },
  'judgement.unknown-field': { 'zh-CN': () => '未知字段', en: () => 'unknown field' },
  'judgement.whole-number': { 'zh-CN': () => '应为整数', en: () => 'must be a whole number' },
  'judgement.at-least': { 'zh-CN': (p) => `不能小于 ${p.limit}`, en: (p) => `must be at least ${p.limit}` },
  'judgement.above': { 'zh-CN': (p) => `应大于 ${p.limit}`, en: (p) => `must be more than ${p.limit}` },
  'judgement.at-most': { 'zh-CN': (p) => `不能大于 ${p.limit}`, en: (p) => `must be at most ${p.limit}` },
  'judgement.below': { 'zh-CN': (p) => `应小于 ${p.limit}`, en: (p) => `must be less than ${p.limit}` },
  'judgement.choose-one': { 'zh-CN': () => '至少选择一项', en: () => 'choose at least one' },
  'judgement.too-long': { 'zh-CN': (p) => `不能超过 ${p.limit} 个字`, en: (p) => `at most ${p.limit} characters` },
  'judgement.choice': { 'zh-CN': () => '不是可选的值', en: () => 'not one of the allowed values' },
  'judgement.format': {
    'zh-CN': () => '格式不符：编码用大写字母、数字和下划线（如 THEFT_DROP）；版本用字母、数字、点、横线',
    en: () => 'wrong format: codes are upper-case letters, digits and underscores (THEFT_DROP); versions letters, digits, dots, dashes',
  },
  'judgement.thresholds-order': { 'zh-CN': () => '分数线应满足 紧急 ≥ 高 ≥ 普通', en: () => 'must satisfy urgent ≥ high ≥ normal' },
  'judgement.duplicate-codes': { 'zh-CN': () => '规则编码不能重复', en: () => 'rule codes must be unique' },
  'judgement.invalid': { 'zh-CN': () => '取值无效', en: () => 'invalid value' },
};

export const judgementFieldText = (code: JudgementFieldCode, lang: Lang, params: Params = {}) => TEXTS[code][lang](params);

export interface JudgementFieldError {
  path: string;
  code: JudgementFieldCode;
  message: string;
  params?: { limit: number };
}

function codeOf(i: z.core.$ZodIssue): { code: JudgementFieldCode; limit?: number } {
  switch (i.code) {
    case 'invalid_type':
      // A number that is not whole says expected 'int'; an absent or null value expects its base type.
      return { code: i.expected === 'int' ? 'judgement.whole-number' : 'judgement.required' };
    case 'too_small':
      if (i.origin === 'array' || i.origin === 'set') return { code: 'judgement.choose-one' };
      if (i.origin === 'string') return { code: 'judgement.required' };
      return { code: i.inclusive ? 'judgement.at-least' : 'judgement.above', limit: Number(i.minimum) };
    case 'too_big':
      if (i.origin === 'string') return { code: 'judgement.too-long', limit: Number(i.maximum) };
      return { code: i.inclusive ? 'judgement.at-most' : 'judgement.below', limit: Number(i.maximum) };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'judgement.choice' };
    case 'invalid_format':
      return { code: 'judgement.format' };
    case 'custom': {
      const c = i.params?.code;
      return { code: typeof c === 'string' && (JUDGEMENT_FIELD_CODES as readonly string[]).includes(c) ? (c as JudgementFieldCode) : 'judgement.invalid' };
    }
    default:
      return { code: 'judgement.invalid' };
  }
}

/** The parsed rule set, or every refused field with its code and its text in `lang` (paths under `prefix`). */
export function checkJudgementRuleSet(body: unknown, lang: Lang, prefix?: string):
  { ok: true; ruleSet: JudgementRuleSet } | { ok: false; errors: JudgementFieldError[] } {
  const r = JudgementRuleSet.safeParse(body);
  if (r.success) return { ok: true, ruleSet: r.data };
  const join = (parts: string[]) => [prefix, ...parts].filter(Boolean).join('.') || '(body)';
  const errors = r.error.issues.flatMap((i): JudgementFieldError[] => {
    const at = i.path.map(String);
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: join([...at, k]), code: 'judgement.unknown-field', message: judgementFieldText('judgement.unknown-field', lang) }));
    const { code, limit } = codeOf(i);
    return [{ path: join(at), code, message: judgementFieldText(code, lang, { limit }), ...(limit === undefined ? {} : { params: { limit } }) }];
  });
  return { ok: false, errors };
}

/** The API's summary of a refused draft, in `lang`. */
export const judgementInvalidDetail = (lang: Lang) => (lang === 'en' ? 'The judgement rule set has invalid fields.' : '初判规则有不符合要求的字段。');
