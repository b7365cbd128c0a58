import type { Lang } from './text';

// The refusals of a list request (#19): a code for the UIs' catalogues and a zh-CN / English text for the problem's
// detail. Kept free of zod so the admin UI's catalogue test can load it.

export const LIST_MESSAGES = {
  'list.bad-cursor': {
    'zh-CN': '翻页位置无效（可能已损坏或不属于当前排序），请从第一页重新查询。',
    en: 'The page cursor is invalid (damaged, or made for another sort order); start again from the first page.',
  },
  'list.cursor-with-range': {
    'zh-CN': '翻页位置（cursor）与行范围（range）不能同时使用。',
    en: 'A page cursor and a row range cannot be used together.',
  },
} as const satisfies Record<string, Record<Lang, string>>;
export type ListMessageCode = keyof typeof LIST_MESSAGES;
export const LIST_MESSAGE_CODES = Object.keys(LIST_MESSAGES) as ListMessageCode[];

export function listMessage(code: ListMessageCode, lang: Lang): string {
  return LIST_MESSAGES[code][lang];
}
