import crypto from 'node:crypto';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type pg from 'pg';
import type { RouteDef } from '../../http/route';
import { Problem } from '../../http/problem';
import { CaseRecord } from '../../domain/case';
import { caseWorkflowId, INSPECTION_CASE_WORKFLOW, type InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { orgWithin } from '../../domain/roles';
import { getCase } from '../../db/cases';
import { searchCustomers } from '../../db/mobileTasks';
import { createBuiltinConnector } from '../../db/upstream/builtinConnector';
import { addDays, addMonths } from '../../domain/billingMonths';
import { terminalRoute } from '../terminalRoute';
import { geoUri } from '../../services/tracks/trackGeometry';
import { AccountParams, Customer360Query, CustomCaseBody, CustomerSearchQuery } from '../../domain/terminalSchemas';
import { Customer360, CustomerSearchHit } from '../../domain/terminalTaskSchemas';
import { CaseRecording } from '../../domain/caseSchemas';

export interface CustomerRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
  /** How long starting a custom case waits for its workflow to record it. */
  recordWaitMs?: number;
}

const LOOKUP_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

/** The same (user, Idempotency-Key) always names the same case, hence the same workflow: a retry cannot open a second. */
export function customCaseId(sub: string, key: string): string {
  const h = crypto.createHash('sha256').update(`mobile-custom-case\n${sub}\n${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function customerRoutes(deps: CustomerRouteDeps): RouteDef[] {
  const { pool, temporal, taskQueue, recordWaitMs = 10_000 } = deps;
  const connector = createBuiltinConnector(pool);
  const inScope = async (accountNo: string, orgUnit: string) => {
    const cu = await connector.customer(accountNo);
    if (!cu || !orgWithin(cu.stationId, orgUnit)) throw new Problem(404, 'Not found', `No customer ${accountNo} in your org unit.`);
    return cu;
  };
  return [
    terminalRoute(deps, {
      method: 'get',
      path: '/customers',
      summary: 'Custom audit (自定义稽查): search customers in the caller\'s org unit by account number (prefix), name or address',
      policy: { roles: LOOKUP_ROLES, scope: 'org' },
      query: CustomerSearchQuery,
      response: { status: 200, schema: z.array(CustomerSearchHit), description: 'Matching customers with their open case count' },
      async handler({ principal, query }) {
        return { status: 200, body: await searchCustomers(pool, principal.orgUnit, query.q, query.limit) };
      },
    }),
    terminalRoute(deps, {
      method: 'post',
      path: '/custom-cases',
      summary: 'Custom audit: start a case (origin custom) for a customer at hand; answers when its workflow has recorded it',
      policy: { roles: ['inspector', 'station_lead'], scope: 'org' },
      body: CustomCaseBody,
      response: { status: 201, schema: CaseRecord, description: 'The case as recorded by its workflow' },
      otherResponses: [{ status: 202, schema: CaseRecording, description: 'The workflow has started but not yet recorded the case' }],
      async handler({ req, principal, body }) {
        const cu = await connector.customer(body.customerAccountNo);
        if (!cu) throw new Problem(422, 'Unknown customer', `No customer with account number ${body.customerAccountNo}.`, [{ path: 'customerAccountNo', message: 'no customer with this account number' }]);
        if (!orgWithin(cu.stationId, principal.orgUnit)) throw new Problem(403, 'Forbidden', `Customer ${body.customerAccountNo} belongs to ${cu.stationId}, outside your org unit ${principal.orgUnit}.`);
        const caseId = customCaseId(principal.sub, req.header('idempotency-key')!);
        const input: InspectionCaseInput = { caseId, customerAccountNo: cu.accountNo, origin: 'custom', note: body.note, createdBy: principal.username, requestedAt: new Date().toISOString(), initialAssignee: principal.roles.includes('inspector') ? principal.username : undefined };
        try {
          await temporal.workflow.start(INSPECTION_CASE_WORKFLOW, {
            taskQueue, workflowId: caseWorkflowId(caseId), args: [input], workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
          });
        } catch (e) {
          if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
        }
        const deadline = Date.now() + recordWaitMs;
        for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
          const row = await getCase(pool, caseId);
          if (row) return { status: 201, body: row };
          if (Date.now() > deadline) return { status: 202, body: { id: caseId, workflowId: caseWorkflowId(caseId), status: 'recording' } };
          await new Promise((r) => setTimeout(r, delay));
        }
      },
    }),
    terminalRoute(deps, {
      method: 'get',
      path: '/customers/:accountNo',
      summary: 'Public query (公共查询): customer 360 — archive, billing and payments, arrears, consumption series (monthly and daily frozen readings), business-expansion orders, meter events, open cases',
      policy: { roles: LOOKUP_ROLES, scope: 'org' },
      params: AccountParams,
      query: Customer360Query,
      response: { status: 200, schema: Customer360, description: 'The customer\'s unified view' },
      async handler({ principal, params, query }) {
        const cu = await inScope(params.accountNo, principal.orgUnit);
        const latest = await connector.latestBillingMonth();
        const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China date
        // The collection system lags (the frozen readings of a day arrive later): the last `days` readings of the last days + 45 days.
        const from = addDays(today, -(query.days + 45));
        const [bills, daily, payments, arrears, workOrders, meterEvents, cases] = await Promise.all([
          latest ? connector.monthlyConsumption(cu.accountNo, addMonths(latest, 1 - query.months), latest) : Promise.resolve([]),
          connector.dailyReadings(cu.accountNo, from, today),
          connector.payments(cu.accountNo, 24),
          connector.arrears(cu.accountNo),
          connector.workOrders(cu.accountNo, 20),
          connector.meterEvents(cu.accountNo, new Date(Date.now() - 90 * 86400_000).toISOString(), new Date().toISOString()),
          pool.query<{ id: string; case_no: string; stage: string; origin: string; created_at: Date }>(
            "select id, case_no, stage, origin, created_at from cases where customer_account_no = $1 order by created_at desc limit 20",
            [cu.accountNo],
          ),
        ]);
        return {
          status: 200,
          body: {
            source: connector.name,
            archive: { ...cu, geoUri: cu.lat !== null && cu.lon !== null ? geoUri(cu.lat, cu.lon, cu.name) : null },
            billing: { latestMonth: latest, bills, payments, arrears },
            consumption: { monthly: bills.map((b) => ({ month: b.month, kwh: b.kwh })), daily: daily.slice(-query.days) },
            workOrders,
            meterEvents,
            cases: cases.rows.map((c) => ({ caseId: c.id, caseNo: c.case_no, stage: c.stage, origin: c.origin, createdAt: c.created_at.toISOString() })),
          },
        };
      },
    }),
  ];
}

