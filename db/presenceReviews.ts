import type { CaseScope } from '../domain/caseScope';
import type { CaseStage } from '../domain/case';
import { scopeClause } from './cases';
import { containsPattern, orderBy, type SortOrder } from './orgScope';
import type { Queryable } from './pool';

// The 疑似虚假工单 queue over the read model: open cases whose field visit waits for a supervisor's review
// (cases.review_pending, migration 054), with the review's figures read from the workflow's snapshot.

const OPEN = `c.review_pending and c.stage not in ('closed', 'dismissed', 'cancelled')`;
const REASONS = `coalesce(c.snapshot->'review'->'reasons', '[]'::jsonb)`;

export const REVIEW_SORT_COLUMNS = {
  since: `(c.snapshot->'review'->>'since')::timestamptz`,
  confidence: `coalesce(c.presence_confidence, (c.snapshot->'review'->>'confidence')::real)`,
  caseNo: 'c.case_no',
} as const;
export type ReviewSortField = keyof typeof REVIEW_SORT_COLUMNS;

export interface ReviewQueueQuery {
  scope: CaseScope;
  q?: string;
  /** Only reviews holding at least one of these reason codes. */
  reasons?: string[];
  ids?: string[];
  sort: { field: ReviewSortField; order: SortOrder };
  range: [number, number];
}

export interface ReviewQueueRow {
  id: string;
  caseNo: string;
  customerAccountNo: string;
  customerName: string;
  orgUnitId: string;
  orgUnitName: string;
  inspector: string | null;
  stage: CaseStage;
  since: string | null;
  confidence: number | null;
  /** Distinct codes, in no particular order (the service orders them). */
  codes: string[];
  reasonCount: number;
}

export async function listPendingReviews(db: Queryable, q: ReviewQueueQuery): Promise<{ rows: ReviewQueueRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [OPEN, scopeClause(params, q.scope)];
  if (q.q) {
    params.push(containsPattern(q.q));
    where.push(`(c.case_no ilike $${params.length} or c.customer_account_no like $${params.length} or c.customer_name ilike $${params.length})`);
  }
  if (q.reasons?.length) {
    params.push(q.reasons);
    where.push(`exists (select 1 from jsonb_array_elements(${REASONS}) r where r->>'code' = any($${params.length}::text[]))`);
  }
  if (q.ids?.length) {
    params.push(q.ids);
    where.push(`c.id = any($${params.length}::uuid[])`);
  }
  const whereSql = where.join(' and ');
  const total = await db.query<{ n: number }>(`select count(*)::int as n from cases c where ${whereSql}`, params);
  const [start, end] = q.range;
  const r = await db.query<{
    id: string; case_no: string; customer_account_no: string; customer_name: string; org_unit_id: string; org_unit_name: string; assignee: string | null;
    stage: CaseStage; since: string | null; confidence: number | null; codes: string[]; reason_count: number;
  }>(
    `select c.id, c.case_no, c.customer_account_no, c.customer_name, c.org_unit_id, o.name_zh as org_unit_name, c.assignee, c.stage,
            c.snapshot->'review'->>'since' as since, ${REVIEW_SORT_COLUMNS.confidence} as confidence,
            (select coalesce(array_agg(distinct r->>'code'), '{}') from jsonb_array_elements(${REASONS}) r) as codes,
            jsonb_array_length(${REASONS}) as reason_count
       from cases c join org_units o on o.id = c.org_unit_id
      where ${whereSql}
      order by ${orderBy(REVIEW_SORT_COLUMNS, q.sort, 'c.id')} limit ${end - start + 1} offset ${start}`,
    params,
  );
  return {
    total: total.rows[0].n,
    rows: r.rows.map((x) => ({
      id: x.id, caseNo: x.case_no, customerAccountNo: x.customer_account_no, customerName: x.customer_name, orgUnitId: x.org_unit_id,
      orgUnitName: x.org_unit_name, inspector: x.assignee, stage: x.stage, since: x.since, confidence: x.confidence === null ? null : Number(x.confidence),
      codes: x.codes, reasonCount: x.reason_count,
    })),
  };
}

export interface ReviewCaseRow {
  id: string;
  caseNo: string;
  customerAccountNo: string;
  customerName: string;
  orgUnitId: string;
  orgUnitName: string;
  stage: CaseStage;
  assignee: string | null;
  /** The workflow's state as of the case's latest event (InspectionCaseState, read leniently). */
  snapshot: Record<string, unknown>;
}

/** One case inside the scope with its snapshot, for the review page; null when outside the scope or unknown. */
export async function reviewCase(db: Queryable, id: string, scope: CaseScope): Promise<ReviewCaseRow | null> {
  const params: unknown[] = [id];
  const inScope = scopeClause(params, scope);
  const r = await db.query<{
    id: string; case_no: string; customer_account_no: string; customer_name: string; org_unit_id: string; org_unit_name: string; stage: CaseStage;
    assignee: string | null; snapshot: Record<string, unknown> | null;
  }>(
    `select c.id, c.case_no, c.customer_account_no, c.customer_name, c.org_unit_id, o.name_zh as org_unit_name, c.stage, c.assignee, c.snapshot
       from cases c join org_units o on o.id = c.org_unit_id where c.id = $1 and ${inScope}`,
    params,
  );
  const x = r.rows[0];
  if (!x) return null;
  return {
    id: x.id, caseNo: x.case_no, customerAccountNo: x.customer_account_no, customerName: x.customer_name, orgUnitId: x.org_unit_id,
    orgUnitName: x.org_unit_name, stage: x.stage, assignee: x.assignee, snapshot: x.snapshot ?? {},
  };
}
