import crypto from 'node:crypto';
import type pg from 'pg';
import { caseEventHashInput, GENESIS_HASH, type CaseEvent, type CaseSnapshot } from '../domain/caseEvents';
import { RECORDING_FAILED_EVENT } from '../domain/caseLogRefusal';
import { isSnapshotDelta, snapshotColumns, type CaseSnapshotDelta, type SnapshotColumns } from '../domain/caseSnapshotDelta';
import { projectCaseStats } from './caseStatsProjection';
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
  campaignId: string | null;
}

export function sha256Hex(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

/**
 * Appends one event to a case's hash-chained log and moves the read-model row forward, in one transaction.
 * Keyed by (case id, seq): a retried activity finds its row already there and changes nothing.
 */
export async function appendCaseEvent(pool: pg.Pool, e: CaseEvent, snapshot?: CaseSnapshot | CaseSnapshotDelta, opened?: OpenedCaseRow): Promise<{ inserted: boolean; caseNo: string }> {
  return withTransaction(pool, async (c) => {
    if (opened) {
      await c.query(
        `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, customer_station_id, origin, stage, priority, note, created_by, created_at, updated_at, last_event_seq, campaign_id)
         select $1, 'JC-' || to_char($9::timestamptz at time zone 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('case_no_seq')::text, 6, '0'),
                $2, cu.account_no, cu.name, cu.station_id, cu.station_id, $4, $5, $6, $7, $8, $9, $9, 0, $10
           from customers cu where cu.account_no = $3
         on conflict (id) do nothing`,
        [opened.id, opened.workflowId, opened.customerAccountNo, opened.origin, e.stage, opened.priority, opened.note, opened.createdBy, opened.createdAt, opened.campaignId],
      );
    }
    // One round trip: lock the case row and read the chain's head (from its anchor when that month is archived).
    const head = await c.query<{ last_event_seq: number; case_no: string; hash: string | null }>(
      `select c.last_event_seq, c.case_no,
              coalesce(e.hash, (select a.hash from log_chain_anchors a
                                 where a.log_table = 'case_events' and a.chain_key = c.id::text and a.position = c.last_event_seq)) as hash
         from cases c
         left join case_events e on e.case_id = c.id and e.seq = c.last_event_seq
        where c.id = $1 for update of c`,
      [e.caseId],
    );
    if (head.rowCount === 0) throw new Error(`case ${e.caseId} is not in the read model (unknown customer ${opened?.customerAccountNo ?? ''})`);
    const { last_event_seq: lastSeq, case_no: caseNo } = head.rows[0];
    if (e.seq <= lastSeq) return { inserted: false, caseNo };
    if (e.seq !== lastSeq + 1) throw new Error(`case ${e.caseId}: event ${e.seq} arrived before event ${lastSeq + 1}`);
    const prevHash = head.rows[0].hash ?? GENESIS_HASH;
    const hash = sha256Hex(caseEventHashInput(prevHash, e));
    await c.query(
      `insert into case_events (case_id, seq, type, stage, actor, payload, occurred_at, prev_hash, hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.caseId, e.seq, e.type, e.stage, e.actor, JSON.stringify(e.payload), e.occurredAt, prevHash, hash],
    );
    if (snapshot) {
      await projectSnapshot(c, e, snapshot);
    } else {
      await c.query('update cases set stage = $2, updated_at = $3, last_event_seq = $4 where id = $1', [e.caseId, e.stage, e.occurredAt, e.seq]);
    }
    await projectCaseStats(c, e, opened !== undefined);
    return { inserted: true, caseNo };
  });
}

/** Events after which the case is at a new stage or round (the escalation clock restarted at tier 0). */
const STEP_COMPLETING = new Set(['stage_entered', 'findings_submitted', 'rectification_reported', 'verified', 'closed', 'dismissed', 'cancelled']);

/** A placeholder for a refused event moves the read model as the event it stands for would have. */
function projectedType(e: CaseEvent): string {
  return e.type === RECORDING_FAILED_EVENT && typeof e.payload.eventType === 'string' ? e.payload.eventType : e.type;
}

/** The read-model column of each snapshot field (`stageRound` has none: it keys escalation rows). */
const COLUMN_OF: Record<Exclude<keyof SnapshotColumns, 'stageRound'>, string> = {
  stage: 'stage', priority: 'priority', assignee: 'assignee', pendingRole: 'pending_role', pendingUser: 'pending_user', stageStartedAt: 'stage_started_at',
  deadlineAt: 'deadline_at', deadlineProvisional: 'deadline_provisional', escalationTier: 'escalation_tier', problemType: 'problem_type', needsReview: 'needs_review',
  reviewPending: 'review_pending', presenceConfidence: 'presence_confidence', verificationRounds: 'verification_rounds', judgementScore: 'judgement_score',
  scoreTotal: 'score_total', closedAt: 'closed_at',
};

/** A change (CaseSnapshotDelta) for a case row that holds no state yet: the recorder sends the full snapshot instead. */
export class SnapshotBaseMissing extends Error {
  constructor(e: CaseEvent) {
    super(`case ${e.caseId}: event ${e.seq} carries a change, but the read model holds no state to apply it to`);
    this.name = 'SnapshotBaseMissing';
  }
}

/**
 * Moves the case row to the workflow's state at this event: a full snapshot sets every column and the state; a change
 * sets the changed columns and merges the changed top-level keys into the stored state (removed keys dropped). Runs
 * only for a row appended in this transaction at last_event_seq + 1, so a retried activity never applies a change twice
 * nor over a newer state. Opens and resolves escalation rows.
 */
async function projectSnapshot(c: pg.PoolClient, e: CaseEvent, s: CaseSnapshot | CaseSnapshotDelta): Promise<void> {
  const type = projectedType(e);
  const delta = isSnapshotDelta(s);
  const columns: Partial<SnapshotColumns> = delta ? s.columns : snapshotColumns(s);
  const params: unknown[] = [e.caseId, e.occurredAt, e.seq];
  const sets = ['updated_at = $2', 'last_event_seq = $3'];
  for (const [field, column] of Object.entries(COLUMN_OF) as [keyof typeof COLUMN_OF, string][]) {
    if (!(field in columns)) continue;
    params.push(columns[field]);
    sets.push(`${column} = $${params.length}`);
  }
  if (delta) {
    params.push(JSON.stringify(s.state.set), s.state.removed);
    sets.push(`snapshot = (snapshot || $${params.length - 1}::jsonb) - $${params.length}::text[]`);
  } else {
    params.push(JSON.stringify(s.state));
    sets.push(`snapshot = $${params.length}`);
  }
  // the opening stores no state ('{}'): a change needs the full snapshot first
  const r = await c.query(`update cases set ${sets.join(', ')} where id = $1${delta ? " and snapshot <> '{}'::jsonb" : ''}`, params);
  if (r.rowCount === 0) throw new SnapshotBaseMissing(e);
  const { stage, stageRound, escalationTier } = delta ? s.columns : s;
  if (type === 'escalated') {
    const tier = Number(e.type === 'escalated' ? e.payload.tier : escalationTier);
    await c.query(
      `insert into escalations (case_id, stage, stage_round, tier, raised_at) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [e.caseId, stage, stageRound, tier, e.occurredAt],
    );
  }
  // An escalation lasts until its step completes: when the step moves on, open ones of the old stage or round are resolved.
  if (escalationTier === 0 && STEP_COMPLETING.has(type)) {
    await c.query(
      `update escalations set resolved_at = $4 where case_id = $1 and resolved_at is null and (stage <> $2 or stage_round <> $3 or $5)`,
      [e.caseId, stage, stageRound, e.occurredAt, ['closed', 'dismissed', 'cancelled'].includes(stage)],
    );
  }
}

export interface ChainReport {
  caseId: string;
  rows: number;
  ok: boolean;
  firstBad?: { seq: number; reason: string };
}

/**
 * Recomputes a case's chain; reports the first row whose content or link does not match. Rows of archived months are
 * gone from the database: the chain goes on from the anchor their sealing recorded (061, log_partition_seal), so a
 * row may follow a gap only when the row just before it is an anchor and it links to that anchor's hash.
 */
export async function verifyCaseChain(pool: Pick<pg.Pool, 'query'>, caseId: string): Promise<ChainReport> {
  const { rows } = await pool.query<{ seq: number; type: string; stage: string; actor: string | null; payload: Record<string, unknown>; occurred_at: Date; prev_hash: string; hash: string }>(
    'select seq, type, stage, actor, payload, occurred_at, prev_hash, hash from case_events where case_id = $1 order by seq',
    [caseId],
  );
  const anchors = new Map((await pool.query<{ position: number; hash: string }>(
    `select position, hash from log_chain_anchors where log_table = 'case_events' and chain_key = $1`, [caseId],
  )).rows.map((a) => [a.position, a.hash]));
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of rows) {
    const anchor = anchors.get(r.seq - 1);
    if (r.seq > expectedSeq && anchor !== undefined) {
      prevHash = anchor;
      expectedSeq = r.seq;
    }
    if (r.seq !== expectedSeq) return { caseId, rows: rows.length, ok: false, firstBad: { seq: r.seq, reason: `expected seq ${expectedSeq}` } };
    if (r.prev_hash !== prevHash) return { caseId, rows: rows.length, ok: false, firstBad: { seq: r.seq, reason: 'link to previous row broken' } };
    const e: CaseEvent = { caseId, seq: r.seq, type: r.type, stage: r.stage as CaseEvent['stage'], actor: r.actor, payload: r.payload, occurredAt: r.occurred_at.toISOString() };
    if (sha256Hex(caseEventHashInput(prevHash, e)) !== r.hash) return { caseId, rows: rows.length, ok: false, firstBad: { seq: r.seq, reason: 'content does not match its hash' } };
    prevHash = r.hash;
    expectedSeq += 1;
  }
  return { caseId, rows: rows.length, ok: true };
}

/** The case log in order, as the back office's timeline reads it. */
export async function listCaseEvents(db: Pick<pg.Pool, 'query'>, caseId: string) {
  const r = await db.query<{ seq: number; type: string; stage: string; actor: string | null; payload: unknown; occurredAt: Date; hash: string }>(
    'select seq, type, stage, actor, payload, occurred_at as "occurredAt", hash from case_events where case_id = $1 order by seq',
    [caseId],
  );
  return r.rows;
}
