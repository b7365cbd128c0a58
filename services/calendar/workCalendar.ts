import type { Queryable } from '../../db/pool';
import { calendarDaysFrom } from '../../db/calendar';
import { chinaDate, type WorkCalendar } from '../../domain/calendar';
import { knownThroughOf } from '../../domain/calendarYears';

/**
 * The published working-day calendar for arithmetic from an instant on: the holidays and make-up working days of its
 * China year and later (deadlines only look forward; a case's history stays small), with the last known day.
 */
export async function workCalendarFrom(db: Queryable, from: number): Promise<WorkCalendar> {
  const { years, holidays, workdays } = await calendarDaysFrom(db, Number(chinaDate(from).slice(0, 4)));
  const knownThrough = knownThroughOf(years);
  return { holidays, workdays, ...(knownThrough ? { knownThrough } : {}) };
}

/** A publication reaches the screens within this long (the calendar is read on every task list otherwise). */
export const CALENDAR_CACHE_MS = 60_000;
const cache = new WeakMap<object, { calendar: WorkCalendar; until: number; year: number }>();

/**
 * The calendar screens count "剩余 N 个工作日" on now, read at most once a minute per pool (like the case policy in
 * force); from last year on, so a deadline passed since then still counts its overdue working days right.
 */
export async function calendarInForce(db: Queryable, now: number = Date.now()): Promise<WorkCalendar> {
  const hit = cache.get(db);
  const year = Number(chinaDate(now).slice(0, 4));
  if (hit && hit.until > now && hit.year === year) return hit.calendar;
  const calendar = await workCalendarFrom(db, Date.parse(`${year - 1}-01-01T00:00:00+08:00`));
  cache.set(db, { calendar, until: now + CALENDAR_CACHE_MS, year });
  return calendar;
}

/** After a publication in this process: its screens see the new year at once. */
export function forgetCalendarInForce(db: Queryable): void {
  cache.delete(db);
}
