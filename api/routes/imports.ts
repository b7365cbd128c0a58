import type { Request, RequestHandler } from 'express';
import { z, type ZodObject } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { RoutineWorkOrderRow } from '../../domain/customerData';
import { LegacyCaseRow } from '../../domain/legacyCases';
import { importRequestBody } from '../../domain/importSchemas';
import {
  IMPORT_KINDS, IMPORT_KIND_NAMES, importBatches, importHistory, LEGACY_IMPORT_ROLES, importData, importHeaderTable, importKindFor, importReport, importWorkOrders, uploadFeed, charsetOf, UPLOAD_LIMIT_BYTES, uploadTooLargeProblem, type UploadSource,
} from '../../services/imports/imports';
import { defineRoute, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';
import { detailLanguage } from '../../http/problem';

export interface ImportRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
  /** How many rejected rows a report gives in full (IMPORT_REPORT_FULL_ROWS). */
  reportFullRows?: number;
}

/**
 * CSV and NDJSON bodies are not parsed here: the handler reads them as they arrive (services/imports/uploadRows.ts).
 * A Content-Length over the limit is refused before a byte is read; application/json goes through the app-wide parser.
 */
const uploadParser: RequestHandler = (req, _res, next) => {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > UPLOAD_LIMIT_BYTES) return next(uploadTooLargeProblem(detailLanguage(req)));
  next();
};

const Rejection = z.object({
  line: z.number(),
  errors: z.array(z.object({
    field: z.string(),
    message: z.string().describe('The reason in the request\'s language where it has a code, else in English'),
    code: z.string().optional().describe('A stable code where the reason has one (import.value.unknown: a coded column\'s cell names no value it accepts)'),
    params: z.record(z.string(), z.string()).optional().describe('What the coded reason quotes (import.value.unknown: value, accepted — the accepted values as 中文名/code)'),
  })),
});
const RejectedOmitted = z.object({
  rows: z.number().describe('Rejected rows beyond the first ones given in full'),
  byCode: z.record(z.string(), z.number()).describe('Their reasons by code (import.row.rejected: a reason without its own code; (other): codes beyond the first 200)'),
  byField: z.record(z.string(), z.number()).describe('Their reasons by field ((row): the row as a whole; (other): fields beyond the first 200)'),
});
/** The rejected rows of a report: the first ones in full, all counted (reports stored before #18 have `rejected` only). */
const rejectionFields = {
  rejected: z.array(Rejection).describe('The first rejected rows (by line; 100 unless configured) with every reason, their line (CSV/NDJSON: line in the file, header = 1; JSON array: 1-based position)'),
  rejectedRows: z.number().optional().describe('Every rejected row, counted (absent in reports stored before bounded reports: rejected then held them all)'),
  rejectedOmitted: RejectedOmitted.optional().describe('The rejected rows not given in full, counted by reason code and by field'),
};
const ImportReport = z.object({
  importId: z.uuid(), kind: z.string(), rows: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(),
  ...rejectionFields,
});
const RoutineReport = z.object({
  importId: z.uuid(), kind: z.literal('routine-work-orders'), rows: z.number(),
  opened: z.array(z.object({ line: z.number(), orderNo: z.string(), caseId: z.uuid() })),
  duplicates: z.array(z.object({
    line: z.number(), orderNo: z.string(), reason: z.string(),
    code: z.enum(['import.duplicate.in-file', 'import.duplicate.imported-before', 'import.duplicate.open-routine-case', 'import.duplicate.open-case']).optional()
      .describe('The reason as a code (absent in reports stored before codes); params hold what it quotes: line; anomalyType and its Chinese anomalyTypeName; origin and caseNo'),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional(),
    caseId: z.uuid().nullable(),
  })),
  ...rejectionFields,
});
const LegacyReport = z.object({
  importId: z.uuid(), kind: z.literal('legacy-cases'), rows: z.number(),
  imported: z.array(z.object({ line: z.number(), sourceCaseNo: z.string(), caseId: z.uuid() })).describe('Rows imported as archived cases (历史导入), with their case'),
  duplicates: z.array(z.object({
    line: z.number(), sourceCaseNo: z.string(), reason: z.string(),
    code: z.enum(['import.duplicate.in-file', 'import.duplicate.imported-before']).describe('in-file: params.line names the earlier line; imported-before: the case is there already and was left as it was'),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    caseId: z.uuid().nullable(),
  })),
  ...rejectionFields,
  unscored: z.number().describe('Imported cases closed before any published assessment rule set: counted in the dashboard, not in rankings'),
});
const ImportSummary = z.object({
  id: z.uuid(), kind: z.string(), rows: z.number(), accepted: z.number(), rejected: z.number(), importedBy: z.string(), orgUnitId: z.string(), createdAt: z.string(),
});

const ImportValue = z.object({ code: z.string(), zh: z.string(), en: z.string(), synonyms: z.array(z.string()) });
const HeaderTable = z.object({
  kinds: z.array(z.object({
    kind: z.string(),
    columns: z.array(z.object({
      field: z.string().describe('The English header (the row field)'),
      zh: z.string().describe('The Chinese header (中文表头) the template writes'),
      synonyms: z.array(z.string()).describe('Other headers of the monitoring / marketing exports accepted for it'),
      required: z.boolean(),
      type: z.string(),
      example: z.string(),
      description: z.string(),
      values: z.array(ImportValue).optional().describe('A coded column\'s values: a cell may give the code, the Chinese or English name or a synonym'),
    })),
  })),
  anomalyTypes: z.array(ImportValue),
});

const UPLOAD_HELP = 'Send text/csv (first line: column names), application/x-ndjson (one object per line), up to 64 MB, or application/json (an array of row objects, up to 256 kB). Text is decoded by the Content-Type\'s charset when given, else by its BOM (UTF-8, UTF-16), else as UTF-8, or as GB18030 (GBK) when it is not UTF-8; an upload neither decodes is refused (422 import.encoding.unknown) and nothing is imported. The report gives the first rejected rows in full and counts the rest by reason code and field.';

/** The upload of an import request, read by the service as it arrives. */
function uploadOf(req: Request): UploadSource {
  const header = req.headers['content-type'] ?? '';
  const contentType = header.split(';')[0].trim().toLowerCase();
  return contentType === 'application/json' ? { contentType, json: req.body } : { contentType, charset: charsetOf(header), stream: req };
}

export function importRoutes({ pool, temporal, taskQueue, reportFullRows }: ImportRouteDeps): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/imports/routine-work-orders',
      summary: `Routine audit (常态稽查): anomaly work orders of the monitoring system become cases (origin routine); duplicates are reported, not opened. ${UPLOAD_HELP}`,
      tag: 'imports',
      policy: { roles: ['manager', 'admin'], scope: 'org' },
      bodyParser: uploadParser,
      textCheckedByHandler: ['*'], // a JSON array's rows are checked row by row, like CSV and NDJSON rows
      requestBody: importRequestBody({ 'routine-work-orders': RoutineWorkOrderRow }),
      response: { status: 200, schema: RoutineReport, description: 'Row report: opened, duplicates, rejected' },
      async handler({ req, res, principal }) {
        const lang = detailLanguage(req);
        const upload = uploadOf(req);
        const feed = uploadFeed(upload, 'routine-work-orders', RoutineWorkOrderRow, lang);
        const report = await importWorkOrders({ pool, temporal, taskQueue }, principal, feed, { contentType: upload.contentType, lang, reportFullRows });
        res.json(report);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/imports/legacy-cases',
      summary: `历史工单导入: a previous (pilot) system's closed cases become archived cases without a workflow (历史导入), counted in the dashboard and the rankings; a source case number imported before is reported as a duplicate and changes nothing. ${UPLOAD_HELP}`,
      tag: 'imports',
      policy: { roles: [...LEGACY_IMPORT_ROLES], scope: 'org' },
      bodyParser: uploadParser,
      textCheckedByHandler: ['*'], // a JSON array's rows are checked row by row, like CSV and NDJSON rows
      requestBody: importRequestBody({ 'legacy-cases': LegacyCaseRow as unknown as ZodObject }),
      response: { status: 200, schema: LegacyReport, description: 'Row report: imported, duplicates, rejected' },
      async handler({ req, res, principal }) {
        const lang = detailLanguage(req);
        const upload = uploadOf(req);
        const feed = uploadFeed(upload, 'legacy-cases', LegacyCaseRow as unknown as ZodObject, lang);
        res.json(await importHistory(pool, principal, feed, { contentType: upload.contentType, lang, reportFullRows }));
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
      textCheckedByHandler: ['*'], // a JSON array's rows are checked row by row, like CSV and NDJSON rows
      requestBody: importRequestBody(Object.fromEntries(IMPORT_KIND_NAMES.map((k) => [k, IMPORT_KINDS[k].schema as unknown as ZodObject]))),
      response: { status: 200, schema: ImportReport, description: 'Row report' },
      async handler({ req, res, principal, params }) {
        const lang = detailLanguage(req);
        const kind = importKindFor(principal, params.kind, lang);
        const upload = uploadOf(req);
        const feed = uploadFeed(upload, params.kind, kind.schema as unknown as ZodObject, lang);
        res.json(await importData(pool, principal, params.kind, kind, feed, { contentType: upload.contentType, lang, reportFullRows }));
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
        const { rows, total } = await importBatches(pool, principal, start, end - start + 1);
        sendList(res, 'imports', start, rows, total);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/imports/headers',
      summary: 'The columns of every import kind: English header, Chinese header (中文表头), accepted synonyms, required, example; and the anomaly types\' names a work order may give',
      tag: 'imports',
      policy: { roles: ['manager', 'admin', 'supervisor'], scope: 'none' },
      response: { status: 200, schema: HeaderTable, description: 'The header mapping per kind' },
      async handler({ res }) {
        res.json(importHeaderTable());
      },
    }),
    defineRoute({
      method: 'get',
      path: '/imports/:id',
      summary: 'One import batch with its stored row report',
      tag: 'imports',
      policy: { roles: ['manager', 'admin', 'supervisor'], scope: 'org' },
      params: z.strictObject({ id: z.uuid('must be an import id (UUID)') }),
      response: { status: 200, schema: z.union([ImportReport, RoutineReport, LegacyReport]), description: 'The row report' },
      async handler({ req, res, principal, params }) {
        res.json(await importReport(pool, principal, params.id, detailLanguage(req)));
      },
    }),
  ];
}
