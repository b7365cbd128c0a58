import { describe, expect, it } from 'vitest';
import { formatYuan } from './money';
import { formatDate, formatDateTime, formatDuration } from './dateTime';
import { formatBytes } from './bytes';
import { bilingualPart } from './bilingual';

describe('formatYuan', () => {
  it('shows ¥ with zh-CN grouping and two decimals', () => {
    expect(formatYuan(12345.6)).toBe('¥12,345.60');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(Number.NaN)).toBe('—');
  });
});

describe('dates', () => {
  it('formats zh-CN date-times and plain dates', () => {
    expect(formatDateTime('2026-04-15T00:05:00Z')).toBe('2026/04/15 08:05'); // Beijing time
    expect(formatDateTime('2026-04-15T23:30:00+08:00')).toBe('2026/04/15 23:30');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
    expect(formatDate('2016-04-21')).toBe('2016/04/21');
  });

  it('formats durations with at most two units, per language', () => {
    const h = 3_600_000;
    expect(formatDuration(2 * 24 * h + 3 * h, 'zh-CN')).toBe('2 天 3 小时');
    expect(formatDuration(-(5 * h + 10 * 60_000), 'zh-CN')).toBe('5 小时 10 分钟');
    expect(formatDuration(24 * h, 'en')).toBe('1 d');
    expect(formatDuration(30_000, 'en')).toBe('1 min');
  });
});

describe('formatBytes', () => {
  it('uses binary multiples', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatBytes(undefined)).toBe('—');
  });
});

describe('bilingualPart', () => {
  const source = '供电营业规则（国家发展改革委令2024年第14号）；条号与措辞待核实 / Power Supply Business Rules (NDRC Order 2024 No. 14); wording to be verified';
  it('shows the half of the UI language', () => {
    expect(bilingualPart(source, 'zh-CN')).toBe('供电营业规则（国家发展改革委令2024年第14号）；条号与措辞待核实');
    expect(bilingualPart(source, 'en')).toBe('Power Supply Business Rules (NDRC Order 2024 No. 14); wording to be verified');
  });
  it('leaves a text without both halves as it is', () => {
    expect(bilingualPart('供电营业规则（2024）', 'en')).toBe('供电营业规则（2024）');
    expect(bilingualPart('A / B', 'zh-CN')).toBe('A / B');
    expect(bilingualPart('甲 / 乙', 'zh-CN')).toBe('甲 / 乙');
  });
});
