import type pg from 'pg';
import type { CasePolicy } from '../../domain/casePolicy';
import { activeCasePolicy } from '../../db/rules';

/**
 * The case policy in force now (its deadlines, geofence and working-day calendar). A case keeps the policy it started
 * with; this is what a screen shows for "now": the terminal's geofence, working days left on the current calendar.
 */
export function casePolicyInForce(pool: Pick<pg.Pool, 'query'>, at: Date = new Date()): Promise<CasePolicy> {
  return activeCasePolicy(pool, at.toISOString());
}
