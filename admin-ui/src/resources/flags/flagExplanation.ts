// A flag's explanation in words from its reason code and figures (#21 item 4), the same words as the server's
// domain/judgementReasonTexts.ts (flagExplanation.test.ts compares them code by code): the texts live in the i18n
// catalogues (flags.reason.*), this module only picks the key and formats the figures the way the server does.

type Translate = (key: string, options?: Record<string, unknown>) => string;
export type ReasonParams = Record<string, number | string>;

/** The server's explanation codes (domain/judgementReasonTexts.ts JUDGEMENT_REASON_CODES) → catalogue keys. */
export const REASON_CODES = [
  'judgement.reason.consumption-level',
  'judgement.reason.consumption-drop',
  'judgement.reason.zero-consumption',
  'judgement.reason.capacity-exceeded',
  'judgement.reason.meter-events',
  'judgement.reason.consumption-trend',
  'judgement.reason.consumption-norm',
  'judgement.reason.zero-unexplained',
  'judgement.reason.area-line-loss',
  'judgement.reason.zero-signals',
] as const;

/** 0.381 → "38.1%", as the server words a share (not the locale's percent format: the same digits everywhere). */
export const pct = (x: unknown) => `${Math.round(Number(x) * 1000) / 10}%`;

/** The figures with the shares written as the server writes them; missing optional figures as "—". */
function figures(code: string, p: ReasonParams): Record<string, unknown> {
  const out: Record<string, unknown> = { ...p };
  for (const k of ['ratio', 'peerRatio', 'utilisation', 'yearOverYear', 'lossRate']) if (p[k] !== undefined) out[k] = pct(p[k]);
  if (code === 'judgement.reason.area-line-loss' && p.suppliedKwh === undefined) out.suppliedKwh = '—';
  return out;
}

/** The explanation of a reason, or null when it carries no code the catalogue knows (judgements recorded before #21). */
export function explainReason(r: { reasonCode?: string; params?: ReasonParams }, translate: Translate): string | null {
  if (!r.reasonCode || !r.params || !(REASON_CODES as readonly string[]).includes(r.reasonCode)) return null;
  const key = r.reasonCode.slice('judgement.reason.'.length);
  const p = figures(r.reasonCode, r.params);
  // zero_signals is a zero_unexplained flag with its missing readings and power-loss events after it (as the server words it)
  const base = key === 'zero-signals' ? 'zero-unexplained' : key;
  let text = translate(`flags.reason.${base}`, p);
  if (base === 'consumption-trend' && r.params.yearOverYear !== undefined) text += translate('flags.reason.consumption-trend-yoy', p);
  if (base === 'zero-unexplained' && r.params.peerAvgKwh !== undefined) text += translate('flags.reason.zero-unexplained-peers', p);
  if (key === 'zero-signals') text += translate('flags.reason.zero-signals', p);
  return text;
}
