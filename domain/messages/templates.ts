import { IMPORT_HEADER_MESSAGES } from '../importHeaders';
import { JUDGEMENT_REASON_MESSAGES } from './judgementReasons';
import { LEGACY_MESSAGES } from '../legacyTexts';
import { LIST_MESSAGES } from '../listTexts';
import { CASE_STEP_MESSAGES } from './caseSteps';
import { NOTIFICATION_MESSAGES } from './notifications';
import { PROBLEM_MESSAGES } from './problems';
import { REFUSAL_MESSAGES } from './refusals';
import { renderTemplate, type MessageLang, type MessageParams, type MessageTemplates } from './render';
import { SCORE_MESSAGES } from './scores';
import { VOCABULARY } from './vocabulary';

// Every message kept as a template, in one table: what `npm run gen:client` hands to the admin UI and the terminal
// app (client/messages.gen.ts). Import-light, so the case workflow can render its refusals' English from it.

export const MESSAGE_TEMPLATES: MessageTemplates = {
  ...VOCABULARY,
  ...CASE_STEP_MESSAGES,
  ...PROBLEM_MESSAGES,
  ...REFUSAL_MESSAGES,
  ...NOTIFICATION_MESSAGES,
  ...SCORE_MESSAGES,
  ...LIST_MESSAGES,
  ...LEGACY_MESSAGES,
  ...IMPORT_HEADER_MESSAGES,
  ...JUDGEMENT_REASON_MESSAGES,
};

export type TemplateCode =
  | keyof typeof VOCABULARY
  | keyof typeof CASE_STEP_MESSAGES
  | keyof typeof PROBLEM_MESSAGES
  | keyof typeof REFUSAL_MESSAGES
  | keyof typeof NOTIFICATION_MESSAGES
  | keyof typeof SCORE_MESSAGES
  | keyof typeof LIST_MESSAGES
  | keyof typeof LEGACY_MESSAGES
  | keyof typeof IMPORT_HEADER_MESSAGES
  | keyof typeof JUDGEMENT_REASON_MESSAGES;

export function renderTemplateMessage(code: TemplateCode, params: MessageParams, lang: MessageLang): string {
  return renderTemplate(MESSAGE_TEMPLATES, code, params, lang);
}
