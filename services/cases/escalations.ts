import type pg from 'pg';
import type { Principal } from '../../domain/roles';
import { inboxOf, listEscalations } from '../../db/escalations';
import { caseScopeOf } from '../access/caseAccess';

// The escalation board (督办) and the in-app inbox: what the workflow raised, seen under the one case-scope rule.

export function escalationBoard(pool: pg.Pool, principal: Principal, f: { tiers: number[] | null; open: boolean }, range: [number, number]) {
  return listEscalations(pool, caseScopeOf(principal), f, range);
}

export function inbox(pool: pg.Pool, principal: Principal) {
  return inboxOf(pool, principal, 200);
}
