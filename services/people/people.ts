import type pg from 'pg';
import type { z } from 'zod';
import { personnelOfCase, pickablePeople } from '../../db/personnel';
import type { CasePeople, PeopleQuery, PickablePerson } from '../../domain/people';
import type { Principal } from '../../domain/roles';
import { caseInScope } from '../access/caseAccess';

// People, not user names (#16): the person picker's list and the names a case page shows. Both are bound by the one
// access rule: the picker lists the caller's org subtree only; a case's names come with a case the caller may see.

const DEFAULT_LIMIT = 20;

/** People of the caller's org subtree to pick (assign, reassign, rectification owner), most idle first. */
export async function listPeople(pool: pg.Pool, principal: Principal, q: z.infer<typeof PeopleQuery>): Promise<PickablePerson[]> {
  const rows = await pickablePeople(pool, {
    orgUnit: principal.orgUnit, station: q.station, role: q.role, q: q.q, active: q.active ?? true, limit: q.limit ?? DEFAULT_LIMIT,
  });
  return rows as PickablePerson[];
}

/** Display and unit names of everyone the case names, keyed by user name (one read for the whole case page). */
export async function casePeople(pool: pg.Pool, principal: Principal, caseId: string): Promise<z.infer<typeof CasePeople>> {
  await caseInScope(pool, caseId, principal);
  const out: z.infer<typeof CasePeople> = {};
  for (const p of await personnelOfCase(pool, caseId)) out[p.username] = { displayName: p.displayName, orgUnitId: p.orgUnitId, stationName: p.stationName };
  return out;
}
