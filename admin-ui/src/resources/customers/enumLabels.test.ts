import { describe, expect, it } from 'vitest';
import { getMessages } from '../../i18n/i18nProvider';
import { CUSTOMER_STATUSES, METER_EVENT_KINDS, METERING_WORK_ORDER_KINDS, PAYMENT_CHANNELS, TARIFF_CATEGORIES, WORK_ORDER_KINDS, WORK_ORDER_STATUSES } from './customerModel';
import { CAMPAIGN_STATUSES } from '../campaigns/campaignProgressModel';
import { IMPORT_KINDS } from '../imports/importKinds';
import { ANOMALY_TYPES, RULE_KINDS } from '../rules/judgementEditorModel';

const lookup = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);

/** Every server enum value of these pages, as the translation key that labels it. */
const KEYS = [
  ...TARIFF_CATEGORIES.map((v) => `resources.customers.enums.tariffCategory.${v}`),
  ...CUSTOMER_STATUSES.map((v) => `resources.customers.enums.status.${v}`),
  ...METER_EVENT_KINDS.map((v) => `resources.customers.enums.meterEventKind.${v}`),
  ...METERING_WORK_ORDER_KINDS.map((v) => `resources.customers.enums.meteringWorkOrderKind.${v}`),
  ...PAYMENT_CHANNELS.map((v) => `resources.customers.enums.paymentChannel.${v}`),
  ...WORK_ORDER_KINDS.map((v) => `resources.customers.enums.workOrderKind.${v}`),
  ...WORK_ORDER_STATUSES.map((v) => `resources.customers.enums.workOrderStatus.${v}`),
  ...CAMPAIGN_STATUSES.map((v) => `resources.campaigns.enums.status.${v}`),
  ...IMPORT_KINDS.flatMap((v) => [`resources.imports.enums.kind.${v}`, `resources.imports.help.${v}`]),
  ...RULE_KINDS.map((v) => `resources.judgement-rule-sets.enums.kind.${v}`),
  ...ANOMALY_TYPES.map((v) => `resources.judgement-rule-sets.enums.anomalyType.${v}`),
];

describe('labels of the customer, campaign, import and rule enums', () => {
  it.each(['zh-CN', 'en'])('every value has a non-empty label in %s', (locale) => {
    const messages = getMessages(locale);
    const missing = KEYS.filter((k) => typeof lookup(messages, k) !== 'string' || !(lookup(messages, k) as string).trim());
    expect(missing).toEqual([]);
  });

  it('labels differ between the languages (English is not a copy of the Chinese)', () => {
    const zh = getMessages('zh-CN');
    const en = getMessages('en');
    expect(KEYS.filter((k) => lookup(zh, k) === lookup(en, k))).toEqual([]);
  });
});
