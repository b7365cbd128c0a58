import { judgementReasonText } from '../../../../client/messages.gen';
import type { Lang } from '../../i18n';

// A flag's explanation (#21 item 4): what the judgement compared (the months, the baseline, the peers, the area's
// loss) in the domain catalogue's words (client/messages.gen.ts), the same as the back office's and the API's.

/** The explanation in the language, or null when the reason has no code the catalogue knows or no figures (judgements before #21). */
export function reasonText(r: { reasonCode?: string; params?: Record<string, number | string> }, lang: Lang): string | null {
  if (!r.reasonCode || !r.params) return null;
  return judgementReasonText(r.reasonCode, r.params, lang === 'en' ? 'en' : 'zh-CN');
}
