import { z } from 'zod';
import type pg from 'pg';
import { AccountNo } from '../../domain/case';
import { JudgementResult } from '../../domain/judgement';
import {
  AreaType, Arrear, CustomerArchive, CustomerStatus, DailyReading, IsoDate, MeterEvent, MeteringVisit, Month, MonthlyBill, OrgUnitId, Payment, TariffCategory, WorkOrder,
} from '../../domain/customerData';
import { CUSTOMER_SORTABLE, customerCasesInScope, customerJudgement, customerView, listCustomers } from '../../services/customers/customers';
import { flagEvidence } from '../../services/customers/flagEvidence';
import { upstreamConnector } from '../../services/customers/upstream';
import { CaseWithVersions } from './ruleUsage';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { MAX_PAGE, oneOrMany, raRange, sendList, sendPage } from '../../http/raList';
import { detailLanguage } from '../../http/problem';
import { nextCursor, pageOf } from '../../services/lists/cursor';

const CASE_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;
const SORTABLE = CUSTOMER_SORTABLE;

const ListQuery = z.strictObject({
  range: raRange.optional(),
  cursor: z.string().max(1000).optional().describe('Keyset paging: empty for the first page, then the X-Next-Cursor of the previous answer (not with range)'),
  limit: jsonParam(z.number().int().min(1).max(MAX_PAGE)).optional().describe('Rows per keyset page (with cursor; default 25)'),
  sort: jsonParam(z.tuple([z.enum(Object.keys(SORTABLE) as [keyof typeof SORTABLE]), z.enum(['ASC', 'DESC'])])).optional(),
  filter: jsonParam(z.strictObject({
    q: z.string().max(100).optional().describe('An account number prefix (digits), or a substring of the name or address (one character: a name prefix)'),
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
  meteringVisits: z.array(MeteringVisit).describe('Completed metering work orders (计量工单) of the same 365 days, oldest first: the utility\'s own visits, which explain cover-open events near them'),
  payments: z.array(Payment),
  arrears: z.array(Arrear),
  workOrders: z.array(WorkOrder),
});
const AccountParams = z.strictObject({ accountNo: AccountNo });
const FlagEvidence = z.object({
  accountNo: z.string(), stationId: z.string(), tariffCategory: TariffCategory, capacityKva: z.number().nullable(),
  from: Month.nullable(), through: Month.nullable().describe('null: nothing billed yet'),
  months: z.array(z.object({
    month: Month, kwh: z.number().nullable().describe('The customer\'s bill; null: not billed'),
    peerMedianKwh: z.number().nullable().describe('Median bill of the peer group (same station and tariff category, as the judgement compares)'),
    peerAvgKwh: z.number().nullable().describe('Average bill of the peer group: what the rules compare with'),
    peerCustomers: z.number().int().describe('Peer customers billed in the month'),
  })).describe('Every month from..through'),
  area: z.object({
    areaId: z.string(), name: z.string(), areaType: AreaType,
    norm: z.number().describe('The area type\'s loss-rate norm of the rule set in force, a fraction'),
    upper: z.number().describe('norm + margin: above it the area is abnormal'),
    months: z.array(z.object({ month: Month, suppliedKwh: z.number().nullable(), billedKwh: z.number(), lossRate: z.number().nullable().describe('(supplied − billed) / supplied; null without supply') })),
  }).nullable().describe('The customer\'s station area (台区); null: none recorded'),
  days: z.array(z.object({ date: IsoDate, kwh: z.number() })).describe('Daily frozen readings of the last 30 days of `through` (missing days are gaps)'),
});

export function customerRoutes({ pool }: { pool: pg.Pool }): RouteDef[] {
  const connector = upstreamConnector(pool);

  return [
    defineRoute({
      method: 'get',
      path: '/customers',
      summary: 'Customers inside the caller\'s org unit (react-admin: range, sort, filter; Content-Range header). Keyset paging with cursor: X-Next-Cursor names the next page; X-Total-Capped: true when the total is the 10000 cap ("10000+")',
      tag: 'customers',
      policy: { roles: CASE_ROLES, scope: 'org' },
      query: ListQuery,
      response: { status: 200, schema: z.array(CustomerListItem), description: 'Customers' },
      async handler({ req, res, principal, query }) {
        const [field, order] = query.sort ?? ['accountNo', 'ASC'];
        const sort = { field, order };
        const page = pageOf(query, sort, (_key, id) => /^\d{10}$/.test(id), detailLanguage(req));
        const r = await listCustomers(pool, principal.orgUnit, query.filter ?? {}, sort, page);
        sendPage(res, 'customers', page, r, nextCursor(r.next, sort));
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
        res.json(await customerView(pool, connector, principal, params.accountNo));
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
      async handler({ req, res, principal, params }) {
        res.json(await customerJudgement(pool, connector, principal, params.accountNo, detailLanguage(req)));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/customers/:accountNo/flag-evidence',
      summary: 'The data behind a flag\'s chart: the customer\'s monthly kWh beside its peer group\'s median and average, its station area\'s loss rate against the norm, the last 30 days\' readings (#21)',
      tag: 'customers',
      policy: { roles: CASE_ROLES, scope: 'org' },
      params: AccountParams,
      query: z.strictObject({
        through: Month.optional().describe('The last month; default: the latest billed month'),
        months: jsonParam(z.number().int().min(1).max(36)).optional().describe('Months up to `through` (default 13)'),
      }),
      response: { status: 200, schema: FlagEvidence, description: 'Monthly series, area loss, daily readings' },
      async handler({ res, principal, params, query }) {
        res.json(await flagEvidence(pool, connector, principal, params.accountNo, { through: query.through, months: query.months ?? 13 }));
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
        const [start, end] = query.range ?? [0, 24];
        const { rows, total } = await customerCasesInScope(pool, connector, principal, params.accountNo, [start, end]);
        sendList(res, 'cases', start, rows, total);
      },
    }),
  ];
}
