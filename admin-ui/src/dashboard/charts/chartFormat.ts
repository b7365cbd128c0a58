const COUNT = new Intl.NumberFormat('zh-CN');
const PERCENT = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const COMPACT_YUAN = new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumFractionDigits: 1 });

/** 'YYYY-MM' → zh-CN "2026/03" (whatever the UI language, like dates). */
export function formatMonth(month: string): string {
  // the same digits as formatDate's "2026/03/15"
  return /^\d{4}-\d{2}$/.test(month) ? month.replace('-', '/') : month;
}

/** A count with zh-CN grouping: 12345 → "12,345". */
export const formatCount = (n: number) => COUNT.format(n);

/** A rate 0–1 as "28.6%"; "—" when there is none. */
export const formatRate = (r: number | null | undefined) => (r === null || r === undefined || !Number.isFinite(r) ? '—' : PERCENT.format(r));

/** Axis labels of amounts: 15000 → "1.5万". */
export const formatCompactYuan = (n: number) => COMPACT_YUAN.format(n);
