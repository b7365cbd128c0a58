import type pg from 'pg';
import { canonicalJson, GENESIS_HASH } from '../domain/caseEvents';
import { sha256Hex } from './caseLog';
import { withTransaction } from './pool';

export interface AuditEntry {
  at: string;
  username: string | null;
  roles: string[];
  orgUnit: string | null;
  device: string | null;
  method: string;
  route: string;
  path: string;
  status: number;
  requestId: string | null;
  caseId: string | null;
}

const CHAIN_LOCK = 4_712_002;

function hashInput(prevHash: string, e: AuditEntry): string {
  return `${prevHash}\n${canonicalJson(e)}`;
}

/** The hash of an entry chained after `prevHash`. */
export const auditEntryHash = (prevHash: string, e: AuditEntry): string => sha256Hex(hashInput(prevHash, e));

export interface AuditRow {
  id: number; at: Date; username: string | null; roles: string[]; org_unit: string | null; device: string | null; method: string; route: string; path: string;
  status: number; request_id: string | null; case_id: string | null; prev_hash: string; hash: string;
}

/** The entry a stored row was hashed from. */
export const auditEntryOf = (r: AuditRow): AuditEntry => ({
  at: r.at.toISOString(), username: r.username, roles: r.roles, orgUnit: r.org_unit, device: r.device, method: r.method, route: r.route, path: r.path,
  status: r.status, requestId: r.request_id, caseId: r.case_id,
});

const COLUMNS = 13;

/**
 * Appends entries in order, as one transaction under the chain's advisory lock: a batch takes the lock once, so a
 * burst of requests costs one lock wait per batch instead of one connection parked per request.
 */
export async function appendAuditBatch(pool: pg.Pool, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  await withTransaction(pool, async (c) => {
    await c.query('select pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    // the newest row, or the newest anchor when everything up to it is archived
    const last = await c.query<{ hash: string }>(
      `select hash from (
         (select id, hash from audit_log order by id desc limit 1)
         union all
         (select position, hash from log_chain_anchors where log_table = 'audit_log' and chain_key = '' order by position desc limit 1)
       ) h order by id desc limit 1`,
    );
    let prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const e of entries) {
      const hash = sha256Hex(hashInput(prevHash, e));
      const at = values.length;
      rows.push(`(${Array.from({ length: COLUMNS }, (_, k) => `$${at + k + 1}`).join(', ')})`);
      values.push(e.at, e.username, e.roles, e.orgUnit, e.device, e.method, e.route, e.path, e.status, e.requestId, e.caseId, prevHash, hash);
      prevHash = hash;
    }
    // ids are assigned in VALUES order, which is the chain's order
    await c.query(
      `insert into audit_log (at, username, roles, org_unit, device, method, route, path, status, request_id, case_id, prev_hash, hash)
       values ${rows.join(', ')}`,
      values,
    );
  });
}

/** Appends one entry (see appendAuditBatch). */
export const appendAudit = (pool: pg.Pool, e: AuditEntry): Promise<void> => appendAuditBatch(pool, [e]);

/**
 * Recomputes the whole chain; reports the first row whose content or link does not match. A row whose predecessor is
 * in an archived month links to one of the anchors its sealing recorded (061, log_partition_seal): each anchor, of a
 * lower id, may be linked to once.
 */
export async function verifyAuditChain(pool: Pick<pg.Pool, 'query'>): Promise<{ rows: number; ok: boolean; firstBad?: { id: number; reason: string } }> {
  const { rows } = await pool.query<AuditRow>('select * from audit_log order by id');
  const anchors = new Map((await pool.query<{ position: number; hash: string }>(
    `select position, hash from log_chain_anchors where log_table = 'audit_log' and chain_key = ''`,
  )).rows.map((a) => [a.hash, a.position]));
  let prevHash = GENESIS_HASH;
  for (const r of rows) {
    const anchor = anchors.get(r.prev_hash);
    if (r.prev_hash !== prevHash && anchor !== undefined && anchor < r.id) {
      anchors.delete(r.prev_hash);
      prevHash = r.prev_hash;
    }
    if (r.prev_hash !== prevHash) return { rows: rows.length, ok: false, firstBad: { id: r.id, reason: 'link to previous row broken' } };
    if (auditEntryHash(prevHash, auditEntryOf(r)) !== r.hash) return { rows: rows.length, ok: false, firstBad: { id: r.id, reason: 'content does not match its hash' } };
    prevHash = r.hash;
  }
  return { rows: rows.length, ok: true };
}
