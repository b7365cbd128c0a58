import type { Queryable } from '../../db/pool';
import type pg from 'pg';
import type { Principal } from '../../domain/roles';
import { myTasks as myTaskRows } from '../../db/mobileTasks';
import type { z } from 'zod';
import type { TaskItem } from '../../domain/terminalSchemas';
import { workingDaysLeft, type WorkCalendar } from '../../domain/calendar';
import { calendarInForce } from '../calendar/workCalendar';

// 我的任务: the cases waiting on the caller (by name, or on one of their roles inside their unit), by deadline, each with
// the working days left on the published calendar ("剩余 N 个工作日"; negative: overdue).

export async function myTasks(pool: Queryable & Pick<pg.Pool, 'query'>, p: Pick<Principal, 'username' | 'roles' | 'orgUnit'>, limit: number, offset: number, now = Date.now()) {
  const [page, calendar] = await Promise.all([myTaskRows(pool, p, limit, offset), calendarInForce(pool, now)]);
  return { total: page.total, items: page.items.map((t): z.infer<typeof TaskItem> => ({ ...t, workingDaysLeft: daysLeft(t.deadlineAt, now, calendar) })) };
}

/** Working days left to a deadline (null: none), China calendar. */
export function daysLeft(deadlineAt: string | null, now: number, calendar: WorkCalendar): number | null {
  return deadlineAt ? workingDaysLeft(now, Date.parse(deadlineAt), calendar) : null;
}
