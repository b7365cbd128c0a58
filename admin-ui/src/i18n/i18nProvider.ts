import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import type { TranslationMessages } from 'ra-core';
import { raChineseMessages } from './raChineseMessages';
import { appMessagesZh } from './appMessagesZh';
import { appMessagesEn } from './appMessagesEn';

export const DEFAULT_LOCALE = 'zh-CN';

export const AVAILABLE_LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

export const messagesByLocale: Record<string, TranslationMessages> = {
  'zh-CN': { ...raChineseMessages, ...appMessagesZh },
  en: { ...englishMessages, ...appMessagesEn },
};

export const getMessages = (locale: string): TranslationMessages =>
  messagesByLocale[locale] ?? messagesByLocale[DEFAULT_LOCALE]!;

/** Chinese by default; the choice made in the app bar is kept by react-admin's store. */
export const i18nProvider = polyglotI18nProvider(getMessages, DEFAULT_LOCALE, AVAILABLE_LOCALES);
