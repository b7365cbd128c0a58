import type pg from 'pg';
import { insertRevokedSession, isSessionRevoked, purgeRevokedSessions } from '../../db/revokedSessions';

/**
 * Ended sessions (Keycloak's back-channel logout, #18), shared by every API instance through Postgres: an instance asks
 * about a session at most once per `ttlMs` (its answer cached), so a sign-out reaches all of them within that time and
 * a busy session costs one indexed lookup per few seconds, not one per request. A session found ended stays ended.
 */
export interface SessionRevocations {
  isRevoked(sid: string): Promise<boolean>;
  /** Records the end of `sid`; tokens of it are refused until `expiresAt` (past which none can be unexpired). */
  revoke(r: { sid: string; sub: string | null; expiresAt: Date }): Promise<void>;
}

const CACHE_MAX = 50_000;

export function createSessionRevocations(pool: pg.Pool, o: { ttlMs?: number; now?: () => number } = {}): SessionRevocations {
  const ttlMs = o.ttlMs ?? 5_000;
  const now = o.now ?? Date.now;
  const live = new Map<string, number>(); // sid → when it was last found live
  const ended = new Set<string>();
  return {
    async isRevoked(sid) {
      if (ended.has(sid)) return true;
      const seen = live.get(sid);
      if (seen !== undefined && now() - seen < ttlMs) return false;
      const revoked = await isSessionRevoked(pool, sid);
      if (revoked) {
        live.delete(sid);
        if (ended.size >= CACHE_MAX) ended.clear(); // forgotten entries are asked again: correct, only slower
        ended.add(sid);
      } else {
        if (live.size >= CACHE_MAX) live.clear();
        live.set(sid, now());
      }
      return revoked;
    },
    async revoke(r) {
      await insertRevokedSession(pool, r);
      live.delete(r.sid);
      ended.add(r.sid);
      await purgeRevokedSessions(pool);
    },
  };
}

// One per pool (per process): the verifier and the logout endpoint of an app share its cache.
const byPool = new WeakMap<pg.Pool, SessionRevocations>();
export function sessionRevocations(pool: pg.Pool): SessionRevocations {
  let r = byPool.get(pool);
  if (!r) byPool.set(pool, (r = createSessionRevocations(pool)));
  return r;
}
