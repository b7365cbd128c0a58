import type { Queryable } from './pool';

// Idempotency-Key records of terminal POSTs, keyed by (user, key). The row is claimed before the work starts.

export interface StoredResponse {
  status: number;
  contentType: string;
  body: unknown;
}

export type Claim =
  | { kind: 'owner' }
  | { kind: 'done'; response: StoredResponse; clientAt: string | null }
  | { kind: 'mismatch'; method: string; path: string }
  | { kind: 'busy' };

export interface ClaimRequest {
  username: string;
  key: string;
  requestHash: string;
  method: string;
  path: string;
  clientAt?: string | null;
  leaseMs: number;
}

/** Insert-first: the inserter owns the key; others see it done, in progress (busy), abandoned (retaken) or different. */
export async function claimIdempotencyKey(db: Queryable, r: ClaimRequest): Promise<Claim> {
  const ins = await db.query(
    `insert into mobile_idempotency (username, key, request_hash, method, path, client_at, lease_until)
     values ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::double precision / 1000))
     on conflict (username, key) do nothing`,
    [r.username, r.key, r.requestHash, r.method, r.path, r.clientAt ?? null, r.leaseMs],
  );
  if (ins.rowCount === 1) return { kind: 'owner' };
  const cur = await db.query<{ request_hash: string; method: string; path: string; status: number | null; content_type: string | null; body: unknown; client_at: Date | null; abandoned: boolean }>(
    `select request_hash, method, path, status, content_type, body, client_at, lease_until < now() as abandoned
       from mobile_idempotency where username = $1 and key = $2`,
    [r.username, r.key],
  );
  const row = cur.rows[0];
  if (!row) return claimIdempotencyKey(db, r); // released between the insert and the select: try again
  if (row.request_hash !== r.requestHash) return { kind: 'mismatch', method: row.method, path: row.path };
  if (row.status !== null) {
    return { kind: 'done', response: { status: row.status, contentType: row.content_type ?? 'application/json', body: row.body }, clientAt: row.client_at?.toISOString() ?? null };
  }
  if (row.abandoned) {
    const taken = await db.query(
      `update mobile_idempotency set lease_until = now() + make_interval(secs => $3::double precision / 1000)
        where username = $1 and key = $2 and status is null and lease_until < now()`,
      [r.username, r.key, r.leaseMs],
    );
    if (taken.rowCount === 1) return { kind: 'owner' };
  }
  return { kind: 'busy' };
}

export async function completeIdempotencyKey(db: Queryable, username: string, key: string, res: StoredResponse): Promise<void> {
  await db.query(
    'update mobile_idempotency set status = $3, content_type = $4, body = $5, completed_at = now() where username = $1 and key = $2',
    [username, key, res.status, res.contentType, JSON.stringify(res.body ?? null)],
  );
}

/** The work failed unexpectedly (5xx): forget the key so the client's retry runs it again. */
export async function releaseIdempotencyKey(db: Queryable, username: string, key: string): Promise<void> {
  await db.query('delete from mobile_idempotency where username = $1 and key = $2 and status is null', [username, key]);
}

/** Housekeeping: keys older than the retention window (terminals retry within hours, sync within days). */
export async function purgeIdempotencyKeys(db: Queryable, olderThanDays = 30): Promise<number> {
  const r = await db.query("delete from mobile_idempotency where created_at < now() - make_interval(days => $1)", [olderThanDays]);
  return r.rowCount ?? 0;
}
