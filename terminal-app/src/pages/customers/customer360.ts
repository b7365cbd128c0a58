import type { ApiItem, ApiResponse } from '../../../../client';

// Pure helpers of the customer 360 (公共查询): sums in cents (floating yuan must not show ¥0.01 differences), the
// consumption summary, and what an inspector should notice (an overdue arrear, a bill under another tariff).

export type Customer360 = ApiResponse<'/mobile/v1/customers/{accountNo}'>;
export type CustomerHit = ApiItem<'/mobile/v1/customers'>;
export type Arrear = Customer360['billing']['arrears'][number];
export type Bill = Customer360['billing']['bills'][number];

const cents = (yuan: number) => Math.round(yuan * 100);

/** What is still owed on one bill, yuan (never below 0: an overpayment is not a negative arrear). */
export function outstanding(a: Pick<Arrear, 'amountDueYuan' | 'amountPaidYuan'>): number {
  return Math.max(0, cents(a.amountDueYuan) - cents(a.amountPaidYuan)) / 100;
}

/** Total still owed over all arrears, yuan. */
export function totalOutstanding(arrears: Pick<Arrear, 'amountDueYuan' | 'amountPaidYuan'>[]): number {
  return arrears.reduce((sum, a) => sum + cents(outstanding(a)), 0) / 100;
}

/** Past its due day (China date) with something still owed. */
export function isOverdue(a: Pick<Arrear, 'amountDueYuan' | 'amountPaidYuan' | 'dueOn'>, today: string): boolean {
  return outstanding(a) > 0 && a.dueOn < today;
}

export interface ConsumptionStats {
  months: number;
  totalKwh: number;
  avgKwh: number | null;
  maxKwh: number | null;
  maxMonth: string | null;
  minKwh: number | null;
}

/** Months, total, average, largest and smallest monthly kWh (two decimals, as billed). */
export function consumptionStats(monthly: { month: string; kwh: number }[]): ConsumptionStats {
  const rows = monthly.filter((m) => Number.isFinite(m.kwh));
  if (rows.length === 0) return { months: 0, totalKwh: 0, avgKwh: null, maxKwh: null, maxMonth: null, minKwh: null };
  const total = rows.reduce((s, m) => s + cents(m.kwh), 0);
  let max = rows[0]!;
  let min = rows[0]!;
  for (const m of rows) {
    if (m.kwh > max.kwh) max = m;
    if (m.kwh < min.kwh) min = m;
  }
  return { months: rows.length, totalKwh: total / 100, avgKwh: Math.round(total / rows.length) / 100, maxKwh: max.kwh, maxMonth: max.month, minKwh: min.kwh };
}

/** Bills billed under another tariff category than the archive's current one (a re-classification, or a hint of one). */
export function billsUnderOtherTariff(bills: Pick<Bill, 'month' | 'tariffCategory'>[], current: string): string[] {
  return bills.filter((b) => b.tariffCategory !== current).map((b) => b.month);
}

/** Cases not yet ended (the stages after which nothing more happens on site). */
export const ENDED_STAGES = ['closed', 'dismissed', 'cancelled'] as const;
export const isOpenStage = (stage: string): boolean => !(ENDED_STAGES as readonly string[]).includes(stage);

/** Newest first, by an ISO date or timestamp field. */
export function newestFirst<T>(rows: T[], key: (r: T) => string): T[] {
  return [...rows].sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
}

/** "2026-07" → "07" for a chart label; "2026-11-05" → "05". */
export function shortLabel(monthOrDate: string): string {
  return monthOrDate.slice(-2);
}

// Every value of the API's enums shown on these pages, checked by the compiler against the generated client (a new
// value fails the build until it is listed here, and the texts test then asks for its translation).
type Archive = Customer360['archive'];
type CaseRow = Customer360['cases'][number];
const keysOf = <K extends string>(r: Record<K, true>): K[] => Object.keys(r) as K[];
export const TARIFFS = keysOf<Archive['tariffCategory']>({ residential: true, commercial: true, general_industrial: true, large_industrial: true, agricultural: true });
export const CUSTOMER_STATUSES = keysOf<Archive['status']>({ active: true, suspended: true, closed: true });
export const METER_EVENT_KINDS = keysOf<Customer360['meterEvents'][number]['kind']>({ tamper: true, cover_open: true, reverse_flow: true, power_loss: true });
export const METERING_WORK_ORDER_KINDS = keysOf<Customer360['meteringVisits'][number]['kind']>({ meter_replacement: true, verification: true, rotation: true, fault_repair: true, installation: true });
export const STAGES = keysOf<CaseRow['stage']>({
  judgement: true, field_evidence: true, rectification: true, verification: true, assessment: true, closed: true, dismissed: true, cancelled: true,
});
export const ORIGINS = keysOf<CaseRow['origin']>({ routine: true, special: true, custom: true });
