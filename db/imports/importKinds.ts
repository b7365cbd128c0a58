import type { ZodType } from 'zod';
import type { Queryable } from '../pool';
import {
  AreaSupplyRow, ArrearRow, CustomerRow, DailyReadingRow, MeterEventRow, MeteringWorkOrderRow, MonthlyConsumptionRow, OrgUnitRow, PaymentRow, StationAreaRow, WorkOrderRow, ORG_LEVELS,
} from '../../domain/customerData';
import { orgWithin } from '../../domain/roles';

/**
 * One bulk-importable kind of upstream data: its row schema, natural key, the checks that need the database
 * (references, the caller's org scope) and an upsert that leaves identical rows untouched — a re-import of the
 * same file changes nothing.
 */
export interface ImportKind {
  table: string;
  /** Roles that may import it (reference data: admin only). */
  roles: readonly ('manager' | 'admin')[];
  schema: ZodType<Record<string, unknown>>;
  columns: Record<string, string>;
  /** Natural key columns (the conflict target). */
  key: readonly string[];
  /** Row as stored (e.g. month 'YYYY-MM' → date). */
  toDb?: (row: Record<string, unknown>) => Record<string, unknown>;
  /** Per row: null (fine) or [field, reason]. Rows are in file order; `accepted` are the earlier rows already accepted. */
  check(db: Queryable, rows: Record<string, unknown>[], orgUnit: string): Promise<([string, string] | null)[]>;
  /** After the upsert, in the same transaction. */
  after?: (db: Queryable, rows: Record<string, unknown>[]) => Promise<void>;
}

/** Rows about a customer: it must exist and lie inside the caller's org unit. */
export async function checkCustomerRefs(db: Queryable, rows: Record<string, unknown>[], orgUnit: string): Promise<([string, string] | null)[]> {
  const accounts = [...new Set(rows.map((r) => r.account_no as string))];
  const r = await db.query<{ account_no: string; station_id: string }>('select account_no, station_id from customers where account_no = any($1)', [accounts]);
  const station = new Map(r.rows.map((x) => [x.account_no, x.station_id]));
  return rows.map((row) => {
    const s = station.get(row.account_no as string);
    if (!s) return ['account_no', 'no customer with this account number'];
    if (!orgWithin(s, orgUnit)) return ['account_no', `the customer belongs to ${s}, outside your org unit ${orgUnit}`];
    return null;
  });
}

async function checkCustomers(db: Queryable, rows: Record<string, unknown>[], orgUnit: string): Promise<([string, string] | null)[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.station_id, r.grid_id].filter(Boolean) as string[]))];
  const units = new Map((await db.query<{ id: string; level: string; parent_id: string | null }>('select id, level, parent_id from org_units where id = any($1)', [ids])).rows.map((u) => [u.id, u]));
  const existing = new Map((await db.query<{ account_no: string; station_id: string }>('select account_no, station_id from customers where account_no = any($1)', [rows.map((r) => r.account_no)])).rows.map((x) => [x.account_no, x.station_id]));
  const areas = await areaStations(db, rows.flatMap((r) => (r.area_id ? [r.area_id as string] : [])));
  return rows.map((row) => {
    const station = units.get(row.station_id as string);
    if (!station || station.level !== 'station') return ['station_id', 'no supply station with this id'];
    if (!orgWithin(station.id, orgUnit)) return ['station_id', `outside your org unit ${orgUnit}`];
    if (row.grid_id) {
      const grid = units.get(row.grid_id as string);
      if (!grid || grid.level !== 'grid') return ['grid_id', 'no grid with this id'];
      if (grid.parent_id !== station.id) return ['grid_id', `the grid is not in station ${station.id}`];
    }
    const before = existing.get(row.account_no as string);
    if (before && !orgWithin(before, orgUnit)) return ['account_no', `the customer belongs to ${before}, outside your org unit ${orgUnit}`];
    if (row.area_id) {
      const area = areas.get(row.area_id as string);
      if (!area) return ['area_id', 'no station area with this number'];
      if (area !== station.id) return ['area_id', `the area belongs to station ${area}`];
    }
    return null;
  });
}

/** A station area lies in a supply station inside the caller's org unit; a re-import does not move it out of reach. */
async function checkStationAreas(db: Queryable, rows: Record<string, unknown>[], orgUnit: string): Promise<([string, string] | null)[]> {
  const units = new Map((await db.query<{ id: string; level: string }>('select id, level from org_units where id = any($1)', [[...new Set(rows.map((r) => r.station_id))]])).rows.map((u) => [u.id, u.level]));
  const existing = await areaStations(db, rows.map((r) => r.id as string));
  return rows.map((row) => {
    if (units.get(row.station_id as string) !== 'station') return ['station_id', 'no supply station with this id'];
    if (!orgWithin(row.station_id as string, orgUnit)) return ['station_id', `outside your org unit ${orgUnit}`];
    const before = existing.get(row.id as string);
    if (before && !orgWithin(before, orgUnit)) return ['id', `the area belongs to ${before}, outside your org unit ${orgUnit}`];
    return null;
  });
}

async function areaStations(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const r = await db.query<{ id: string; station_id: string }>('select id, station_id from station_areas where id = any($1)', [[...new Set(ids)]]);
  return new Map(r.rows.map((a) => [a.id, a.station_id]));
}

/** Rows about an area: it must exist and lie inside the caller's org unit. */
async function checkAreaRefs(db: Queryable, rows: Record<string, unknown>[], orgUnit: string): Promise<([string, string] | null)[]> {
  const station = await areaStations(db, rows.map((r) => r.area_id as string));
  return rows.map((row) => {
    const s = station.get(row.area_id as string);
    if (!s) return ['area_id', 'no station area with this number'];
    if (!orgWithin(s, orgUnit)) return ['area_id', `the area belongs to ${s}, outside your org unit ${orgUnit}`];
    return null;
  });
}

/** Parents first: a unit's parent exists already or is an earlier accepted row; levels step down one at a time. */
async function checkOrgUnits(db: Queryable, rows: Record<string, unknown>[], orgUnit: string): Promise<([string, string] | null)[]> {
  const parents = [...new Set(rows.map((r) => r.parent_id).filter(Boolean) as string[])];
  const known = new Map((await db.query<{ id: string; level: string }>('select id, level from org_units where id = any($1)', [parents])).rows.map((u) => [u.id, u.level]));
  return rows.map((row) => {
    const id = row.id as string;
    const level = row.level as string;
    const parent = row.parent_id as string | undefined;
    if (!orgWithin(id, orgUnit)) return ['id', `outside your org unit ${orgUnit}`];
    if (level === 'province') {
      if (parent) return ['parent_id', 'a province has no parent'];
      if (id.includes('.')) return ['id', 'a province id has one segment'];
    } else {
      if (!parent) return ['parent_id', 'required below province level'];
      const parentLevel = known.get(parent);
      if (!parentLevel) return ['parent_id', 'no such org unit (parents must come first)'];
      if (ORG_LEVELS.indexOf(parentLevel as (typeof ORG_LEVELS)[number]) !== ORG_LEVELS.indexOf(level as (typeof ORG_LEVELS)[number]) - 1) return ['level', `a ${level} cannot sit under a ${parentLevel}`];
      if (!id.startsWith(`${parent}.`) || id.slice(parent.length + 1).includes('.')) return ['id', `must be ${parent}.<code>`];
    }
    known.set(id, level);
    return null;
  });
}

const monthDate = (field: string) => (row: Record<string, unknown>) => ({ ...row, [field]: `${row[field] as string}-01` });
const text = 'text';
const num = 'numeric';
const date = 'date';

export const IMPORT_KINDS = {
  'org-units': {
    table: 'org_units', roles: ['admin'], schema: OrgUnitRow, key: ['id'], check: checkOrgUnits,
    columns: { id: text, parent_id: text, level: text, name_zh: text, name_en: text },
  },
  customers: {
    table: 'customers', roles: ['manager', 'admin'], schema: CustomerRow, key: ['account_no'], check: checkCustomers,
    columns: {
      account_no: text, name: text, address: text, lat: 'float8', lon: 'float8', tariff_category: text, contract_capacity_kva: num, meter_no: text,
      whitelist: 'boolean', station_id: text, grid_id: text, status: text, area_id: text,
    },
  },
  'station-areas': {
    table: 'station_areas', roles: ['manager', 'admin'], schema: StationAreaRow, key: ['id'], check: checkStationAreas,
    columns: { id: text, name: text, station_id: text, area_type: text, transformer_kva: num },
  },
  'area-supply': {
    table: 'area_supply', roles: ['manager', 'admin'], schema: AreaSupplyRow, key: ['area_id', 'month'], check: checkAreaRefs,
    columns: { area_id: text, month: date, supplied_kwh: num }, toDb: monthDate('month'),
  },
  'monthly-consumption': {
    table: 'monthly_consumption', roles: ['manager', 'admin'], schema: MonthlyConsumptionRow, key: ['account_no', 'month'], check: checkCustomerRefs,
    columns: { account_no: text, month: date, kwh: num, amount_yuan: num, tariff_category: text }, toDb: monthDate('month'),
    after: async (db, rows) => {
      await db.query('insert into billing_periods (month) select distinct unnest($1::date[]) on conflict do nothing', [rows.map((r) => r.month)]);
    },
  },
  'daily-readings': {
    table: 'daily_readings', roles: ['manager', 'admin'], schema: DailyReadingRow, key: ['account_no', 'reading_date'], check: checkCustomerRefs,
    columns: { account_no: text, reading_date: date, day_kwh: num, register_kwh: num },
  },
  payments: {
    table: 'payments', roles: ['manager', 'admin'], schema: PaymentRow, key: ['payment_no'], check: checkCustomerRefs,
    columns: { payment_no: text, account_no: text, paid_on: date, amount_yuan: num, channel: text },
  },
  arrears: {
    table: 'arrears', roles: ['manager', 'admin'], schema: ArrearRow, key: ['account_no', 'bill_month'], check: checkCustomerRefs,
    columns: { account_no: text, bill_month: date, amount_due_yuan: num, amount_paid_yuan: num, due_on: date }, toDb: monthDate('bill_month'),
  },
  'work-orders': {
    table: 'work_orders', roles: ['manager', 'admin'], schema: WorkOrderRow, key: ['order_no'], check: checkCustomerRefs,
    columns: { order_no: text, account_no: text, kind: text, status: text, applied_on: date, completed_on: date, capacity_kva: num, note: text },
  },
  'meter-events': {
    table: 'meter_events', roles: ['manager', 'admin'], schema: MeterEventRow, key: ['account_no', 'occurred_at', 'kind'], check: checkCustomerRefs,
    columns: { account_no: text, occurred_at: 'timestamptz', kind: text, meter_no: text },
    // One instant, however the file wrote it, so the key and the duplicate check agree with the database.
    toDb: (row) => ({ ...row, occurred_at: new Date(row.occurred_at as string).toISOString() }),
  },
  'metering-work-orders': {
    table: 'metering_work_orders', roles: ['manager', 'admin'], schema: MeteringWorkOrderRow, key: ['order_no'], check: checkCustomerRefs,
    columns: { order_no: text, account_no: text, kind: text, status: text, applied_on: date, done_at: 'timestamptz', meter_no: text, note: text },
    // one instant however the file wrote it, so a re-import of the same file leaves the row unchanged
    toDb: (row) => ({ ...row, done_at: row.done_at ? new Date(row.done_at as string).toISOString() : undefined }),
  },
} satisfies Record<string, ImportKind>;

export type ImportKindName = keyof typeof IMPORT_KINDS;
export const IMPORT_KIND_NAMES = Object.keys(IMPORT_KINDS) as [ImportKindName, ...ImportKindName[]];
