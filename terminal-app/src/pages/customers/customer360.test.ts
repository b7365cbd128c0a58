import { describe, expect, it } from 'vitest';
import { billsUnderOtherTariff, consumptionStats, isOpenStage, isOverdue, newestFirst, outstanding, shortLabel, totalOutstanding } from './customer360';

describe('arrears', () => {
  it('sums what is owed in cents (no float dust) and ignores overpayment', () => {
    const rows = [
      { amountDueYuan: 100.1, amountPaidYuan: 0.2, dueOn: '2026-10-15' },
      { amountDueYuan: 0.3, amountPaidYuan: 0.1, dueOn: '2026-11-15' },
      { amountDueYuan: 50, amountPaidYuan: 60, dueOn: '2026-09-15' },
    ];
    expect(outstanding(rows[0]!)).toBe(99.9);
    expect(outstanding(rows[2]!)).toBe(0);
    expect(totalOutstanding(rows)).toBe(100.1);
    expect(totalOutstanding([])).toBe(0);
  });

  it('is overdue after its due day with something owed', () => {
    expect(isOverdue({ amountDueYuan: 10, amountPaidYuan: 0, dueOn: '2026-11-15' }, '2026-11-16')).toBe(true);
    expect(isOverdue({ amountDueYuan: 10, amountPaidYuan: 0, dueOn: '2026-11-15' }, '2026-11-15')).toBe(false);
    expect(isOverdue({ amountDueYuan: 10, amountPaidYuan: 10, dueOn: '2026-11-15' }, '2026-12-01')).toBe(false);
  });
});

describe('consumption summary', () => {
  it('gives months, total, average, largest and smallest', () => {
    const s = consumptionStats([{ month: '2026-01', kwh: 1876.09 }, { month: '2026-07', kwh: 2076.85 }, { month: '2026-11', kwh: 1566.25 }]);
    expect(s).toEqual({ months: 3, totalKwh: 5519.19, avgKwh: 1839.73, maxKwh: 2076.85, maxMonth: '2026-07', minKwh: 1566.25 });
  });

  it('has nothing to say about no data', () => {
    expect(consumptionStats([])).toEqual({ months: 0, totalKwh: 0, avgKwh: null, maxKwh: null, maxMonth: null, minKwh: null });
  });
});

describe('what to notice', () => {
  it('lists months billed under another tariff than the archive', () => {
    const bills = [{ month: '2026-03', tariffCategory: 'residential' as const }, { month: '2026-04', tariffCategory: 'commercial' as const }];
    expect(billsUnderOtherTariff(bills, 'commercial')).toEqual(['2026-03']);
    expect(billsUnderOtherTariff(bills, 'agricultural')).toEqual(['2026-03', '2026-04']);
  });

  it('knows open and ended cases, sorts newest first, shortens labels', () => {
    expect(isOpenStage('field_evidence')).toBe(true);
    expect(isOpenStage('closed')).toBe(false);
    expect(isOpenStage('cancelled')).toBe(false);
    expect(newestFirst([{ d: '2026-01-02' }, { d: '2026-03-01' }, { d: '2025-12-31' }], (r) => r.d).map((r) => r.d)).toEqual(['2026-03-01', '2026-01-02', '2025-12-31']);
    expect(shortLabel('2026-07')).toBe('07');
    expect(shortLabel('2026-11-05')).toBe('05');
  });
});
