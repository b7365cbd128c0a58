import { z } from 'zod';
import { IsoDate } from './case';
import type { Lang } from './text';
import { renderTemplateMessage } from './messages/templates';

// The working-day calendar as published data: one year at a time, its public holidays and make-up working days
// (调休), as the State Council publishes them late in the year before. The arithmetic is domain/calendar.ts.

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;

export const CalendarDay = z.strictObject({
  date: IsoDate,
  kind: z.enum(CALENDAR_DAY_KINDS).describe('holiday: not worked; workday: a weekend day that is worked (调休)'),
  name: z.string().trim().min(1).max(40).describe('The holiday it belongs to, e.g. 春节'),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

export const PublishYearBody = z.strictObject({
  days: z.array(CalendarDay).max(366).describe('Every holiday and make-up working day of the year'),
});

/** Who published a year: the package the calendar was seeded from, or an administrator. */
export const CalendarSource = z.string().describe("'chinese-days@<version>' (seeded) or 'admin'");
export const ADMIN_SOURCE = 'admin';

export const CalendarYearSummary = z.object({
  year: z.number().int(),
  source: CalendarSource,
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  holidays: z.number().int(),
  workdays: z.number().int(),
});
export const CalendarCoverage = z.object({
  knownThrough: z.string().nullable().describe('Last day of the published calendar (contiguous years from the first); null: none'),
  coversNext90Days: z.boolean(),
  provisionalOpenCases: z.number().int().describe('Open cases whose deadline lies past knownThrough'),
});
export const CalendarYearList = z.object({ items: z.array(CalendarYearSummary), coverage: CalendarCoverage });
export const CalendarYear = z.object({
  year: z.number().int(),
  source: CalendarSource,
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  days: z.array(z.object({ date: z.string(), kind: z.enum(CALENDAR_DAY_KINDS), name: z.string() })),
});
export const PublishedYear = CalendarYear.extend({
  recomputedCases: z.number().int().describe('Open cases with a provisional deadline that were signalled to recompute it'),
  skippedCases: z.number().int().describe('Open cases with a provisional deadline that could not be signalled (workflow gone)'),
});

// ---------------------------------------------------------------- refusals, as codes with parameters

export const CALENDAR_CODES = {
  dateOutsideYear: 'calendar.date-outside-year',
  workdayNotWeekend: 'calendar.workday-not-weekend',
  duplicateDate: 'calendar.duplicate-date',
  yearUnknown: 'calendar.year-unknown',
} as const;
export type CalendarCode = (typeof CALENDAR_CODES)[keyof typeof CALENDAR_CODES];

type P = Record<string, string | number>;

/** A calendar refusal's text (domain/messages/refusals.ts). */
export function calendarText(code: CalendarCode, lang: Lang, params: P): string {
  return renderTemplateMessage(code, params, lang);
}

export interface CalendarIssue {
  path: string;
  code: CalendarCode;
  params: P;
}

/** What is wrong with a year's days (empty: it can be published). Pure; the order follows the days. */
export function calendarYearIssues(year: number, days: readonly CalendarDay[]): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    if (!d.date.startsWith(`${year}-`)) issues.push({ path: `days.${i}.date`, code: CALENDAR_CODES.dateOutsideYear, params: { date: d.date, year } });
    if (d.kind === 'workday') {
      const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) issues.push({ path: `days.${i}.date`, code: CALENDAR_CODES.workdayNotWeekend, params: { date: d.date } });
    }
    if (seen.has(d.date)) issues.push({ path: `days.${i}.date`, code: CALENDAR_CODES.duplicateDate, params: { date: d.date } });
    seen.add(d.date);
  });
  return issues;
}

/** The last day of the contiguous run of published years from the first one (null: none published). */
export function knownThroughOf(years: readonly number[]): string | null {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (!sorted.length) return null;
  let last = sorted[0];
  for (const y of sorted.slice(1)) {
    if (y !== last + 1) break;
    last = y;
  }
  return `${last}-12-31`;
}
