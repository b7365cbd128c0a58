import { JUDGEMENT_FIELD_CODES, judgementFieldText, type JudgementFieldCode } from '../judgementRuleTexts';
import { FORMULA_CODES, MONEY_MESSAGE_CODES, moneyMessage, penaltyFormulaText, type MoneyMessageCode } from '../penaltyTexts';
import { PRESENCE_REASON_CODES, presenceReasonText, type PresenceReasonCode } from '../presenceReasons';
import { HOSTILE_TEXT_CODE, hostileFieldCode, hostileTextDetail, type HostileKind } from '../text';
import { renderTemplate, type MessageLang, type MessageParams } from './render';
import { MESSAGE_TEMPLATES } from './templates';

// The domain's message catalogue (#16): every code the API, the workflow and the read model give a UI, with its
// zh-CN and English text. Most are templates (templates.ts); the older text modules that render with functions
// (money and formulas, presence reasons, judgement rule fields, hostile text) answer for their own codes here.
// tests/unit/messages.test.ts walks every code in both languages.

export { MESSAGE_TEMPLATES } from './templates';
export type { MessageLang, MessageParams } from './render';

type Renderer = (code: string, params: MessageParams, lang: MessageLang) => string;
const str = (p: MessageParams) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v ?? '—'])) as Record<string, string | number>;

const HOSTILE_KINDS: HostileKind[] = ['nul', 'lone-surrogate', 'control'];
const FUNCTION_MODULES: [readonly string[], Renderer][] = [
  [MONEY_MESSAGE_CODES, (c, p, l) => moneyMessage(c as MoneyMessageCode, str(p), l)],
  [FORMULA_CODES, (c, p, l) => penaltyFormulaText(c, str(p), l)],
  [PRESENCE_REASON_CODES, (c, p, l) => presenceReasonText({ code: c as PresenceReasonCode, params: str(p) }, l)],
  [JUDGEMENT_FIELD_CODES, (c, p, l) => judgementFieldText(c as JudgementFieldCode, l, typeof p.limit === 'number' ? { limit: p.limit } : {})],
  [[HOSTILE_TEXT_CODE], (_c, _p, l) => hostileTextDetail(l)],
  [HOSTILE_KINDS.map(hostileFieldCode), (c, _p, l) => (l === 'en' ? `contains a character text may not hold (${c})` : `含有不允许的字符（${c}）`)],
];
const RENDERERS = new Map<string, Renderer>();
for (const [codes, render] of FUNCTION_MODULES) for (const c of codes) RENDERERS.set(c, render);

/** Every code of the catalogue. */
export const MESSAGE_CODES: readonly string[] = [...Object.keys(MESSAGE_TEMPLATES), ...RENDERERS.keys()];

export function hasMessage(code: string): boolean {
  return code in MESSAGE_TEMPLATES || RENDERERS.has(code);
}

/** The message of a code in the language; an unknown code reads as itself. */
export function renderMessage(code: string, params: MessageParams = {}, lang: MessageLang = 'zh-CN'): string {
  const render = RENDERERS.get(code);
  return render ? render(code, params, lang) : renderTemplate(MESSAGE_TEMPLATES, code, params, lang);
}
