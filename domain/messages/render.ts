// Messages as codes with parameters (#16): a stable code names the message, its parameters carry the figures and
// names it quotes, and each language has a template with `{param}` placeholders. This file holds only the rendering;
// it imports nothing, so `npm run gen:client` can hand the same rules to the admin UI and the terminal app
// (client/messages.ts renders client/messages.gen.ts the same way; tests/unit/messages.test.ts compares them).

export type MessageLang = 'zh-CN' | 'en';
export type MessageParams = Record<string, string | number | null>;
export type MessageTemplates = Record<string, Record<MessageLang, string>>;

/**
 * Parameters whose value is itself a code (a stage, a step, a role): rendered from the catalogue under the prefix,
 * a comma-separated list joined in the language's way. A workflow refusal names the stage `rectification`; the zh-CN
 * text reads 督办整改.
 */
export const PARAM_CODES: Record<string, { prefix: string; join: Join }> = {
  stage: { prefix: 'stage.', join: 'and' },
  stages: { prefix: 'stage.', join: 'or' },
  step: { prefix: 'step.', join: 'and' },
  busy: { prefix: 'busy.', join: 'and' },
  roles: { prefix: 'role.', join: 'and' },
  role: { prefix: 'role.', join: 'and' },
  pendingRole: { prefix: 'role.', join: 'and' },
  reasons: { prefix: '', join: 'and' },
  fromTariff: { prefix: 'tariff.', join: 'and' },
  toTariff: { prefix: 'tariff.', join: 'and' },
  outcome: { prefix: 'integrity.', join: 'and' },
  evidenceKind: { prefix: 'evidence-kind.', join: 'and' },
  contentKind: { prefix: 'content-kind.', join: 'and' },
  contentStatus: { prefix: 'content-status.', join: 'and' },
  contentStatuses: { prefix: 'content-status.', join: 'or' },
  contentAction: { prefix: 'content-action.', join: 'and' },
  ruleSetKind: { prefix: 'rule-set-kind.', join: 'and' },
  importKind: { prefix: 'import-kind.', join: 'and' },
  // the parts of an incomplete visit (case-step.shortfall.*), each filled from the same params
  shortfall: { prefix: 'case-step.shortfall.', join: 'list' },
};

type Join = 'and' | 'or' | 'list';
const JOIN: Record<MessageLang, Record<Join, string>> = {
  'zh-CN': { and: '、', or: '或', list: '；' },
  en: { and: ', ', or: ' or ', list: '; ' },
};

/**
 * A template with its `{param}`s filled; a code-valued param is rendered from the templates (filled from the same
 * params, one level deep), an absent one shows '—'.
 */
export function fillTemplate(templates: MessageTemplates, template: string, params: MessageParams, lang: MessageLang, depth = 0): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = params[key];
    if (v === undefined || v === null || v === '') return '—';
    const coded = PARAM_CODES[key];
    if (!coded || typeof v !== 'string' || depth > 0) return String(v);
    return v.split(',').map((one) => {
      const t = templates[coded.prefix + one];
      return t ? fillTemplate(templates, t[lang], params, lang, depth + 1) : one;
    }).join(JOIN[lang][coded.join]);
  });
}

/** The message in the language; an unknown code reads as the code itself (never an empty text). */
export function renderTemplate(templates: MessageTemplates, code: string, params: MessageParams, lang: MessageLang): string {
  const t = templates[code];
  return t ? fillTemplate(templates, t[lang], params, lang) : code;
}

/** The shares a judgement reason quotes (0.381), written "38.1%" in every language. */
const SHARE_PARAMS = ['ratio', 'peerRatio', 'utilisation', 'yearOverYear', 'lossRate'];

/**
 * How a judgement reason is worded when it is more than its own template: the templates in order, each with the
 * figure it needs (null: always). A zero with missing readings is the zero pattern's words, then its records.
 */
const REASON_WORDING: Record<string, [string, string | null][]> = {
  'judgement.reason.consumption-trend': [['judgement.reason.consumption-trend', null], ['judgement.reason-part.year-over-year', 'yearOverYear']],
  'judgement.reason.zero-unexplained': [['judgement.reason.zero-unexplained', null], ['judgement.reason-part.zero-peers', 'peerAvgKwh']],
  'judgement.reason.meter-events': [['judgement.reason.meter-events', null], ['judgement.reason-part.meter-work-orders', 'workOrderEvents']],
  'judgement.reason.area-line-loss': [['judgement.reason.area-line-loss', null], ['judgement.reason-part.area-peers', 'peerRatio']],
  'judgement.reason.zero-signals': [
    ['judgement.reason.zero-unexplained', null], ['judgement.reason-part.zero-peers', 'peerAvgKwh'], ['judgement.reason.zero-signals', null], ['judgement.reason-part.zero-outages', 'outageEvents'],
  ],
};

/** A judgement flag's reason (`judgement.reason.*`) in words, from its code and figures. */
export function renderReason(templates: MessageTemplates, code: string, params: MessageParams, lang: MessageLang): string {
  const p: MessageParams = { ...params };
  for (const k of SHARE_PARAMS) {
    const v = p[k];
    if (v !== undefined && v !== null && v !== '') p[k] = `${Math.round(Number(v) * 1000) / 10}%`;
  }
  const present = (k: string | null) => k === null || (p[k] !== undefined && p[k] !== null);
  return (REASON_WORDING[code] ?? [[code, null]]).filter(([, needs]) => present(needs)).map(([c]) => renderTemplate(templates, c, p, lang)).join('');
}
