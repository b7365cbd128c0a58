import { addWorkingDays, addWorkingTime, chinaDate, EVERY_DAY_CALENDAR, isWorkingDay } from '../../domain/calendar';

const cal = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], workdays: ['2026-10-10'] };
const at = (s: string) => Date.parse(s);

test('dates are China dates (UTC+8)', () => {
  expect(chinaDate(at('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
  expect(chinaDate(at('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
});

test('weekends and holidays are off, make-up Saturdays are on', () => {
  expect(isWorkingDay(at('2026-09-30T02:00:00Z'), cal)).toBe(true); // Wednesday
  expect(isWorkingDay(at('2026-10-01T02:00:00Z'), cal)).toBe(false); // holiday Thursday
  expect(isWorkingDay(at('2026-10-03T02:00:00Z'), cal)).toBe(false); // Saturday
  expect(isWorkingDay(at('2026-10-10T02:00:00Z'), cal)).toBe(true); // make-up Saturday
});

test('working days skip weekends: Friday 10:00 + 2 working days = Tuesday 10:00 (China time)', () => {
  const friday10 = at('2026-11-27T02:00:00Z');
  expect(new Date(addWorkingDays(friday10, 2, { holidays: [], workdays: [] })).toISOString()).toBe('2026-12-01T02:00:00.000Z');
});

test('working days skip holidays across the National Day break', () => {
  // Wed 30 Sep 10:00 + 2 working days: Wed rest (14 h) + Thu, Fri off (holidays), Sat, Sun off, Mon 5 Oct off, Tue full, Wed 10:00
  expect(new Date(addWorkingDays(at('2026-09-30T02:00:00Z'), 2, cal)).toISOString()).toBe('2026-10-07T02:00:00.000Z');
});

test('a start on a non-working day counts from the next working midnight; fractions keep hours', () => {
  const sunday15 = at('2026-11-29T07:00:00Z');
  expect(new Date(addWorkingDays(sunday15, 1, { holidays: [], workdays: [] })).toISOString()).toBe('2026-11-30T16:00:00.000Z'); // Tue 00:00 China
  expect(new Date(addWorkingTime(at('2026-11-27T02:00:00Z'), 0.5 * 86_400_000, { holidays: [], workdays: [] })).toISOString()).toBe('2026-11-27T14:00:00.000Z');
});

test('a calendar-day policy (自然日) counts weekends and holidays: Wed 30 Sep 10:00 + 2 days = Fri 2 Oct 10:00', () => {
  expect(isWorkingDay(at('2026-10-03T02:00:00Z'), EVERY_DAY_CALENDAR)).toBe(true); // Saturday
  expect(new Date(addWorkingDays(at('2026-09-30T02:00:00Z'), 2, EVERY_DAY_CALENDAR)).toISOString()).toBe('2026-10-02T02:00:00.000Z');
  expect(addWorkingTime(at('2026-11-29T07:00:00Z'), 5_000, EVERY_DAY_CALENDAR)).toBe(at('2026-11-29T07:00:05Z')); // a Sunday
});
