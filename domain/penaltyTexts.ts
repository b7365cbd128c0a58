import type { Lang } from './text';

// Money on a rectification order, in the user's words: the penalty formulas (a code + its figures, rendered here) and
// the refusals of penalty inputs, tariff categories and collection reports (problem and field codes). Every code has
// a zh-CN and an English text (tests/unit/penaltyTexts.test.ts).

export type FormulaParams = Record<string, string | number>;
type Render = (p: FormulaParams) => string;

const FORMULAS = {
  'penalty.formula.wrong_tariff': {
    'zh-CN': (p) => `差额电费 = (${p.correct} − ${p.applied}) 元/千瓦时 × ${p.monthlyKwh} 千瓦时/月 × ${p.months} 个月 = ${p.back} 元；违约使用电费 = ${p.multiple} × ${p.back} = ${p.penalty} 元`,
    en: (p) => `back-billing = (${p.correct} − ${p.applied}) yuan/kWh × ${p.monthlyKwh} kWh/month × ${p.months} months = ${p.back}; penalty = ${p.multiple} × ${p.back} = ${p.penalty}`,
  },
  'penalty.formula.theft_measured': {
    'zh-CN': (p) => `窃电量 = 实测 ${p.kwh} 千瓦时；补交电费 = ${p.kwh} 千瓦时 × ${p.price} 元/千瓦时 = ${p.back} 元；违约使用电费 = ${p.multiple} × ${p.back} = ${p.penalty} 元`,
    en: (p) => `stolen energy = ${p.kwh} kWh measured; back-billing = ${p.kwh} kWh × ${p.price} yuan/kWh = ${p.back}; penalty = ${p.multiple} × ${p.back} = ${p.penalty}`,
  },
  'penalty.formula.theft_estimated': {
    'zh-CN': (p) => `窃电量 = ${p.capacityKw} 千瓦 × ${p.hours} 小时/日 × ${p.days} 日 = ${p.kwh} 千瓦时；补交电费 = ${p.kwh} 千瓦时 × ${p.price} 元/千瓦时 = ${p.back} 元；违约使用电费 = ${p.multiple} × ${p.back} = ${p.penalty} 元`,
    en: (p) => `stolen energy = ${p.capacityKw} kW × ${p.hours} h/day × ${p.days} days = ${p.kwh} kWh; back-billing = ${p.kwh} kWh × ${p.price} yuan/kWh = ${p.back}; penalty = ${p.multiple} × ${p.back} = ${p.penalty}`,
  },
  'penalty.formula.capacity_basic_fee': {
    'zh-CN': (p) => `补交基本电费 = ${p.excessKva} 千伏安 × ${p.fee} 元/千伏安·月 × ${p.months} 个月 = ${p.back} 元；违约使用电费 = ${p.multiple} × ${p.excessKva} 千伏安 × ${p.fee} 元/千伏安·月 = ${p.penalty} 元`,
    en: (p) => `back-billing = ${p.excessKva} kVA × ${p.fee} yuan/kVA·month × ${p.months} months = ${p.back}; penalty = ${p.multiple} × ${p.excessKva} kVA × ${p.fee} yuan/kVA·month = ${p.penalty}`,
  },
  'penalty.formula.capacity_per_kva': {
    'zh-CN': (p) => `补交基本电费 = ${p.excessKva} 千伏安 × ${p.fee} 元/千伏安·月 × ${p.months} 个月 = ${p.back} 元；违约使用电费 = ${p.excessKva} 千伏安 × ${p.rate} 元/千伏安 = ${p.penalty} 元`,
    en: (p) => `back-billing = ${p.excessKva} kVA × ${p.fee} yuan/kVA·month × ${p.months} months = ${p.back}; penalty = ${p.excessKva} kVA × ${p.rate} yuan/kVA = ${p.penalty}`,
  },
  'penalty.formula.capacity_single': {
    'zh-CN': (p) => `单一制电价用户不收基本电费，补交 ${p.back} 元；违约使用电费 = ${p.excessKva} 千瓦 × ${p.rate} 元/千瓦 = ${p.penalty} 元`,
    en: (p) => `single-tariff customer, no basic fee to back-bill (${p.back}); penalty = ${p.excessKva} kW × ${p.rate} yuan/kW = ${p.penalty}`,
  },
} as const satisfies Record<string, Record<Lang, Render>>;
export type FormulaCode = keyof typeof FORMULAS;
export const FORMULA_CODES = Object.keys(FORMULAS) as FormulaCode[];

export function penaltyFormulaText(code: string, params: FormulaParams, lang: Lang): string {
  const f = (FORMULAS as Record<string, Record<Lang, Render>>)[code];
  return f ? f[lang](params) : code;
}

const MESSAGES = {
  'rectification.unknown-tariff': {
    'zh-CN': (p) => `电价类别“${p.code}”不在${p.province}的电价目录中`,
    en: (p) => `Tariff category "${p.code}" is not in the tariff catalogue of ${p.province}`,
  },
  'penalty.no-tariff-price': {
    'zh-CN': (p) => `电价类别“${p.code}”在 ${p.on} 没有执行中的电价`,
    en: (p) => `Tariff category "${p.code}" has no price in force on ${p.on}`,
  },
  'penalty.prices-or-categories': {
    'zh-CN': () => '请填写执行电价与应执行电价，或选择执行与应执行的电价类别',
    en: () => 'Give both prices, or both tariff categories (applied and correct)',
  },
  'penalty.prices-missing': {
    'zh-CN': () => '缺少电价：请填写电价或选择电价类别',
    en: () => 'Prices are missing: give the prices or the tariff categories',
  },
  'penalty.multiplier-above-ceiling': {
    'zh-CN': (p) => `所选倍数（标准）${p.chosen} 超过规定上限 ${p.ceiling}`,
    en: (p) => `The chosen multiple (rate) ${p.chosen} exceeds the ceiling ${p.ceiling}`,
  },
  'penalty.justification-required': {
    'zh-CN': (p) => `所选倍数（标准）${p.chosen} 与默认值 ${p.default} 不同，请填写理由（2–200字）`,
    en: (p) => `The chosen multiple (rate) ${p.chosen} differs from the default ${p.default}: give a justification (2–200 characters)`,
  },
  'penalty.no-rule-set': {
    'zh-CN': (p) => `${p.on} 没有生效的违约使用电费规则`,
    en: (p) => `No penalty rule set is in force on ${p.on}`,
  },
  'penalty.rule.default-above-ceiling': {
    'zh-CN': () => '默认倍数不能高于上限',
    en: () => 'The default must not exceed the ceiling',
  },
  'rectification.amount-typed': {
    'zh-CN': () => '追回金额不能手工填写：金额由整改单计算，请填写实收金额（collectedYuan）及收据号',
    en: () => 'The recovered amount cannot be typed: the order computes it; report the amount collected (collectedYuan) and the receipt number',
  },
  'rectification.no-money-actions': {
    'zh-CN': () => '该整改单没有追补电费或违约使用电费，不能填写收费金额',
    en: () => 'This order has no back-billing or penalty; no amount can be reported',
  },
  'rectification.collected-required': {
    'zh-CN': (p) => `请填写实收金额（应收 ${p.computed} 元）`,
    en: (p) => `Report the amount collected (computed: ${p.computed} yuan)`,
  },
  'rectification.collected-above-computed': {
    'zh-CN': (p) => `实收金额 ${p.collected} 元超过应收金额 ${p.computed} 元`,
    en: (p) => `The amount collected, ${p.collected} yuan, exceeds the computed ${p.computed} yuan`,
  },
  'rectification.receipt-required': {
    'zh-CN': () => '实收金额大于零时须填写收据（票据）号',
    en: () => 'A receipt number is required when an amount was collected',
  },
  'verification.collected-unconfirmed': {
    'zh-CN': (p) => `实收金额 ${p.collected} 元与应收金额 ${p.computed} 元不同，复核通过须确认实收金额（confirmCollectedYuan = ${p.collected}）`,
    en: (p) => `The amount collected, ${p.collected} yuan, differs from the computed ${p.computed} yuan: passing needs it confirmed (confirmCollectedYuan = ${p.collected})`,
  },
  'tariff.unknown-category': {
    'zh-CN': (p) => `电价目录中没有${p.province}的电价类别“${p.code}”`,
    en: (p) => `The catalogue has no tariff category "${p.code}" in ${p.province}`,
  },
  'tariff.price-exists': {
    'zh-CN': (p) => `${p.province} “${p.code}” 自 ${p.effectiveFrom} 起的电价已存在（电价版本不能修改，请另选生效日期）`,
    en: (p) => `A price of ${p.province} "${p.code}" from ${p.effectiveFrom} already exists (price versions are never edited; pick another effective date)`,
  },
} as const satisfies Record<string, Record<Lang, Render>>;
export type MoneyMessageCode = keyof typeof MESSAGES;
export const MONEY_MESSAGE_CODES = Object.keys(MESSAGES) as MoneyMessageCode[];

export function moneyMessage(code: MoneyMessageCode, params: FormulaParams, lang: Lang): string {
  return MESSAGES[code][lang](params);
}
