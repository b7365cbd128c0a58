// Working-time arithmetic on the China calendar (UTC+8, no DST): deadlines count only working days.
// Weekends are off unless listed as make-up working days (调休); listed holidays are off.

export interface WorkCalendar {
  /** 'YYYY-MM-DD' dates that are not worked (public holidays). */
  holidays: string[];
  /** 'YYYY-MM-DD' weekend dates that are worked (调休 make-up days). */
  workdays: string[];
  /**
   * The last 'YYYY-MM-DD' of the published calendar (absent: a calendar without that notion, e.g. a legacy case
   * policy's). Days after it count weekends alone as off, so what lands there is provisional until its year is known.
   */
  knownThrough?: string;
  /** Every day is a working day (a case policy counting calendar days, 自然日). */
  everyDay?: boolean;
}

/** The calendar of a policy that counts calendar days (自然日): every day counts. */
export const EVERY_DAY_CALENDAR: WorkCalendar = { holidays: [], workdays: [], everyDay: true };

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Local (China) calendar date of an instant. */
export function chinaDate(t: number): string {
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The China day number of an instant: days since 1970-01-01 in China time (SQL: (t at time zone 'Asia/Shanghai')::date). */
export function chinaDayNumber(t: number): number {
  return Math.floor((t + CHINA_OFFSET_MS) / DAY_MS);
}

/** Start of the China calendar day containing t, as an instant. */
function dayStart(t: number): number {
  return chinaDayNumber(t) * DAY_MS - CHINA_OFFSET_MS;
}

export function isWorkingDay(t: number, cal: WorkCalendar): boolean {
  if (cal.everyDay) return true;
  const date = chinaDate(t);
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const weekday = new Date(t + CHINA_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The instant reached after `workingMs` of working time from `start`. Time on non-working days does not count;
 * a start on a non-working day begins counting at the next working day's midnight.
 */
export function addWorkingTime(start: number, workingMs: number, cal: WorkCalendar): number {
  let t = start;
  let left = workingMs;
  for (let guard = 0; guard < 3660; guard += 1) {
    const end = dayStart(t) + DAY_MS;
    if (isWorkingDay(t, cal)) {
      if (t + left <= end) return t + left;
      left -= end - t;
    }
    t = end;
  }
  throw new Error('working time does not fit in ten years of calendar');
}

export function addWorkingDays(start: number, days: number, cal: WorkCalendar): number {
  return addWorkingTime(start, days * DAY_MS, cal);
}

export const WORKING_DAY_MS = DAY_MS;

/**
 * Whether an instant computed on the calendar lies past its known part, i.e. is provisional. An instant at 00:00
 * belongs to the day before (addWorkingTime hands a whole last day out that way), as in workingDaysLeft.
 */
export function isPastKnownCalendar(t: number, cal: WorkCalendar): boolean {
  return cal.knownThrough !== undefined && chinaDate(t - 1) > cal.knownThrough;
}

/** Working days among the China dates after `from` up to and including `to` (both 'YYYY-MM-DD' via instants). */
function workingDaysAfter(fromDayStart: number, toDayStart: number, cal: WorkCalendar): number {
  let n = 0;
  // At most ten years are walked: a case overdue longer than that shows the ten years' count (and is red anyway).
  for (let t = fromDayStart + DAY_MS, i = 0; t <= toDayStart && i < 3660; t += DAY_MS, i += 1) if (isWorkingDay(t, cal)) n += 1;
  return n;
}

/**
 * "剩余 N 个工作日" as people read it, on the China calendar: the working days after today up to the deadline's day
 * (0: due today); once the deadline has passed, minus the working days since its day, at least -1 (overdue since
 * this morning or over a weekend is overdue all the same). A deadline at 00:00 belongs to the day before, as
 * addWorkingTime hands a whole last day out that way. Past the known calendar, weekends alone count as off.
 */
export function workingDaysLeft(now: number, deadline: number, cal: WorkCalendar): number {
  const today = dayStart(now);
  const deadlineDay = dayStart(deadline - 1);
  if (now <= deadline) return workingDaysAfter(today, deadlineDay, cal);
  return -Math.max(1, workingDaysAfter(deadlineDay, today, cal));
}

/**
 * Working days late: 0 when `at` is at or before the deadline; else the working days after the deadline's day up to
 * `at`'s day, at least 1 (late over a weekend is late all the same) — workingDaysLeft's overdue count, as a positive.
 */
export function lateWorkingDays(at: number, deadline: number, cal: WorkCalendar): number {
  return at <= deadline ? 0 : -workingDaysLeft(at, deadline, cal);
}
