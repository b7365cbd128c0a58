// The case list of the back office: the read model's query under the caller's case scope (services/access), each
// case with the working days left to its deadline on the published calendar.
import type pg from 'pg';
import type { CaseListItem, CaseRecord } from '../../domain/case';
import type { Principal } from '../../domain/roles';
import { listCases as listCaseRows, SORT_TYPES, SORTABLE, type CaseListPage, type CaseListQuery } from '../../db/cases';
import { TIMESTAMPTZ_TEXT, UUID_TEXT } from '../lists/cursor';
import { caseInScope } from '../access/caseAccess';
import { calendarInForce } from '../calendar/workCalendar';
import { daysLeft } from './myTasks';
import { chinaMidnight } from '../../domain/billingMonths';

export { SORTABLE };

/** Adds "剩余 N 个工作日" (domain/calendar.ts workingDaysLeft) to read-model cases. */
export async function withWorkingDaysLeft(pool: Pick<pg.Pool, 'query'>, rows: CaseRecord[], now = Date.now()): Promise<CaseListItem[]> {
  const calendar = await calendarInForce(pool, now);
  return rows.map((r) => ({ ...r, workingDaysLeft: daysLeft(r.deadlineAt, now, calendar) }));
}

/** Whether a cursor's key and id parse as the sort column's type and a case id (services/lists/cursor.ts). */
export function validCaseCursor(field: keyof typeof SORTABLE): (key: string, id: string) => boolean {
  return (key, id) => UUID_TEXT.test(id) && (SORT_TYPES[field] !== 'timestamptz' || TIMESTAMPTZ_TEXT.test(key));
}

/**
 * One page of the back office's case list (db/cases.ts listCases: scope, q, filters, saved view, sort, offset or
 * keyset page), each case with its working days left; the total is counted up to TOTAL_CAP.
 */
export async function listCases(pool: Pick<pg.Pool, 'query'>, q: CaseListQuery): Promise<Omit<CaseListPage, 'rows'> & { rows: CaseListItem[] }> {
  const page = await listCaseRows(pool, q);
  return { ...page, rows: await withWorkingDaysLeft(pool, page.rows) };
}

/** One case in the caller's scope (404 otherwise), as the list shows it. */
export async function caseDetail(pool: pg.Pool, id: string, principal: Principal): Promise<CaseListItem> {
  const [row] = await withWorkingDaysLeft(pool, [await caseInScope(pool, id, principal)]);
  return row;
}

/** The instants of a range of China-calendar days (both inclusive) as the list query takes them: [from, before). */
export function createdRange(fromDay?: string, toDay?: string): { createdFrom?: string; createdBefore?: string } {
  const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    ...(fromDay ? { createdFrom: chinaMidnight(fromDay) } : {}),
    ...(toDay ? { createdBefore: chinaMidnight(next(toDay)) } : {}),
  };
}
