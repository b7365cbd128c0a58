import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { RouteDef } from '../../http/route';
import { CaseRecord } from '../../domain/case';
import { terminalRoute } from '../terminalRoute';
import { openCase } from '../../services/cases/openCase';
import { customer360, findCustomers } from '../../services/customers/customers';
import { upstreamConnector } from '../../services/customers/upstream';
import { AccountParams, Customer360Query, CustomCaseBody, CustomerSearchQuery } from '../../domain/terminalSchemas';
import { Customer360, CustomerSearchHit } from '../../domain/terminalTaskSchemas';
import { CaseRecording } from '../../domain/caseSchemas';
import { ExistingCaseAnswer } from '../../domain/caseOpening';

export interface CustomerRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
  /** How long starting a custom case waits for its workflow to record it. */
  recordWaitMs?: number;
}

const LOOKUP_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager'] as const;

export function customerRoutes(deps: CustomerRouteDeps): RouteDef[] {
  const { pool, temporal, taskQueue, recordWaitMs = 10_000 } = deps;
  const connector = upstreamConnector(pool);
  return [
    terminalRoute(deps, {
      method: 'get',
      path: '/customers',
      summary: 'Custom audit (自定义稽查): search customers in the caller\'s org unit by account number (prefix), name or address',
      policy: { roles: LOOKUP_ROLES, scope: 'org' },
      query: CustomerSearchQuery,
      response: { status: 200, schema: z.array(CustomerSearchHit), description: 'Matching customers with their open case count' },
      async handler({ principal, query }) {
        return { status: 200, body: await findCustomers(pool, principal, query.q, query.limit) };
      },
    }),
    terminalRoute(deps, {
      method: 'post',
      path: '/custom-cases',
      summary: 'Custom audit: start a case (origin custom) for a customer at hand; answers when its workflow has recorded it',
      policy: { roles: ['inspector', 'station_lead'], scope: 'org' },
      body: CustomCaseBody,
      response: { status: 201, schema: CaseRecord, description: 'The case as recorded by its workflow' },
      otherResponses: [
        { status: 202, schema: CaseRecording, description: 'The workflow has started but not yet recorded the case' },
        { status: 200, schema: ExistingCaseAnswer, description: 'The customer already has this open case (code case-open:ExistingCase); no second one was opened' },
      ],
      async handler({ req, principal, body }) {
        const opened = await openCase({ pool, temporal, taskQueue, recordWaitMs }, principal, {
          kind: 'mobile-custom-case', customerAccountNo: body.customerAccountNo, origin: 'custom', note: body.note, idempotencyKey: req.header('idempotency-key')!,
          initialAssignee: principal.roles.includes('inspector') ? principal.username : undefined,
        });
        if (opened.recorded && opened.existing) return { status: 200, body: { ...opened.case, existing: true, message: opened.message } };
        return opened.recorded ? { status: 201, body: opened.case } : { status: 202, body: { id: opened.id, workflowId: opened.workflowId, status: 'recording' } };
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
        return { status: 200, body: await customer360(pool, connector, principal, params.accountNo, query) };
      },
    }),
  ];
}

