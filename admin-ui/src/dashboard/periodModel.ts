/** Months as YYYY-MM, Beijing time (the statistics' months). */
export function currentMonth(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export const isMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

/** The default period: this month and the five before it. */
export function defaultPeriod(now = new Date()): { from: string; to: string } {
  const to = currentMonth(now);
  return { from: addMonths(to, -5), to };
}
