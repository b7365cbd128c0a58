import crypto from 'node:crypto';
import type pg from 'pg';
import { caseEventHashInput, GENESIS_HASH, type CaseEvent } from '../domain/caseEvents';
import { withTransaction } from './pool';

export interface OpenedCaseRow {
  id: string;
  workflowId: string;
  customerAccountNo: string;
  origin: string;
  priority: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export function sha256Hex(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

/**
 * Appends one event to a case's hash-chained log and moves the read-model row forward, in one transaction.
 * Keyed by (case id, seq): a retried activity finds its row already there and changes nothing.
 */
export async function appendCaseEvent(pool: pg.Pool, e: CaseEvent, opened?: OpenedCaseRow): Promise<{ inserted: boolean; caseNo: string }> {
  return withTransaction(pool, async (c) => {
    if (opened) {
      await c.query(
        `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, note, created_by, created_at, updated_at, last_event_seq)
         select $1, 'JC-' || to_char($9::timestamptz at time zone 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('case_no_seq')::text, 6, '0'),
                $2, cu.account_no, cu.name, cu.station_id, $4, $5, $6, $7, $8, $9, $9, 0
           from customers cu where cu.account_no = $3
         on conflict (id) do nothing`,
        [opened.id, opened.workflowId, opened.customerAccountNo, opened.origin, e.stage, opened.priority, opened.note, opened.createdBy, opened.createdAt],
      );
    }
    const head = await c.query<{ last_event_seq: number; case_no: string }>('select last_event_seq, case_no from cases where id = $1 for update', [e.caseId]);
    if (head.rowCount === 0) throw new Error(`case ${e.caseId} is not in the read model (unknown customer ${opened?.customerAccountNo ?? ''})`);
    const { last_event_seq: lastSeq, case_no: caseNo } = head.rows[0];
    if (e.seq <= lastSeq) return { inserted: false, caseNo };
    if (e.seq !== lastSeq + 1) throw new Error(`case ${e.caseId}: event ${e.seq} arrived before event ${lastSeq + 1}`);
    const prev = await c.query<{ hash: string }>('select hash from case_events where case_id = $1 and seq = $2', [e.caseId, lastSeq]);
    const prevHash = prev.rows[0]?.hash ?? GENESIS_HASH;
    const hash = sha256Hex(caseEventHashInput(prevHash, e));
    await c.query(
      `insert into case_events (case_id, seq, type, stage, actor, payload, occurred_at, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.caseId, e.seq, e.type, e.stage, e.actor, JSON.stringify(e.payload), e.occurredAt, prevHash, hash],
    );
    await c.query('update cases set stage = $2, updated_at = $3, last_event_seq = $4 where id = $1', [e.caseId, e.stage, e.occurredAt, e.seq]);
    return { inserted: true, caseNo };
  });
}

export interface ChainReport {
  caseId: string;
  rows: number;
  ok: boolean;
  firstBad?: { seq: number; reason: string };
}

/** Recomputes a case's chain; reports the first row whose content or link does not match. */
export async function verifyCaseChain(pool: Pick<pg.Pool, 'query'>, caseId: string): Promise<ChainReport> {
  const { rows } = await pool.query<{ seq: number; type: string; stage: string; actor: string | null; payload: Record<string, unknown>; occurred_at: Date; prev_hash: string; hash: string }>(
    'select seq, type, stage, actor, payload, occurred_at, prev_hash, hash from case_events where case_id = $1 order by seq',
    [caseId],
  );
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    if (r.seq !== expectedSeq) return { caseId, rows: rows.length, ok: false, firstBad: { seq: r.seq, reason: `expected seq ${expectedSeq}` } };
    if (r.prev_hash !== prevHash) return { caseId, rows: rows.length, ok: false, firstBad: { seq: r.seq, reason: 'link to previous row broken' } };
    const e: CaseEvent = { caseId, seq: r.seq, type: r.type, stage: r.stage as CaseEvent['stage'], actor: r.actor, payload: r.payload, occurredAt: r.occurred_at.toISOString() };
    if (sha256Hex(caseEventHashInput(prevHash, e)) !== r.hash) return { caseId, rows: rows.length, ok: false, firstBad: { seq: r.seq, reason: 'content does not match its hash' } };
    prevHash = r.hash;
    expectedSeq += 1;
  }
  return { caseId, rows: rows.length, ok: true };
}
