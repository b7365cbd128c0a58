import type pg from 'pg';
import { caseScopeOf, getCase } from '../../db/cases';
import type { CaseRecord } from '../../domain/case';
import type { Principal } from '../../domain/roles';
import { Problem } from '../../http/problem';

/** The case if the caller may see it (caseScopeOf), else 404: a case outside the scope is not confirmed to exist. */
export async function caseInScope(pool: pg.Pool, id: string, principal: Principal): Promise<CaseRecord> {
  const row = await getCase(pool, id, caseScopeOf(principal));
  if (!row) throw new Problem(404, 'Not found', `No case ${id} in your org unit.`);
  return row;
}
