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
];

export interface PenaltyEditorValues {
  version?: string;
  source: string;
  effectiveFrom: string;
  rules: PenaltyRules;
}

/** Only the fields the API takes: the capacity rule keeps the parameters of its mode. */
function cleanRules(rules: PenaltyRules): PenaltyRules {
  const c = rules.capacity as PenaltyRules['capacity'] & { penaltyMultiplier?: number; penaltyYuanPerKva?: number };
  const capacity: PenaltyRules['capacity'] =
    c.mode === 'per_kva'
      ? { mode: 'per_kva', penaltyYuanPerKva: c.penaltyYuanPerKva as number, defaultMonths: c.defaultMonths }
      : { mode: 'basic_fee_multiple', penaltyMultiplier: c.penaltyMultiplier as number, defaultMonths: c.defaultMonths };
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
