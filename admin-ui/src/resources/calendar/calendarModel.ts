// The working-day calendar (工作日历) as the API answers it (GET/PUT /api/calendar/years…), and the pure logic of its
// screens: month grids, the publish editor's draft and its checks, the coverage banner. Components stay thin.

/** Where a year's days came from: the State Council notices (the chinese-days package) or an admin's publication. */
export type CalendarSource = string;
export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export interface CalendarYearSummary {
  year: number;
  source: CalendarSource;
  publishedAt: string;
  publishedBy: string | null;
  holidays: number;
  workdays: number;
}

export interface CalendarCoverage {
  /** Last published date; null when nothing is published. */
  knownThrough: string | null;
  coversNext90Days: boolean;
  /** Open cases whose deadline lies past knownThrough (counted on weekends only, marked provisional). */
  provisionalOpenCases: number;
}

export interface CalendarYears {
  items: CalendarYearSummary[];
  coverage: CalendarCoverage;
}

export interface CalendarYear {
  year: number;
  source: CalendarSource;
  publishedAt: string;
  publishedBy: string | null;
  days: CalendarDay[];
}

export interface PublishedCalendarYear extends CalendarYear {
  /** Open cases whose provisional deadlines were signalled to recompute. */
  recomputedCases: number;
}

/** The package seed's source string starts with this; everything else an admin published. */
const PACKAGE_SOURCE_PREFIX = 'chinese-days@';

/** 'package' (国务院办公厅通知, via chinese-days) or 'admin' (管理员发布): the key of the source's label. */
export function sourceKind(source: CalendarSource): 'package' | 'admin' {
  return source.startsWith(PACKAGE_SOURCE_PREFIX) ? 'package' : 'admin';
}

/** The names the State Council's notices use, offered as suggestions in the editor. */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/** The codes the API answers a refused publication with (422 `errors[].code`); each has a text in both catalogues. */
export const CALENDAR_ERROR_CODES = [
  'calendar.date-outside-year',
  'calendar.workday-not-weekend',
  'calendar.duplicate-date',
  // checked in the editor before anything is sent
  'calendar.date-missing',
  'calendar.range-reversed',
  'calendar.name-required',
  'calendar.name-too-long',
  'calendar.year-invalid',
  'calendar.empty',
] as const;
export type CalendarErrorCode = (typeof CALENDAR_ERROR_CODES)[number];

/** The catalogue key of an error code (resources.calendar.errors.<code without "calendar.">), or null for another code. */
export function errorKey(code: string | undefined): string | null {
  return code && (CALENDAR_ERROR_CODES as readonly string[]).includes(code) ? `resources.calendar.errors.${code.slice('calendar.'.length)}` : null;
}

export const NAME_MAX = 40;
const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const isoOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** 0 = Sunday … 6 = Saturday, of a calendar date (no time zone involved). */
export const weekdayOf = (date: string): number => new Date(utc(date)).getUTCDay();
const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));
const validDate = (date: string) => ISO_DATE.test(date) && isoOf(utc(date)) === date;

// ---------------------------------------------------------------------------------------------------------------
// Month grids

export type CellKind = 'holiday' | 'makeup' | 'weekend' | 'workday';

export interface DayCell {
  date: string;
  day: number;
  kind: CellKind;
  /** The holiday's (or the make-up day's) name. */
  name: string | null;
  today: boolean;
}

/**
 * One month as weeks of seven cells, Monday first (as Chinese calendars print them); null pads the first and last
 * week. A listed holiday is off, a listed workday (调休, 班) is worked, other weekends are off.
 */
export function monthGrid(year: number, month: number, days: readonly CalendarDay[], today?: string): (DayCell | null)[][] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = Date.UTC(year, month - 1, 1);
  const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (new Date(first).getUTCDay() + 6) % 7; // Monday = 0
  const cells: (DayCell | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= length; d += 1) {
    const date = isoOf(first + (d - 1) * DAY_MS);
    const listed = byDate.get(date);
    const kind: CellKind = listed ? (listed.kind === 'holiday' ? 'holiday' : 'makeup') : isWeekend(date) ? 'weekend' : 'workday';
    cells.push({ date, day: d, kind, name: listed?.name ?? null, today: date === today });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (DayCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Consecutive days of one kind and name, for the screen-reader list and for loading a year into the editor. */
export interface DayRun {
  kind: CalendarDayKind;
  name: string;
  from: string;
  to: string;
  count: number;
}

export function dayRuns(days: readonly CalendarDay[]): DayRun[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const runs: DayRun[] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && last.kind === d.kind && last.name === d.name && utc(d.date) - utc(last.to) === DAY_MS) {
      last.to = d.date;
      last.count += 1;
    } else {
      runs.push({ kind: d.kind, name: d.name, from: d.date, to: d.date, count: 1 });
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------------------------
// The publish editor

export interface HolidayRange {
  name: string;
  from: string;
  to: string;
}

export interface MakeupDay {
  date: string;
  name: string;
}

export interface CalendarDraft {
  year: number;
  holidays: HolidayRange[];
  makeups: MakeupDay[];
}

/** The editor row an error belongs to: the year, a holiday range or a make-up day (index in its list). */
export type DraftRow = { list: 'year' } | { list: 'holidays' | 'makeups'; index: number };

export interface DraftError {
  row: DraftRow;
  code: string;
  params: Record<string, unknown>;
  /** The server's own sentence, shown when the code has no text in the catalogue. */
  message?: string;
}

export const rowKey = (row: DraftRow): string => (row.list === 'year' ? 'year' : `${row.list}.${row.index}`);

/** A draft from a published year: holiday runs become ranges, each make-up day a row. */
export function draftFromYear(year: CalendarYear): CalendarDraft {
  const runs = dayRuns(year.days);
  return {
    year: year.year,
    holidays: runs.filter((r) => r.kind === 'holiday').map((r) => ({ name: r.name, from: r.from, to: r.to })),
    makeups: year.days.filter((d) => d.kind === 'workday').map((d) => ({ date: d.date, name: d.name })),
  };
}

export const emptyDraft = (year: number): CalendarDraft => ({ year, holidays: [{ name: '', from: '', to: '' }], makeups: [] });

/**
 * The days the draft publishes (sorted by date), and for each the row it came from — so the API's `days.<i>` errors
 * land on the row the admin typed. Ranges that cannot be expanded (missing or reversed dates) give no days; the
 * checks below name them.
 */
export function draftDays(draft: CalendarDraft): { days: CalendarDay[]; rows: DraftRow[] } {
  const entries: { day: CalendarDay; row: DraftRow }[] = [];
  draft.holidays.forEach((h, index) => {
    if (!validDate(h.from) || !validDate(h.to) || h.from > h.to) return;
    // at most a year of days from one range (a typo such as 2027-01-01 … 2072-01-01 must not hang the page)
    for (let t = utc(h.from), n = 0; t <= utc(h.to) && n < 366; t += DAY_MS, n += 1) {
      entries.push({ day: { date: isoOf(t), kind: 'holiday', name: h.name.trim() }, row: { list: 'holidays', index } });
    }
  });
  draft.makeups.forEach((m, index) => {
    if (validDate(m.date)) entries.push({ day: { date: m.date, kind: 'workday', name: m.name.trim() }, row: { list: 'makeups', index } });
  });
  entries.sort((a, b) => a.day.date.localeCompare(b.day.date));
  return { days: entries.map((e) => e.day), rows: entries.map((e) => e.row) };
}

/** The editor's own checks, the same rules the API applies (and a few it cannot see: a missing or reversed range). */
export function validateDraft(draft: CalendarDraft): DraftError[] {
  const errors: DraftError[] = [];
  const add = (row: DraftRow, code: CalendarErrorCode, params: Record<string, unknown> = {}) => errors.push({ row, code, params });
  if (!Number.isInteger(draft.year) || draft.year < 2000 || draft.year > 2100) add({ list: 'year' }, 'calendar.year-invalid');
  if (draft.holidays.length === 0 && draft.makeups.length === 0) add({ list: 'year' }, 'calendar.empty');
  const checkName = (row: DraftRow, name: string) => {
    if (!name.trim()) add(row, 'calendar.name-required');
    else if (name.trim().length > NAME_MAX) add(row, 'calendar.name-too-long', { max: NAME_MAX });
  };
  const inYear = (date: string) => date.startsWith(`${draft.year}-`);
  draft.holidays.forEach((h, index) => {
    const row: DraftRow = { list: 'holidays', index };
    checkName(row, h.name);
    if (!validDate(h.from) || !validDate(h.to)) add(row, 'calendar.date-missing');
    else if (h.from > h.to) add(row, 'calendar.range-reversed', { from: h.from, to: h.to });
    else for (const date of [h.from, h.to]) if (!inYear(date)) add(row, 'calendar.date-outside-year', { date, year: draft.year });
  });
  draft.makeups.forEach((m, index) => {
    const row: DraftRow = { list: 'makeups', index };
    checkName(row, m.name);
    if (!validDate(m.date)) add(row, 'calendar.date-missing');
    else {
      if (!inYear(m.date)) add(row, 'calendar.date-outside-year', { date: m.date, year: draft.year });
      if (!isWeekend(m.date)) add(row, 'calendar.workday-not-weekend', { date: m.date });
    }
  });
  // A date listed twice (overlapping ranges, or a make-up day inside a holiday) is named on the later row: the sort is
  // stable and holidays are listed first, so a make-up day always takes the blame.
  const { days, rows } = draftDays(draft);
  for (let i = 1; i < days.length; i += 1) {
    if (days[i]!.date === days[i - 1]!.date) add(rows[i]!, 'calendar.duplicate-date', { date: days[i]!.date });
  }
  return dedupe(errors);
}

function dedupe(errors: DraftError[]): DraftError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${rowKey(e.row)}|${e.code}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One entry of a 422 problem's `errors` (problem+json), as HttpError.body.problemErrors carries it. */
export interface ServerFieldError {
  path?: string | ReadonlyArray<string | number>;
  code?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * The API's field errors on the editor's rows: `days.<i>.<field>` is the i-th day sent, which `sent` (from draftDays)
 * traces back to its range or make-up row; any other path (the year, the body) is the year's. The day's date and the
 * year fill in what the server's params leave out, so the catalogue's sentence is complete either way.
 */
export function serverErrorsOnRows(
  errors: readonly ServerFieldError[] | undefined,
  sent: { year: number; days: readonly CalendarDay[]; rows: readonly DraftRow[] },
): DraftError[] {
  return dedupe(
    (errors ?? []).map((e) => {
      const segments = Array.isArray(e.path) ? e.path.map(String) : String(e.path ?? '').replace(/^[#/$.]+/, '').split(/[./]/);
      const index = segments[0] === 'days' && /^\d+$/.test(segments[1] ?? '') ? Number(segments[1]) : -1;
      const row = sent.rows[index] ?? ({ list: 'year' } as const);
      const params = { year: sent.year, ...(sent.days[index] ? { date: sent.days[index].date } : {}), ...(e.params ?? {}) };
      return { row, code: e.code ?? '', params, message: e.message };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Coverage banner

/** Roles that are told when the calendar runs out (admins publish the next year; managers chase them). */
export const COVERAGE_BANNER_ROLES = ['admin', 'manager'] as const;

export const mayBeToldOfCoverage = (roles: readonly string[] | undefined): boolean =>
  !!roles?.some((r) => (COVERAGE_BANNER_ROLES as readonly string[]).includes(r));

/**
 * The banner's facts, or null when there is nothing to say: the calendar covers the next 90 days, the user is not
 * one to act on it, or coverage is not known yet. The year to publish follows the last one known (this year when
 * none is).
 */
export function coverageBanner(
  roles: readonly string[] | undefined,
  coverage: CalendarCoverage | undefined,
  today: string,
): { knownThrough: string | null; year: number } | null {
  if (!mayBeToldOfCoverage(roles) || !coverage || coverage.coversNext90Days) return null;
  const year = coverage.knownThrough ? Number(coverage.knownThrough.slice(0, 4)) + 1 : Number(today.slice(0, 4));
  return { knownThrough: coverage.knownThrough, year };
}
