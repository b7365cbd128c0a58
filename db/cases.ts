import type pg from 'pg';
import type { CaseRecord } from '../domain/case';
import type { CaseScope } from '../domain/caseScope';
import { SEARCH_TOTAL_CAP, TOTAL_CAP, type CaseView } from '../domain/listPaging';
import { cappedCount, cursorPage, keysetClause, pageLimit, type KeysetAfter, type ListPage } from './keyset';
import { containsPattern, subtreeRangeClause } from './orgScope';
import { substringClause } from './textSearch';

export interface CaseListQuery {
  scope: CaseScope;
  q?: string;
  stage?: string[];
  origin?: string[];
  ids?: string[];
  problemType?: string[];
  /** Cases whose current stage reached at least this escalation tier. */
  escalationTier?: number;
  /** An org unit inside the scope: its subtree only. */
  unit?: string;
  /** Created on or after / before (exclusive) these instants. */
  createdFrom?: string;
  createdBefore?: string;
  /** open: not closed, dismissed or cancelled; finished: one of those. */
  status?: 'open' | 'finished';
  /** A saved view (domain/listPaging.ts CASE_VIEWS) seen by `viewer`. */
  view?: { name: CaseView; viewer: { username: string; roles: readonly string[] } };
  sort: { field: keyof typeof SORTABLE; order: 'ASC' | 'DESC' };
  /** Offset (react-admin) or keyset page; `range` alone is an offset page (kept for existing callers). */
  page?: ListPage;
  range?: [number, number];
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

/** The Postgres type of each sort column (a cursor's key is cast back to it). */
export const SORT_TYPES: Record<keyof typeof SORTABLE, 'timestamptz' | 'text'> = {
  createdAt: 'timestamptz', updatedAt: 'timestamptz', caseNo: 'text', stage: 'text', priority: 'text', customerAccountNo: 'text', customerName: 'text', origin: 'text',
};

const OPEN = `c.stage not in ('closed', 'dismissed', 'cancelled')`;

/** Each saved view's condition (matching migration 060's partial indexes); `user()`/`roles()` bind the viewer's name and roles. */
const VIEW_SQL: Record<CaseView, (user: () => string, roles: () => string) => string> = {
  mine: (user) => { const u = user(); return `(c.assignee = ${u} or c.pending_user = ${u})`; },
  overdue: () => `(c.deadline_at is not null and c.deadline_at < now() and ${OPEN})`,
  // Rectification reported: the verification waits on a supervisor of the case's city (pending_role) or, after a
  // reassignment, on one person by name.
  awaiting_my_review: (user, roles) => `(c.stage = 'verification' and (c.pending_user = ${user()} or (c.pending_user is null and c.pending_role = any(${roles()}::text[]))))`,
  escalation_tier3: () => `(c.escalation_tier >= 3 and ${OPEN})`,
  suspected_fake: () => 'c.review_pending',
  // as the terminal's 我的任务 (db/mobileTasks.ts myTasks), under the caller's scope (their org subtree)
  waiting_on_me: (user, roles) => `(c.pending_user = ${user()} or (c.pending_user is null and c.pending_role = any(${roles()}::text[])))`,
};

/** Searching a case by its customer's name (indexes cases_customer_name_trgm_idx / _bigram_idx / _prefix_idx). */
const CASE_NAME_TEXT = { bigramSource: 'c.customer_name', columns: ['c.customer_name'], prefixColumn: 'c.customer_name' };

const COLUMNS = `c.id, c.case_no, c.workflow_id, c.customer_account_no, c.customer_name, c.org_unit_id, o.name_zh as org_unit_name,
  c.origin, c.stage, c.priority, c.note, c.created_by, c.created_at, c.updated_at, c.last_event_seq, c.deadline_at, c.deadline_provisional,
  coalesce(c.pending_user, c.assignee) as handler, hp.display_name as handler_name, ho.name_zh as handler_station, c.pending_role,
  c.escalation_tier, c.problem_type, c.imported`;

/** The case's org unit and its handler (处理人: waiting on by name, else the assignee) with their unit, from personnel. */
const JOINS = `join org_units o on o.id = c.org_unit_id
  left join personnel hp on hp.username = coalesce(c.pending_user, c.assignee)
  left join org_units ho on ho.id = hp.org_unit_id`;

interface CaseRow {
  id: string; case_no: string; workflow_id: string; customer_account_no: string; customer_name: string; org_unit_id: string; org_unit_name: string;
  origin: string; stage: string; priority: string; note: string | null; created_by: string; created_at: Date; updated_at: Date; last_event_seq: number;
  deadline_at: Date | null; deadline_provisional: boolean;
  handler: string | null; handler_name: string | null; handler_station: string | null; pending_role: string | null; escalation_tier: number; problem_type: string | null; imported: boolean;
}

function toRecord(r: CaseRow): CaseRecord {
  return {
    id: r.id, caseNo: r.case_no, workflowId: r.workflow_id, customerAccountNo: r.customer_account_no, customerName: r.customer_name,
    orgUnitId: r.org_unit_id, orgUnitName: r.org_unit_name, origin: r.origin as CaseRecord['origin'], stage: r.stage as CaseRecord['stage'],
    priority: r.priority as CaseRecord['priority'], note: r.note, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(), lastEventSeq: r.last_event_seq,
    deadlineAt: r.deadline_at ? r.deadline_at.toISOString() : null, deadlineProvisional: r.deadline_provisional,
    handler: r.handler, handlerName: r.handler_name, handlerStation: r.handler_station, pendingRole: r.pending_role,
    escalationTier: r.escalation_tier, problemType: r.problem_type, imported: r.imported,
  };
}

/**
 * The SQL condition (on alias `c`) of a case scope (domain/caseScope.ts), its values appended to `params`: the org
 * subtree, or for an inspector the cases assigned to them or waiting on them by name.
 */
export function scopeClause(params: unknown[], scope: CaseScope): string {
  if (scope.ownCasesOf === undefined) return subtreeRangeClause(params, 'c.org_unit_id', scope.orgUnit);
  params.push(scope.ownCasesOf);
  return `(c.assignee = $${params.length} or c.pending_user = $${params.length})`;
}

/** The search condition of `q`: a case or account number (ASCII) as a substring, or a Chinese customer name. */
function searchClause(params: unknown[], q: string): string {
  // Case and account numbers are ASCII: a query with other characters can only match the customer's name.
  if (/[^\x20-\x7e]/.test(q)) return substringClause(params, q, CASE_NAME_TEXT);
  params.push(containsPattern(q));
  return `(c.case_no ilike $${params.length} or c.customer_account_no like $${params.length} or c.customer_name ilike $${params.length})`;
}

/** The cockpit's filters (#16): problem type, escalation tier, unit, creation dates, open or finished. */
function cockpitFilters(params: unknown[], q: CaseListQuery): string[] {
  const where: string[] = [];
  if (q.problemType?.length) {
    params.push(q.problemType);
    where.push(`c.problem_type = any($${params.length}::text[])`);
  }
  if (q.escalationTier !== undefined) {
    params.push(q.escalationTier);
    where.push(`(c.escalation_tier >= $${params.length} and ${OPEN})`);
  }
  if (q.unit) where.push(subtreeRangeClause(params, 'c.org_unit_id', q.unit));
  if (q.createdFrom) {
    params.push(q.createdFrom);
    where.push(`c.created_at >= $${params.length}::timestamptz`);
  }
  if (q.createdBefore) {
    params.push(q.createdBefore);
    where.push(`c.created_at < $${params.length}::timestamptz`);
  }
  if (q.status) where.push(q.status === 'open' ? OPEN : `not (${OPEN})`);
  return where;
}

export interface CaseListPage {
  rows: CaseRecord[];
  /** The rows matching, counted up to TOTAL_CAP (db/keyset.ts). */
  total: number;
  totalCapped: boolean;
  /** Cursor pages: the position after the last row when another page follows. */
  next: KeysetAfter | null;
}

export async function listCases(db: Pick<pg.Pool, 'query'>, q: CaseListQuery): Promise<CaseListPage> {
  const page: ListPage = q.page ?? { kind: 'offset', range: q.range ?? [0, 24] };
  const params: unknown[] = [];
  const where = [scopeClause(params, q.scope)];
  if (q.q) where.push(searchClause(params, q.q));
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
  where.push(...cockpitFilters(params, q));
  if (q.view) {
    const { username, roles } = q.view.viewer;
    const bind = (v: unknown) => () => `$${params.push(v)}`;
    where.push(VIEW_SQL[q.view.name](bind(username), bind([...roles])));
  }
  const countParams = [...params];
  const countWhere = where.join(' and ');
  const sortExpr = SORTABLE[q.sort.field];
  if (page.kind === 'cursor' && page.after) where.push(keysetClause(params, { expr: sortExpr, type: SORT_TYPES[q.sort.field] }, { expr: 'c.id', type: 'uuid' }, q.sort.order, page.after));
  const dir = q.sort.order === 'ASC' ? 'asc' : 'desc';
  const [count, rows] = await Promise.all([
    cappedCount(db, `cases c where ${countWhere}`, countParams, q.q ? SEARCH_TOTAL_CAP : TOTAL_CAP),
    // The page is chosen from index entries first (id and sort key only, often an index-only scan of a view's
    // partial index), so only its rows are read in full.
    db.query<CaseRow & { sort_key: string }>(
      `select ${COLUMNS}, p.sort_value::text as sort_key
         from (select c.id, ${sortExpr} as sort_value from cases c where ${where.join(' and ')} order by ${sortExpr} ${dir}, c.id ${dir} ${pageLimit(page)}) p
         join cases c on c.id = p.id ${JOINS}
        order by p.sort_value ${dir}, p.id ${dir}`,
      params,
    ),
  ]);
  const { rows: kept, next } = cursorPage(page, rows.rows, (r) => ({ key: r.sort_key, id: r.id }));
  return { rows: kept.map(toRecord), total: count.total, totalCapped: count.capped, next };
}

export async function getCase(db: Pick<pg.Pool, 'query'>, id: string, scope?: CaseScope): Promise<CaseRecord | null> {
  const params: unknown[] = [id];
  const where = ['c.id = $1'];
  if (scope) where.push(scopeClause(params, scope));
  const r = await db.query<CaseRow>(`select ${COLUMNS} from cases c ${JOINS} where ${where.join(' and ')}`, params);
  return r.rows[0] ? toRecord(r.rows[0]) : null;
}
