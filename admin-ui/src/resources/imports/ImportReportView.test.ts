import { describe, expect, it } from 'vitest';
import { i18nProvider } from '../../i18n/i18nProvider';
import { duplicateReason, omittedLines, rejectedCount, rowErrorText } from './ImportReportView';

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

describe('the rejected rows a bounded report does not list', () => {
  const report = {
    importId: '00000000-0000-4000-8000-000000000001', kind: 'customers', rows: 5002, inserted: 2, updated: 0, unchanged: 0,
    rejected: [{ line: 2, errors: [{ field: 'account_no', message: 'must be a 10-digit account number (户号)' }] }],
    rejectedRows: 5000,
    rejectedOmitted: { rows: 4999, byCode: { 'import.row.rejected': 2549, 'import.value.unknown': 4900, 'text.some-new-code': 1 }, byField: { account_no: 2549, tariff_category: 2450 } },
  } as Parameters<typeof omittedLines>[0];

  it('counts them per reason ("另有 N 条同类错误") and per field, in the UI\'s language', async () => {
    await i18nProvider.changeLocale('zh-CN');
    expect(rejectedCount(report)).toBe(5000);
    expect(omittedLines(report, i18nProvider.translate, 'zh-CN')).toEqual([
      '以上列出前 1 行；另有 4999 行拒收未逐条列出，按原因计数：',
      '无法识别的取值：另有 4900 条同类错误',
      '其他原因（格式、校验或引用不符）：另有 2549 条同类错误',
      'text.some-new-code：另有 1 条同类错误', // a code neither catalogue words: the code itself
      '按字段：account_no 2549 · tariff_category 2450',
    ]);
    await i18nProvider.changeLocale('en');
    expect(omittedLines(report, i18nProvider.translate, 'en')[1]).toBe('Unknown value: 4900 more errors of this kind');
    await i18nProvider.changeLocale('zh-CN');
  });

  it('says nothing for a report that lists every rejected row, and counts an old stored report by its list', () => {
    const old = { ...report, rejectedRows: undefined, rejectedOmitted: undefined } as Parameters<typeof omittedLines>[0];
    expect(omittedLines(old, i18nProvider.translate, 'zh-CN')).toEqual([]);
    expect(rejectedCount(old)).toBe(1);
  });
});
