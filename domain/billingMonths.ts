// Month and day arithmetic on plain strings ('YYYY-MM', 'YYYY-MM-DD'), so judgement windows are computed the
// same way in the per-customer path, the SQL pushdown and the generator, with no time-zone surprises.

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `a` to `b` (b - a). */
export function monthsBetween(a: string, b: string): number {
  const [ya, ma] = a.split('-').map(Number);
  const [yb, mb] = b.split('-').map(Number);
  return (yb * 12 + mb) - (ya * 12 + ma);
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function lastDay(month: string): string {
  return `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Calendar month (1–12) of a 'YYYY-MM'. */
export function calendarMonth(month: string): number {
  return Number(month.slice(5, 7));
}

/** Midnight at the start of `date` in China Standard Time (UTC+8, no daylight saving), as an ISO instant. */
export function chinaMidnight(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

/** The last closed billing month at `now`: the calendar month before the current one, in China time. */
export function lastClosedMonth(now: Date): string {
  const china = new Date(now.getTime() + 8 * 3600_000);
  const current = `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
  return addMonths(current, -1);
}
