import { describe, expect, it } from 'vitest';
import englishMessages from 'ra-language-english';
import { raChineseMessages } from './raChineseMessages';
import { appMessagesEn } from './appMessagesEn';
import { appMessagesZh } from './appMessagesZh';
import { getMessages, i18nProvider } from './i18nProvider';
import { CASE_ENUMS, CASE_ORIGINS, CASE_PRIORITIES, CASE_STAGES, RECORDING_FAILED_CODES } from '../resources/cases/caseEnums';
import { ACTION_DIALOGS, DIALOG_FIELDS } from '../resources/cases/actions/caseActionModel';
import { ROLES } from '../auth/permissions';
import { CALENDAR_ERROR_CODES, errorKey } from '../resources/calendar/calendarModel';
import { PRICE_FORM_ERROR_CODES, priceErrorKey } from '../resources/tariffs/tariffModel';
import { MUST_CHECK_ERROR_CODES, errorKey as mustCheckErrorKey } from '../resources/mustCheckItems/mustCheckModel';

function keyPaths(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  it('zh-CN covers exactly the ra.* keys of ra-language-english', () => {
    expect(keyPaths(raChineseMessages).sort()).toEqual(keyPaths(englishMessages).sort());
  });

  it('zh-CN ra.* strings keep the same %{placeholders} as English', () => {
    const en = new Map(keyPaths(englishMessages).map((k) => [k, lookup(englishMessages, k)]));
    for (const key of keyPaths(raChineseMessages)) {
      const placeholders = (s: string) => (s.match(/%\{\w+\}/g) ?? []).sort();
      expect(placeholders(lookup(raChineseMessages, key)), key).toEqual(
        placeholders(en.get(key) ?? ''),
      );
    }
  });

  it('app messages have the same keys in both languages', () => {
    expect(keyPaths(appMessagesEn).sort()).toEqual(keyPaths(appMessagesZh).sort());
  });

  it('every enum value and role has a label', () => {
    const keys = new Set(keyPaths(appMessagesZh));
    for (const v of CASE_ORIGINS) expect(keys).toContain(`resources.cases.enums.origin.${v}`);
    for (const v of CASE_STAGES) expect(keys).toContain(`resources.cases.enums.stage.${v}`);
    for (const v of CASE_PRIORITIES) expect(keys).toContain(`resources.cases.enums.priority.${v}`);
    for (const r of ROLES) expect(keys).toContain(`app.roles.${r}`);
  });

  it('every live-state enum value has a label in both languages', () => {
    for (const messages of [appMessagesZh, appMessagesEn]) {
      const keys = new Set(keyPaths(messages));
      for (const [field, values] of Object.entries(CASE_ENUMS)) {
        for (const v of values) expect(keys, `${field}.${v}`).toContain(`resources.cases.enums.${field}.${v}`);
      }
    }
  });

  it('every recording-failure code has a message in both languages', () => {
    for (const messages of [appMessagesZh, appMessagesEn]) {
      const keys = new Set(keyPaths(messages));
      for (const code of RECORDING_FAILED_CODES) expect(keys, code).toContain(`resources.cases.recordingFailed.codes.${code}`);
    }
  });

  it('every working-day calendar error code has a text in both languages', () => {
    for (const messages of [appMessagesZh, appMessagesEn]) {
      const keys = new Set(keyPaths(messages));
      for (const code of CALENDAR_ERROR_CODES) expect(keys, code).toContain(errorKey(code));
    }
  });

  it('every tariff-form and must-check error code, and the API\'s tariff codes, have a text in both languages', () => {
    for (const messages of [appMessagesZh, appMessagesEn]) {
      const keys = new Set(keyPaths(messages));
      for (const code of [...PRICE_FORM_ERROR_CODES, 'tariff.price-exists', 'tariff.unknown-category']) expect(keys, code).toContain(priceErrorKey(code));
      for (const code of MUST_CHECK_ERROR_CODES) expect(keys, code).toContain(mustCheckErrorKey(code));
    }
  });

  it('every action dialog has a title, a button and labels for its fields', () => {
    const keys = new Set(keyPaths(appMessagesZh));
    for (const d of ACTION_DIALOGS) {
      expect(keys).toContain(`resources.cases.actionDialog.titles.${d}`);
      expect(keys).toContain(`resources.cases.actionDialog.buttons.${d}`);
      for (const f of DIALOG_FIELDS[d]) expect(keys).toContain(`resources.cases.actionDialog.fields.${f.name}`);
    }
  });

  it('names problem types, tiers and event types in Chinese', () => {
    expect(i18nProvider.translate('resources.cases.enums.problemType.wrong_tariff')).toBe('电价错误 / 改类');
    expect(i18nProvider.translate('resources.cases.enums.problemType.theft')).toBe('窃电');
    expect(i18nProvider.translate('resources.cases.enums.escalationTier.2')).toBe('二级督办');
    expect(i18nProvider.translate('resources.cases.enums.eventType.escalated')).toBe('升级督办');
    expect(i18nProvider.translate('resources.cases.enums.action.dismiss')).toBe('撤销');
  });

  it('app messages keep the same %{placeholders} in both languages', () => {
    const placeholders = (s: string) =>
      [...new Set(s.match(/%\{\w+\}/g) ?? [])].filter((p) => p !== '%{smart_count}').sort();
    for (const key of keyPaths(appMessagesZh)) {
      expect(placeholders(lookup(appMessagesEn, key)), key).toEqual(placeholders(lookup(appMessagesZh, key)));
    }
  });

  it('defaults to Simplified Chinese and offers English', () => {
    expect(i18nProvider.getLocale()).toBe('zh-CN');
    expect(i18nProvider.translate('resources.cases.enums.stage.judgement')).toBe('系统初判');
    expect(i18nProvider.translate('app.title')).toBe('智能稽查');
    expect(i18nProvider.getLocales?.().map((l) => l.locale)).toEqual(['zh-CN', 'en']);
    expect(lookup(getMessages('en'), 'resources.cases.enums.stage.judgement')).toBe(
      'Initial judgement',
    );
    expect(lookup(getMessages('fr'), 'app.title')).toBe('智能稽查');
  });
});

function lookup(obj: unknown, path: string): string {
  const value = path
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
  return typeof value === 'string' ? value : '';
}
