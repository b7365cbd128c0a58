/** What GET /api/customers and GET /api/customers/:accountNo answer (api/routes/customers.ts). */
export const TARIFF_CATEGORIES = ['residential', 'commercial', 'general_industrial', 'large_industrial', 'agricultural'] as const;
export const CUSTOMER_STATUSES = ['active', 'suspended', 'closed'] as const;
export const METER_EVENT_KINDS = ['tamper', 'cover_open', 'reverse_flow', 'power_loss'] as const;
export const PAYMENT_CHANNELS = ['counter', 'bank', 'wechat', 'alipay', 'app', 'other'] as const;
export const WORK_ORDER_KINDS = ['new_connection', 'capacity_increase', 'capacity_reduction', 'tariff_change', 'temporary_power', 'suspension', 'disconnection', 'reconnection'] as const;
export const WORK_ORDER_STATUSES = ['accepted', 'surveyed', 'approved', 'constructed', 'connected', 'archived', 'cancelled'] as const;

export type TariffCategory = (typeof TARIFF_CATEGORIES)[number];
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export interface CustomerListRecord {
  id: string;
  accountNo: string;
  name: string;
  address: string;
  tariffCategory: TariffCategory;
  contractCapacityKva: number | null;
  whitelist: boolean;
  stationId: string;
  gridId: string | null;
  status: CustomerStatus;
}

export interface MonthlyBill { month: string; kwh: number; amountYuan: number; tariffCategory: TariffCategory }
export interface DailyReading { date: string; dayKwh: number; registerKwh: number | null }
export interface MeterEvent { occurredAt: string; kind: string; meterNo: string | null }
export interface Payment { paymentNo: string; paidOn: string; amountYuan: number; channel: string }
export interface Arrear { billMonth: string; amountDueYuan: number; amountPaidYuan: number; dueOn: string }
export interface WorkOrder {
  orderNo: string; kind: string; status: string; appliedOn: string; completedOn: string | null; capacityKva: number | null; note: string | null;
}

export interface Customer360 extends Omit<CustomerListRecord, 'address'> {
  address: string;
  lat: number | null;
  lon: number | null;
  meterNo: string | null;
  stationName: string;
  asOfMonth: string | null;
  consumption: MonthlyBill[];
  dailyReadings: DailyReading[];
  meterEvents: MeterEvent[];
  payments: Payment[];
  arrears: Arrear[];
  workOrders: WorkOrder[];
}

/** GET /api/customers/:accountNo/cases and /api/rule-versions/cases rows. */
export interface CaseWithVersions {
  id: string;
  caseNo: string;
  customerAccountNo: string;
  customerName: string;
  orgUnitId: string;
  orgUnitName: string | null;
  origin: string;
  stage: string;
  priority: string;
  problemType: string | null;
  createdAt: string;
  closedAt: string | null;
  judgementRuleSetVersion: string | null;
  penaltyRuleSetVersions: string[];
}

export interface JudgementNow {
  ruleSetVersion: string;
  score: number;
  priority: string;
  asOfMonth: string;
  reasons: { code: string; weight: number; textZh: string; textEn: string }[];
  checkItems: { code: string; textZh: string; textEn: string }[];
}

/** react-admin choices whose names are translation keys under resources.customers.enums. */
export const customerChoices = (field: string, values: readonly string[]) =>
  values.map((id) => ({ id, name: `resources.customers.enums.${field}.${id}` }));

/** Translation key of an enum value, falling back to the raw value in the UI (translate's `_`). */
export const customerEnum = (field: string, value: string) => `resources.customers.enums.${field}.${value}`;

/** Outstanding amount of an arrear in yuan (never negative). */
export const outstanding = (a: Arrear) => Math.max(0, Math.round((a.amountDueYuan - a.amountPaidYuan) * 100) / 100);
