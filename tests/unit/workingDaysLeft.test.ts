import { addWorkingDays, workingDaysLeft, type WorkCalendar } from '../../domain/calendar';

// "剩余 N 个工作日" (domain/calendar.ts): China dates, weekends, holidays and make-up days; negative when overdue.
const cal: WorkCalendar = { holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-10-10'] };
const none: WorkCalendar = { holidays: [], workdays: [] };
const at = (s: string) => Date.parse(s);
const left = (now: string, deadline: string, c = none) => workingDaysLeft(at(now), at(deadline), c);

test('a deadline two working days ahead over a weekend reads 2, then 1, then 0 on its day', () => {
  const deadline = new Date(addWorkingDays(at('2026-11-27T02:00:00Z'), 2, none)).toISOString(); // Fri 10:00 + 2 → Tue 10:00 (China)
  expect(left('2026-11-27T02:00:00Z', deadline)).toBe(2); // Friday
  expect(left('2026-11-28T09:00:00Z', deadline)).toBe(2); // Saturday 17:00: Monday and Tuesday remain
  expect(left('2026-11-30T01:00:00Z', deadline)).toBe(1); // Monday 09:00
  expect(left('2026-12-01T01:00:00Z', deadline)).toBe(0); // Tuesday 09:00: due today
});

test('overdue: at least one working day, then one more per working day; weekends do not add', () => {
  const friday10 = '2026-11-27T02:00:00Z';
  expect(left('2026-11-27T07:00:00Z', friday10)).toBe(-1); // the same Friday, 15:00
  expect(left('2026-11-28T02:00:00Z', friday10)).toBe(-1); // Saturday
  expect(left('2026-11-29T15:59:00Z', friday10)).toBe(-1); // Sunday 23:59
  expect(left('2026-11-30T02:00:00Z', friday10)).toBe(-1); // Monday
  expect(left('2026-12-01T02:00:00Z', friday10)).toBe(-2); // Tuesday
  expect(left('2026-12-04T02:00:00Z', friday10)).toBe(-5); // the next Friday
});

test('days are China dates: 23:30 UTC is already tomorrow in Shanghai', () => {
  // deadline Wed 2 Dec 10:00 China; now Mon 30 Nov 23:30 UTC = Tue 1 Dec 07:30 China → only Wednesday remains
  expect(left('2026-11-30T23:30:00Z', '2026-12-02T02:00:00Z')).toBe(1);
  expect(left('2026-11-30T15:00:00Z', '2026-12-02T02:00:00Z')).toBe(2); // Mon 23:00 China
});

test('a deadline at midnight belongs to the day before', () => {
  // Tue 1 Dec 00:00 China = Mon 30 Nov 16:00 UTC: due at the end of Monday
  expect(left('2026-11-30T02:00:00Z', '2026-11-30T16:00:00Z')).toBe(0);
  expect(left('2026-11-27T02:00:00Z', '2026-11-30T16:00:00Z')).toBe(1);
});

test('holidays are off and make-up Saturdays are on (National Day 2026)', () => {
  // now Wed 30 Sep; deadline Sat 10 Oct (a make-up working day) 10:00: 1–7 Oct off (weekend 3–4 too), 8, 9, 10 on
  expect(left('2026-09-30T02:00:00Z', '2026-10-10T02:00:00Z', cal)).toBe(3);
  expect(left('2026-09-30T02:00:00Z', '2026-10-10T02:00:00Z')).toBe(7); // without the calendar: 1, 2, 5, 6, 7, 8, 9
  // overdue since Wed 30 Sep, now Thu 8 Oct: the holidays do not count
  expect(left('2026-10-08T02:00:00Z', '2026-09-30T02:00:00Z', cal)).toBe(-1);
});
