import { z } from 'zod';
import { AccountNo } from './case';
import type { AreaFacts } from './lineLossRules';
import type { OutageFacts } from './judgementRules';

// Customer data as the upstream systems (SG186 marketing, collection system, GIS) describe it. These schemas
// validate import rows (CSV cells arrive as strings, JSON as numbers) and type what the connector returns.

export const TARIFF_CATEGORIES = ['residential', 'commercial', 'general_industrial', 'large_industrial', 'agricultural'] as const;
export const TariffCategory = z.enum(TARIFF_CATEGORIES);
export type TariffCategory = z.infer<typeof TariffCategory>;

export const CUSTOMER_STATUSES = ['active', 'suspended', 'closed'] as const;
export const CustomerStatus = z.enum(CUSTOMER_STATUSES);
export type CustomerStatus = z.infer<typeof CustomerStatus>;

export const METER_EVENT_KINDS = ['tamper', 'cover_open', 'reverse_flow', 'power_loss'] as const;
export const MeterEventKind = z.enum(METER_EVENT_KINDS);
export type MeterEventKind = z.infer<typeof MeterEventKind>;

export const ORG_LEVELS = ['province', 'city', 'county', 'station', 'grid'] as const;
export const OrgLevel = z.enum(ORG_LEVELS);

/** Materialised-path org unit id: HB.XN.XA.WQ. */
export const OrgUnitId = z.string().regex(/^[A-Z0-9]{1,8}(\.[A-Z0-9]{1,8}){0,4}$/, 'must be an org unit id such as HB.XN.XA.WQ');
/** A billing month. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
export const IsoDate = z.iso.date('must be a date YYYY-MM-DD');
/** Station-area types (城网 / 镇区 / 农网): the line-loss norm differs (domain/lineLossRules.ts). */
export const AREA_TYPES = ['urban', 'town', 'rural'] as const;
export const AreaType = z.enum(AREA_TYPES);
export type AreaType = z.infer<typeof AreaType>;
/** 台区编号: letters, digits, dash, underscore. */
export const AreaId = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be an area number: letters, digits, - or _, at most 40');

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

/** numeric(14,2)-compatible amount: at most two decimals, below 10^12. */
export const Decimal2 = (opts: { positive?: boolean } = {}) =>
  z.preprocess(
    blankToUndefined,
    z.union([z.number(), z.string()]).transform((v, ctx) => {
      const s = typeof v === 'number' ? String(v) : v;
      if (!/^\d{1,12}(\.\d{1,2})?$/.test(s)) {
        ctx.addIssue({ code: 'custom', message: typeof v === 'number' && v < 0 ? 'must not be negative' : /^-/.test(s) ? 'must not be negative' : 'must be a number with at most 2 decimals' });
        return z.NEVER;
      }
      const n = Number(s);
      if (opts.positive && n <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
        return z.NEVER;
      }
      return n;
    }),
  );

const Flag = z.preprocess((v) => {
  if (typeof v === 'boolean') return v;
  const s = String(v ?? '').trim().toLowerCase();
  if (['true', '1', 'y', 'yes', '是'].includes(s)) return true;
  if (['false', '0', 'n', 'no', '否', ''].includes(s)) return false;
  return v;
}, z.boolean('must be true or false'));

export const text = (max: number) => z.preprocess(blankToUndefined, z.string().max(max, `at most ${max} characters`));
export const optional = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());
export const num = (min: number, max: number) => z.preprocess(blankToUndefined, z.coerce.number().min(min).max(max));

// Import rows: every column says what it holds (the import routes' OpenAPI description lists them per kind).
const account = (what: string) => AccountNo.describe(`户号, the 10-digit account number: ${what}`);
const customerRef = account('a customer inside your org unit');
const yuan = (what: string) => `${what}, yuan (at most 2 decimals)`;
const TRUE_FALSE = 'true/false, 1/0, y/n, yes/no or 是/否';

export const OrgUnitRow = z.strictObject({
  id: OrgUnitId.describe('Materialised path: the parent\'s id plus one segment, e.g. HB.XN.XA.WQ'),
  parent_id: optional(OrgUnitId).describe('The parent unit (empty for a province); parents come before their children'),
  level: OrgLevel.describe('One level below the parent\'s'),
  name_zh: text(100).pipe(z.string().min(1)).describe('Chinese name'),
  name_en: text(100).pipe(z.string().min(1)).describe('English name'),
});
export type OrgUnitRow = z.infer<typeof OrgUnitRow>;

export const CustomerRow = z.strictObject({
  account_no: account('the customer (the key: a re-import updates the row)'),
  name: text(200).pipe(z.string().min(1, 'required')).describe('Customer name'),
  address: text(300).pipe(z.string().min(1, 'required')).describe('Supply address'),
  lat: optional(num(-90, 90)).describe('Latitude (WGS-84)'),
  lon: optional(num(-180, 180)).describe('Longitude (WGS-84)'),
  tariff_category: TariffCategory.describe('Tariff category (电价类别)'),
  contract_capacity_kva: optional(Decimal2()).describe('Contract capacity, kVA (at most 2 decimals)'),
  meter_no: optional(text(40)).describe('Meter number'),
  whitelist: Flag.default(false).describe(`On the whitelist (白名单): ${TRUE_FALSE}; default false`),
  station_id: OrgUnitId.describe('Supply station (供电所) inside your org unit'),
  grid_id: optional(OrgUnitId).describe('Grid (网格) of that station'),
  status: optional(CustomerStatus).transform((v) => v ?? 'active').describe('Default active'),
  area_id: optional(AreaId).describe('Station area (台区) of the same station the customer is supplied from; empty: none known'),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

export const MonthlyConsumptionRow = z.strictObject({
  account_no: customerRef,
  month: Month.describe('Billing month, YYYY-MM'),
  kwh: Decimal2().describe('Billed energy, kWh (at most 2 decimals)'),
  amount_yuan: Decimal2().describe(yuan('Billed amount')),
  tariff_category: TariffCategory.describe('Tariff category billed'),
});
export type MonthlyConsumptionRow = z.infer<typeof MonthlyConsumptionRow>;

/** A station area (台区): the low-voltage network behind one distribution transformer, of one supply station. */
export const StationAreaRow = z.strictObject({
  id: AreaId.describe('台区编号 (the key: a re-import updates the row)'),
  name: text(200).pipe(z.string().min(1, 'required')).describe('台区名称'),
  station_id: OrgUnitId.describe('Supply station (供电所) inside your org unit'),
  area_type: AreaType.describe('urban (城网), town (镇区) or rural (农网): the loss-rate norm differs'),
  transformer_kva: optional(Decimal2()).describe('Transformer capacity, kVA'),
});
export type StationAreaRow = z.infer<typeof StationAreaRow>;

/** The area meter's (台区总表) supplied energy of a month. */
export const AreaSupplyRow = z.strictObject({
  area_id: AreaId.describe('台区编号: an area of a station inside your org unit'),
  month: Month.describe('Month, YYYY-MM'),
  supplied_kwh: Decimal2().describe('Supplied energy (供电量), kWh (at most 2 decimals)'),
});
export type AreaSupplyRow = z.infer<typeof AreaSupplyRow>;

export const DailyReadingRow = z.strictObject({
  account_no: customerRef,
  reading_date: IsoDate.describe('Day of the frozen reading, YYYY-MM-DD'),
  day_kwh: Decimal2().describe('Energy of the day, kWh (at most 2 decimals)'),
  register_kwh: optional(Decimal2()).describe('Register reading at the freeze, kWh'),
});
export type DailyReadingRow = z.infer<typeof DailyReadingRow>;

export const PAYMENT_CHANNELS = ['counter', 'bank', 'wechat', 'alipay', 'app', 'other'] as const;
export const PaymentRow = z.strictObject({
  payment_no: text(40).pipe(z.string().min(1, 'required')).describe('Payment number (the key: a re-import updates the row)'),
  account_no: customerRef,
  paid_on: IsoDate.describe('Payment day, YYYY-MM-DD'),
  amount_yuan: Decimal2({ positive: true }).describe(yuan('Amount paid, above 0')),
  channel: z.enum(PAYMENT_CHANNELS).describe('Where it was paid'),
});
export type PaymentRow = z.infer<typeof PaymentRow>;

export const ArrearRow = z.strictObject({
  account_no: customerRef,
  bill_month: Month.describe('Billing month of the bill, YYYY-MM'),
  amount_due_yuan: Decimal2().describe(yuan('Amount due')),
  amount_paid_yuan: optional(Decimal2()).transform((v) => v ?? 0).describe(yuan('Amount paid so far (default 0)')),
  due_on: IsoDate.describe('Due day, YYYY-MM-DD'),
});
export type ArrearRow = z.infer<typeof ArrearRow>;

export const WORK_ORDER_KINDS = ['new_connection', 'capacity_increase', 'capacity_reduction', 'tariff_change', 'temporary_power', 'suspension', 'disconnection', 'reconnection'] as const;
export const WORK_ORDER_STATUSES = ['accepted', 'surveyed', 'approved', 'constructed', 'connected', 'archived', 'cancelled'] as const;
/** 业扩工单: business-expansion (new connection, capacity change…) work orders from SG186. */
export const WorkOrderRow = z.strictObject({
  order_no: text(40).pipe(z.string().min(1, 'required')).describe('Work order number (the key)'),
  account_no: customerRef,
  kind: z.enum(WORK_ORDER_KINDS).describe('What the order does'),
  status: z.enum(WORK_ORDER_STATUSES).describe('Where the order stands'),
  applied_on: IsoDate.describe('Application day, YYYY-MM-DD'),
  completed_on: optional(IsoDate).describe('Completion day, YYYY-MM-DD'),
  capacity_kva: optional(Decimal2()).describe('Capacity applied for or changed, kVA'),
  note: optional(text(500)).describe('Free text'),
});
export type WorkOrderRow = z.infer<typeof WorkOrderRow>;

export const MeterEventRow = z.strictObject({
  account_no: customerRef,
  occurred_at: z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset' }).describe('When the meter raised it: ISO 8601 date-time with offset'),
  kind: MeterEventKind.describe('What the meter reported'),
  meter_no: optional(text(40)).describe('The meter that reported it'),
});
export type MeterEventRow = z.infer<typeof MeterEventRow>;

/** 计量工单 kinds: 换表, 校验 / 现场检验, 轮换, 故障处理, 装表 — each a utility visit that opens the meter. */
export const METERING_WORK_ORDER_KINDS = ['meter_replacement', 'verification', 'rotation', 'fault_repair', 'installation'] as const;
export const METERING_WORK_ORDER_STATUSES = ['in_progress', 'completed', 'cancelled'] as const;
/**
 * 计量工单: a metering work order of the marketing system (meter replacement, on-site verification, periodic rotation,
 * fault repair, installation). A completed order's visit explains the meter events it leaves (cover open).
 */
export const MeteringWorkOrderRow = z.strictObject({
  order_no: text(40).pipe(z.string().min(1, 'required')).describe('Metering work order number (the key)'),
  account_no: customerRef,
  kind: z.enum(METERING_WORK_ORDER_KINDS).describe('What the visit did'),
  status: z.enum(METERING_WORK_ORDER_STATUSES).describe('Where the order stands'),
  applied_on: IsoDate.describe('Day the order was raised, YYYY-MM-DD'),
  done_at: optional(z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset' })).describe('When the field visit was done: ISO 8601 date-time with offset; required once completed'),
  meter_no: optional(text(40)).describe('The meter worked on (for a replacement: the new one)'),
  note: optional(text(500)).describe('Free text'),
}).superRefine((r, ctx) => {
  if (r.status === 'completed' && !r.done_at) ctx.addIssue({ code: 'custom', path: ['done_at'], message: 'required when the order is completed', params: { code: 'import.metering.done-at-required' } });
});
export type MeteringWorkOrderRow = z.infer<typeof MeteringWorkOrderRow>;

/** An anomaly work order exported by the audit monitoring system (稽查监控系统); each becomes a routine case. */
export const RoutineWorkOrderRow = z.strictObject({
  order_no: text(40).pipe(z.string().min(1, 'required')).describe('The monitoring system\'s work order number (one case per order; a repeated order is reported as a duplicate)'),
  account_no: customerRef,
  anomaly_type: text(60).pipe(z.string().min(1, 'required')).describe('The anomaly as the monitoring system names it; a known type given by its code or Chinese name (零电量, 疑似窃电/窃电, 高价低接…) is stored as its code, any other text as written'),
  detected_on: IsoDate.describe('Day the anomaly was detected, YYYY-MM-DD'),
  description: optional(text(500)).describe('The monitoring system\'s description, added to the case note after the anomaly type'),
});
export type RoutineWorkOrderRow = z.infer<typeof RoutineWorkOrderRow>;

// ---------------------------------------------------------------- what the connector returns

export const CustomerArchive = z.object({
  accountNo: z.string(),
  name: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  tariffCategory: TariffCategory,
  contractCapacityKva: z.number().nullable(),
  meterNo: z.string().nullable(),
  whitelist: z.boolean(),
  stationId: z.string(),
  gridId: z.string().nullable(),
  status: CustomerStatus,
  /** The station area (台区) the customer is supplied from; absent when the connector does not know areas. */
  areaId: z.string().nullable().optional(),
});
export type CustomerArchive = z.infer<typeof CustomerArchive>;

export const MonthlyBill = z.object({ month: Month, kwh: z.number(), amountYuan: z.number(), tariffCategory: TariffCategory });
export type MonthlyBill = z.infer<typeof MonthlyBill>;
export const DailyReading = z.object({ date: IsoDate, dayKwh: z.number(), registerKwh: z.number().nullable() });
export type DailyReading = z.infer<typeof DailyReading>;
export const MeterEvent = z.object({ occurredAt: z.string(), kind: MeterEventKind, meterNo: z.string().nullable() });
export type MeterEvent = z.infer<typeof MeterEvent>;
export const Payment = z.object({ paymentNo: z.string(), paidOn: IsoDate, amountYuan: z.number(), channel: z.string() });
export type Payment = z.infer<typeof Payment>;
export const Arrear = z.object({ billMonth: Month, amountDueYuan: z.number(), amountPaidYuan: z.number(), dueOn: IsoDate });
export type Arrear = z.infer<typeof Arrear>;
export const WorkOrder = z.object({
  orderNo: z.string(), kind: z.string(), status: z.string(), appliedOn: IsoDate, completedOn: IsoDate.nullable(), capacityKva: z.number().nullable(), note: z.string().nullable(),
});
export type WorkOrder = z.infer<typeof WorkOrder>;
/** A completed metering work order as the judgement reads it: the order and when the visit was done. */
export const MeteringVisit = z.object({ orderNo: z.string(), kind: z.enum(METERING_WORK_ORDER_KINDS), doneAt: z.string() });
export type MeteringVisit = z.infer<typeof MeteringVisit>;

/**
 * The one interface in front of the upstream systems. The built-in connector (db/upstream/builtinConnector.ts)
 * reads the Postgres tables the imports fill; a live SG186 / collection-system / GIS adapter implements the same.
 */
export interface UpstreamConnector {
  readonly name: string;
  /** SG186 customer archive (+ GIS location). */
  customer(accountNo: string): Promise<CustomerArchive | null>;
  /** SG186 bills, months inclusive. */
  monthlyConsumption(accountNo: string, fromMonth: string, toMonth: string): Promise<MonthlyBill[]>;
  /** Totals of bills per month over the customers of one station and tariff category (the peer group), in 0.01 kWh, and how many customers were billed. */
  peerMonthlyTotals(stationId: string, tariff: TariffCategory, fromMonth: string, toMonth: string): Promise<{ month: string; kwhCenti: number; customers: number }[]>;
  /** Collection system: daily frozen readings, dates inclusive. */
  dailyReadings(accountNo: string, fromDate: string, toDate: string): Promise<DailyReading[]>;
  /** Collection system: meter events with fromIso <= occurredAt < toIso. */
  meterEvents(accountNo: string, fromIso: string, toIso: string): Promise<MeterEvent[]>;
  /**
   * Collection system: the outage unit of a customer (its station area where known, else its grid, else its station:
   * domain/judgementRules.ts outageUnitOf) — how many meters it has (accounts not closed) and, per China day, how many
   * of them reported a power loss with fromIso <= occurredAt < toIso. Absent: the connector cannot tell an outage, and
   * every power-loss event counts as the meter's own.
   */
  outagePowerLoss?(unit: Pick<CustomerArchive, 'stationId' | 'gridId' | 'areaId'>, fromIso: string, toIso: string): Promise<OutageFacts>;
  /**
   * Marketing system (计量管理): the account's completed metering work orders (换表, 校验, 轮换, 故障处理, 装表) done with
   * fromIso <= doneAt < toIso. Absent: the connector knows none, and every meter event counts.
   */
  meteringVisits?(accountNo: string, fromIso: string, toIso: string): Promise<MeteringVisit[]>;
  payments(accountNo: string, limit: number): Promise<Payment[]>;
  arrears(accountNo: string): Promise<Arrear[]>;
  workOrders(accountNo: string, limit: number): Promise<WorkOrder[]>;
  /** The latest closed billing month, the default "as of" month of a judgement. */
  latestBillingMonth(): Promise<string | null>;
  /** A station area's supplied and billed 0.01 kWh in a month (台区线损); absent: the connector knows no areas. */
  areaFacts?(areaId: string, month: string): Promise<(AreaFacts & { areaName: string }) | null>;
}
