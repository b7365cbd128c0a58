import { describe, expect, it } from 'vitest';
import { customers } from '../../i18n/areas/customers';
import { content } from '../../i18n/areas/content';
import { translate } from '../../i18n';
import { CUSTOMER_STATUSES, METER_EVENT_KINDS, METERING_WORK_ORDER_KINDS, ORIGINS, STAGES, TARIFFS } from './customer360';
import { CATEGORIES, TOPICS } from '../content/content';

// Every text these pages ask for exists in Chinese and in English: a missing key would show the key itself to an
// inspector, a missing English text would show Chinese in the English UI.

// The pages' sources as text (Vite's glob import; the app's tsconfig has no Node types).
const files = import.meta.glob<string>(['./*.{ts,tsx}', '../content/*.{ts,tsx}', '../settings/*.{ts,tsx}', '!./*.test.ts', '!../content/*.test.ts'], {
  query: '?raw', import: 'default', eager: true,
});
const sources = Object.values(files);

const literalKeys = [...new Set(sources.flatMap((s) => [
  ...[...s.matchAll(/\bt\('((?:cust|content|problem)\.[^']+)'/g)].map((m) => m[1]!),
  ...[...s.matchAll(/key: '((?:cust|content)\.[^']+)'/g)].map((m) => m[1]!),
]))];

// Values the API sends as plain strings (domain/customerData.ts WORK_ORDER_KINDS, WORK_ORDER_STATUSES, PAYMENT_CHANNELS).
const WORK_ORDER_KINDS = ['new_connection', 'capacity_increase', 'capacity_reduction', 'tariff_change', 'temporary_power', 'suspension', 'disconnection', 'reconnection'];
const WORK_ORDER_STATUSES = ['accepted', 'surveyed', 'approved', 'constructed', 'connected', 'archived', 'cancelled'];
const PAY_CHANNELS = ['counter', 'bank', 'wechat', 'alipay', 'app', 'other'];

const enumKeys = [
  ...TARIFFS.map((v) => `cust.tariff.${v}`),
  ...CUSTOMER_STATUSES.map((v) => `cust.customerStatus.${v}`),
  ...METER_EVENT_KINDS.map((v) => `cust.meterEvent.${v}`),
  ...METERING_WORK_ORDER_KINDS.map((v) => `cust.meteringKind.${v}`),
  ...STAGES.map((v) => `cust.stage.${v}`),
  ...ORIGINS.map((v) => `cust.origin.${v}`),
  ...WORK_ORDER_KINDS.map((v) => `cust.workOrderKind.${v}`),
  ...WORK_ORDER_STATUSES.map((v) => `cust.workOrderStatus.${v}`),
  ...PAY_CHANNELS.map((v) => `cust.payChannel.${v}`),
  ...TOPICS.map((v) => `content.topic.${v}`),
  ...CATEGORIES.map((v) => `content.category.${v}`),
  ...['open', 'answered', 'closed'].map((v) => `content.consultStatus.${v}`),
  ...['open', 'in_progress', 'answered', 'closed'].map((v) => `content.fbStatus.${v}`),
  ...['regulation', 'notice'].map((v) => `content.kind.${v}`),
  ...['inspector', 'station_lead', 'supervisor', 'manager', 'admin'].map((v) => `content.role.${v}`),
];

describe('texts of the customer, content and settings pages', () => {
  it('finds the keys it checks (the scan works)', () => {
    expect(literalKeys.length).toBeGreaterThan(100);
    expect(literalKeys).toContain('cust.custom.start');
    expect(literalKeys).toContain('content.me.logoutPending');
  });

  it('has every key the pages use, in both languages', () => {
    const zh = { ...customers.zh, ...content.zh };
    const en = { ...customers.en, ...content.en };
    const missing = [...literalKeys, ...enumKeys].filter((k) => !(k in zh) || !(k in en));
    expect(missing).toEqual([]);
  });

  it('has the same keys in Chinese and English', () => {
    for (const area of [customers, content]) {
      expect(Object.keys(area.en).sort()).toEqual(Object.keys(area.zh).sort());
    }
  });

  it('has the same parameters in both languages', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const area of [customers, content]) {
      for (const [k, zh] of Object.entries(area.zh)) expect([k, params(area.en[k] ?? '')]).toEqual([k, params(zh)]);
    }
  });

  it('renders through the app catalogue in the chosen language', () => {
    expect(translate('zh-CN', 'cust.search.openCases', { n: 2 })).toBe('已有 2 个在办工单');
    expect(translate('en', 'cust.search.openCases', { n: 2 })).toBe('2 open case(s)');
  });
});
