import crypto from 'node:crypto';
import { z } from 'zod';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type pg from 'pg';
import { CaseOrigin, CaseRecord, CaseStage, CreateCaseBody } from '../../domain/case';
import { caseWorkflowId, INSPECTION_CASE_WORKFLOW, type InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { orgWithin } from '../../domain/roles';
import { CaseRecording } from '../../domain/caseSchemas';
import { CreateCaseHeaders } from '../../domain/headerSchemas';
import { caseScopeOf, getCase, listCases, SORTABLE } from '../../db/cases';
import { caseInScope } from '../../services/access/caseAccess';
import { findCustomer } from '../../db/customers';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { oneOrMany, raRange, sendList } from '../../http/raList';
import { Problem } from '../../http/problem';

export interface CaseRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
  /** How long POST waits for the workflow's first activity to write the read model. */
  recordWaitMs?: number;
}


const ListQuery = z.strictObject({
  range: raRange.optional(),
  sort: jsonParam(z.tuple([z.enum(Object.keys(SORTABLE) as [keyof typeof SORTABLE]), z.enum(['ASC', 'DESC'])])).optional(),
  filter: jsonParam(z.strictObject({
    q: z.string().max(100).optional(),
    stage: oneOrMany(CaseStage).optional(),
    origin: oneOrMany(CaseOrigin).optional(),
    id: oneOrMany(z.uuid()).optional(),
  })).optional(),
});

const IdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });

const IdempotencyKey = z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII only');

/** A client's retry with the same Idempotency-Key maps to the same case id, hence the same workflow id. */
function caseIdFor(sub: string, key: string | undefined): string {
  if (!key) return crypto.randomUUID();
  const h = crypto.createHash('sha256').update(`create-case\n${sub}\n${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function waitForReadModel(pool: pg.Pool, id: string, ms: number): Promise<CaseRecord | null> {
  const deadline = Date.now() + ms;
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const row = await getCase(pool, id);
    if (row || Date.now() > deadline) return row;
    await new Promise((r) => setTimeout(r, delay));
  }
}

export function caseRoutes({ pool, temporal, taskQueue, recordWaitMs = 10_000 }: CaseRouteDeps): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/cases',
      summary: 'List cases (react-admin simple-rest: range, sort, filter; Content-Range header)',
      tag: 'cases',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'org' },
      query: ListQuery,
      response: { status: 200, schema: z.array(CaseRecord), description: 'Cases inside the caller\'s org unit' },
      async handler({ res, principal, query }) {
        const [start, end] = query.range ?? [0, 24];
        const [field, order] = query.sort ?? ['createdAt', 'DESC'];
        const f = query.filter ?? {};
        const { rows, total } = await listCases(pool, { scope: caseScopeOf(principal), q: f.q, stage: f.stage, origin: f.origin, ids: f.id, sort: { field, order }, range: [start, end] });
        sendList(res, 'cases', start, rows, total);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/cases/:id',
      summary: 'One case from the read model',
      tag: 'cases',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'org' },
      params: IdParams,
      response: { status: 200, schema: CaseRecord, description: 'The case' },
      async handler({ res, principal, params }) {
        res.json(await caseInScope(pool, params.id, principal));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/cases',
      summary: 'Open a case: starts its inspectionCase workflow (idempotent with an Idempotency-Key header)',
      tag: 'cases',
      policy: { roles: ['supervisor', 'manager'], scope: 'org' },
      body: CreateCaseBody,
      headers: CreateCaseHeaders,
      response: { status: 201, schema: CaseRecord, description: 'The case as recorded by its workflow' },
      otherResponses: [{ status: 202, schema: CaseRecording, description: 'The workflow has started but not yet recorded the case (Location: the case)' }],
      async handler({ req, res, principal, body }) {
        const rawKey = req.header('idempotency-key');
        const key = rawKey === undefined ? undefined : IdempotencyKey.safeParse(rawKey);
        if (key && !key.success) throw new Problem(400, 'Invalid request', 'The Idempotency-Key header is invalid.', [{ path: 'header.Idempotency-Key', message: key.error.issues[0].message }]);
        const customer = await findCustomer(pool, body.customerAccountNo);
        if (!customer) throw new Problem(422, 'Unknown customer', `No customer with account number ${body.customerAccountNo}.`, [{ path: 'customerAccountNo', message: 'no customer with this account number' }]);
        if (!orgWithin(customer.stationId, principal.orgUnit)) {
          throw new Problem(403, 'Forbidden', `Customer ${body.customerAccountNo} belongs to ${customer.stationId}, outside your org unit ${principal.orgUnit}.`);
        }
        const caseId = caseIdFor(principal.sub, key?.data);
        const workflowId = caseWorkflowId(caseId);
        const input: InspectionCaseInput = { caseId, customerAccountNo: body.customerAccountNo, origin: body.origin, note: body.note, createdBy: principal.username, requestedAt: new Date().toISOString() };
        try {
          await temporal.workflow.start(INSPECTION_CASE_WORKFLOW, {
            taskQueue,
            workflowId,
            args: [input],
            workflowIdConflictPolicy: 'USE_EXISTING',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
          });
        } catch (e) {
          if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
        }
        const row = await waitForReadModel(pool, caseId, recordWaitMs);
        if (!row) {
          res.status(202).location(`/api/cases/${caseId}`).json({ id: caseId, workflowId, status: 'recording' });
          return;
        }
        if (row.customerAccountNo !== body.customerAccountNo) {
          throw new Problem(409, 'Conflict', 'This Idempotency-Key was already used for a different case.');
        }
        res.status(201).location(`/api/cases/${caseId}`).json(row);
      },
    }),
  ];
}
