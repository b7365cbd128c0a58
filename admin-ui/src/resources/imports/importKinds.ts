import type { ApiItem, ApiResponse } from '../../data/api';
import type { ImportKind, ImportMediaType } from '../../data/dataProvider';
import { valuesOf } from '../../data/enumValues';

/** A row of GET /api/imports. */
export type ImportSummary = ApiItem<'/api/imports'>;
/** The row report of an import (GET /api/imports/:id, and the answer of the upload): upstream data or routine orders. */
export type ImportReport = ApiResponse<'/api/imports/{id}'>;
export type RoutineImportReport = Extract<ImportReport, { opened: unknown }>;
/** 历史工单导入: a previous system's closed cases, imported as archived cases. */
export type LegacyImportReport = Extract<ImportReport, { imported: unknown }>;
export type DataImportReport = Exclude<ImportReport, RoutineImportReport | LegacyImportReport>;

export const isRoutineReport = (r: ImportReport): r is RoutineImportReport => 'opened' in r;
export const isLegacyReport = (r: ImportReport): r is LegacyImportReport => 'imported' in r;

/** The kinds of POST /api/imports/:kind plus the routine work orders, in the upload form's order. */
export const IMPORT_KINDS = valuesOf<ImportKind>()([
  'routine-work-orders',
  'legacy-cases',
  'customers',
  'monthly-consumption',
  'daily-readings',
  'payments',
  'arrears',
  'work-orders',
  'meter-events',
  'metering-work-orders',
  'org-units',
  'station-areas',
  'area-supply',
]);

/** Reference data only an admin imports; the rest managers and admins. */
export const ADMIN_ONLY_KINDS: readonly ImportKind[] = ['org-units'];

/** The content type the API parses a file as, from its name (CSV unless it says NDJSON or JSON). */
export function contentTypeOf(fileName: string): ImportMediaType {
  const name = fileName.toLowerCase();
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'application/x-ndjson';
  if (name.endsWith('.json')) return 'application/json';
  return 'text/csv';
}

export const importKindChoices = (kinds: readonly string[]) => kinds.map((id) => ({ id, name: `resources.imports.enums.kind.${id}` }));
