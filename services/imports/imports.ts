import type { Client } from '@temporalio/client';
import type pg from 'pg';
import type { Principal } from '../../domain/roles';
import { IMPORT_KINDS, type ImportKind } from '../../db/imports/importKinds';
import { importRows, type RowFeed } from '../../db/imports/importRows';
import { importRoutineWorkOrders } from '../../db/imports/routineWorkOrders';
import { importLegacyCases } from '../../db/imports/legacyCases';
import { LegacyCaseRow } from '../../domain/legacyCases';
import { importBatchReport, listImportBatches } from '../../db/imports/importBatches';
import { codedProblem } from '../../http/problem';
import { startCaseWorkflow } from '../cases/openCase';
import { RoutineWorkOrderRow } from '../../domain/customerData';
import { importColumns } from '../../domain/importSchemas';
import { IMPORT_HEADER_KINDS, IMPORT_HEADERS } from '../../domain/importHeaders';
import { IMPORT_VALUE_COLUMNS, valueList } from '../../domain/importValues';
import type { Lang } from '../../domain/text';
import type { ZodObject } from 'zod';

// Imports of upstream data (customers, bills, readings…) and of the monitoring system's anomaly work orders, which
// open routine cases. The HTTP adapter hands over the upload (services/imports/uploadRows.ts reads it into rows as it
// arrives); everything after that happens here.

export interface UploadMeta {
  contentType: string;
  /** The words of the row reasons that have a code. */
  lang: Lang;
  /** How many rejected rows the report gives in full (the rest are counted); default REPORT_FULL_ROWS_DEFAULT. */
  reportFullRows?: number;
}

/** Routine audit (常态稽查): each new work order opens a case; duplicates are reported, not opened. */
export function importWorkOrders(d: { pool: pg.Pool; temporal: Client; taskQueue: string }, principal: Principal, feed: RowFeed, upload: UploadMeta) {
  return importRoutineWorkOrders(d.pool, feed, { ...upload, by: principal.username, orgUnit: principal.orgUnit }, (input) => startCaseWorkflow(d.temporal, d.taskQueue, input));
}

/** Who may import a pilot system's closed cases: the roles of the other imports of upstream data. */
export const LEGACY_IMPORT_ROLES = ['manager', 'admin'] as const;

/**
 * 历史工单导入: a pilot system's closed cases become archived cases without a workflow, counted in the dashboard and the
 * rankings; a source case number imported before is reported as a duplicate and changes nothing.
 */
export function importHistory(pool: pg.Pool, principal: Principal, feed: RowFeed, upload: UploadMeta & { now?: Date }) {
  if (!principal.roles.some((r) => (LEGACY_IMPORT_ROLES as readonly string[]).includes(r))) {
    throw codedProblem(403, 'Forbidden', 'import.legacy-role-required', { roles: LEGACY_IMPORT_ROLES.join(',') }, upload.lang);
  }
  return importLegacyCases(pool, feed, { ...upload, by: principal.username, orgUnit: principal.orgUnit });
}

/** The kind's row schema and roles; 403 when the caller's roles may not import it. */
export function importKindFor(principal: Principal, name: keyof typeof IMPORT_KINDS, lang: Lang = 'zh-CN'): ImportKind {
  const kind: ImportKind = IMPORT_KINDS[name];
  if (!principal.roles.some((r) => (kind.roles as readonly string[]).includes(r))) {
    throw codedProblem(403, 'Forbidden', 'import.role-required', { importKind: name, roles: kind.roles.join(',') }, lang);
  }
  return kind;
}

/** Validates every row and upserts the valid ones (identical rows untouched); the row report. */
export function importData(pool: pg.Pool, principal: Principal, name: keyof typeof IMPORT_KINDS, kind: ImportKind, feed: RowFeed, upload: UploadMeta) {
  return importRows(pool, name, kind, feed, { ...upload, by: principal.username, orgUnit: principal.orgUnit });
}

/**
 * The columns of every import kind as the import page shows them and its templates write them: the English header
 * (the field), the Chinese header, the synonyms also accepted, required or not, an example, and for a coded column the
 * values it accepts (code, Chinese and English name, synonyms); and the anomaly types' names a routine work order may give.
 */
export function importHeaderTable() {
  const schemaOf = (k: (typeof IMPORT_HEADER_KINDS)[number]) => (k === 'routine-work-orders' ? RoutineWorkOrderRow : k === 'legacy-cases' ? LegacyCaseRow : IMPORT_KINDS[k].schema) as unknown as ZodObject;
  return {
    kinds: IMPORT_HEADER_KINDS.map((kind) => {
      const columns = new Map(importColumns(schemaOf(kind)).map((c) => [c.name, c]));
      return {
        kind,
        columns: IMPORT_HEADERS[kind].map((s) => ({
          field: s.field, zh: s.zh, synonyms: [...(s.synonyms ?? [])], required: columns.get(s.field)?.required ?? false,
          type: columns.get(s.field)?.type ?? 'text', example: s.example, description: columns.get(s.field)?.description ?? '',
          ...(IMPORT_VALUE_COLUMNS[kind][s.field] ? { values: valueList(IMPORT_VALUE_COLUMNS[kind][s.field].set) } : {}),
        })),
      };
    }),
    anomalyTypes: valueList('anomalyType'),
  };
}

export function importBatches(pool: pg.Pool, principal: Principal, offset: number, limit: number) {
  return listImportBatches(pool, principal.orgUnit, offset, limit);
}

/** One batch's row report inside the caller's org unit, else 404. */
export async function importReport(pool: pg.Pool, principal: Principal, id: string, lang: Lang = 'zh-CN'): Promise<unknown> {
  const report = await importBatchReport(pool, id, principal.orgUnit);
  if (report === null) throw codedProblem(404, 'Not found', 'import.not-visible', { id }, lang);
  return report;
}

export { IMPORT_KINDS, IMPORT_KIND_NAMES } from '../../db/imports/importKinds';
export { rowsFeed, type RowFeed } from '../../db/imports/importRows';
export { uploadFeed, TEXT_UPLOAD_TYPES, UPLOAD_LIMIT_BYTES, uploadTooLargeProblem, type UploadSource } from './uploadRows';
export { charsetOf } from './uploadText';
