import type { ZodObject } from 'zod';
import {
  acceptedValues, IMPORT_VALUE_CODES, IMPORT_VALUE_COLUMNS, IMPORT_VALUE_SETS, importValueText, namedValues, valueCode, valueList, valueName, VALUE_SET_NAMES,
} from '../../domain/importValues';
import { headerKey, IMPORT_HEADER_KINDS, IMPORT_HEADERS } from '../../domain/importHeaders';
import { RoutineWorkOrderRow } from '../../domain/customerData';
import { LegacyCaseRow } from '../../domain/legacyCases';
import { IMPORT_KINDS } from '../../db/imports/importKinds';
import { validateRows } from '../../db/imports/importRows';

const schemaOf = (kind: string) => (kind === 'routine-work-orders' ? RoutineWorkOrderRow : kind === 'legacy-cases' ? LegacyCaseRow : IMPORT_KINDS[kind as keyof typeof IMPORT_KINDS].schema) as unknown as ZodObject;

test('every enum column of every import kind has a value set naming exactly the schema\'s values', () => {
  let enums = 0;
  for (const kind of IMPORT_HEADER_KINDS) {
    const shape = schemaOf(kind).shape;
    for (const field of Object.keys(shape)) {
      const js = JSON.stringify(shape[field].toJSONSchema?.({ io: 'input', unrepresentable: 'any' }) ?? {});
      const options = /"enum":\[([^\]]*)\]/.exec(js)?.[1];
      const column = IMPORT_VALUE_COLUMNS[kind][field];
      if (!options) continue;
      enums += 1;
      expect([kind, field, column?.set !== undefined]).toEqual([kind, field, true]);
      expect(JSON.parse(`[${options}]`).sort()).toEqual(Object.keys(IMPORT_VALUE_SETS[column!.set]).sort());
    }
    for (const field of Object.keys(IMPORT_VALUE_COLUMNS[kind])) expect(IMPORT_HEADERS[kind].map((s) => s.field)).toContain(field);
  }
  // tariff category ×2, customer status, payment channel, work-order kind and status, meter-event kind, org level, area type;
  // a legacy case's origin, problem type and outcome; a metering work order's kind and status
  expect(enums).toBe(14);
});

test('within a set no name (code, Chinese, English, synonym) names two values', () => {
  for (const set of VALUE_SET_NAMES) {
    const owner = new Map<string, string>();
    for (const [code, v] of Object.entries(IMPORT_VALUE_SETS[set])) {
      for (const name of [code, v.zh, v.en, ...v.synonyms]) {
        expect([set, name, owner.get(headerKey(name)) ?? code]).toEqual([set, name, code]);
        owner.set(headerKey(name), code);
      }
      expect(v.zh).toMatch(/\p{Script=Han}/u);
    }
  }
});

test('a value by its code, Chinese name, English name or synonym; full-width forms and spaces of any width tolerated', () => {
  expect(valueCode('tariffCategory', '居民生活用电')).toBe('residential');
  expect(valueCode('tariffCategory', '\u3000居民生活用电 ')).toBe('residential');
  expect(valueCode('tariffCategory', '一般工商业用电(商业)')).toBe('commercial');
  expect(valueCode('tariffCategory', '一般工商业用电（工业）')).toBe('general_industrial');
  expect(valueCode('tariffCategory', '大工业')).toBe('large_industrial');
  expect(valueCode('tariffCategory', 'Residential')).toBe('residential');
  expect(valueCode('tariffCategory', 'ｒｅｓｉｄｅｎｔｉａｌ')).toBe('residential');
  expect(valueCode('tariffCategory', '一般工商业')).toBeNull(); // both commercial and industrial: not guessed
  expect(valueCode('paymentChannel', '微信')).toBe('wechat');
  expect(valueCode('paymentChannel', '银行代扣')).toBe('bank');
  expect(valueCode('workOrderKind', '增容')).toBe('capacity_increase');
  expect(valueCode('workOrderStatus', '已归档')).toBe('archived');
  expect(valueCode('workOrderStatus', '归档')).toBe('archived');
  expect(valueCode('meterEventKind', '开盖')).toBe('cover_open');
  expect(valueCode('meterEventKind', '失压 / 断电')).toBe('power_loss');
  expect(valueCode('customerStatus', '销户')).toBe('closed');
  expect(valueCode('workOrderKind', '销户')).toBe('disconnection'); // the same word, the column's own value
  expect(valueCode('orgLevel', '供电所')).toBe('station');
  expect(valueCode('anomalyType', '窃电')).toBe('theft');
  expect(valueName('paymentChannel', 'wechat')).toBe('微信');
  expect(valueName('paymentChannel', 'wechat', 'en')).toBe('WeChat');
  expect(valueList('customerStatus').map((v) => v.code)).toEqual(['active', 'suspended', 'closed']);
});

test('a row\'s coded cells become codes; an unknown cell of a closed column is reported with the accepted values; open columns keep other text', () => {
  expect(namedValues('work-orders', { order_no: 'Y1', kind: '增容', status: ' 已归档 ', note: '增容' })).toEqual({
    values: { order_no: 'Y1', kind: 'capacity_increase', status: 'archived', note: '增容' }, unknown: [],
  });
  expect(namedValues('customers', { tariff_category: '居民', status: '' })).toEqual({ values: { tariff_category: 'residential', status: '' }, unknown: [] });
  const r = namedValues('payments', { channel: '云闪付' });
  expect(r.unknown).toEqual([{ field: 'channel', code: 'import.value.unknown', params: { value: '云闪付', accepted: acceptedValues('paymentChannel') } }]);
  expect(acceptedValues('paymentChannel')).toBe('营业厅/counter、银行代收/bank、微信/wechat、支付宝/alipay、网上国网/app、其他/other');
  expect(namedValues('routine-work-orders', { anomaly_type: ' 线损异常 ' })).toEqual({ values: { anomaly_type: '线损异常' }, unknown: [] });
});

test('every value code has a zh-CN and an English text naming the accepted values', () => {
  expect(IMPORT_VALUE_CODES).toEqual(['import.value.unknown']);
  const p = { value: '云闪付', accepted: acceptedValues('paymentChannel') };
  expect(importValueText('import.value.unknown', p, 'zh-CN')).toBe(`无法识别的取值“云闪付”；可填：${p.accepted}`);
  expect(importValueText('import.value.unknown', p, 'en')).toContain('微信/wechat');
});

test('row validation: Chinese values pass as codes; an unknown one is one coded reason (not also the schema\'s)', () => {
  const { valid, rejected } = validateRows(IMPORT_KINDS['work-orders'], [
    { line: 2, values: { order_no: 'Y1', account_no: '4210000001', kind: '新装', status: '已送电', applied_on: '2026-03-01' } },
    { line: 3, values: { order_no: 'Y2', account_no: '4210000001', kind: '迁址', status: '已归档', applied_on: '2026-3-1' } },
  ], { name: 'work-orders', lang: 'zh-CN' });
  expect(valid.map((v) => [v.row.kind, v.row.status])).toEqual([['new_connection', 'connected']]);
  expect(rejected).toEqual([{
    line: 3,
    errors: [
      { field: 'kind', code: 'import.value.unknown', params: { value: '迁址', accepted: acceptedValues('workOrderKind') }, message: `无法识别的取值“迁址”；可填：${acceptedValues('workOrderKind')}` },
      { field: 'applied_on', message: 'must be a date YYYY-MM-DD' },
    ],
  }]);
});
