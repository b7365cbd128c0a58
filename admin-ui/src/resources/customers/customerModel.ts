import type { ApiItem, ApiResponse } from '../../data/api';
import { valuesOf } from '../../data/enumValues';

/** A row of GET /api/customers. */
export type CustomerListRecord = ApiItem<'/api/customers'>;
/** GET /api/customers/:accountNo: the customer as the upstream systems see it. */
export type Customer360 = ApiResponse<'/api/customers/{accountNo}'>;
export type MonthlyBill = Customer360['consumption'][number];
export type DailyReading = Customer360['dailyReadings'][number];
export type Arrear = Customer360['arrears'][number];
/** A row of GET /api/customers/:accountNo/cases and GET /api/rule-versions/cases. */
export type CaseWithVersions = ApiItem<'/api/customers/{accountNo}/cases'>;
/** GET /api/customers/:accountNo/judgement. */
export type JudgementNow = ApiResponse<'/api/customers/{accountNo}/judgement'>;

export type TariffCategory = CustomerListRecord['tariffCategory'];
export type CustomerStatus = CustomerListRecord['status'];

export const TARIFF_CATEGORIES = valuesOf<TariffCategory>()(['residential', 'commercial', 'general_industrial', 'large_industrial', 'agricultural']);
export const CUSTOMER_STATUSES = valuesOf<CustomerStatus>()(['active', 'suspended', 'closed']);
export const METER_EVENT_KINDS = valuesOf<Customer360['meterEvents'][number]['kind']>()(['tamper', 'cover_open', 'reverse_flow', 'power_loss']);
// The customer view carries these as the upstream systems' codes (strings); these are the codes that have labels
// (an unknown one shows as it is).
export const PAYMENT_CHANNELS = ['counter', 'bank', 'wechat', 'alipay', 'app', 'other'] as const;
export const METERING_WORK_ORDER_KINDS = valuesOf<Customer360['meteringVisits'][number]['kind']>()(['meter_replacement', 'verification', 'rotation', 'fault_repair', 'installation']);
export const WORK_ORDER_KINDS = ['new_connection', 'capacity_increase', 'capacity_reduction', 'tariff_change', 'temporary_power', 'suspension', 'disconnection', 'reconnection'] as const;
export const WORK_ORDER_STATUSES = ['accepted', 'surveyed', 'approved', 'constructed', 'connected', 'archived', 'cancelled'] as const;

/** react-admin choices whose names are translation keys under resources.customers.enums. */
export const customerChoices = (field: string, values: readonly string[]) =>
  values.map((id) => ({ id, name: `resources.customers.enums.${field}.${id}` }));

/** Translation key of an enum value, falling back to the raw value in the UI (translate's `_`). */
export const customerEnum = (field: string, value: string) => `resources.customers.enums.${field}.${value}`;

/** Outstanding amount of an arrear in yuan (never negative). */
export const outstanding = (a: Arrear) => Math.max(0, Math.round((a.amountDueYuan - a.amountPaidYuan) * 100) / 100);
