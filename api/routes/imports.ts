import express, { type Request } from 'express';
import { z, type ZodObject } from 'zod';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type pg from 'pg';
import { caseWorkflowId, INSPECTION_CASE_WORKFLOW } from '../../domain/inspectionCaseContract';
import { RoutineWorkOrderRow } from '../../domain/customerData';
import { importRequestBody } from '../../domain/importSchemas';
import { IMPORT_KINDS, IMPORT_KIND_NAMES, type ImportKind } from '../../db/imports/importKinds';
import { importRows } from '../../db/imports/importRows';
import { importRoutineWorkOrders } from '../../db/imports/routineWorkOrders';
import { parseCsv, parseJsonRows, parseNdjson, UnreadableUpload, type ParsedRow } from '../../db/imports/parseRows';
import { defineRoute, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';
import { Problem } from '../../http/problem';

export interface ImportRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
}

/** CSV and NDJSON bodies up to 64 MB for these routes only; application/json goes through the app-wide parser. */
const uploadParser = express.text({ type: ['text/csv', 'application/csv', 'application/x-ndjson', 'text/plain'], limit: '64mb', defaultCharset: 'utf-8' });

const Rejection = z.object({ line: z.number(), errors: z.array(z.object({ field: z.string(), message: z.string() })) });
const ImportReport = z.object({
  importId: z.uuid(), kind: z.string(), rows: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(),
  rejected: z.array(Rejection).describe('Every row not imported, with its line (CSV/NDJSON: line in the file, header = 1; JSON array: 1-based position)'),
});
const RoutineReport = z.object({
  importId: z.uuid(), kind: z.literal('routine-work-orders'), rows: z.number(),
  opened: z.array(z.object({ line: z.number(), orderNo: z.string(), caseId: z.uuid() })),
  duplicates: z.array(z.object({ line: z.number(), orderNo: z.string(), reason: z.string(), caseId: z.uuid().nullable() })),
  rejected: z.array(Rejection),
});
const ImportSummary = z.object({
  id: z.uuid(), kind: z.string(), rows: z.number(), accepted: z.number(), rejected: z.number(), importedBy: z.string(), orgUnitId: z.string(), createdAt: z.string(),
});

const UPLOAD_HELP = 'Send text/csv (first line: column names), application/x-ndjson (one object per line) or application/json (an array of row objects, up to 256 kB).';

/** The body as rows with their lines; CSV headers are checked against the row schema first. */
function rowsOf(req: Request, schema: ZodObject): { rows: ParsedRow[]; body: string; contentType: string } {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  try {
    if (typeof req.body === 'string' && contentType === 'application/x-ndjson') return { rows: parseNdjson(req.body), body: req.body, contentType };
    if (typeof req.body === 'string') {
      const { header, rows } = parseCsv(req.body);
      const known = Object.keys(schema.shape);
      const errors = [
        ...header.filter((h) => !known.includes(h)).map((h) => ({ path: `header.${h}`, message: 'unknown column' })),
        ...known.filter((k) => !header.includes(k) && !schema.shape[k].safeParse(undefined).success).map((k) => ({ path: `header.${k}`, message: 'missing column' })),
      ];
      if (errors.length) throw new Problem(400, 'Invalid request', `The CSV header does not match: columns are ${known.join(', ')}.`, errors);
      return { rows, body: req.body, contentType };
    }
    if (req.body && typeof req.body === 'object' && contentType === 'application/json') return { rows: parseJsonRows(req.body), body: JSON.stringify(req.body), contentType };
  } catch (e) {
    if (e instanceof UnreadableUpload) throw new Problem(400, 'Invalid request', e.message);
    throw e;
  }
  throw new Problem(415, 'Unsupported media type', UPLOAD_HELP);
}

export function importRoutes({ pool, temporal, taskQueue }: ImportRouteDeps): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/imports/routine-work-orders',
      summary: `Routine audit (常态稽查): anomaly work orders of the monitoring system become cases (origin routine); duplicates are reported, not opened. ${UPLOAD_HELP}`,
      tag: 'imports',
      policy: { roles: ['manager', 'admin'], scope: 'org' },
      bodyParser: uploadParser,
      requestBody: importRequestBody({ 'routine-work-orders': RoutineWorkOrderRow }),
      response: { status: 200, schema: RoutineReport, description: 'Row report: opened, duplicates, rejected' },
      async handler({ req, res, principal }) {
        const { rows, body, contentType } = rowsOf(req, RoutineWorkOrderRow);
        const report = await importRoutineWorkOrders(pool, rows, { body, contentType, by: principal.username, orgUnit: principal.orgUnit }, async (input) => {
          try {
            await temporal.workflow.start(INSPECTION_CASE_WORKFLOW, {
              taskQueue, workflowId: caseWorkflowId(input.caseId), args: [input], workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
            });
          } catch (e) {
            if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
          }
        });
        res.json(report);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/imports/:kind',
      summary: `Bulk import of upstream data: every row validated, valid rows upserted (identical rows untouched, so a re-import changes nothing), rejected rows reported with their line. Org units: admin only. ${UPLOAD_HELP}`,
      tag: 'imports',
      policy: { roles: ['manager', 'admin'], scope: 'org' },
      params: z.strictObject({ kind: z.enum(IMPORT_KIND_NAMES) }),
      bodyParser: uploadParser,
      requestBody: importRequestBody(Object.fromEntries(IMPORT_KIND_NAMES.map((k) => [k, IMPORT_KINDS[k].schema as unknown as ZodObject]))),
      response: { status: 200, schema: ImportReport, description: 'Row report' },
      async handler({ req, res, principal, params }) {
        const kind: ImportKind = IMPORT_KINDS[params.kind];
        if (!principal.roles.some((r) => (kind.roles as readonly string[]).includes(r))) {
          throw new Problem(403, 'Forbidden', `Importing ${params.kind} needs one of the roles: ${kind.roles.join(', ')}.`);
        }
        const { rows, body, contentType } = rowsOf(req, kind.schema as unknown as ZodObject);
        res.json(await importRows(pool, params.kind, kind, rows, { body, contentType, by: principal.username, orgUnit: principal.orgUnit }));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/imports',
      summary: 'Import batches made inside the caller\'s org unit, newest first (react-admin: range; Content-Range header)',
      tag: 'imports',
      policy: { roles: ['manager', 'admin', 'supervisor'], scope: 'org' },
      query: z.strictObject({ range: raRange.optional() }),
      response: { status: 200, schema: z.array(ImportSummary), description: 'Import batches' },
      async handler({ res, principal, query }) {
        const [start, end] = query.range ?? [0, 24];
        const where = "(org_unit_id = $1 or left(org_unit_id, length($1) + 1) = $1 || '.')";
        const total = await pool.query<{ n: number }>(`select count(*)::int as n from import_batches where ${where}`, [principal.orgUnit]);
        const r = await pool.query<{ id: string; kind: string; row_count: number; accepted: number; rejected: number; imported_by: string; org_unit_id: string; created_at: Date }>(
          `select id, kind, row_count, accepted, rejected, imported_by, org_unit_id, created_at from import_batches where ${where}
            order by created_at desc, id limit ${end - start + 1} offset ${start}`,
          [principal.orgUnit],
        );
        const rows = r.rows.map((x) => ({ id: x.id, kind: x.kind, rows: x.row_count, accepted: x.accepted, rejected: x.rejected, importedBy: x.imported_by, orgUnitId: x.org_unit_id, createdAt: x.created_at.toISOString() }));
        sendList(res, 'imports', start, rows, total.rows[0].n);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/imports/:id',
      summary: 'One import batch with its stored row report',
      tag: 'imports',
      policy: { roles: ['manager', 'admin', 'supervisor'], scope: 'org' },
      params: z.strictObject({ id: z.uuid('must be an import id (UUID)') }),
      response: { status: 200, schema: z.union([ImportReport, RoutineReport]), description: 'The row report' },
      async handler({ res, principal, params }) {
        const r = await pool.query<{ report: unknown }>(
          "select report from import_batches where id = $1 and (org_unit_id = $2 or left(org_unit_id, length($2) + 1) = $2 || '.')",
          [params.id, principal.orgUnit],
        );
        if (!r.rows[0]) throw new Problem(404, 'Not found', `No import ${params.id} in your org unit.`);
        res.json(r.rows[0].report);
      },
    }),
  ];
}
