import type { ZodObject } from 'zod';
import {
  canonicalKeys, fieldOfHeader, headerKey, IMPORT_HEADER_CODES, IMPORT_HEADER_KINDS, IMPORT_HEADERS, importHeaderText, resolveHeader,
} from '../../domain/importHeaders';
import { anomalyTypeCode, anomalyTypeName } from '../../domain/importValues';
import { ANOMALY_TYPES } from '../../domain/judgementRules';
import { RoutineWorkOrderRow } from '../../domain/customerData';
import { LegacyCaseRow } from '../../domain/legacyCases';
import { IMPORT_KINDS, IMPORT_KIND_NAMES } from '../../db/imports/importKinds';

const schemaOf = (kind: string) => (kind === 'routine-work-orders' ? RoutineWorkOrderRow : kind === 'legacy-cases' ? LegacyCaseRow : IMPORT_KINDS[kind as keyof typeof IMPORT_KINDS].schema) as unknown as ZodObject;
const WO_REQUIRED = ['order_no', 'account_no', 'anomaly_type', 'detected_on'];

test('every import kind has a header mapping, field for field of its row schema', () => {
  expect(new Set(IMPORT_HEADER_KINDS)).toEqual(new Set(['routine-work-orders', 'legacy-cases', ...IMPORT_KIND_NAMES]));
  for (const kind of IMPORT_HEADER_KINDS) {
    expect([kind, IMPORT_HEADERS[kind].map((s) => s.field)]).toEqual([kind, Object.keys(schemaOf(kind).shape)]);
  }
});

test('within a kind no header (English, Chinese or synonym) names two fields', () => {
  for (const kind of IMPORT_HEADER_KINDS) {
    const owner = new Map<string, string>();
    for (const s of IMPORT_HEADERS[kind]) {
      for (const h of [s.field, s.zh, ...(s.synonyms ?? [])]) {
        const k = headerKey(h);
        expect([kind, h, owner.get(k) ?? s.field]).toEqual([kind, h, s.field]);
        owner.set(k, s.field);
      }
    }
  }
});

test('the monitoring system\'s Chinese headers, the English ones and mixed synonyms give the same fields', () => {
  const fields = ['order_no', 'account_no', 'anomaly_type', 'detected_on', 'description'];
  expect(resolveHeader('routine-work-orders', ['工单编号', '户号', '异常类型', '发现日期', '问题描述'], WO_REQUIRED)).toEqual({ fields });
  expect(resolveHeader('routine-work-orders', fields, WO_REQUIRED)).toEqual({ fields });
  expect(resolveHeader('routine-work-orders', ['工单号', '用户编号', 'anomaly_type', '发现时间', '异常描述'], WO_REQUIRED)).toEqual({ fields });
  // in any order; the optional column may be left out
  expect(resolveHeader('routine-work-orders', ['发现日期', '用户编码', '异常类型', '工单编号'], WO_REQUIRED)).toEqual({ fields: ['detected_on', 'account_no', 'anomaly_type', 'order_no'] });
});

test('BOM, half- and full-width spaces, case, full-width letters, a required mark and a unit in brackets are tolerated', () => {
  expect(fieldOfHeader('routine-work-orders', '\ufeff工单编号')).toBe('order_no');
  expect(fieldOfHeader('routine-work-orders', '\u3000户 号\u3000')).toBe('account_no');
  expect(fieldOfHeader('routine-work-orders', ' Order_No ')).toBe('order_no');
  expect(fieldOfHeader('routine-work-orders', 'ｏｒｄｅｒ＿ｎｏ')).toBe('order_no');
  expect(fieldOfHeader('routine-work-orders', '*户号')).toBe('account_no');
  expect(fieldOfHeader('monthly-consumption', '结算电量（kWh）')).toBe('kwh');
  expect(fieldOfHeader('customers', '合同容量(千伏安)')).toBe('contract_capacity_kva');
  expect(fieldOfHeader('routine-work-orders', '电量')).toBeNull();
  // the same Chinese header means the kind's own field
  expect(fieldOfHeader('arrears', '实收金额')).toBe('amount_paid_yuan');
  expect(fieldOfHeader('payments', '实收金额')).toBe('amount_yuan');
});

test('unknown, repeated and missing columns are refused with codes and params', () => {
  const r = resolveHeader('routine-work-orders', ['工单编号', '户号', '户号 ', '稽查人员', '发现日期'], WO_REQUIRED);
  expect(r).toEqual({
    issues: [
      { code: 'import.header.duplicate', column: 3, header: '户号', field: 'account_no' },
      { code: 'import.header.unknown', column: 4, header: '稽查人员' },
      { code: 'import.header.missing', field: 'anomaly_type', zh: '异常类型' },
    ],
  });
  expect(importHeaderText('import.header.unknown', { column: 4, header: '稽查人员' }, 'zh-CN')).toBe('第 4 列表头“稽查人员”无法识别');
  expect(importHeaderText('import.header.missing', { field: 'anomaly_type', zh: '异常类型' }, 'en')).toBe('Missing required column anomaly_type (异常类型)');
});

test('every header code has a zh-CN and an English text', () => {
  expect(IMPORT_HEADER_CODES.sort()).toEqual(['import.header.duplicate', 'import.header.mismatch', 'import.header.missing', 'import.header.unknown']);
  for (const code of IMPORT_HEADER_CODES) {
    for (const lang of ['zh-CN', 'en'] as const) expect(importHeaderText(code, { column: 1, header: 'x', field: 'f', zh: '字段', kind: 'k', columns: 'c' }, lang)).toMatch(/\S/);
  }
});

test('JSON rows keyed by Chinese headers get the canonical keys; an ambiguous pair is left for the schema to refuse', () => {
  expect(canonicalKeys('routine-work-orders', { 工单编号: 'A1', 户号: '4210000002', account_x: 1 })).toEqual({ order_no: 'A1', account_no: '4210000002', account_x: 1 });
  expect(canonicalKeys('routine-work-orders', { 户号: '1', account_no: '2' })).toEqual({ 户号: '1', account_no: '2' });
});

test('anomaly types by their Chinese names: stored as codes, shown by name; other text kept as written', () => {
  expect(anomalyTypeCode('零电量')).toBe('zero_consumption');
  expect(anomalyTypeCode(' 窃电 ')).toBe('theft');
  expect(anomalyTypeCode('疑似窃电')).toBe('theft');
  expect(anomalyTypeCode('高价低接')).toBe('tariff_misuse');
  expect(anomalyTypeCode('zero_consumption')).toBe('zero_consumption');
  expect(anomalyTypeCode('线损异常')).toBe('线损异常');
  expect(anomalyTypeName('zero_consumption')).toBe('零电量');
  expect(anomalyTypeName('zero_consumption', 'en')).toBe('Zero consumption');
  expect(anomalyTypeName('线损异常')).toBe('线损异常');
  for (const code of ANOMALY_TYPES) expect(anomalyTypeName(code)).toMatch(/\p{Script=Han}/u);
});
