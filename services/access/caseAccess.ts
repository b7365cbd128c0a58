import type pg from 'pg';
import { getCase } from '../../db/cases';
import { scopedTaskCase, type TaskCase } from '../../db/mobileTasks';
import type { CaseRecord } from '../../domain/case';
import { caseScopeOf } from '../../domain/caseScope';
import type { Principal } from '../../domain/roles';
import { codedProblem } from '../../http/problem';
import type { Lang } from '../../domain/text';

// The one access rule for cases (domain/caseScope.ts), used by the back office, the terminal API and every case list.
// A case outside the caller's scope answers 404: its existence is not confirmed.

export { caseScopeOf };

/** The 404 of a case outside the caller's scope (or unknown): the same answer either way. */
export const notVisible = (id: string, lang: Lang = 'zh-CN') => codedProblem(404, 'Not found', 'case.not-visible', { id }, lang);

/** The case (back-office record) if the caller may see it, else 404. */
export async function caseInScope(pool: pg.Pool, id: string, principal: Principal): Promise<CaseRecord> {
  const row = await getCase(pool, id, caseScopeOf(principal));
  if (!row) throw notVisible(id);
  return row;
}

/** The case as a terminal sees it (optionally with the workflow snapshot) if the caller may see it, else 404. */
export async function taskCaseInScope(pool: pg.Pool, id: string, principal: Principal, withSnapshot = false): Promise<TaskCase> {
  const c = await scopedTaskCase(pool, id, caseScopeOf(principal), withSnapshot);
  if (!c) throw notVisible(id);
  return c;
}

/** Whether the caller may see the case, without loading it for use (a question citing a case, a batch item). */
export async function caseVisible(pool: pg.Pool, id: string, principal: Principal): Promise<boolean> {
  return (await getCase(pool, id, caseScopeOf(principal))) !== null;
}
