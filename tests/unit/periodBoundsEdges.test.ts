import { periodBounds } from '../../domain/assessmentRules';

// Found by npm run fuzz:api: a month whose next month's year has fewer than four digits made an invalid date (500).
test('every YYYY-MM the period schema accepts has bounds, midnight China time', () => {
  expect(periodBounds('2026-12')).toEqual({ start: '2026-11-30T16:00:00.000Z', end: '2026-12-31T16:00:00.000Z' });
  expect(periodBounds('0099-12')).toEqual({ start: '0099-11-30T16:00:00.000Z', end: '0099-12-31T16:00:00.000Z' });
  expect(periodBounds('0000-01').end).toBe('0000-01-31T16:00:00.000Z');
  expect(periodBounds('9999-12').end).toBe('9999-12-31T16:00:00.000Z');
});
