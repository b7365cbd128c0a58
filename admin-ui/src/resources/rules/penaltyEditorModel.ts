import type { ApiResponse } from '../../data/api';
import type { FieldPatterns } from './serverErrorMapping';

/** A penalty rule set as GET /api/penalty-rule-sets/:version answers it. */
export type PenaltyRuleSetRecord = ApiResponse<'/api/penalty-rule-sets/{version}'>;
export type PenaltyRules = PenaltyRuleSetRecord['rules'];

/** The inputs of the penalty rule-set editor, in screen order (see serverErrorMapping). */
export const PENALTY_EDITOR_FIELDS: FieldPatterns = [
  'version',
  'source',
  'effectiveFrom',
  'rules.wrongTariff.penaltyMultiplier',
  'rules.wrongTariff.defaultPeriodMonths',
  'rules.theft.penaltyMultiplier',
  'rules.theft.defaultDays',
  'rules.theft.hoursPerDay.power',
  'rules.theft.hoursPerDay.lighting',
  'rules.capacity.mode',
  'rules.capacity.penaltyMultiplier',
  'rules.capacity.penaltyYuanPerKva',
  'rules.capacity.defaultMonths',
  // rule sets from 2024 state a ceiling, a default and an article per figure (#17)
  'rules.wrongTariff.penaltyMultiplier.ceiling',
  'rules.wrongTariff.penaltyMultiplier.default',
  'rules.theft.penaltyMultiplier.ceiling',
  'rules.theft.penaltyMultiplier.default',
  'rules.capacity.twoPart.penaltyMultiplier.ceiling',
  'rules.capacity.twoPart.penaltyMultiplier.default',
  'rules.capacity.single.penaltyYuanPerKw.ceiling',
  'rules.capacity.single.penaltyYuanPerKw.default',
];

/** A rule's figure: fixed (rule sets before 2024) or a ceiling with the default charged and the article it rests on. */
export type RuleFigure = PenaltyRules['wrongTariff']['penaltyMultiplier'];
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The figure in words: "2" for a fixed one; "default 2 (ceiling 2; article to be verified)" for one with a ceiling. */
export function figureText(f: RuleFigure, translate: Translate): string {
  if (typeof f === 'number') return String(f);
  const text = translate('resources.penalty-rule-sets.figure', { default: f.default, ceiling: f.ceiling });
  return f.article.verified ? text : `${text}${translate('resources.penalty-rule-sets.unverified')}`;
}

/** The articles a rule set's figures cite (sets with fixed figures cite them in their source only). */
export function articlesOf(rules: PenaltyRules): Array<{ no: string | null; text: string; verified: boolean }> {
  const c = rules.capacity;
  const figures: RuleFigure[] = [rules.wrongTariff.penaltyMultiplier, rules.theft.penaltyMultiplier];
  if (c.mode === 'basic_fee_multiple') figures.push(c.penaltyMultiplier);
  if (c.mode === 'per_kva') figures.push(c.penaltyYuanPerKva);
  if (c.mode === 'by_tariff_structure') figures.push(c.twoPart.penaltyMultiplier, c.single.penaltyYuanPerKw);
  const out = figures.flatMap((f) => (typeof f === 'number' ? [] : [f.article]));
  if (rules.theft.energyArticle) out.splice(2, 0, rules.theft.energyArticle);
  return out;
}

export interface PenaltyEditorValues {
  version?: string;
  source: string;
  effectiveFrom: string;
  rules: PenaltyRules;
}

/** Only the fields the API takes: the capacity rule keeps the parameters of its mode. */
function cleanRules(rules: PenaltyRules): PenaltyRules {
  const c = rules.capacity as PenaltyRules['capacity'] & { penaltyMultiplier?: RuleFigure; penaltyYuanPerKva?: RuleFigure; twoPart?: { penaltyMultiplier: RuleFigure }; single?: { penaltyYuanPerKw: RuleFigure } };
  const capacity: PenaltyRules['capacity'] =
    c.mode === 'per_kva'
      ? { mode: 'per_kva', penaltyYuanPerKva: c.penaltyYuanPerKva as RuleFigure, defaultMonths: c.defaultMonths }
      : c.mode === 'by_tariff_structure'
        ? { mode: 'by_tariff_structure', twoPart: c.twoPart!, single: c.single!, defaultMonths: c.defaultMonths }
        : { mode: 'basic_fee_multiple', penaltyMultiplier: c.penaltyMultiplier as RuleFigure, defaultMonths: c.defaultMonths };
  return { wrongTariff: rules.wrongTariff, theft: rules.theft, capacity };
}

/** POST /api/penalty-rule-sets body. */
export const toCreateBody = (v: PenaltyEditorValues) => ({ version: v.version?.trim(), source: v.source, effectiveFrom: v.effectiveFrom, rules: cleanRules(v.rules) });

/** PUT /api/penalty-rule-sets/:version body (the version is in the path; status and dates are not editable). */
export const toEditBody = (v: PenaltyEditorValues) => ({ source: v.source, effectiveFrom: v.effectiveFrom, rules: cleanRules(v.rules) });

/** A published set as the start of a new draft. */
export const draftFrom = (r: PenaltyRuleSetRecord, version: string, effectiveFrom: string): PenaltyEditorValues => ({
  version,
  source: r.source,
  effectiveFrom,
  rules: r.rules,
});
