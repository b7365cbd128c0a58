// The text rules the workflow's validators apply (zod `.trim().min(n).max(m)` in domain/inspectionCaseContract.ts),
// checked before a step is queued: a refusal found only when the outbox drains — after the inspector has left the
// customer — would cost a second visit. Also the characters the API refuses anywhere (domain/text.ts): NUL, a lone
// UTF-16 surrogate, C0 controls other than tab, LF and CR (a paste from another app can carry them).

export interface TextProblem {
  key: string;
  params?: Record<string, number>;
}

export function hasHostileChar(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return true;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** zod counts UTF-16 code units; so does this (an emoji counts 2, as the server sees it). */
export function checkText(value: string, o: { min: number; max: number; required: boolean }): TextProblem | null {
  const v = value.trim();
  if (!v) return o.required ? { key: 'form.required' } : null;
  if (hasHostileChar(v)) return { key: 'form.hostile' };
  if (v.length < o.min) return { key: 'form.tooShort', params: { min: o.min } };
  if (v.length > o.max) return { key: 'form.tooLong', params: { max: o.max } };
  return null;
}

/** 退回 (decline): a reason is required, 2–500 characters (DeclineInput). */
export const DECLINE_REASON = { min: 2, max: 500, required: true } as const;

export function validateDeclineReason(reason: string): TextProblem | null {
  return checkText(reason, DECLINE_REASON);
}
