/** Import kinds of POST /api/imports/:kind (db/imports/importKinds.ts) plus the routine work orders. */
export const IMPORT_KINDS = [
  'routine-work-orders',
  'customers',
  'monthly-consumption',
  'daily-readings',
  'payments',
  'arrears',
  'work-orders',
  'meter-events',
  'org-units',
] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

/** Reference data only an admin imports; the rest managers and admins. */
export const ADMIN_ONLY_KINDS: readonly ImportKindName[] = ['org-units'];

export interface ImportSummary {
  id: string;
  kind: string;
  rows: number;
  accepted: number;
  rejected: number;
  importedBy: string;
  orgUnitId: string;
  createdAt: string;
}

export interface RowRejection {
  line: number;
  errors: { field: string; message: string }[];
}

export interface DataImportReport {
  importId: string;
  kind: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowRejection[];
}

export interface RoutineImportReport {
  importId: string;
  kind: 'routine-work-orders';
  rows: number;
  opened: { line: number; orderNo: string; caseId: string }[];
  duplicates: { line: number; orderNo: string; reason: string; caseId: string | null }[];
  rejected: RowRejection[];
}

export type ImportReport = DataImportReport | RoutineImportReport;

export const isRoutineReport = (r: ImportReport): r is RoutineImportReport => r.kind === 'routine-work-orders';

/** The content type the API parses a file as, from its name (CSV unless it says NDJSON or JSON). */
export function contentTypeOf(fileName: string): string {
  const name = fileName.toLowerCase();
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'application/x-ndjson';
  if (name.endsWith('.json')) return 'application/json';
  return 'text/csv';
}

export const importKindChoices = (kinds: readonly string[]) => kinds.map((id) => ({ id, name: `resources.imports.enums.kind.${id}` }));
