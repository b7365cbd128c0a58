import type pg from 'pg';
import type { CaseRecord } from '../domain/case';
import type { CaseScope } from '../domain/caseScope';
import { subtreeClause } from './orgScope';

export interface CaseListQuery {
  scope: CaseScope;
  q?: string;
  stage?: string[];
  origin?: string[];
  ids?: string[];
  sort: { field: keyof typeof SORTABLE; order: 'ASC' | 'DESC' };
  range: [number, number];
}

export const SORTABLE = {
  createdAt: 'c.created_at',
  updatedAt: 'c.updated_at',
  caseNo: 'c.case_no',
  stage: 'c.stage',
  priority: 'c.priority',
  customerAccountNo: 'c.customer_account_no',
  customerName: 'c.customer_name',
  origin: 'c.origin',
} as const;

const COLUMNS = `c.id, c.case_no, c.workflow_id, c.customer_account_no, c.customer_name, c.org_unit_id, o.name_zh as org_unit_name,
  c.origin, c.stage, c.priority, c.note, c.created_by, c.created_at, c.updated_at, c.last_event_seq, c.deadline_at, c.deadline_provisional`;

interface CaseRow {
  id: string; case_no: string; workflow_id: string; customer_account_no: string; customer_name: string; org_unit_id: string; org_unit_name: string;
  origin: string; stage: string; priority: string; note: string | null; created_by: string; created_at: Date; updated_at: Date; last_event_seq: number;
  deadline_at: Date | null; deadline_provisional: boolean;
}

function toRecord(r: CaseRow): CaseRecord {
  return {
    id: r.id, caseNo: r.case_no, workflowId: r.workflow_id, customerAccountNo: r.customer_account_no, customerName: r.customer_name,
    orgUnitId: r.org_unit_id, orgUnitName: r.org_unit_name, origin: r.origin as CaseRecord['origin'], stage: r.stage as CaseRecord['stage'],
    priority: r.priority as CaseRecord['priority'], note: r.note, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(), lastEventSeq: r.last_event_seq,
    deadlineAt: r.deadline_at ? r.deadline_at.toISOString() : null, deadlineProvisional: r.deadline_provisional,
  };
}

/**
 * The SQL condition (on alias `c`) of a case scope (domain/caseScope.ts), its values appended to `params`: the org
 * subtree, or for an inspector the cases assigned to them or waiting on them by name.
 */
export function scopeClause(params: unknown[], scope: CaseScope): string {
  if (scope.ownCasesOf === undefined) return subtreeClause(params, 'c.org_unit_id', scope.orgUnit);
  params.push(scope.ownCasesOf);
  return `(c.assignee = $${params.length} or c.pending_user = $${params.length})`;
}

export async function listCases(db: Pick<pg.Pool, 'query'>, q: CaseListQuery): Promise<{ rows: CaseRecord[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeClause(params, q.scope)];
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    where.push(`(c.case_no ilike $${params.length} or c.customer_account_no like $${params.length} or c.customer_name ilike $${params.length})`);
  }
  if (q.stage?.length) {
    params.push(q.stage);
    where.push(`c.stage = any($${params.length})`);
  }
  if (q.origin?.length) {
    params.push(q.origin);
    where.push(`c.origin = any($${params.length})`);
  }
  if (q.ids?.length) {
    params.push(q.ids);
    where.push(`c.id = any($${params.length}::uuid[])`);
  }
  const whereSql = where.join(' and ');
  const total = await db.query<{ n: number }>(`select count(*)::int as n from cases c where ${whereSql}`, params);
  const [start, end] = q.range;
  const orderBy = `${SORTABLE[q.sort.field]} ${q.sort.order === 'ASC' ? 'asc' : 'desc'}, c.id`;
  const rows = await db.query<CaseRow>(
    `select ${COLUMNS} from cases c join org_units o on o.id = c.org_unit_id where ${whereSql} order by ${orderBy} limit ${end - start + 1} offset ${start}`,
    params,
  );
  return { rows: rows.rows.map(toRecord), total: total.rows[0].n };
}

export async function getCase(db: Pick<pg.Pool, 'query'>, id: string, scope?: CaseScope): Promise<CaseRecord | null> {
  const params: unknown[] = [id];
  const where = ['c.id = $1'];
  if (scope) where.push(scopeClause(params, scope));
  const r = await db.query<CaseRow>(`select ${COLUMNS} from cases c join org_units o on o.id = c.org_unit_id where ${where.join(' and ')}`, params);
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}
