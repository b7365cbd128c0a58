import type { Queryable } from './pool';
import { containsPattern, orderBy, subtreeClause, type SortOrder } from './orgScope';
import { FEEDBACK_ACTIONS, type FeedbackAction, type FeedbackStatus } from '../domain/contentStatus';
import type { z } from 'zod';
import type { FeedbackRecord as FeedbackSchema } from '../domain/contentSchemas';

// Usage feedback (意见反馈) as the back office handles it: terminals submit it (mobileContent.insertFeedback), staff
// of the submitter's unit or above take it on, reply and close it.

/** Feedback as the APIs answer it (domain/contentSchemas.ts). */
export type FeedbackRecord = z.infer<typeof FeedbackSchema>;

export const FEEDBACK_SORT = { createdAt: 'f.created_at', updatedAt: 'f.updated_at', status: 'f.status', category: 'f.category', username: 'f.username', orgUnitId: 'f.org_unit_id' } as const;

const COLUMNS = `f.id, f.username, p.display_name as "userName", f.org_unit_id as "orgUnitId", o.name_zh as "orgUnitName", f.device_id as "deviceId",
  f.category, f.text, f.case_id as "caseId", c.case_no as "caseNo", f.app_version as "appVersion", f.status, f.reply, f.replied_by as "repliedBy",
  f.replied_at as "repliedAt", f.handled_by as "handledBy", f.created_at as "createdAt", f.updated_at as "updatedAt"`;
const FROM = `from feedback f left join personnel p on p.username = f.username left join org_units o on o.id = f.org_unit_id left join cases c on c.id = f.case_id`;

type Row = Omit<FeedbackRecord, 'repliedAt' | 'createdAt' | 'updatedAt'> & { repliedAt: Date | null; createdAt: Date; updatedAt: Date };
const toRecord = (r: Row): FeedbackRecord => ({ ...r, repliedAt: r.repliedAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

export interface FeedbackFilter {
  orgUnit: string;
  q?: string;
  status?: FeedbackStatus[];
  category?: string[];
  username?: string;
  ids?: string[];
}

function whereOf(f: FeedbackFilter, params: unknown[]): string {
  const where = [subtreeClause(params, 'f.org_unit_id', f.orgUnit)];
  if (f.q) {
    params.push(containsPattern(f.q));
    where.push(`(f.text ilike $${params.length} or f.reply ilike $${params.length} or f.username ilike $${params.length})`);
  }
  if (f.status?.length) {
    params.push(f.status);
    where.push(`f.status = any($${params.length}::text[])`);
  }
  if (f.category?.length) {
    params.push(f.category);
    where.push(`f.category = any($${params.length}::text[])`);
  }
  if (f.username) {
    params.push(f.username);
    where.push(`f.username = $${params.length}`);
  }
  if (f.ids) {
    params.push(f.ids);
    where.push(`f.id = any($${params.length}::uuid[])`);
  }
  return where.join(' and ');
}

export async function listFeedback(
  db: Queryable,
  f: FeedbackFilter & { sort: { field: keyof typeof FEEDBACK_SORT; order: SortOrder }; limit: number; offset: number },
): Promise<{ rows: FeedbackRecord[]; total: number }> {
  const params: unknown[] = [];
  const where = whereOf(f, params);
  const total = await db.query<{ n: number }>(`select count(*)::int as n from feedback f where ${where}`, params);
  const rows = await db.query<Row>(`select ${COLUMNS} ${FROM} where ${where} order by ${orderBy(FEEDBACK_SORT, f.sort, 'f.id')} limit ${f.limit} offset ${f.offset}`, params);
  return { rows: rows.rows.map(toRecord), total: total.rows[0].n };
}

export async function getFeedback(db: Queryable, id: string, orgUnit: string): Promise<FeedbackRecord | null> {
  const { rows } = await listFeedback(db, { orgUnit, ids: [id], sort: { field: 'createdAt', order: 'DESC' }, limit: 1, offset: 0 });
  return rows[0] ?? null;
}

/** One user's own feedback, newest first (the terminal's "my feedback" with the replies). */
export async function feedbackOf(db: Queryable, username: string, limit: number): Promise<FeedbackRecord[]> {
  const params: unknown[] = [username];
  const r = await db.query<Row>(`select ${COLUMNS} ${FROM} where f.username = $1 order by f.created_at desc, f.id limit ${limit}`, params);
  return r.rows.map(toRecord);
}

export type TransitionOutcome<S> = { kind: 'done' } | { kind: 'not_found' } | { kind: 'illegal'; status: S };

/**
 * Applies an action in one conditional update, so two people acting at once cannot both move the same row: the
 * loser finds the row no longer in a `from` status and is told its current status.
 */
export async function transitionFeedback(db: Queryable, t: { id: string; orgUnit: string; action: FeedbackAction; text?: string; by: string }): Promise<TransitionOutcome<FeedbackStatus>> {
  const rule = FEEDBACK_ACTIONS[t.action];
  const params: unknown[] = [t.id, rule.to, rule.from, t.text ?? null, t.by];
  const scope = subtreeClause(params, 'org_unit_id', t.orgUnit);
  const r = await db.query(
    `update feedback set status = $2, updated_at = now(),
            reply = coalesce($4, reply),
            replied_by = case when $4::text is null then replied_by else $5 end,
            replied_at = case when $4::text is null then replied_at else now() end,
            handled_by = case when $2 = 'in_progress' or handled_by is null then $5 else handled_by end
      where id = $1 and status = any($3::text[]) and ${scope}`,
    params,
  );
  if (r.rowCount === 1) return { kind: 'done' };
  const p2: unknown[] = [t.id];
  const cur = await db.query<{ status: FeedbackStatus }>(`select status from feedback where id = $1 and ${subtreeClause(p2, 'org_unit_id', t.orgUnit)}`, p2);
  return cur.rows[0] ? { kind: 'illegal', status: cur.rows[0].status } : { kind: 'not_found' };
}
