const YUAN = new Intl.NumberFormat('zh-CN', {
  style: 'currency',
  currency: 'CNY',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** An amount in yuan as ¥ with zh-CN grouping, whatever the UI language: 12345.6 → "¥12,345.60". */
export function formatYuan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  return YUAN.format(amount);
}
