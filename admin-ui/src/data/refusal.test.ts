import { describe, expect, it } from 'vitest';
import { problemKey, refusalText } from './refusal';
import { i18nProvider } from '../i18n/i18nProvider';
import { codedText } from '../i18n/codedMessages';
import { notificationBody } from '../layout/NotificationBell';

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

// The domain's message catalogue (#16), loaded at run time: a code there that this app cannot render (the generated
// client/messages.gen.ts is stale, or lacks a language) fails.
const CATALOGUE = new URL('../../../domain/messages/templates.ts', import.meta.url).pathname;
const { MESSAGE_TEMPLATES } = (await import(/* @vite-ignore */ CATALOGUE)) as { MESSAGE_TEMPLATES: Record<string, Record<string, string>> };

describe('messages as codes with params (#16)', () => {
  it('renders every code of the domain catalogue in zh-CN and in English, as the domain has it', () => {
    const codes = Object.keys(MESSAGE_TEMPLATES);
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) {
      for (const lang of ['zh-CN', 'en']) {
        const text = codedText(code, {}, lang);
        expect(text, `${lang} ${code}`).toBeTruthy();
        expect(text, `${lang} ${code}`).not.toBe(code);
        if (!/\{/.test(MESSAGE_TEMPLATES[code]![lang]!)) expect(text, `${lang} ${code}`).toBe(MESSAGE_TEMPLATES[code]![lang]);
      }
    }
  });

  it('a workflow refusal reads as one sentence in the user\'s language, without the English detail', () => {
    const error = Object.assign(new Error('inspector2 is not an inspector of station HB.XN.XA.WQ.'), {
      body: { code: 'case-step.not-station-inspector', params: { user: 'inspector2', station: 'HB.XN.XA.WQ' } },
    });
    expect(refusalText(error, i18nProvider.translate, 'zh-CN')).toEqual({ reason: 'inspector2 不是供电所 HB.XN.XA.WQ 的稽查员。', detail: '' });
    expect(refusalText(error, i18nProvider.translate, 'en').reason).toBe('inspector2 is not an inspector of station HB.XN.XA.WQ.');
    const stage = Object.assign(new Error('x'), { body: { code: 'case-step.wrong-stage', params: { step: 'dismiss', stage: 'closed', stages: 'field_evidence,rectification' } } });
    expect(refusalText(stage, i18nProvider.translate, 'zh-CN').reason).toBe('工单处于已办结阶段，不能撤销工单（需在现场取证或督办整改阶段）。');
  });

  it('a notification reads from its code and params; an old row without a code shows its stored body', () => {
    const reminder = { body: 'Deadline 2026-12-08 approaching for inspector2 (field_evidence)', code: 'notification.reminder', params: { deadlineAt: '2026-12-08', pending: 'inspector2', pendingRole: 'inspector', stage: 'field_evidence' } };
    expect(notificationBody(reminder, 'zh-CN')).toBe('现场取证期限 2026-12-08 即将到期，待办人：稽查员 inspector2');
    expect(notificationBody({ body: '旧通知', code: null, params: null }, 'zh-CN')).toBe('旧通知');
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
