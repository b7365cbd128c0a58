// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { ImportHeaderTable } from './ImportHeaderTable';
import { headerProblemKey, templateCsv, templateFileName, type ImportHeaderTable as Table } from './importHeaders';
import { i18nProvider } from '../../i18n/i18nProvider';

const downloads = vi.hoisted(() => [] as { csv: string; name: string }[]);
vi.mock('react-admin', async (original) => ({
  ...(await original<typeof import('react-admin')>()),
  downloadCSV: (csv: string, name: string) => downloads.push({ csv, name }),
}));

const TABLE: Table = {
  kinds: [
    {
      kind: 'routine-work-orders',
      columns: [
        { field: 'order_no', zh: '工单编号', synonyms: ['工单号'], required: true, type: 'string', example: 'JK20260402-0001', description: '' },
        { field: 'account_no', zh: '户号', synonyms: ['用户编号', 'acct'], required: true, type: 'string', example: '4210000002', description: '' },
        { field: 'description', zh: '问题描述', synonyms: [], required: false, type: 'string', example: '连续三个月零电量, 两次', description: '' },
      ],
    },
    {
      kind: 'payments',
      columns: [
        { field: 'payment_no', zh: '缴费流水号', synonyms: [], required: true, type: 'string', example: 'P1', description: '' },
        {
          field: 'channel', zh: '缴费渠道', synonyms: [], required: true, type: 'string', example: 'wechat', description: '',
          values: [{ code: 'counter', zh: '营业厅', en: 'Counter', synonyms: [] }, { code: 'wechat', zh: '微信', en: 'WeChat', synonyms: ['微信支付'] }],
        },
      ],
    },
  ],
  anomalyTypes: [{ code: 'zero_consumption', zh: '零电量', en: 'Zero consumption', synonyms: [] }],
};

describe('import templates', () => {
  it('write the headers in the chosen language and an example row, UTF-8 with a BOM for Excel', () => {
    const columns = TABLE.kinds[0]!.columns;
    expect(templateCsv(columns, 'zh')).toBe('\uFEFF工单编号,户号,问题描述\r\nJK20260402-0001,4210000002,"连续三个月零电量, 两次"\r\n');
    expect(templateCsv(columns, 'en')).toBe('\uFEFForder_no,account_no,description\r\nJK20260402-0001,4210000002,"连续三个月零电量, 两次"\r\n');
    expect(templateFileName('routine-work-orders', 'zh')).toBe('routine-work-orders-中文表头-template');
    // a coded column's example by its Chinese name in the Chinese template
    expect(templateCsv(TABLE.kinds[1]!.columns, 'zh')).toBe('\uFEFF缴费流水号,缴费渠道\r\nP1,微信\r\n');
    expect(templateCsv(TABLE.kinds[1]!.columns, 'en')).toBe('\uFEFFpayment_no,channel\r\nP1,wechat\r\n');
  });

  it('word every header code of the server in zh-CN and English', async () => {
    for (const locale of ['zh-CN', 'en']) {
      await i18nProvider.changeLocale(locale);
      for (const code of ['import.header.mismatch', 'import.header.unknown', 'import.header.duplicate', 'import.header.missing']) {
        expect(i18nProvider.translate(headerProblemKey(code)!, { _: '', column: 3, header: 'x', field: 'f', zh: '字段' }), `${locale} ${code}`).not.toBe('');
      }
    }
    await i18nProvider.changeLocale('zh-CN');
    expect(headerProblemKey('penalty.no-rule-set')).toBeNull();
  });
});

describe('<ImportHeaderTable>', () => {
  it('shows the kind\'s columns: field, Chinese headers, English header, required, example; and downloads both templates', async () => {
    const callApi = vi.fn(async () => ({ data: TABLE, response: new Response() }));
    renderWithAdmin(<ImportHeaderTable kind="routine-work-orders" />, { dataProvider: { callApi } as never, roles: ['manager'] });
    const row = await screen.findByTestId('import-header-account_no');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['户号', '户号、用户编号', 'account_no', '必填', '4210000002', '—']);
    expect(within(screen.getByTestId('import-header-description')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['问题描述', '问题描述', 'description', '—', '连续三个月零电量, 两次', '—']);
    expect(screen.getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['字段', '中文表头', 'English header', '必填', '示例', '可填值（中文名或代码）']);
    expect(screen.queryByTestId('import-header-payment_no')).toBeNull();
    expect(callApi).toHaveBeenCalledWith('get', '/api/imports/headers', {});

    downloads.length = 0;
    fireEvent.click(screen.getByTestId('template-zh'));
    fireEvent.click(screen.getByTestId('template-en'));
    expect(downloads.map((d) => d.name)).toEqual(['routine-work-orders-中文表头-template', 'routine-work-orders-english-headers-template']);
    expect(downloads[0]!.csv.split('\r\n')[0]).toBe('\uFEFF工单编号,户号,问题描述');
    expect(downloads[1]!.csv.split('\r\n')[0]).toBe('\uFEFForder_no,account_no,description');
  });

  it('lists what a coded column accepts: Chinese name and code', async () => {
    const callApi = vi.fn(async () => ({ data: TABLE, response: new Response() }));
    renderWithAdmin(<ImportHeaderTable kind="payments" />, { dataProvider: { callApi } as never, roles: ['manager'] });
    const row = await screen.findByTestId('import-header-channel');
    expect(within(row).getAllByRole('cell').map((c) => c.textContent).at(-1)).toBe('营业厅（counter）、微信（wechat）');
  });
});
