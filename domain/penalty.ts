import { z } from 'zod';
import { IsoDate } from './case';
import { TariffCode } from './tariffs';
import { penaltyFormulaText, type FormulaCode, type FormulaParams } from './penaltyTexts';

/**
 * Back-billing and penalty (追补电费 / 违约使用电费) rules: versioned data naming their source and effective date.
 * Rule sets up to the 1996 Power Supply Business Rules (供电营业规则) state fixed multiples; from the 2024 revision a rule
 * states a ceiling ("不高于 … 倍", the figure agreed in the supply contract up to it), the default this installation
 * charges, and the article it rests on. A fixed figure reads as ceiling = default = that figure.
 */
export const RuleArticle = z.strictObject({
  /** As cited, e.g. 第一百条第1项; null while the number is not checked against the published text. */
  no: z.string().trim().min(1).max(60).nullable(),
  /** The rule's short wording, zh-CN. */
  text: z.string().trim().min(2).max(400),
  /** false: number and wording still to be verified against the published text (待核实). */
  verified: z.boolean(),
});
export type RuleArticle = z.infer<typeof RuleArticle>;

const bounded = (max: number) => z.number().min(0).max(max);
function ceilinged(max: number) {
  return z.strictObject({ ceiling: bounded(max), default: bounded(max), article: RuleArticle })
    .refine((v) => v.default <= v.ceiling, { message: 'the default must not exceed the ceiling', path: ['default'], params: { code: 'penalty.rule.default-above-ceiling' } });
}
/** A multiple of an amount: fixed (before 2024) or a ceiling with a default and its article. */
export const RuleMultiple = z.union([bounded(10), ceilinged(10)]);
/** An amount per kW (kVA): fixed or a ceiling with a default and its article. */
export const RuleRate = z.union([bounded(10_000), ceilinged(10_000)]);
type RuleFigure = z.infer<typeof RuleMultiple>;

export const PenaltyRules = z.object({
  wrongTariff: z.object({ penaltyMultiplier: RuleMultiple, defaultPeriodMonths: z.number().int().min(1).max(120) }),
  theft: z.object({
    penaltyMultiplier: RuleMultiple,
    defaultDays: z.number().int().min(1).max(3650),
    hoursPerDay: z.object({ power: z.number().min(1).max(24), lighting: z.number().min(1).max(24) }),
    /** Where the stolen-energy defaults (days, hours per day) come from. */
    energyArticle: RuleArticle.optional(),
  }),
  capacity: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('basic_fee_multiple'), penaltyMultiplier: RuleMultiple, defaultMonths: z.number().int().min(1).max(120) }),
    z.object({ mode: z.literal('per_kva'), penaltyYuanPerKva: RuleRate, defaultMonths: z.number().int().min(1).max(120) }),
    /** Two-part tariff customers: a multiple of the excess capacity's basic fee; single-tariff customers: an amount per kW. */
    z.object({
      mode: z.literal('by_tariff_structure'),
      twoPart: z.object({ penaltyMultiplier: RuleMultiple }),
      single: z.object({ penaltyYuanPerKw: RuleRate }),
      defaultMonths: z.number().int().min(1).max(120),
    }),
  ]),
});
export type PenaltyRules = z.infer<typeof PenaltyRules>;

export const PenaltyRuleSet = z.object({
  version: z.string().min(1),
  source: z.string().min(1),
  effectiveFrom: IsoDate,
  rules: PenaltyRules,
});
export type PenaltyRuleSet = z.infer<typeof PenaltyRuleSet>;

// Inputs are bounded (a price of 1e20 or Infinity never reaches a computation): prices up to 100 yuan/kWh, basic fees
// up to 1,000 yuan/kVA·month, energy up to 10^8 kWh.
const price = bounded(100);
const multiple = bounded(10).describe('The multiple charged, at most the rule\'s ceiling; other than the default it needs a justification');
const justification = z.string().trim().min(2).max(200).describe('Why the multiple (or rate) differs from the default, 2–200 characters');
/** Fields filled by the server from the tariff catalogue when the categories are given (a client's copy is replaced). */
export const TariffPriceSource = z.strictObject({
  province: z.string().min(2).max(10),
  on: IsoDate,
  applied: z.strictObject({ code: TariffCode, effectiveFrom: IsoDate, priceYuanPerKwh: price }),
  correct: z.strictObject({ code: TariffCode, effectiveFrom: IsoDate, priceYuanPerKwh: price }),
});
export type TariffPriceSource = z.infer<typeof TariffPriceSource>;

const WrongTariffInput = z.strictObject({
  kind: z.literal('wrong_tariff'),
  monthlyKwh: bounded(10_000_000),
  /** Typed prices, or the categories (applied, correct) whose catalogue prices on the detection day are used. */
  appliedPriceYuanPerKwh: price.optional(),
  correctPriceYuanPerKwh: price.optional(),
  appliedCategory: TariffCode.optional(),
  correctCategory: TariffCode.optional(),
  priceSource: TariffPriceSource.optional(),
  /** When the wrong category started; unknown → the rule set's default period. */
  startDate: IsoDate.optional(),
  detectedOn: IsoDate,
  penaltyMultiplier: multiple.optional(),
  justification: justification.optional(),
}).refine((v) => (v.appliedPriceYuanPerKwh !== undefined && v.correctPriceYuanPerKwh !== undefined) || (v.appliedCategory !== undefined && v.correctCategory !== undefined), {
  message: 'give both prices, or both tariff categories (applied and correct)', path: ['appliedCategory'], params: { code: 'penalty.prices-or-categories' },
});
const TheftInput = z.strictObject({
  kind: z.literal('theft'),
  capacityKw: bounded(1_000_000),
  priceYuanPerKwh: price,
  /** Measured stolen energy, when known; otherwise capacity × hours/day × days. */
  stolenKwh: bounded(100_000_000).optional(),
  startDate: IsoDate.optional(),
  detectedOn: IsoDate,
  lighting: z.boolean().default(false),
  penaltyMultiplier: multiple.optional(),
  justification: justification.optional(),
});
const CapacityInput = z.strictObject({
  kind: z.literal('capacity_overuse'),
  excessKva: bounded(1_000_000),
  basicFeeYuanPerKvaMonth: bounded(1_000),
  months: z.number().int().min(1).max(120).optional(),
  /** Picks the rule set in force (absent on orders issued before #17: the rule set in force on the day it is computed). */
  detectedOn: IsoDate.optional(),
  /** Two-part tariff (基本电费 + 电度电费) or single tariff; read by rule sets that tell them apart. Default two-part. */
  tariffStructure: z.enum(['two_part', 'single']).optional(),
  penaltyMultiplier: multiple.optional(),
  penaltyYuanPerKw: bounded(10_000).optional().describe('The amount per kW charged a single-tariff customer, at most the rule\'s ceiling'),
  justification: justification.optional(),
});
export const PenaltyInput = z.discriminatedUnion('kind', [WrongTariffInput, TheftInput, CapacityInput]);
export type PenaltyInput = z.infer<typeof PenaltyInput>;

/** What was charged against what the rule allows: recorded with every computation. */
export const PenaltyBasis = z.object({
  unit: z.enum(['multiple', 'yuan_per_kw']),
  ceiling: z.number(),
  default: z.number(),
  chosen: z.number(),
  /** null: a rule set with fixed figures names its articles in `ruleSource` only. */
  article: RuleArticle.nullable(),
  justification: z.string().nullable(),
});
export type PenaltyBasis = z.infer<typeof PenaltyBasis>;

export const PenaltyComputation = z.object({
  ruleSetVersion: z.string(),
  ruleSource: z.string(),
  input: PenaltyInput,
  backBillingYuan: z.number(),
  penaltyYuan: z.number(),
  usedDefaultPeriod: z.boolean(),
  /** The formula with the numbers filled in (English), for the order and the audit trail; absent only in no computation. */
  formula: z.string().describe('The formula with the numbers filled in, for the order and the audit trail'),
  /** The same formula as a code and its figures, rendered in zh-CN or en (domain/penaltyTexts.ts); absent before #17. */
  formulaCode: z.string().optional(),
  formulaParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  penaltyBasis: PenaltyBasis.optional(),
});
export type PenaltyComputation = z.infer<typeof PenaltyComputation>;

/** A refusal of a penalty input under a rule set, with the field it concerns and a message code (domain/penaltyTexts.ts). */
export interface PenaltyIssue {
  path: string;
  code: 'penalty.multiplier-above-ceiling' | 'penalty.justification-required' | 'penalty.prices-missing';
  params: Record<string, string | number>;
}

export class PenaltyRefused extends Error {
  constructor(readonly issues: PenaltyIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.code} ${JSON.stringify(i.params)}`).join('; '));
    this.name = 'PenaltyRefused';
  }
}

const fen = (yuanAmount: number) => Math.round(yuanAmount * 100);
const toYuan = (f: number) => f / 100;

function monthsBetween(from: string, to: string): number {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  const whole = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  return Math.max(1, whole + (b.getUTCDate() > a.getUTCDate() ? 1 : 0));
}

function daysBetween(from: string, to: string): number {
  return Math.max(1, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000));
}

function figure(r: RuleFigure): { ceiling: number; default: number; article: RuleArticle | null } {
  return typeof r === 'number' ? { ceiling: r, default: r, article: null } : r;
}

/** The figure the input chose under the rule (or the rule's default), checked against the ceiling. */
function basis(rule: RuleFigure, unit: PenaltyBasis['unit'], chosen: number | undefined, why: string | undefined, path: string, issues: PenaltyIssue[]): PenaltyBasis {
  const f = figure(rule);
  const value = chosen ?? f.default;
  if (value > f.ceiling) issues.push({ path, code: 'penalty.multiplier-above-ceiling', params: { chosen: value, ceiling: f.ceiling } });
  else if (value !== f.default && !why) issues.push({ path: path.replace(/[^.]+$/, 'justification'), code: 'penalty.justification-required', params: { chosen: value, default: f.default } });
  return { unit, ceiling: f.ceiling, default: f.default, chosen: value, article: f.article, justification: why ?? null };
}

/** The rule a capacity input falls under, and the field its chosen figure is in. */
function capacityRule(r: PenaltyRules['capacity'], input: Extract<PenaltyInput, { kind: 'capacity_overuse' }>) {
  if (r.mode === 'basic_fee_multiple') return { rule: r.penaltyMultiplier, unit: 'multiple' as const, chosen: input.penaltyMultiplier, field: 'penaltyMultiplier' };
  if (r.mode === 'per_kva') return { rule: r.penaltyYuanPerKva, unit: 'yuan_per_kw' as const, chosen: input.penaltyYuanPerKw, field: 'penaltyYuanPerKw' };
  return (input.tariffStructure ?? 'two_part') === 'two_part'
    ? { rule: r.twoPart.penaltyMultiplier, unit: 'multiple' as const, chosen: input.penaltyMultiplier, field: 'penaltyMultiplier' }
    : { rule: r.single.penaltyYuanPerKw, unit: 'yuan_per_kw' as const, chosen: input.penaltyYuanPerKw, field: 'penaltyYuanPerKw' };
}

/** What is wrong with the input under the rule set (chosen figures above the ceiling, a missing justification). */
export function penaltyIssues(set: PenaltyRuleSet, input: PenaltyInput, at = ''): PenaltyIssue[] {
  try {
    computePenalty(set, input, at);
    return [];
  } catch (e) {
    if (e instanceof PenaltyRefused) return e.issues;
    throw e;
  }
}

function done(base: Pick<PenaltyComputation, 'ruleSetVersion' | 'ruleSource' | 'input'>, back: number, penalty: number, usedDefaultPeriod: boolean, penaltyBasis: PenaltyBasis, formulaCode: FormulaCode, formulaParams: FormulaParams): PenaltyComputation {
  return {
    ...base, backBillingYuan: toYuan(back), penaltyYuan: toYuan(penalty), usedDefaultPeriod, penaltyBasis, formulaCode, formulaParams,
    formula: penaltyFormulaText(formulaCode, formulaParams, 'en'),
  };
}

/**
 * Pure: the same rule set and input always give the same amounts (in whole fen). Throws PenaltyRefused when a chosen
 * figure exceeds the rule's ceiling or differs from the default without a justification. `at` prefixes the issues' paths.
 */
export function computePenalty(set: PenaltyRuleSet, input: PenaltyInput, at = ''): PenaltyComputation {
  const base = { ruleSetVersion: set.version, ruleSource: set.source, input };
  const issues: PenaltyIssue[] = [];
  const p = (f: string) => (at ? `${at}.${f}` : f);
  switch (input.kind) {
    case 'wrong_tariff': {
      const r = set.rules.wrongTariff;
      const b = basis(r.penaltyMultiplier, 'multiple', input.penaltyMultiplier, input.justification, p('penaltyMultiplier'), issues);
      if (input.appliedPriceYuanPerKwh === undefined || input.correctPriceYuanPerKwh === undefined) issues.push({ path: p('appliedCategory'), code: 'penalty.prices-missing', params: {} });
      if (issues.length) throw new PenaltyRefused(issues);
      const applied = input.appliedPriceYuanPerKwh!;
      const correct = input.correctPriceYuanPerKwh!;
      const months = input.startDate ? monthsBetween(input.startDate, input.detectedOn) : r.defaultPeriodMonths;
      const diff = Math.max(0, correct - applied);
      const back = fen(diff * input.monthlyKwh * months);
      const penalty = Math.round(back * b.chosen);
      return done(base, back, penalty, !input.startDate, b, 'penalty.formula.wrong_tariff', {
        correct, applied, monthlyKwh: input.monthlyKwh, months, back: toYuan(back), multiple: b.chosen, penalty: toYuan(penalty),
      });
    }
    case 'theft': {
      const r = set.rules.theft;
      const b = basis(r.penaltyMultiplier, 'multiple', input.penaltyMultiplier, input.justification, p('penaltyMultiplier'), issues);
      if (issues.length) throw new PenaltyRefused(issues);
      const d = input.startDate ? daysBetween(input.startDate, input.detectedOn) : r.defaultDays;
      const hours = input.lighting ? r.hoursPerDay.lighting : r.hoursPerDay.power;
      const kwh = input.stolenKwh ?? input.capacityKw * hours * d;
      const back = fen(kwh * input.priceYuanPerKwh);
      const penalty = Math.round(back * b.chosen);
      const common = { kwh, price: input.priceYuanPerKwh, back: toYuan(back), multiple: b.chosen, penalty: toYuan(penalty) };
      return input.stolenKwh !== undefined
        ? done(base, back, penalty, false, b, 'penalty.formula.theft_measured', common)
        : done(base, back, penalty, !input.startDate, b, 'penalty.formula.theft_estimated', { ...common, capacityKw: input.capacityKw, hours, days: d });
    }
    case 'capacity_overuse': {
      const r = set.rules.capacity;
      const c = capacityRule(r, input);
      const b = basis(c.rule, c.unit, c.chosen, input.justification, p(c.field), issues);
      if (issues.length) throw new PenaltyRefused(issues);
      const months = input.months ?? r.defaultMonths;
      // a single-tariff customer pays no basic fee: nothing to back-bill, the penalty is per kW
      const singleTariff = r.mode === 'by_tariff_structure' && c.unit === 'yuan_per_kw';
      const back = singleTariff ? 0 : fen(input.excessKva * input.basicFeeYuanPerKvaMonth * months);
      const penalty = c.unit === 'yuan_per_kw' ? fen(input.excessKva * b.chosen) : fen(b.chosen * input.excessKva * input.basicFeeYuanPerKvaMonth);
      const common = { excessKva: input.excessKva, back: toYuan(back), penalty: toYuan(penalty) };
      if (singleTariff) return done(base, back, penalty, false, b, 'penalty.formula.capacity_single', { ...common, rate: b.chosen });
      return c.unit === 'yuan_per_kw'
        ? done(base, back, penalty, input.months === undefined, b, 'penalty.formula.capacity_per_kva', { ...common, fee: input.basicFeeYuanPerKvaMonth, months, rate: b.chosen })
        : done(base, back, penalty, input.months === undefined, b, 'penalty.formula.capacity_basic_fee', { ...common, fee: input.basicFeeYuanPerKvaMonth, months, multiple: b.chosen });
    }
  }
}

/** The total an order's money actions come to (back-billing + penalty), in yuan, exact to the fen. */
export function computedTotalYuan(computations: readonly Pick<PenaltyComputation, 'backBillingYuan' | 'penaltyYuan'>[]): number {
  return toYuan(computations.reduce((s, c) => s + fen(c.backBillingYuan) + fen(c.penaltyYuan), 0));
}

/**
 * What a case recovered, for its assessment: the collected amount the supervisor confirmed on the passing
 * verification, else the order's computed total; nothing without an order.
 */
export function recoveredYuanOf(
  rect: { computations: readonly Pick<PenaltyComputation, 'backBillingYuan' | 'penaltyYuan'>[] } | null,
  verifications: readonly { outcome: 'pass' | 'reject'; confirmedCollectedYuan?: number }[],
): number {
  if (!rect) return 0;
  const passed = [...verifications].reverse().find((v) => v.outcome === 'pass');
  return passed?.confirmedCollectedYuan ?? computedTotalYuan(rect.computations);
}
