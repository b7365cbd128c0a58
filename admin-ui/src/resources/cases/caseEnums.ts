import {
  BACK_OFFICE_ACTIONS,
  CASE_EVENT_TYPES,
  EVIDENCE_KINDS,
  PROBLEM_TYPES,
  RECTIFICATION_ACTION_KINDS,
} from '../../data/caseContract';

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

/** Translation key of one enum value, e.g. enumLabel('stage', 'closed'). */
export const enumLabel = (field: EnumField, value: string | number): string =>
  `resources.cases.enums.${field}.${value}`;

/** Live-state enums that have labels too (the messages test checks every value has one). */
export const CASE_ENUMS = {
  origin: CASE_ORIGINS,
  stage: CASE_STAGES,
  priority: CASE_PRIORITIES,
  problemType: PROBLEM_TYPES,
  eventType: CASE_EVENT_TYPES,
  escalationTier: [0, 1, 2, 3],
  evidenceKind: EVIDENCE_KINDS,
  rectificationAction: RECTIFICATION_ACTION_KINDS,
  findingsResult: ['confirmed', 'not_confirmed'],
  verifyOutcome: ['pass', 'reject'],
  scoreParty: ['inspector', 'station', 'county'],
  assignment: ['none', 'offered', 'accepted'],
  action: BACK_OFFICE_ACTIONS,
} as const;
export type EnumField = keyof typeof CASE_ENUMS;

/** Stages a case goes through when nothing ends it early, in order. */
export const MAIN_STAGE_PATH: readonly CaseStage[] = [
  'judgement',
  'field_evidence',
  'rectification',
  'verification',
  'assessment',
  'closed',
];
export const TERMINAL_STAGES: readonly CaseStage[] = ['closed', 'dismissed', 'cancelled'];
export const isTerminalStage = (stage: string): boolean =>
  (TERMINAL_STAGES as readonly string[]).includes(stage);

export const originChoices = choicesFor('origin', CASE_ORIGINS);
export const stageChoices = choicesFor('stage', CASE_STAGES);
export const priorityChoices = choicesFor('priority', CASE_PRIORITIES);
export const problemTypeChoices = choicesFor('problemType', PROBLEM_TYPES);
export const escalationTierChoices = choicesFor('escalationTier', ['1', '2', '3']);
