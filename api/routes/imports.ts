import express, { type Request } from 'express';
import { z, type ZodObject } from 'zod';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { RoutineWorkOrderRow } from '../../domain/customerData';
import { LegacyCaseRow } from '../../domain/legacyCases';
import { importRequestBody } from '../../domain/importSchemas';
import {
  canonicalKeys, headerIssueParams, IMPORT_HEADERS, importHeaderText, resolveHeader, type HeaderIssue, type ImportHeaderKind,
} from '../../domain/importHeaders';
import type { Lang } from '../../domain/text';
import {
  IMPORT_KINDS, IMPORT_KIND_NAMES, importBatches, importHistory, LEGACY_IMPORT_ROLES, importData, importHeaderTable, importKindFor, importReport, importWorkOrders, parseCsv, parseJsonRows, parseNdjson, UnreadableUpload, type ParsedRow,
} from '../../services/imports/imports';
import { defineRoute, type RouteDef } from '../../http/route';
import { raRange, sendList } from '../../http/raList';
import { codedProblem, detailLanguage, hostileTextProblem, Problem } from '../../http/problem';
import { findHostileText } from '../../domain/text';

export interface ImportRouteDeps {
  pool: pg.Pool;
  temporal: Client;
  taskQueue: string;
}

/** CSV and NDJSON bodies up to 64 MB for these routes only; application/json goes through the app-wide parser. */
const uploadParser = express.text({ type: ['text/csv', 'application/csv', 'application/x-ndjson', 'text/plain'], limit: '64mb', defaultCharset: 'utf-8' });

const Rejection = z.object({
  line: z.number(),
  errors: z.array(z.object({
    field: z.string(),
    message: z.string().describe('The reason in the request\'s language where it has a code, else in English'),
    code: z.string().optional().describe('A stable code where the reason has one (import.value.unknown: a coded column\'s cell names no value it accepts)'),
    params: z.record(z.string(), z.string()).optional().describe('What the coded reason quotes (import.value.unknown: value, accepted — the accepted values as 中文名/code)'),
  })),
});
const ImportReport = z.object({
  importId: z.uuid(), kind: z.string(), rows: z.number(), inserted: z.number(), updated: z.number(), unchanged: z.number(),
  rejected: z.array(Rejection).describe('Every row not imported, with its line (CSV/NDJSON: line in the file, header = 1; JSON array: 1-based position)'),
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
  rejected: z.array(Rejection),
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
  rejected: z.array(Rejection),
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

const UPLOAD_HELP = 'Send text/csv (first line: column names), application/x-ndjson (one object per line) or application/json (an array of row objects, up to 256 kB).';

/** The body as rows with their lines, keyed by the kind's fields: CSV headers (Chinese or English) are mapped and checked first. */
function rowsOf(req: Request, kind: ImportHeaderKind, schema: ZodObject): { rows: ParsedRow[]; body: string; contentType: string } {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const canonical = (rows: ParsedRow[]) => rows.map((r) => ('values' in r ? { line: r.line, values: canonicalKeys(kind, r.values) } : r));
  try {
    if (typeof req.body === 'string' && contentType === 'application/x-ndjson') return { rows: canonical(parseNdjson(req.body)), body: req.body, contentType };
    if (typeof req.body === 'string') {
      const { header, rows } = parseCsv(req.body);
      // Rows with hostile text are rejected one by one (validateRows); a hostile column name spoils the whole file.
      const hostile = findHostileText(Object.fromEntries(header.map((h) => [h, ''])), { prefix: 'header' });
      if (hostile.length) throw hostileTextProblem(hostile, detailLanguage(req));
      const required = Object.keys(schema.shape).filter((k) => !schema.shape[k].safeParse(undefined).success);
      const resolved = resolveHeader(kind, header, required);
      if ('issues' in resolved) throw headerProblem(kind, resolved.issues, detailLanguage(req));
      const fields = resolved.fields;
      const renamed = rows.map((r) => ('values' in r ? { line: r.line, values: Object.fromEntries(header.map((h, i) => [fields[i], r.values[h]])) } : r));
      return { rows: renamed, body: req.body, contentType };
    }
    if (req.body && typeof req.body === 'object' && contentType === 'application/json') return { rows: canonical(parseJsonRows(req.body)), body: JSON.stringify(req.body), contentType };
  } catch (e) {
    if (e instanceof UnreadableUpload) throw codedProblem(400, 'Invalid request', 'import.unreadable', { reason: e.message }, detailLanguage(req));
    throw e;
  }
  throw codedProblem(415, 'Unsupported media type', 'import.unsupported-type', {}, detailLanguage(req));
}

/** 400 naming each unknown, repeated or missing column, with a code and params per column for the UI's own words. */
function headerProblem(kind: ImportHeaderKind, issues: HeaderIssue[], lang: Lang): Problem {
  const columns = IMPORT_HEADERS[kind].map((s) => `${s.zh}/${s.field}`).join(', ');
  const errors = issues.map((i) => {
    const params = headerIssueParams(i);
    return { path: `header.${i.code === 'import.header.missing' ? i.field : i.header}`, message: importHeaderText(i.code, params, lang), code: i.code, params };
  });
  return codedProblem(400, 'Invalid request', 'import.header.mismatch', { kind, columns }, lang, { errors });
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
      textCheckedByHandler: ['*'], // a JSON array's rows are checked row by row, like CSV and NDJSON rows
      requestBody: importRequestBody({ 'routine-work-orders': RoutineWorkOrderRow }),
      response: { status: 200, schema: RoutineReport, description: 'Row report: opened, duplicates, rejected' },
      async handler({ req, res, principal }) {
        const { rows, body, contentType } = rowsOf(req, 'routine-work-orders', RoutineWorkOrderRow);
        const report = await importWorkOrders({ pool, temporal, taskQueue }, principal, rows, { body, contentType, lang: detailLanguage(req) });
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
        const { rows, body, contentType } = rowsOf(req, 'legacy-cases', LegacyCaseRow as unknown as ZodObject);
        res.json(await importHistory(pool, principal, rows, { body, contentType, lang: detailLanguage(req) }));
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
        const kind = importKindFor(principal, params.kind, detailLanguage(req));
        const { rows, body, contentType } = rowsOf(req, params.kind, kind.schema as unknown as ZodObject);
        res.json(await importData(pool, principal, params.kind, kind, rows, { body, contentType, lang: detailLanguage(req) }));
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
