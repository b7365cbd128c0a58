/** Pick the Chinese or English text of a bilingual item by the UI language. */
export const localizedText = (item: { textZh: string; textEn: string }, locale: string): string =>
  locale.startsWith('zh') ? item.textZh : item.textEn || item.textZh;
