/** Judgement and penalty rule sets as the API answers them (api/routes/judgementRuleSets.ts, penaltyRuleSets.ts). */
export const RULE_KINDS = ['consumption_level', 'consumption_drop', 'zero_consumption', 'capacity_exceeded', 'meter_events'] as const;
export const ANOMALY_TYPES = ['tariff_misuse', 'theft', 'zero_consumption', 'over_capacity', 'whitelist_large', 'meter_tamper'] as const;

export interface CheckItem { code: string; textZh: string; textEn: string }

export interface JudgementRule {
  code: string;
  kind: (typeof RULE_KINDS)[number];
  anomalyType: (typeof ANOMALY_TYPES)[number];
  weight: number;
  textZh: string;
  textEn: string;
  checkItems: CheckItem[];
  params: Record<string, unknown>;
}

export interface JudgementRuleSetDocument {
  version: string;
  source: string;
  priorityThresholds: { urgent: number; high: number; normal: number };
  campaignMinScore: number;
  rules: JudgementRule[];
}

export interface JudgementRuleSetRecord {
  id: string;
  version: string;
  status: 'draft' | 'published';
  createdBy: string;
  createdAt: string;
  publishedAt: string | null;
  /** China-calendar date a published version is in force from. */
  effectiveFrom: string | null;
  active: boolean;
  document: JudgementRuleSetDocument;
}

export interface PenaltyRules {
  wrongTariff: { penaltyMultiplier: number; defaultPeriodMonths: number };
  theft: { penaltyMultiplier: number; defaultDays: number; hoursPerDay: { power: number; lighting: number } };
  capacity:
    | { mode: 'basic_fee_multiple'; penaltyMultiplier: number; defaultMonths: number }
    | { mode: 'per_kva'; penaltyYuanPerKva: number; defaultMonths: number };
}

export interface PenaltyRuleSetRecord {
  id: string;
  version: string;
  source: string;
  effectiveFrom: string;
  status: 'draft' | 'published';
  rules: PenaltyRules;
  publishedAt: string | null;
  createdAt: string;
  active: boolean;
}

export type RuleSetKind = 'judgement' | 'penalty';
