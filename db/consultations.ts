import type { Queryable } from './pool';
import { containsPattern, orderBy, subtreeClause, type SortOrder } from './orgScope';
import type { TransitionOutcome } from './feedback';
import { CONSULTATION_ACTIONS, type ConsultationAction, type ConsultationStatus } from '../domain/contentStatus';
import type { z } from 'zod';
import type { ConsultationRecord as ConsultationSchema } from '../domain/contentSchemas';

// 咨询管理: questions on policy and procedure asked from a station (back office or terminal), answered by a
// supervisor or manager of a unit above, optionally citing a regulation.

/** A consultation as the APIs answer it, without the caller's actions (domain/contentSchemas.ts). */
export type ConsultationRecord = z.infer<typeof ConsultationSchema>;

export const CONSULTATION_SORT = { createdAt: 'k.created_at', updatedAt: 'k.updated_at', status: 'k.status', topic: 'k.topic', subject: 'k.subject', answeredAt: 'k.answered_at', orgUnitId: 'k.org_unit_id' } as const;

const COLUMNS = `k.id, k.org_unit_id as "orgUnitId", o.name_zh as "orgUnitName", k.asked_by as "askedBy", p.display_name as "askedByName", k.device_id as "deviceId",
  k.topic, k.subject, k.question, k.case_id as "caseId", c.case_no as "caseNo", k.status, k.answer, k.regulation_id as "regulationId", r.title as "regulationTitle",
  k.answered_by as "answeredBy", k.answered_at as "answeredAt", k.closed_by as "closedBy", k.closed_at as "closedAt", k.created_at as "createdAt", k.updated_at as "updatedAt"`;
const FROM = `from consultations k left join personnel p on p.username = k.asked_by left join org_units o on o.id = k.org_unit_id
  left join cases c on c.id = k.case_id left join regulations r on r.id = k.regulation_id`;

type Row = Omit<ConsultationRecord, 'answeredAt' | 'closedAt' | 'createdAt' | 'updatedAt'> & { answeredAt: Date | null; closedAt: Date | null; createdAt: Date; updatedAt: Date };
const iso = (d: Date | null) => d?.toISOString() ?? null;
const toRecord = (r: Row): ConsultationRecord => ({ ...r, answeredAt: iso(r.answeredAt), closedAt: iso(r.closedAt), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

export interface ConsultationFilter {
  orgUnit: string;
  q?: string;
  status?: ConsultationStatus[];
  topic?: string[];
  askedBy?: string;
  ids?: string[];
}

function whereOf(f: ConsultationFilter, params: unknown[]): string {
  const where = [subtreeClause(params, 'k.org_unit_id', f.orgUnit)];
  if (f.q) {
    params.push(containsPattern(f.q));
    where.push(`(k.subject ilike $${params.length} or k.question ilike $${params.length} or k.answer ilike $${params.length})`);
  }
  if (f.status?.length) {
    params.push(f.status);
    where.push(`k.status = any($${params.length}::text[])`);
  }
  if (f.topic?.length) {
    params.push(f.topic);
    where.push(`k.topic = any($${params.length}::text[])`);
  }
  if (f.askedBy) {
    params.push(f.askedBy);
    where.push(`k.asked_by = $${params.length}`);
  }
  if (f.ids) {
    params.push(f.ids);
    where.push(`k.id = any($${params.length}::uuid[])`);
  }
  return where.join(' and ');
}

export async function listConsultations(
  db: Queryable,
  f: ConsultationFilter & { sort: { field: keyof typeof CONSULTATION_SORT; order: SortOrder }; limit: number; offset: number },
): Promise<{ rows: ConsultationRecord[]; total: number }> {
  const params: unknown[] = [];
  const where = whereOf(f, params);
  const total = await db.query<{ n: number }>(`select count(*)::int as n from consultations k where ${where}`, params);
  const rows = await db.query<Row>(`select ${COLUMNS} ${FROM} where ${where} order by ${orderBy(CONSULTATION_SORT, f.sort, 'k.id')} limit ${f.limit} offset ${f.offset}`, params);
  return { rows: rows.rows.map(toRecord), total: total.rows[0].n };
}

export async function getConsultation(db: Queryable, id: string, orgUnit: string): Promise<ConsultationRecord | null> {
  const { rows } = await listConsultations(db, { orgUnit, ids: [id], sort: { field: 'createdAt', order: 'DESC' }, limit: 1, offset: 0 });
  return rows[0] ?? null;
}

export async function insertConsultation(
  db: Queryable,
  k: { id: string; orgUnitId: string; askedBy: string; deviceId: string | null; topic: string; subject: string; question: string; caseId?: string | null },
): Promise<void> {
  await db.query(
    `insert into consultations (id, org_unit_id, asked_by, device_id, topic, subject, question, case_id) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [k.id, k.orgUnitId, k.askedBy, k.deviceId, k.topic, k.subject, k.question, k.caseId ?? null],
  );
}

/** Answers or closes a consultation in one conditional update (see transitionFeedback). */
export async function transitionConsultation(
  db: Queryable,
  t: { id: string; orgUnit: string; action: ConsultationAction; answer?: string; regulationId?: string | null; by: string },
): Promise<TransitionOutcome<ConsultationStatus>> {
  const rule = CONSULTATION_ACTIONS[t.action];
  const params: unknown[] = [t.id, rule.to, rule.from, t.by];
  let set = 'closed_by = $4, closed_at = now()';
  if (t.action === 'answer') {
    params.push(t.answer, t.regulationId ?? null);
    set = 'answer = $5, regulation_id = $6, answered_by = $4, answered_at = now()';
  }
  const scope = subtreeClause(params, 'org_unit_id', t.orgUnit);
  const r = await db.query(`update consultations set status = $2, updated_at = now(), ${set} where id = $1 and status = any($3::text[]) and ${scope}`, params);
  if (r.rowCount === 1) return { kind: 'done' };
  const p2: unknown[] = [t.id];
  const cur = await db.query<{ status: ConsultationStatus }>(`select status from consultations where id = $1 and ${subtreeClause(p2, 'org_unit_id', t.orgUnit)}`, p2);
  return cur.rows[0] ? { kind: 'illegal', status: cur.rows[0].status } : { kind: 'not_found' };
}
