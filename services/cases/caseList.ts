// The case list of the back office: the read model's query under the caller's case scope (services/access), each
// case with the working days left to its deadline on the published calendar.
import type pg from 'pg';
import type { CaseListItem, CaseRecord } from '../../domain/case';
import type { Principal } from '../../domain/roles';
import { listCases as listCaseRows, SORTABLE, type CaseListQuery } from '../../db/cases';
import { caseInScope } from '../access/caseAccess';
import { calendarInForce } from '../calendar/workCalendar';
import { daysLeft } from './myTasks';

export { SORTABLE };

/** Adds "剩余 N 个工作日" (domain/calendar.ts workingDaysLeft) to read-model cases. */
export async function withWorkingDaysLeft(pool: Pick<pg.Pool, 'query'>, rows: CaseRecord[], now = Date.now()): Promise<CaseListItem[]> {
  const calendar = await calendarInForce(pool, now);
  return rows.map((r) => ({ ...r, workingDaysLeft: daysLeft(r.deadlineAt, now, calendar) }));
}

export async function listCases(pool: Pick<pg.Pool, 'query'>, q: CaseListQuery): Promise<{ rows: CaseListItem[]; total: number }> {
  const { rows, total } = await listCaseRows(pool, q);
  return { rows: await withWorkingDaysLeft(pool, rows), total };
}

/** One case in the caller's scope (404 otherwise), as the list shows it. */
export async function caseDetail(pool: pg.Pool, id: string, principal: Principal): Promise<CaseListItem> {
  const [row] = await withWorkingDaysLeft(pool, [await caseInScope(pool, id, principal)]);
  return row;
}
