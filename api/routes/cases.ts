import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { CaseListItem, CaseOrigin, CaseRecord, CaseStage, CreateCaseBody, IsoDate } from '../../domain/case';
import { ProblemType } from '../../domain/inspectionCaseContract';
import { OrgUnitId } from '../../domain/customerData';
import { ExistingCaseAnswer } from '../../domain/caseOpening';
import { CaseRecording } from '../../domain/caseSchemas';
import { CreateCaseHeaders } from '../../domain/headerSchemas';
import { caseScopeOf } from '../../services/access/caseAccess';
import { caseDetail, createdRange, listCases, SORTABLE, validCaseCursor } from '../../services/cases/caseList';
import { openCase } from '../../services/cases/openCase';
import { defineRoute, jsonParam, type RouteDef } from '../../http/route';
import { MAX_PAGE, oneOrMany, raRange, sendPage } from '../../http/raList';
import { CaseView } from '../../domain/listPaging';
import { nextCursor, pageOf } from '../../services/lists/cursor';
import { codedProblem, detailLanguage } from '../../http/problem';

export interface CaseRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
  /** How long POST waits for the workflow's first activity to write the read model. */
  recordWaitMs?: number;
}


const ListQuery = z.strictObject({
  range: raRange.optional(),
  cursor: z.string().max(1000).optional().describe('Keyset paging: empty for the first page, then the X-Next-Cursor of the previous answer (not with range)'),
  limit: jsonParam(z.number().int().min(1).max(MAX_PAGE)).optional().describe('Rows per keyset page (with cursor; default 25)'),
  sort: jsonParam(z.tuple([z.enum(Object.keys(SORTABLE) as [keyof typeof SORTABLE]), z.enum(['ASC', 'DESC'])])).optional(),
  filter: jsonParam(z.strictObject({
    q: z.string().max(100).optional(),
    stage: oneOrMany(CaseStage).optional(),
    origin: oneOrMany(CaseOrigin).optional(),
    id: oneOrMany(z.uuid()).optional(),
    view: CaseView.optional().describe('Saved view: mine 我的待办, overdue 超期, awaiting_my_review 待我复核, escalation_tier3 三级督办, suspected_fake 疑似虚假工单, waiting_on_me 等待我处理'),
    // the supervision cockpit's filters (#16)
    status: z.enum(['open', 'finished']).optional().describe('open: not closed, dismissed or cancelled; finished: one of those'),
    problemType: oneOrMany(ProblemType).optional(),
    escalationTier: z.number().int().min(1).max(3).optional().describe('Open cases whose current stage reached at least this tier'),
    unit: OrgUnitId.optional().describe('Only this org unit\'s subtree (inside the caller\'s scope)'),
    createdFrom: IsoDate.optional().describe('Created on or after this China-calendar day'),
    createdTo: IsoDate.optional().describe('Created on or before this China-calendar day'),
  })).optional(),
});

const IdParams = z.strictObject({ id: z.uuid('must be a case id (UUID)') });

const IdempotencyKey = z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII only');

export function caseRoutes({ pool, temporal, taskQueue, recordWaitMs = 10_000 }: CaseRouteDeps): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/cases',
      summary: 'List cases (react-admin simple-rest: range, sort, filter; Content-Range header). Keyset paging with cursor: X-Next-Cursor names the next page; X-Total-Capped: true when the total is the 10000 cap ("10000+")',
      tag: 'cases',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager'], scope: 'org' },
      query: ListQuery,
      response: { status: 200, schema: z.array(CaseListItem), description: 'Cases inside the caller\'s org unit' },
      async handler({ req, res, principal, query }) {
        const [field, order] = query.sort ?? ['createdAt', 'DESC'];
        const f = query.filter ?? {};
        const sort = { field, order };
        const page = pageOf(query, sort, validCaseCursor(field), detailLanguage(req));
        const r = await listCases(pool, {
          scope: caseScopeOf(principal), q: f.q, stage: f.stage, origin: f.origin, ids: f.id, view: f.view && { name: f.view, viewer: principal }, sort, page,
          status: f.status, problemType: f.problemType, escalationTier: f.escalationTier, unit: f.unit, ...createdRange(f.createdFrom, f.createdTo),
        });
        sendPage(res, 'cases', page, r, nextCursor(r.next, sort));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/cases/:id',
      summary: 'One case from the read model',
      tag: 'cases',
      policy: { roles: ['inspector', 'station_lead', 'supervisor', 'manager', 'admin'], scope: 'org' }, // admins: read-only, for the engine details
      params: IdParams,
      response: { status: 200, schema: CaseListItem, description: 'The case' },
      async handler({ res, principal, params }) {
        res.json(await caseDetail(pool, params.id, principal));
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
      otherResponses: [
        { status: 202, schema: CaseRecording, description: 'The workflow has started but not yet recorded the case (Location: the case)' },
        { status: 200, schema: ExistingCaseAnswer, description: 'The customer already has this open case (code case-open:ExistingCase); none was opened. Give duplicateReason to open a second one' },
      ],
      async handler({ req, res, principal, body }) {
        const rawKey = req.header('idempotency-key');
        const key = rawKey === undefined ? undefined : IdempotencyKey.safeParse(rawKey);
        if (key && !key.success) throw codedProblem(400, 'Invalid request', 'request.idempotency-key-invalid', {}, detailLanguage(req), { errors: [{ path: 'header.Idempotency-Key', message: key.error.issues[0].message }] });
        const opened = await openCase({ pool, temporal, taskQueue, recordWaitMs }, principal, {
          kind: 'create-case', customerAccountNo: body.customerAccountNo, origin: body.origin, note: body.note, idempotencyKey: key?.data, duplicateReason: body.duplicateReason,
        });
        if (opened.recorded && opened.existing) {
          res.status(200).location(`/api/cases/${opened.case.id}`).json({ ...opened.case, existing: true, message: opened.message });
          return;
        }
        if (!opened.recorded) {
          res.status(202).location(`/api/cases/${opened.id}`).json({ id: opened.id, workflowId: opened.workflowId, status: 'recording' });
          return;
        }
        res.status(201).location(`/api/cases/${opened.case.id}`).json(opened.case);
      },
    }),
  ];
}
