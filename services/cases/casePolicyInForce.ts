import type pg from 'pg';
import type { CasePolicy } from '../../domain/casePolicy';
import { activeCasePolicy, casePolicyByVersion } from '../../db/rules';

/** A published policy reaches the screens within this long (it is read on every task list otherwise). */
export const POLICY_CACHE_MS = 60_000;
const cache = new WeakMap<object, { policy: CasePolicy; until: number }>();

/**
 * The case policy in force now (its deadlines, geofence), read at most once a minute per pool. A case keeps the
 * policy it started with; this is what a screen shows for "now": the terminal's geofence. (The working-day calendar
 * is published data of its own since #17: services/calendar.)
 */
export async function casePolicyInForce(pool: Pick<pg.Pool, 'query'>, now: number = Date.now()): Promise<CasePolicy> {
  const hit = cache.get(pool);
  if (hit && hit.until > now) return hit.policy;
  const policy = await activeCasePolicy(pool, new Date(now).toISOString());
  cache.set(pool, { policy, until: now + POLICY_CACHE_MS });
  return policy;
}

const byVersion = new WeakMap<object, Map<string, CasePolicy | null>>();

/**
 * A published case policy by its version (the one a case started with). A version never changes once published, so
 * it is read once per pool and process; an unknown version is not remembered (it may be published later).
 */
export async function casePolicyOfVersion(pool: Pick<pg.Pool, 'query'>, version: string): Promise<CasePolicy | null> {
  let known = byVersion.get(pool);
  if (!known) byVersion.set(pool, (known = new Map()));
  const hit = known.get(version);
  if (hit) return hit;
  const policy = await casePolicyByVersion(pool, version);
  if (policy) known.set(version, policy);
  return policy;
}
