import { judgementReasonText } from '../../../../client/messages.gen';

// A flag's explanation in words from its reason code and figures (#21 item 4): the domain catalogue's words
// (domain/messages/judgementReasons.ts through client/messages.gen.ts), the same as the API's and the terminal's.

export type ReasonParams = Record<string, number | string>;

/** 0.381 → "38.1%", as the server words a share (not the locale's percent format: the same digits everywhere). */
export const pct = (x: unknown) => `${Math.round(Number(x) * 1000) / 10}%`;

/** The explanation of a reason in the language, or null when it carries no code the catalogue knows (judgements recorded before #21). */
export function explainReason(r: { reasonCode?: string; params?: ReasonParams }, lang: string): string | null {
  if (!r.reasonCode || !r.params) return null;
  return judgementReasonText(r.reasonCode, r.params, lang === 'en' ? 'en' : 'zh-CN');
}
