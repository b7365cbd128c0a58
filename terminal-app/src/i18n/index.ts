import { createContext, useContext } from 'react';
import { areas } from './areas';
import { renderMessage } from '../../../client/messages.gen';

// Simplified Chinese first, English second. Each area of the app keeps its texts in its own file under areas/
// ({ zh, en } with the same keys); a missing English text falls back to the Chinese one, a missing key shows the key.
export type Lang = 'zh-CN' | 'en';
export type Params = Record<string, string | number>;

const LANG_KEY = 'jicha.terminal.lang';

const zh: Record<string, string> = {};
const en: Record<string, string> = {};
for (const a of areas) {
  Object.assign(zh, a.zh);
  Object.assign(en, a.en);
}

export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * Keys of the domain's message catalogue (client/messages.gen.ts, #16): `msg:<code>` renders the code with its params,
 * the same words as the API's detail, without a copy in this app's areas.
 */
export const MESSAGE_KEY = 'msg:';

export function translate(lang: Lang, key: string, params?: Params): string {
  if (key.startsWith(MESSAGE_KEY)) return renderMessage(key.slice(MESSAGE_KEY.length), params ?? {}, lang);
  const text = (lang === 'en' ? en[key] : undefined) ?? zh[key] ?? key;
  return interpolate(text, params);
}

export function hasText(key: string): boolean {
  return key in zh;
}

export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts this session */
  }
}

export type T = (key: string, params?: Params) => string;

export interface I18n {
  lang: Lang;
  t: T;
  setLang: (lang: Lang) => void;
}

export const I18nContext = createContext<I18n>({ lang: 'zh-CN', t: (k, p) => translate('zh-CN', k, p), setLang: () => undefined });

export const useI18n = (): I18n => useContext(I18nContext);
