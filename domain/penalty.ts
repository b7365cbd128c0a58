import { z } from 'zod';
import { IsoDate } from './case';

/**
 * Back-billing and penalty (追补电费 / 违约使用电费) rules: versioned data naming their source and effective date.
 * Defaults follow the classic Power Supply Business Rules (供电营业规则); the 2024 revision is published as data.
 */
export const PenaltyRules = z.object({
  wrongTariff: z.object({ penaltyMultiplier: z.number().min(0).max(10), defaultPeriodMonths: z.number().int().min(1).max(120) }),
  theft: z.object({
    penaltyMultiplier: z.number().min(0).max(10),
    defaultDays: z.number().int().min(1).max(3650),
    hoursPerDay: z.object({ power: z.number().min(1).max(24), lighting: z.number().min(1).max(24) }),
  }),
  capacity: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('basic_fee_multiple'), penaltyMultiplier: z.number().min(0).max(10), defaultMonths: z.number().int().min(1).max(120) }),
    z.object({ mode: z.literal('per_kva'), penaltyYuanPerKva: z.number().min(0), defaultMonths: z.number().int().min(1).max(120) }),
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

const yuan = z.number().min(0).max(1_000_000);
export const PenaltyInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('wrong_tariff'),
    monthlyKwh: z.number().min(0).max(10_000_000),
    appliedPriceYuanPerKwh: yuan,
    correctPriceYuanPerKwh: yuan,
    /** When the wrong category started; unknown → the rule set's default period. */
    startDate: IsoDate.optional(),
    detectedOn: IsoDate,
  }),
  z.strictObject({
    kind: z.literal('theft'),
    capacityKw: z.number().min(0).max(1_000_000),
    priceYuanPerKwh: yuan,
    /** Measured stolen energy, when known; otherwise capacity × hours/day × days. */
    stolenKwh: z.number().min(0).optional(),
    startDate: IsoDate.optional(),
    detectedOn: IsoDate,
    lighting: z.boolean().default(false),
  }),
  z.strictObject({
    kind: z.literal('capacity_overuse'),
    excessKva: z.number().min(0).max(1_000_000),
    basicFeeYuanPerKvaMonth: yuan,
    months: z.number().int().min(1).max(120).optional(),
  }),
]);
export type PenaltyInput = z.infer<typeof PenaltyInput>;

export const PenaltyComputation = z.object({
  ruleSetVersion: z.string(),
  ruleSource: z.string(),
  input: PenaltyInput,
  backBillingYuan: z.number(),
  penaltyYuan: z.number(),
  usedDefaultPeriod: z.boolean(),
  /** The formula with the numbers filled in, for the order and the audit trail. */
  formula: z.string().describe('The formula with the numbers filled in, for the order and the audit trail'),
});
export type PenaltyComputation = z.infer<typeof PenaltyComputation>;

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

/** Pure: the same rule set and input always give the same amounts (in whole fen). */
export function computePenalty(set: PenaltyRuleSet, input: PenaltyInput): PenaltyComputation {
  const base = { ruleSetVersion: set.version, ruleSource: set.source, input };
  switch (input.kind) {
    case 'wrong_tariff': {
      const r = set.rules.wrongTariff;
      const months = input.startDate ? monthsBetween(input.startDate, input.detectedOn) : r.defaultPeriodMonths;
      const diff = Math.max(0, input.correctPriceYuanPerKwh - input.appliedPriceYuanPerKwh);
      const back = fen(diff * input.monthlyKwh * months);
      const penalty = Math.round(back * r.penaltyMultiplier);
      return {
        ...base, backBillingYuan: toYuan(back), penaltyYuan: toYuan(penalty), usedDefaultPeriod: !input.startDate,
        formula: `back-billing = (${input.correctPriceYuanPerKwh} − ${input.appliedPriceYuanPerKwh}) yuan/kWh × ${input.monthlyKwh} kWh/month × ${months} months = ${toYuan(back)}; penalty = ${r.penaltyMultiplier} × ${toYuan(back)} = ${toYuan(penalty)}`,
      };
    }
    case 'theft': {
      const r = set.rules.theft;
      const d = input.startDate ? daysBetween(input.startDate, input.detectedOn) : r.defaultDays;
      const hours = input.lighting ? r.hoursPerDay.lighting : r.hoursPerDay.power;
      const kwh = input.stolenKwh ?? input.capacityKw * hours * d;
      const back = fen(kwh * input.priceYuanPerKwh);
      const penalty = Math.round(back * r.penaltyMultiplier);
      const energy = input.stolenKwh !== undefined ? `${input.stolenKwh} kWh measured` : `${input.capacityKw} kW × ${hours} h/day × ${d} days = ${kwh} kWh`;
      return {
        ...base, backBillingYuan: toYuan(back), penaltyYuan: toYuan(penalty), usedDefaultPeriod: input.stolenKwh === undefined && !input.startDate,
        formula: `stolen energy = ${energy}; back-billing = ${kwh} kWh × ${input.priceYuanPerKwh} yuan/kWh = ${toYuan(back)}; penalty = ${r.penaltyMultiplier} × ${toYuan(back)} = ${toYuan(penalty)}`,
      };
    }
    case 'capacity_overuse': {
      const r = set.rules.capacity;
      const months = input.months ?? r.defaultMonths;
      const back = fen(input.excessKva * input.basicFeeYuanPerKvaMonth * months);
      const penalty = r.mode === 'per_kva' ? fen(input.excessKva * r.penaltyYuanPerKva) : fen(r.penaltyMultiplier * input.excessKva * input.basicFeeYuanPerKvaMonth);
      const penaltyText = r.mode === 'per_kva' ? `${input.excessKva} kVA × ${r.penaltyYuanPerKva} yuan/kVA` : `${r.penaltyMultiplier} × ${input.excessKva} kVA × ${input.basicFeeYuanPerKvaMonth} yuan/kVA·month`;
      return {
        ...base, backBillingYuan: toYuan(back), penaltyYuan: toYuan(penalty), usedDefaultPeriod: input.months === undefined,
        formula: `back-billing = ${input.excessKva} kVA × ${input.basicFeeYuanPerKvaMonth} yuan/kVA·month × ${months} months = ${toYuan(back)}; penalty = ${penaltyText} = ${toYuan(penalty)}`,
      };
    }
  }
}
