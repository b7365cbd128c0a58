import { describe, expect, it } from 'vitest';
import { i18nProvider, getMessages } from '../../i18n/i18nProvider';
import { REASON_CODES, confidenceColor, formatConfidence, reasonLabel, reasonText } from './presenceModel';

const translate = (key: string, options?: Record<string, unknown>) => i18nProvider.translate(key, options);
const lookup = (messages: unknown, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);

describe('presence reasons in words', () => {
  it('every reason code has a short label and a sentence in zh-CN and in English, with the same figures', () => {
    for (const locale of ['zh-CN', 'en']) {
      const messages = getMessages(locale) as Record<string, unknown>;
      for (const code of REASON_CODES) {
        // codes hold dots: the catalogue nests them (evidence → exif-missing → short)
        expect(typeof lookup(messages, `presence.reasons.${code}.short`), `${locale} ${code}`).toBe('string');
        expect(typeof lookup(messages, `presence.reasons.${code}.text`), `${locale} ${code}`).toBe('string');
      }
    }
    const figures = (locale: string, code: string) => ((lookup(getMessages(locale), `presence.reasons.${code}.text`) as string).match(/%\{\w+\}/g) ?? []).sort();
    for (const code of REASON_CODES) expect(figures('en', code), code).toEqual(figures('zh-CN', code));
  });

  it('a sentence with its figures; times in Beijing time; a missing figure as "?"', () => {
    expect(reasonText({ code: 'checkin.outside', params: { distanceM: 2300, radiusM: 200 } }, translate)).toBe('签到位置距客户 2300 米，超出 200 米范围');
    expect(reasonText({ code: 'evidence.exif-time-mismatch', params: { exifAt: '2025-03-01T00:30:00Z', declaredAt: '2026-04-02T01:15:00Z', minutes: 569_325 } }, translate))
      .toBe('照片拍摄时间 2025/03/01 08:30 与申报时间 2026/04/02 09:15 相差 569325 分钟');
    expect(reasonText({ code: 'evidence.reused', params: {} }, translate)).toBe('照片与工单 ? 的照片完全相同');
    expect(reasonText({ code: 'checkin.none', params: {} }, translate)).toBe('没有现场签到');
  });

  it('short labels; an unknown code shows as itself, never as a raw key', () => {
    expect(reasonLabel('track.jump', translate)).toBe('轨迹跳变');
    expect(reasonLabel('evidence.made-up', translate)).toBe('evidence.made-up');
    expect(reasonText({ code: 'evidence.made-up' as never, params: {} }, translate)).toBe('未知原因（evidence.made-up）');
  });

  it('confidence as a percentage, red below 30 %, amber below 50 %', () => {
    expect(formatConfidence(0.0336)).toBe('3%');
    expect(formatConfidence(null)).toBe('—');
    expect([0.1, 0.4, 0.8, null].map(confidenceColor)).toEqual(['error', 'warning', 'default', 'default']);
  });
});
