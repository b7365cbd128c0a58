/** Server enum values of a case; labels live in i18n under resources.cases.enums.<field>.<value>. */
export const CASE_ORIGINS = ['routine', 'special', 'custom'] as const;
export const CASE_STAGES = [
  'judgement',
  'field_evidence',
  'rectification',
  'verification',
  'assessment',
  'closed',
  'dismissed',
  'cancelled',
] as const;
export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export type CaseOrigin = (typeof CASE_ORIGINS)[number];
export type CaseStage = (typeof CASE_STAGES)[number];
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export interface Choice {
  id: string;
  name: string;
}

/** react-admin choices whose `name` is a translation key (Select* translate choices). */
const choicesFor = (field: string, values: readonly string[]): Choice[] =>
  values.map((id) => ({ id, name: `resources.cases.enums.${field}.${id}` }));

export const originChoices = choicesFor('origin', CASE_ORIGINS);
export const stageChoices = choicesFor('stage', CASE_STAGES);
export const priorityChoices = choicesFor('priority', CASE_PRIORITIES);
