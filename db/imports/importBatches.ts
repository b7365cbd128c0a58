import type { Queryable } from '../pool';
import { subtreeClause } from '../orgScope';

export interface ImportBatchSummary {
  id: string; kind: string; rows: number; accepted: number; rejected: number; importedBy: string; orgUnitId: string; createdAt: string;
}

/** Import batches made inside an org subtree, newest first, one page. */
export async function listImportBatches(db: Queryable, orgUnit: string, offset: number, limit: number): Promise<{ rows: ImportBatchSummary[]; total: number }> {
  const params: unknown[] = [];
  const where = subtreeClause(params, 'org_unit_id', orgUnit);
  const total = await db.query<{ n: number }>(`select count(*)::int as n from import_batches where ${where}`, params);
  const r = await db.query<{ id: string; kind: string; row_count: number; accepted: number; rejected: number; imported_by: string; org_unit_id: string; created_at: Date }>(
    `select id, kind, row_count, accepted, rejected, imported_by, org_unit_id, created_at from import_batches where ${where}
      order by created_at desc, id limit $${params.length + 1} offset $${params.length + 2}`,
    [...params, limit, offset],
  );
  const rows = r.rows.map((x) => ({ id: x.id, kind: x.kind, rows: x.row_count, accepted: x.accepted, rejected: x.rejected, importedBy: x.imported_by, orgUnitId: x.org_unit_id, createdAt: x.created_at.toISOString() }));
  return { rows, total: total.rows[0].n };
}

/** The stored row report of one batch inside an org subtree, or null. */
export async function importBatchReport(db: Queryable, id: string, orgUnit: string): Promise<unknown | null> {
  const params: unknown[] = [id];
  const r = await db.query<{ report: unknown }>(`select report from import_batches where id = $1 and ${subtreeClause(params, 'org_unit_id', orgUnit)}`, params);
  return r.rows[0]?.report ?? null;
}
