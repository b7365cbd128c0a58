import { describe, expect, it } from 'vitest';
import { chinaToday, formatDate, formatDateTime, formatKva, formatKwh, formatNumber, formatYuan } from './format';

describe('money and energy', () => {
  it('writes yuan with two decimals and grouping', () => {
    expect(formatYuan(12345.6)).toBe('¥12,345.60');
    expect(formatYuan(1492.41)).toBe('¥1,492.41');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan(Number.NaN)).toBe('—');
  });

  it('writes kWh with thousands separators and at most two decimals', () => {
    expect(formatKwh(72050.4)).toBe('72,050.4 kWh');
    expect(formatKwh(1234567.891)).toBe('1,234,567.89 kWh');
    expect(formatKwh(50)).toBe('50 kWh');
    expect(formatKwh(undefined)).toBe('—');
    expect(formatNumber(2000)).toBe('2,000');
    expect(formatKva(16)).toBe('16 kVA');
  });
});

describe('dates on the China calendar', () => {
  it('keeps a calendar day as it is', () => {
    expect(formatDate('2026-11-30')).toBe('2026-11-30');
  });

  it('reads a timestamp in Asia/Shanghai, whatever the device zone', () => {
    // 20:48 UTC on 3 December is 04:48 on 4 December in China
    expect(formatDate('2026-12-03T20:48:50.671Z')).toBe('2026-12-04');
    expect(formatDateTime('2026-12-03T20:48:50.671Z')).toBe('2026-12-04 04:48');
    expect(formatDateTime('2026-04-15T23:30:00+08:00')).toBe('2026-04-15 23:30');
    expect(formatDateTime('2026-04-15T00:00:00+08:00')).toBe('2026-04-15 00:00'); // h23, not "24:00"
    expect(chinaToday(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('shows a dash for nothing or nonsense', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('not a date')).toBe('—');
    expect(formatDateTime('')).toBe('—');
  });
});
