import { addWorkingDays, isPastKnownCalendar, lateWorkingDays, workingDaysLeft, type WorkCalendar } from '../../domain/calendar';
import { CALENDAR_CODES, calendarText, calendarYearIssues, knownThroughOf, type CalendarDay } from '../../domain/calendarYears';
import { packageCalendar } from '../../db/calendarSeed';
import { coversHorizon } from '../../services/calendar/coverage';

const at = (s: string) => Date.parse(s);
const iso = (t: number) => new Date(t).toISOString();

// A FIXTURE in the style of the State Council's notice, not the published 2027 schedule: 元旦 1–3 January;
// 春节 6–13 February with make-up working days on Sunday 14 and Saturday 20 February.
const FIXTURE_2027: CalendarDay[] = [
  ...['01', '02', '03'].map((d) => ({ date: `2027-01-${d}`, kind: 'holiday' as const, name: '元旦' })),
  ...['06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({ date: `2027-02-${d}`, kind: 'holiday' as const, name: '春节' })),
  { date: '2027-02-14', kind: 'workday', name: '春节' },
  { date: '2027-02-20', kind: 'workday', name: '春节' },
];

/** The calendar as services/calendar builds it from the seeded package years, plus published extra years. */
function calendarOf(extra: CalendarDay[] = []): WorkCalendar {
  const { byYear } = packageCalendar();
  const days = [...[...byYear.values()].flat(), ...extra];
  const years = [...byYear.keys(), ...new Set(extra.map((d) => Number(d.date.slice(0, 4))))];
  return { holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date), workdays: days.filter((d) => d.kind === 'workday').map((d) => d.date), knownThrough: knownThroughOf(years)! };
}

describe('the seed from chinese-days', () => {
  const { source, byYear } = packageCalendar();
  const day = (date: string) => byYear.get(Number(date.slice(0, 4)))!.find((d) => d.date === date);

  test('covers 2004–2026 under the package version, with the Chinese names', () => {
    expect(source).toBe('chinese-days@1.5.7');
    expect(Math.min(...byYear.keys())).toBe(2004);
    expect(Math.max(...byYear.keys())).toBe(2026);
    expect(byYear.has(2027)).toBe(false);
    expect(day('2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(day('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
    expect(day('2026-02-17')).toEqual({ date: '2026-02-17', kind: 'holiday', name: '春节' });
    expect(day('2026-01-01')?.name).toBe('元旦');
    expect(day('2026-10-09')).toBeUndefined(); // an ordinary Friday
  });

  test('every seeded year would pass the publication rules an administrator is held to', () => {
    for (const [year, days] of byYear) expect([year, calendarYearIssues(year, days)]).toEqual([year, []]);
  });

  test('known through the end of 2026: a deadline reaching into 2027 is provisional', () => {
    const cal = calendarOf();
    expect(cal.knownThrough).toBe('2026-12-31');
    // a verification rejected on Friday 4 December 2026 at 10:00 with 20 working days lands on 1 January 2027 (元旦)
    const deadline = addWorkingDays(at('2026-12-04T02:00:00Z'), 20, cal);
    expect(iso(deadline)).toBe('2027-01-01T02:00:00.000Z');
    expect(isPastKnownCalendar(deadline, cal)).toBe(true);
    expect(isPastKnownCalendar(at('2026-12-31T16:00:00Z'), cal)).toBe(false); // 00:00 on 1 January belongs to 31 December
    expect(isPastKnownCalendar(at('2026-12-31T16:00:01Z'), cal)).toBe(true);
  });
});

describe('after 2027 is published (fixture)', () => {
  const cal = calendarOf(FIXTURE_2027);

  test('the fixture passes the publication rules and extends the known calendar', () => {
    expect(calendarYearIssues(2027, FIXTURE_2027)).toEqual([]);
    expect(cal.knownThrough).toBe('2027-12-31');
  });

  test('元旦: the 4 December deadline moves past the holiday and the weekend, and is no longer provisional', () => {
    const deadline = addWorkingDays(at('2026-12-04T02:00:00Z'), 20, cal);
    expect(iso(deadline)).toBe('2027-01-04T02:00:00.000Z'); // Monday 10:00
    expect(isPastKnownCalendar(deadline, cal)).toBe(false);
  });

  test('春节: eight days off, the make-up Sunday counts', () => {
    // Monday 1 February 09:00 + 10 working days: 1–5 Feb, off 6–13, Sun 14 worked, 15–18, Fri 19 09:00
    expect(iso(addWorkingDays(at('2027-02-01T01:00:00Z'), 10, cal))).toBe('2027-02-19T01:00:00.000Z');
    // the provisional count (weekends only) said Monday 15 February
    expect(iso(addWorkingDays(at('2027-02-01T01:00:00Z'), 10, calendarOf()))).toBe('2027-02-15T01:00:00.000Z');
    // 剩余工作日 on Friday 5 February to that deadline: Sun 14, 15–18, and the 19th itself is the deadline day
    expect(workingDaysLeft(at('2027-02-05T02:00:00Z'), at('2027-02-19T01:00:00Z'), cal)).toBe(6);
  });

  test('late days count working days after the deadline: a report on the Monday after 春节 is 1 working day late', () => {
    const deadline = at('2027-02-05T10:00:00Z'); // Friday 18:00
    expect(lateWorkingDays(at('2027-02-05T09:00:00Z'), deadline, cal)).toBe(0);
    expect(lateWorkingDays(at('2027-02-13T02:00:00Z'), deadline, cal)).toBe(1); // during the holiday: late all the same
    expect(lateWorkingDays(at('2027-02-14T02:00:00Z'), deadline, cal)).toBe(1); // the make-up Sunday
    expect(lateWorkingDays(at('2027-02-15T02:00:00Z'), deadline, cal)).toBe(2);
    // calendar days would have said 10
  });
});

describe('publication rules', () => {
  test('dates outside the year, make-up days on weekdays and repeated dates are refused with their codes', () => {
    const issues = calendarYearIssues(2027, [
      { date: '2026-12-31', kind: 'holiday', name: '元旦' },
      { date: '2027-02-10', kind: 'workday', name: '春节' }, // a Wednesday
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
    ]);
    expect(issues).toEqual([
      { path: 'days.0.date', code: 'calendar.date-outside-year', params: { date: '2026-12-31', year: 2027 } },
      { path: 'days.1.date', code: 'calendar.workday-not-weekend', params: { date: '2027-02-10' } },
      { path: 'days.3.date', code: 'calendar.duplicate-date', params: { date: '2027-02-06' } },
    ]);
  });

  test('every code has a zh-CN and an en text quoting its figures', () => {
    for (const code of Object.values(CALENDAR_CODES)) {
      const zh = calendarText(code, 'zh-CN', { date: '2027-02-10', year: 2027 });
      const en = calendarText(code, 'en', { date: '2027-02-10', year: 2027 });
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[\x20-\x7e]+$/);
      expect(`${zh}${en}`).toMatch(/2027/);
    }
  });

  test('known-through is the end of the contiguous run of years from the first; a far year after a gap does not extend it', () => {
    expect(knownThroughOf([])).toBeNull();
    expect(knownThroughOf([2026, 2025, 2024])).toBe('2026-12-31');
    expect(knownThroughOf([2024, 2025, 2026, 2199])).toBe('2026-12-31');
    expect(coversHorizon('2026-12-31', at('2026-06-01T00:00:00Z'))).toBe(true);
    expect(coversHorizon('2026-12-31', at('2026-12-04T00:00:00Z'))).toBe(false);
    expect(coversHorizon(null, at('2026-06-01T00:00:00Z'))).toBe(false);
  });
});
