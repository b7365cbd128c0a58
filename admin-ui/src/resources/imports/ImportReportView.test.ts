import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../../i18n/i18nProvider';
import { duplicateReason, rowErrorText } from './ImportReportView';

const d = (code: string | undefined, params: Record<string, string | number | null>, reason = 'server text') =>
  ({ line: 4, orderNo: 'JK1', reason, caseId: null, ...(code ? { code, params } : {}) }) as Parameters<typeof duplicateReason>[0];

describe('a duplicate work order\'s reason', () => {
  it('names the anomaly type in the UI\'s language, never its code', async () => {
    await i18nProvider.changeLocale('zh-CN');
    const t = i18nProvider.translate;
    expect(duplicateReason(d('import.duplicate.open-routine-case', { anomalyType: 'zero_consumption', anomalyTypeName: '零电量' }), t)).toBe('该用户已有未结束的“零电量”常态稽查工单');
    // a type the rules do not know: as the monitoring system wrote it
    expect(duplicateReason(d('import.duplicate.open-routine-case', { anomalyType: '线损异常', anomalyTypeName: '线损异常' }), t)).toBe('该用户已有未结束的“线损异常”常态稽查工单');
    expect(duplicateReason(d('import.duplicate.in-file', { line: 2 }), t)).toBe('与本文件第 2 行是同一工单');
    expect(duplicateReason(d('import.duplicate.open-case', { origin: 'custom', caseNo: 'JC-2026-000123' }), t)).toBe('该用户已有未结束的自定义稽查工单 JC-2026-000123');
    await i18nProvider.changeLocale('en');
    expect(duplicateReason(d('import.duplicate.open-routine-case', { anomalyType: 'zero_consumption', anomalyTypeName: '零电量' }), i18nProvider.translate)).toBe('The customer already has an open routine case for "Zero consumption"');
    await i18nProvider.changeLocale('zh-CN');
  });

  it('keeps the server\'s text for a report stored before the codes', () => {
    expect(duplicateReason(d(undefined, {}, 'this work order was imported before'), i18nProvider.translate)).toBe('this work order was imported before');
  });
});

describe('a rejected row\'s reason', () => {
  it('words an unknown value in the UI\'s language, naming the accepted Chinese values; other reasons as the server wrote them', async () => {
    const e = { field: 'channel', message: 'server text', code: 'import.value.unknown', params: { value: '云闪付', accepted: '微信/wechat、支付宝/alipay' } };
    await i18nProvider.changeLocale('zh-CN');
    expect(rowErrorText(e, i18nProvider.translate)).toBe('channel: 无法识别的取值“云闪付”；可填：微信/wechat、支付宝/alipay');
    await i18nProvider.changeLocale('en');
    expect(rowErrorText(e, i18nProvider.translate)).toBe('channel: Unknown value "云闪付"; accepted (Chinese name/code): 微信/wechat、支付宝/alipay');
    await i18nProvider.changeLocale('zh-CN');
    expect(rowErrorText({ field: 'account_no', message: 'no customer with this account number' }, i18nProvider.translate)).toBe('account_no: no customer with this account number');
  });
});
