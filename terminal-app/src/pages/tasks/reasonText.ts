import type { Params, T } from '../../i18n';

// A flag's explanation from its reason code and figures (#21 item 4): what the judgement compared (the months, the
// baseline, the peers, the area's loss), in the server's words; the texts are the `reason.*` keys of the catalogue.

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

/** 0.381 → "38.1%", as the server writes a share. */
const pct = (x: unknown) => `${Math.round(Number(x) * 1000) / 10}%`;

/** The explanation, or null when the reason has no code this app knows or no figures (judgements before #21). */
export function reasonText(r: { reasonCode?: string; params?: Record<string, number | string> }, t: T): string | null {
  if (!r.reasonCode || !r.params || !(REASON_CODES as readonly string[]).includes(r.reasonCode)) return null;
  const key = r.reasonCode.slice('judgement.reason.'.length);
  const p: Params = { ...r.params };
  for (const k of ['ratio', 'peerRatio', 'utilisation', 'yearOverYear', 'lossRate']) if (r.params[k] !== undefined) p[k] = pct(r.params[k]);
  if (key === 'area-line-loss' && r.params.suppliedKwh === undefined) p.suppliedKwh = '—';
  // zero_signals is a zero_unexplained flag with its missing readings and power-loss events after it (as the server words it)
  const base = key === 'zero-signals' ? 'zero-unexplained' : key;
  let text = t(`reason.${base}`, p);
  if (base === 'consumption-trend' && r.params.yearOverYear !== undefined) text += t('reason.consumption-trend-yoy', p);
  if (base === 'zero-unexplained' && r.params.peerAvgKwh !== undefined) text += t('reason.zero-unexplained-peers', p);
  if (key === 'zero-signals') text += t('reason.zero-signals', p);
  return text;
}
