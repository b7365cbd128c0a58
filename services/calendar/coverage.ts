import type { Queryable } from '../../db/pool';
import { calendarYears, countProvisionalOpenCases } from '../../db/calendar';
import { chinaDate } from '../../domain/calendar';
import { knownThroughOf } from '../../domain/calendarYears';

const DAY_MS = 86_400_000;
/** How far ahead the calendar must be known for readiness: the longest deadline plus its escalation tiers fit in it. */
export const COVERAGE_HORIZON_DAYS = 90;

export interface CalendarCoverage {
  knownThrough: string | null;
  coversNext90Days: boolean;
  provisionalOpenCases: number;
}

/** Whether the known calendar reaches 90 days past `now` (China dates). */
export function coversHorizon(knownThrough: string | null, now: number): boolean {
  return knownThrough !== null && chinaDate(now + COVERAGE_HORIZON_DAYS * DAY_MS) <= knownThrough;
}

/** The published years, newest first, with what they cover. */
export async function calendarOverview(db: Queryable, now: number = Date.now()) {
  const [items, provisionalOpenCases] = await Promise.all([calendarYears(db), countProvisionalOpenCases(db)]);
  const knownThrough = knownThroughOf(items.map((i) => i.year));
  const coverage: CalendarCoverage = { knownThrough, coversNext90Days: coversHorizon(knownThrough, now), provisionalOpenCases };
  return { items, coverage };
}

/** The readiness probe's question (degraded, not down, when false): is the next 90 days' calendar published? */
export async function calendarCoversNext90Days(db: Queryable, now: number = Date.now()): Promise<boolean> {
  const r = await db.query<{ year: number }>('select year from calendar_years');
  return coversHorizon(knownThroughOf(r.rows.map((x) => x.year)), now);
}
