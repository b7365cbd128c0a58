import type { DailyReading, MonthlyBill } from './customerModel';

const kwhText = (n: number) => `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n)} kWh`;

/**
 * Monthly bills as chart points, oldest first. A month is flagged when it is zero, or at most half of the same
 * month a year earlier — the shapes the theft and zero-consumption rules look for.
 */
export function monthlyPoints(bills: readonly MonthlyBill[]) {
  const sorted = [...bills].sort((a, b) => a.month.localeCompare(b.month));
  const byMonth = new Map(sorted.map((b) => [b.month, b.kwh]));
  return sorted.map((b) => {
    const [y, m] = b.month.split('-');
    const lastYear = byMonth.get(`${Number(y) - 1}-${m}`);
    const flagged = b.kwh === 0 || (lastYear !== undefined && lastYear > 0 && b.kwh <= lastYear / 2);
    return { key: b.month, label: m === '01' ? `${y}-${m}` : m!, value: b.kwh, title: `${b.month}: ${kwhText(b.kwh)}`, flagged };
  });
}

/** Daily frozen readings as chart points, oldest first. */
export function dailyPoints(readings: readonly DailyReading[]) {
  return [...readings]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((r) => ({ key: r.date, label: r.date.slice(8), value: r.dayKwh, title: `${r.date}: ${kwhText(r.dayKwh)}`, flagged: r.dayKwh === 0 }));
}
