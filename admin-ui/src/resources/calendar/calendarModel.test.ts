import { describe, expect, it } from 'vitest';
import {
  coverageBanner, dayRuns, draftDays, draftFromYear, errorKey, monthGrid, serverErrorsOnRows, sourceKind, validateDraft,
  type CalendarDay, type CalendarDraft,
} from './calendarModel';

// 2026's National Day as the State Council set it: 1–7 October off, Sunday 20 September and Saturday 10 October worked.
const NATIONAL_DAY_2026: CalendarDay[] = [
  { date: '2026-09-20', kind: 'workday', name: '国庆节' },
  ...[1, 2, 3, 4, 5, 6, 7].map((d): CalendarDay => ({ date: `2026-10-0${d}`, kind: 'holiday', name: '国庆节' })),
  { date: '2026-10-10', kind: 'workday', name: '国庆节' },
];

describe('monthGrid', () => {
  const weeks = monthGrid(2026, 10, NATIONAL_DAY_2026, '2026-10-09');
  const cells = weeks.flat().filter((c) => c !== null);
  const cell = (day: number) => cells.find((c) => c.day === day)!;

  it('lays October 2026 out Monday first: the 1st is a Thursday, after three empty cells', () => {
    expect(weeks[0]!.slice(0, 3)).toEqual([null, null, null]);
    expect(weeks[0]![3]!.date).toBe('2026-10-01');
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(cells).toHaveLength(31);
    expect(weeks.at(-1)!.filter(Boolean).at(-1)!.date).toBe('2026-10-31');
  });

  it('marks 1–7 as holidays, the 10th (a Saturday) as a make-up working day, other weekends as weekends', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((d) => cell(d).kind)).toEqual(Array(7).fill('holiday'));
    expect(cell(1).name).toBe('国庆节');
    expect(cell(10).kind).toBe('makeup');
    expect(cell(11).kind).toBe('weekend'); // Sunday after the make-up Saturday
    expect(cell(8).kind).toBe('workday');
    expect(cell(17).kind).toBe('weekend');
    expect(cell(9).today).toBe(true);
    expect(cells.filter((c) => c.today)).toHaveLength(1);
  });
});

describe('dayRuns and draftFromYear', () => {
  it('groups consecutive days of one name; make-up days stay single', () => {
    expect(dayRuns(NATIONAL_DAY_2026)).toEqual([
      { kind: 'workday', name: '国庆节', from: '2026-09-20', to: '2026-09-20', count: 1 },
      { kind: 'holiday', name: '国庆节', from: '2026-10-01', to: '2026-10-07', count: 7 },
      { kind: 'workday', name: '国庆节', from: '2026-10-10', to: '2026-10-10', count: 1 },
    ]);
  });

  it('loads a published year into the editor and expands it back to the same days', () => {
    const year = { year: 2026, source: 'admin', publishedAt: '2026-01-01T00:00:00Z', publishedBy: 'admin', days: NATIONAL_DAY_2026 };
    const draft = draftFromYear(year);
    expect(draft.holidays).toEqual([{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }]);
    expect(draft.makeups.map((m) => m.date)).toEqual(['2026-09-20', '2026-10-10']);
    expect(draftDays(draft).days).toEqual(NATIONAL_DAY_2026);
  });
});

describe('validateDraft', () => {
  const draft = (d: Partial<CalendarDraft>): CalendarDraft => ({ year: 2027, holidays: [], makeups: [], ...d });
  const codes = (d: CalendarDraft) => validateDraft(d).map((e) => [e.row.list === 'year' ? 'year' : `${e.row.list}.${e.row.index}`, e.code]);

  it('accepts 2027\'s New Year and Spring Festival with a weekend make-up day', () => {
    expect(validateDraft(draft({
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }, { name: '春节', from: '2027-02-05', to: '2027-02-11' }],
      makeups: [{ date: '2027-02-13', name: '春节' }],
    }))).toEqual([]);
  });

  it('names each problem on its row with the same codes the API uses', () => {
    expect(codes(draft({
      holidays: [
        { name: '', from: '2027-05-01', to: '2027-05-05' },
        { name: '国庆节', from: '2027-10-07', to: '2027-10-01' },
        { name: '元旦', from: '2026-12-31', to: '2027-01-01' },
        { name: '劳动节', from: '2027-05-05', to: '2027-05-06' },
      ],
      makeups: [{ date: '2027-04-28', name: '劳动节' }, { date: '2027-05-01', name: '劳动节' }, { date: '', name: 'x'.repeat(41) }],
    }))).toEqual([
      ['holidays.0', 'calendar.name-required'],
      ['holidays.1', 'calendar.range-reversed'],
      ['holidays.2', 'calendar.date-outside-year'],
      ['makeups.0', 'calendar.workday-not-weekend'], // 2027-04-28 is a Wednesday
      ['makeups.2', 'calendar.name-too-long'],
      ['makeups.2', 'calendar.date-missing'],
      // in date order: 1 May (a Saturday) both off and worked, then 5 May in two ranges
      ['makeups.1', 'calendar.duplicate-date'],
      ['holidays.3', 'calendar.duplicate-date'],
    ]);
    expect(codes(draft({ year: 1999 }))).toEqual([['year', 'calendar.year-invalid'], ['year', 'calendar.empty']]);
  });
});

describe('serverErrorsOnRows', () => {
  it('traces days.<i> of the body sent back to the row that produced that day, and fills the date in', () => {
    const sent = draftDays({
      year: 2027,
      holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-07' }],
      makeups: [{ date: '2027-01-30', name: '春节' }],
    });
    // sorted: 01-30 (make-up), 02-05, 02-06, 02-07
    expect(sent.days.map((d) => d.date)).toEqual(['2027-01-30', '2027-02-05', '2027-02-06', '2027-02-07']);
    const errors = serverErrorsOnRows(
      [
        { path: 'days.2.date', code: 'calendar.duplicate-date', message: 'duplicate' },
        { path: ['days', 0, 'date'], code: 'calendar.workday-not-weekend', message: 'not a weekend', params: { date: '2027-01-30' } },
        { path: 'body', code: 'too_big', message: 'too many days' },
      ],
      { year: 2027, ...sent },
    );
    expect(errors).toEqual([
      { row: { list: 'holidays', index: 0 }, code: 'calendar.duplicate-date', params: { year: 2027, date: '2027-02-06' }, message: 'duplicate' },
      { row: { list: 'makeups', index: 0 }, code: 'calendar.workday-not-weekend', params: { year: 2027, date: '2027-01-30' }, message: 'not a weekend' },
      { row: { list: 'year' }, code: 'too_big', params: { year: 2027 }, message: 'too many days' },
    ]);
    expect(errorKey('calendar.duplicate-date')).toBe('resources.calendar.errors.duplicate-date');
    expect(errorKey('too_big')).toBeNull();
  });
});

describe('coverageBanner', () => {
  const short = { knownThrough: '2026-12-31', coversNext90Days: false, provisionalOpenCases: 4 };

  it('tells admins and managers when the next 90 days are not covered, naming the year to publish', () => {
    expect(coverageBanner(['admin'], short, '2026-10-15')).toEqual({ knownThrough: '2026-12-31', year: 2027 });
    expect(coverageBanner(['manager', 'offline_access'], short, '2026-10-15')).toEqual({ knownThrough: '2026-12-31', year: 2027 });
  });

  it('says nothing to other roles, when covered, or while the coverage is unknown', () => {
    for (const role of ['supervisor', 'station_lead', 'inspector']) expect(coverageBanner([role], short, '2026-10-15')).toBeNull();
    expect(coverageBanner(undefined, short, '2026-10-15')).toBeNull();
    expect(coverageBanner(['admin'], { ...short, coversNext90Days: true }, '2026-10-15')).toBeNull();
    expect(coverageBanner(['admin'], undefined, '2026-10-15')).toBeNull();
  });

  it('asks for this year when nothing is published', () => {
    expect(coverageBanner(['admin'], { knownThrough: null, coversNext90Days: false, provisionalOpenCases: 0 }, '2027-01-04')).toEqual({ knownThrough: null, year: 2027 });
  });

  it('tells the package seed from an admin\'s publication', () => {
    expect(sourceKind('chinese-days@1.5.7')).toBe('package');
    expect(sourceKind('admin')).toBe('admin');
  });
});
