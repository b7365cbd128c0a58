import type pg from 'pg';

// Sessions Keycloak reported ended (back-channel logout); migration 076.

/** Records the session as ended until `expiresAt`; a repeated report keeps the later expiry. */
export async function insertRevokedSession(pool: pg.Pool, r: { sid: string; sub: string | null; expiresAt: Date }): Promise<void> {
  await pool.query(
    `insert into revoked_sessions (sid, sub, expires_at) values ($1, $2, $3)
     on conflict (sid) do update set expires_at = greatest(revoked_sessions.expires_at, excluded.expires_at)`,
    [r.sid, r.sub, r.expiresAt],
  );
}

/** True when the session was reported ended (and its record has not expired). */
export async function isSessionRevoked(pool: pg.Pool, sid: string): Promise<boolean> {
  const r = await pool.query('select 1 from revoked_sessions where sid = $1 and expires_at > now()', [sid]);
  return (r.rowCount ?? 0) > 0;
}

/** Deletes records past their expiry (done as new ones are recorded); returns how many. */
export async function purgeRevokedSessions(pool: pg.Pool): Promise<number> {
  const r = await pool.query('delete from revoked_sessions where expires_at <= now()');
  return r.rowCount ?? 0;
}
