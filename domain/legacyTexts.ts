import type { Lang } from './text';

// The refusals about imported cases (历史导入, #16 item 9): a code for the UIs' catalogues and a zh-CN / English text for
// the problem's detail. Kept free of zod so the admin UI's catalogue test can load it.

export const LEGACY_MESSAGES = {
  'case.imported': {
    'zh-CN': '该工单为历史导入的归档工单，没有流程，不能办理。',
    en: 'This case was imported from a previous system and is archived: it has no workflow, so no step can be taken.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
export type LegacyMessageCode = keyof typeof LEGACY_MESSAGES;
export const LEGACY_MESSAGE_CODES = Object.keys(LEGACY_MESSAGES) as LegacyMessageCode[];

export function legacyMessage(code: LegacyMessageCode, lang: Lang): string {
  return LEGACY_MESSAGES[code][lang];
}
