import { describe, expect, it } from 'vitest';
import { problemKey, refusalText } from './refusal';
import { i18nProvider } from '../i18n/i18nProvider';

// The server's money codes (#17, domain/penaltyTexts.ts), loaded at run time: a code added there and not here fails.
const DOMAIN = new URL('../../../domain/penaltyTexts.ts', import.meta.url).pathname;
const { MONEY_MESSAGE_CODES } = (await import(/* @vite-ignore */ DOMAIN)) as { MONEY_MESSAGE_CODES: string[] };

// The server's list codes (#19, domain/listTexts.ts).
const LISTS = new URL('../../../domain/listTexts.ts', import.meta.url).pathname;
const { LIST_MESSAGE_CODES } = (await import(/* @vite-ignore */ LISTS)) as { LIST_MESSAGE_CODES: string[] };

// The server's codes about imported cases (#16, domain/legacyTexts.ts).
const LEGACY = new URL('../../../domain/legacyTexts.ts', import.meta.url).pathname;
const { LEGACY_MESSAGE_CODES } = (await import(/* @vite-ignore */ LEGACY)) as { LEGACY_MESSAGE_CODES: string[] };

describe('refusals about imported cases (#16)', () => {
  it('every code has a text in zh-CN and in English', async () => {
    expect(LEGACY_MESSAGE_CODES).toContain('case.imported');
    for (const locale of ['zh-CN', 'en']) {
      await i18nProvider.changeLocale(locale);
      for (const code of LEGACY_MESSAGE_CODES) {
        expect(i18nProvider.translate(`app.problems.${problemKey(code, null)}`, { _: '' }), `${locale} ${code}`).not.toBe('');
      }
    }
  });
});

describe('refusals of list requests (#19)', () => {
  it('every list code of the server has a text in zh-CN and in English', async () => {
    expect(LIST_MESSAGE_CODES).toContain('list.bad-cursor');
    for (const locale of ['zh-CN', 'en']) {
      await i18nProvider.changeLocale(locale);
      for (const code of LIST_MESSAGE_CODES) {
        expect(i18nProvider.translate(`app.problems.${problemKey(code, null)}`, { _: '' }), `${locale} ${code}`).not.toBe('');
      }
    }
  });
});

describe('refusals of money steps (#17)', () => {
  it('every money code of the server has a text in zh-CN and in English', async () => {
    expect(MONEY_MESSAGE_CODES.length).toBeGreaterThan(10);
    for (const locale of ['zh-CN', 'en']) {
      await i18nProvider.changeLocale(locale);
      for (const code of MONEY_MESSAGE_CODES) {
        const key = `app.problems.${problemKey(code, null)}`;
        expect(i18nProvider.translate(key, { _: '' }), `${locale} ${code}`).not.toBe('');
      }
    }
  });

  it('a refused order shows the catalogue\'s reason beside the server\'s detail', async () => {
    await i18nProvider.changeLocale('zh-CN');
    const error = Object.assign(new Error('电价类别“banana”不在HB的电价目录中'), { body: { code: 'rectification.unknown-tariff' } });
    expect(refusalText(error, i18nProvider.translate)).toEqual({ reason: '电价类别不在本省电价目录中，请从电价目录中选择', detail: '电价类别“banana”不在HB的电价目录中' });
  });
});
