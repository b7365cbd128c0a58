import type { Lang } from './text';
import type { ReasonParams, RuleKind } from './judgementRules';
import { renderReason } from './messages/render';
import { MESSAGE_TEMPLATES } from './messages/templates';

// The explanation of a flag: a reason code per rule kind and the figures the judgement computed (months compared,
// baseline, peer level …). The words are the message catalogue's (domain/messages/judgementReasons.ts), so the API,
// the case page, the customer 360 and the terminal (client/messages.gen.ts) say the same thing.

export const JUDGEMENT_REASON_CODES = {
  consumption_level: 'judgement.reason.consumption-level',
  consumption_drop: 'judgement.reason.consumption-drop',
  zero_consumption: 'judgement.reason.zero-consumption',
  capacity_exceeded: 'judgement.reason.capacity-exceeded',
  meter_events: 'judgement.reason.meter-events',
  consumption_trend: 'judgement.reason.consumption-trend',
  consumption_norm: 'judgement.reason.consumption-norm',
  zero_unexplained: 'judgement.reason.zero-unexplained',
  area_line_loss: 'judgement.reason.area-line-loss',
  zero_signals: 'judgement.reason.zero-signals',
} as const satisfies Record<RuleKind, string>;
export type JudgementReasonCode = (typeof JUDGEMENT_REASON_CODES)[RuleKind];

export const judgementReasonText = (code: JudgementReasonCode, lang: Lang, params: ReasonParams) => renderReason(MESSAGE_TEMPLATES, code, params, lang);
