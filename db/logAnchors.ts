import type pg from 'pg';
import type { LogAnchor } from '../domain/logAnchor';
import { withTransaction, type Queryable } from './pool';

// One anchor run at a time: the heads at anchor N must be exactly what run N saw (072_log_anchor_heads.sql).
const ANCHOR_LOCK = 4_712_072;

/** Each case chain's head as the anchor `anchorId` recorded it (the newest row per case of an anchor <= anchorId). */
const HEADS_AT = `select distinct on (case_id) case_id, seq, hash from log_anchor_case_heads where anchor_id <= $1 order by case_id, anchor_id desc`;

const DIGEST_OF_HEADS = `select count(*)::int as cases, coalesce(sum(seq), 0)::bigint as events,
  encode(sha256(convert_to(coalesce(string_agg(case_id::text || ':' || seq || ':' || hash, E'\\n' order by case_id), ''), 'UTF8')), 'hex') as digest
  from (${HEADS_AT}) h`;

export async function caseHeadsDigestAt(db: Queryable, anchorId: number): Promise<LogAnchor['caseLog']> {
  const r = await db.query<LogAnchor['caseLog']>(DIGEST_OF_HEADS, [anchorId]);
  return r.rows[0];
}

/**
 * Takes the heads of both chains: the audit trail's newest row, and every case chain's head (recorded in
 * log_anchor_case_heads for the cases whose head moved since the last run) with their digest. Committed before the
 * anchor object is written: a run whose object never got written leaves heads that the next anchor includes anyway.
 */
export async function takeLogHeads(pool: pg.Pool, takenAt: Date = new Date()): Promise<LogAnchor> {
  return withTransaction(pool, async (c) => {
    await c.query('select pg_advisory_xact_lock($1)', [ANCHOR_LOCK]);
    const anchorId = Number((await c.query<{ id: string }>(`select nextval('log_anchor_seq') as id`)).rows[0].id);
    // appends take the chain's lock and commit in id order, so the newest visible row is the head of a complete prefix
    const audit = await c.query<{ id: number; hash: string }>('select id, hash from audit_log order by id desc limit 1');
    // a case whose head row is in an archived month has its hash in the sealing's anchor (061)
    await c.query(
      `insert into log_anchor_case_heads (anchor_id, case_id, seq, hash)
       select $1, c.id, c.last_event_seq, coalesce(e.hash, a.hash)
         from cases c
         left join case_events e on e.case_id = c.id and e.seq = c.last_event_seq
         left join log_chain_anchors a on a.log_table = 'case_events' and a.chain_key = c.id::text and a.position = c.last_event_seq
        where c.last_event_seq > 0 and coalesce(e.hash, a.hash) is not null
          and not exists (select 1 from log_anchor_case_heads h where h.case_id = c.id and h.seq = c.last_event_seq)`,
      [anchorId],
    );
    const caseLog = await caseHeadsDigestAt(c, anchorId);
    const head = audit.rows[0];
    return { version: 1, anchorId, takenAt: takenAt.toISOString(), audit: head ? { position: Number(head.id), hash: head.hash } : null, caseLog };
  });
}

export interface AnchorBreach {
  /** The case id, or '' for the audit trail. */
  chain: string;
  position: number;
  kind: 'truncated' | 'rewritten' | 'missing';
  /** The newest row the chain holds now (0: none). */
  lastNow: number;
}

/**
 * The audit trail against an anchored head: the row at the anchored id must still hold the anchored hash (the chain
 * check recomputes every stored hash, so a re-chained row shows up here). A head in an archived month must match its
 * sealing's anchor, or lie before an archived position.
 */
export async function auditAnchorBreach(db: Queryable, head: { position: number; hash: string }): Promise<AnchorBreach | null> {
  const r = await db.query<{ now_hash: string | null; last_id: number | null; archived: boolean }>(
    `select (select hash from audit_log where id = $1) as now_hash, (select max(id) from audit_log) as last_id,
            exists (select 1 from log_chain_anchors where log_table = 'audit_log' and chain_key = ''
                     and ((position = $1 and hash = $2) or position > $1)
                     and not exists (select 1 from audit_log where id = $1)) as archived`,
    [head.position, head.hash],
  );
  const { now_hash: nowHash, last_id: lastId, archived } = r.rows[0];
  if (nowHash === head.hash || archived) return null;
  const lastNow = Number(lastId ?? 0);
  if (nowHash !== null) return { chain: '', position: head.position, kind: 'rewritten', lastNow };
  return { chain: '', position: head.position, kind: lastNow < head.position ? 'truncated' : 'missing', lastNow };
}

/** Every case chain (or one) against its head at `anchorId` (see auditAnchorBreach); at most `limit` breaches. */
export async function caseAnchorBreaches(db: Queryable, anchorId: number, caseId?: string, limit = 1000): Promise<AnchorBreach[]> {
  const r = await db.query<{ case_id: string; seq: number; now_hash: string | null; last_seq: number | null }>(
    `select h.case_id, h.seq, e.hash as now_hash, (select max(x.seq) from case_events x where x.case_id = h.case_id) as last_seq
       from (${HEADS_AT}) h
       left join case_events e on e.case_id = h.case_id and e.seq = h.seq
      where e.hash is distinct from h.hash and ($3::uuid is null or h.case_id = $3::uuid)
        and not (e.hash is null and exists (select 1 from log_chain_anchors a where a.log_table = 'case_events' and a.chain_key = h.case_id::text
                                              and ((a.position = h.seq and a.hash = h.hash) or a.position > h.seq)))
      order by h.case_id limit $2`,
    [anchorId, limit, caseId ?? null],
  );
  return r.rows.map((x) => {
    const lastNow = Number(x.last_seq ?? 0);
    const kind = x.now_hash !== null ? 'rewritten' : lastNow < x.seq ? 'truncated' : 'missing';
    return { chain: x.case_id, position: x.seq, kind, lastNow };
  });
}
