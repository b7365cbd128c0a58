import { z } from 'zod';
import type pg from 'pg';
import { AccountNo } from '../../domain/case';
import { JudgementResult } from '../../domain/judgement';
import {
  Arrear, CustomerArchive, CustomerStatus, DailyReading, MeterEvent, MonthlyBill, OrgUnitId, Payment, TariffCategory, WorkOrder,
} from '../../domain/customerData';
import { addDays, addMonths, chinaMidnight, lastDay } from '../../domain/billingMonths';
import { orgWithin } from '../../domain/roles';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { createCaseJudge } from '../../db/caseJudge';
import { judgeCustomer } from '../../db/judgeCustomer';
import { customerCases } from '../../db/customers';
import { caseScopeOf } from '../../db/cases';
import { CaseWithVersions } from './ruleUsage';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { oneOrMany, raRange, sendList } from '../../http/raList';
import { Problem } from '../../http/problem';

const CASE_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;
const SORTABLE = { accountNo: 'c.account_no', name: 'c.name', tariffCategory: 'c.tariff_category', stationId: 'c.station_id', status: 'c.status' } as const;

const ListQuery = z.strictObject({
  range: raRange.optional(),
  sort: jsonParam(z.tuple([z.enum(Object.keys(SORTABLE) as [keyof typeof SORTABLE]), z.enum(['ASC', 'DESC'])])).optional(),
  filter: jsonParam(z.strictObject({
    q: z.string().max(100).optional(),
    stationId: OrgUnitId.optional(),
    tariffCategory: oneOrMany(TariffCategory).optional(),
    status: oneOrMany(CustomerStatus).optional(),
    whitelist: z.boolean().optional(),
    id: oneOrMany(AccountNo).optional(),
  })).optional(),
});
const CustomerListItem = z.object({
  id: z.string(), accountNo: z.string(), name: z.string(), address: z.string(), tariffCategory: TariffCategory, contractCapacityKva: z.number().nullable(),
  whitelist: z.boolean(), stationId: z.string(), gridId: z.string().nullable(), status: CustomerStatus,
});
const CustomerView = CustomerArchive.extend({
  id: z.string(),
  stationName: z.string(),
  asOfMonth: z.string().nullable(),
  consumption: z.array(MonthlyBill).describe('The last 24 billed months up to the latest closed month'),
  dailyReadings: z.array(DailyReading).describe('Daily frozen readings of the last 30 days of that month'),
  meterEvents: z.array(MeterEvent).describe('Meter events of the last 365 days'),
  payments: z.array(Payment),
  arrears: z.array(Arrear),
  workOrders: z.array(WorkOrder),
});
const AccountParams = z.strictObject({ accountNo: AccountNo });

export function customerRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const connector = createBuiltinConnector(pool);

  /** The customer, if it lies inside the caller's org unit (404 otherwise: outsiders learn nothing). */
  async function archiveInScope(accountNo: string, orgUnit: string) {
    const c = await connector.customer(accountNo);
    if (!c || !orgWithin(c.gridId ?? c.stationId, orgUnit)) throw new Problem(404, 'Not found', `No customer ${accountNo} in your org unit.`);
    return c;
  }

  return [
    defineRoute({
      method: 'get',
      path: '/customers',
      summary: 'Customers inside the caller\'s org unit (react-admin: range, sort, filter; Content-Range header)',
      tag: 'customers',
      policy: { roles: CASE_ROLES, scope: 'org' },
      query: ListQuery,
      response: { status: 200, schema: z.array(CustomerListItem), description: 'Customers' },
      async handler({ res, principal, query }) {
        const [start, end] = query.range ?? [0, 24];
        const [field, order] = query.sort ?? ['accountNo', 'ASC'];
        const f = query.filter ?? {};
        const params: unknown[] = [principal.orgUnit];
        const where = ["(coalesce(c.grid_id, c.station_id) = $1 or left(coalesce(c.grid_id, c.station_id), length($1) + 1) = $1 || '.')"];
        const add = (sql: (p: string) => string, v: unknown) => {
          params.push(v);
          where.push(sql(`$${params.length}`));
        };
        if (f.q) add((p) => `(c.account_no like ${p} or c.name ilike ${p} or c.address ilike ${p})`, `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
        if (f.stationId) add((p) => `c.station_id = ${p}`, f.stationId);
        if (f.tariffCategory?.length) add((p) => `c.tariff_category = any(${p})`, f.tariffCategory);
        if (f.status?.length) add((p) => `c.status = any(${p})`, f.status);
        if (f.whitelist !== undefined) add((p) => `c.whitelist = ${p}`, f.whitelist);
        if (f.id?.length) add((p) => `c.account_no = any(${p})`, f.id);
        const total = await pool.query<{ n: number }>(`select count(*)::int as n from customers c where ${where.join(' and ')}`, params);
        const r = await pool.query<{ account_no: string; name: string; address: string; tariff_category: string; contract_capacity_kva: number | null; whitelist: boolean; station_id: string; grid_id: string | null; status: string }>(
          `select account_no, name, address, tariff_category, contract_capacity_kva, whitelist, station_id, grid_id, status from customers c
            where ${where.join(' and ')} order by ${SORTABLE[field]} ${order === 'ASC' ? 'asc' : 'desc'}, c.account_no limit ${end - start + 1} offset ${start}`,
          params,
        );
        const rows = r.rows.map((c) => ({
          id: c.account_no, accountNo: c.account_no, name: c.name, address: c.address, tariffCategory: c.tariff_category, contractCapacityKva: c.contract_capacity_kva === null ? null : Number(c.contract_capacity_kva),
          whitelist: c.whitelist, stationId: c.station_id, gridId: c.grid_id, status: c.status,
        }));
        sendList(res, 'customers', start, rows, total.rows[0].n);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/customers/:accountNo',
      summary: 'Customer unified view (客户统一视图): archive, bills, daily frozen readings, meter events, payments, arrears, business-expansion work orders',
      tag: 'customers',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: AccountParams,
      response: { status: 200, schema: CustomerView, description: 'The customer as the upstream systems see it' },
      async handler({ res, principal, params }) {
        const c = await archiveInScope(params.accountNo, principal.orgUnit);
        const asOf = await connector.latestBillingMonth();
        const through = asOf ? lastDay(asOf) : null;
        const [station, consumption, dailyReadings, meterEvents, payments, arrears, workOrders] = await Promise.all([
          pool.query<{ name_zh: string }>('select name_zh from org_units where id = $1', [c.stationId]),
          asOf ? connector.monthlyConsumption(c.accountNo, addMonths(asOf, -23), asOf) : Promise.resolve([]),
          through ? connector.dailyReadings(c.accountNo, addDays(through, -29), through) : Promise.resolve([]),
          through ? connector.meterEvents(c.accountNo, chinaMidnight(addDays(through, -364)), chinaMidnight(addDays(through, 1))) : Promise.resolve([]),
          connector.payments(c.accountNo, 24),
          connector.arrears(c.accountNo),
          connector.workOrders(c.accountNo, 50),
        ]);
        res.json({ id: c.accountNo, ...c, stationName: station.rows[0]?.name_zh ?? c.stationId, asOfMonth: asOf, consumption, dailyReadings, meterEvents, payments, arrears, workOrders });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/customers/:accountNo/judgement',
      summary: 'Initial system judgement (系统初判) of the customer now, by the active rule set — what a custom audit would start with',
      tag: 'customers',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: AccountParams,
      response: { status: 200, schema: JudgementResult.extend({ asOfMonth: z.string() }), description: 'Score, reasons, check items, priority' },
      async handler({ res, principal, params }) {
        await archiveInScope(params.accountNo, principal.orgUnit);
        const rules = await createCaseJudge(pool, connector).rulesFor({});
        const judged = await judgeCustomer(connector, rules, params.accountNo);
        if (!judged) throw new Problem(404, 'Not found', `No customer ${params.accountNo}.`);
        res.json({ ...judged.result, asOfMonth: rules.asOfMonth });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/customers/:accountNo/cases',
      summary: 'The customer\'s cases inside the caller\'s org unit, newest first, with the rule-set versions each used (react-admin: range)',
      tag: 'customers',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: AccountParams,
      query: z.strictObject({ range: raRange.optional(), sort: z.string().optional().describe('Ignored: newest first'), filter: z.string().optional().describe('Ignored') }),
      response: { status: 200, schema: z.array(CaseWithVersions), description: 'Cases' },
      async handler({ res, principal, params, query }) {
        await archiveInScope(params.accountNo, principal.orgUnit);
        const [start, end] = query.range ?? [0, 24];
        const { rows, total } = await customerCases(pool, params.accountNo, caseScopeOf(principal), [start, end]);
        sendList(res, 'cases', start, rows, total);
      },
    }),
  ];
}
