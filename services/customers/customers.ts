import type pg from 'pg';
import { addDays, addMonths, chinaMidnight, lastDay } from '../../domain/billingMonths';
import type { CustomerArchive, UpstreamConnector } from '../../domain/customerData';
import { orgWithin, type Principal } from '../../domain/roles';
import { createCaseJudge } from '../../db/caseJudge';
import { judgeCustomer } from '../../db/judgeCustomer';
import { customerCases, listCustomers, CUSTOMER_SORTABLE, type CustomerListFilter } from '../../db/customers';
import { orgUnitName } from '../../db/orgUnits';
import { searchCustomers } from '../../db/mobileTasks';
import { codedProblem } from '../../http/problem';
import type { Lang } from '../../domain/text';
import { caseScopeOf } from '../access/caseAccess';
import { geoUri } from '../tracks/trackGeometry';

// Customers (客户统一视图, 公共查询, 自定义稽查) for both APIs. A customer is visible when its grid — or its station,
// when it has no grid — lies inside the caller's org unit.

export { CUSTOMER_SORTABLE, listCustomers, type CustomerListFilter };

/** The customer's archive if it lies inside the caller's org unit; 404 otherwise (outsiders learn nothing). */
export async function customerInScope(connector: UpstreamConnector, accountNo: string, principal: Pick<Principal, 'orgUnit'>): Promise<CustomerArchive> {
  const c = await connector.customer(accountNo);
  if (!c || !orgWithin(c.gridId ?? c.stationId, principal.orgUnit)) throw codedProblem(404, 'Not found', 'customer.not-visible', { accountNo }, 'zh-CN');
  return c;
}

/** The back office's unified view: archive, two years of bills, a month of daily readings, a year of meter events… */
export async function customerView(pool: pg.Pool, connector: UpstreamConnector, principal: Principal, accountNo: string) {
  const c = await customerInScope(connector, accountNo, principal);
  const asOf = await connector.latestBillingMonth();
  const through = asOf ? lastDay(asOf) : null;
  const year = through ? [chinaMidnight(addDays(through, -364)), chinaMidnight(addDays(through, 1))] as const : null;
  const [stationName, consumption, dailyReadings, meterEvents, meteringVisits, payments, arrears, workOrders] = await Promise.all([
    orgUnitName(pool, c.stationId),
    asOf ? connector.monthlyConsumption(c.accountNo, addMonths(asOf, -23), asOf) : Promise.resolve([]),
    through ? connector.dailyReadings(c.accountNo, addDays(through, -29), through) : Promise.resolve([]),
    year ? connector.meterEvents(c.accountNo, ...year) : Promise.resolve([]),
    // the utility's own visits of the same year, beside the cover-open events they explain (a connector without
    // metering work orders has none to show)
    year && connector.meteringVisits ? connector.meteringVisits(c.accountNo, ...year) : Promise.resolve([]),
    connector.payments(c.accountNo, 24),
    connector.arrears(c.accountNo),
    connector.workOrders(c.accountNo, 50),
  ]);
  return { id: c.accountNo, ...c, stationName: stationName ?? c.stationId, asOfMonth: asOf, consumption, dailyReadings, meterEvents, meteringVisits, payments, arrears, workOrders };
}

/** The initial judgement of a customer in scope now, under the rule set in force. */
export async function customerJudgement(pool: pg.Pool, connector: UpstreamConnector, principal: Principal, accountNo: string, lang: Lang = 'zh-CN') {
  await customerInScope(connector, accountNo, principal);
  const rules = await createCaseJudge(pool, connector).rulesFor({});
  const judged = await judgeCustomer(connector, rules, accountNo);
  if (!judged) throw codedProblem(404, 'Not found', 'customer.unknown', { accountNo }, lang);
  return { ...judged.result, asOfMonth: rules.asOfMonth };
}

/** The customer's cases that the caller may see (the one case-scope rule), newest first. */
export async function customerCasesInScope(pool: pg.Pool, connector: UpstreamConnector, principal: Principal, accountNo: string, range: [number, number]) {
  await customerInScope(connector, accountNo, principal);
  return customerCases(pool, accountNo, caseScopeOf(principal), range);
}

/** 公共查询 on a terminal: customer 360 with consumption series, and the cases of the customer the caller may see. */
export async function customer360(pool: pg.Pool, connector: UpstreamConnector, principal: Principal, accountNo: string, q: { months: number; days: number }) {
  const cu = await customerInScope(connector, accountNo, principal);
  const latest = await connector.latestBillingMonth();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China date
  // The collection system lags (the frozen readings of a day arrive later): the last `days` readings of the last days + 45 days.
  const from = addDays(today, -(q.days + 45));
  const events = [new Date(Date.now() - 90 * 86400_000).toISOString(), new Date().toISOString()] as const;
  const [bills, daily, payments, arrears, workOrders, meterEvents, meteringVisits, cases] = await Promise.all([
    latest ? connector.monthlyConsumption(cu.accountNo, addMonths(latest, 1 - q.months), latest) : Promise.resolve([]),
    connector.dailyReadings(cu.accountNo, from, today),
    connector.payments(cu.accountNo, 24),
    connector.arrears(cu.accountNo),
    connector.workOrders(cu.accountNo, 20),
    connector.meterEvents(cu.accountNo, ...events),
    connector.meteringVisits ? connector.meteringVisits(cu.accountNo, ...events) : Promise.resolve([]),
    customerCases(pool, cu.accountNo, caseScopeOf(principal), [0, 19]),
  ]);
  return {
    source: connector.name,
    archive: { ...cu, geoUri: cu.lat !== null && cu.lon !== null ? geoUri(cu.lat, cu.lon, cu.name) : null },
    billing: { latestMonth: latest, bills, payments, arrears },
    consumption: { monthly: bills.map((b) => ({ month: b.month, kwh: b.kwh })), daily: daily.slice(-q.days) },
    workOrders,
    meterEvents,
    meteringVisits,
    cases: cases.rows.map((c) => ({ caseId: c.id, caseNo: c.caseNo, stage: c.stage, origin: c.origin, createdAt: c.createdAt })),
  };
}

/** 自定义稽查: customers inside the caller's org unit by account number (prefix), name or address. */
export function findCustomers(pool: pg.Pool, principal: Principal, q: string, limit: number) {
  return searchCustomers(pool, principal.orgUnit, q, limit);
}
