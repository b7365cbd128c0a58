// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import type { TrendPoint, UnitFigures } from '../useDashboardStats';
import { axisTicks, niceStep, scaleY } from './chartScale';
import { formatMonth, formatRate } from './chartFormat';
import { MonthlyBars } from './MonthlyBars';
import { TrendChart, type TrendSeries } from './TrendChart';
import { UnitBarChart } from './UnitBarChart';

const series: TrendSeries[] = [
  { key: 'suspected', label: '疑似问题', color: '#1976d2' },
  { key: 'checkedOnSite', label: '现场核查', color: '#ef6c00' },
  { key: 'confirmed', label: '确认问题', color: '#2e7d32' },
];
const point = (month: string, suspected: number, checkedOnSite: number, confirmed: number, recoveredYuan = 0): TrendPoint => ({ month, suspected, checkedOnSite, confirmed, recoveredYuan });
const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

describe('chart scale and formats', () => {
  it('picks 1-2-5 steps and ticks that cover the maximum', () => {
    expect([niceStep(7), niceStep(23), niceStep(3570), niceStep(0)]).toEqual([2, 10, 1000, 1]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(3)).toEqual([0, 1, 2, 3]);
    expect(axisTicks(0)).toEqual([0, 1]);
    expect(axisTicks(1022)).toEqual([0, 500, 1000, 1500]);
    expect(scaleY(50, 100, 10, 210)).toBe(110);
  });

  it('formats months and rates the zh-CN way', () => {
    expect(formatMonth('2026-03')).toBe('2026/03');
    expect(formatRate(1022 / 3570)).toBe('28.6%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('<TrendChart>', () => {
  it('draws one line per series, higher values higher up, one point per month', () => {
    renderWithAdmin(<TrendChart points={[point('2026-01', 10, 4, 1), point('2026-02', 20, 8, 3), point('2026-03', 5, 5, 2)]} series={series} ariaLabel="trend" />);
    expect(screen.getByRole('img', { name: 'trend' })).toBeTruthy();
    const suspected = screen.getByTestId('trend-series-suspected').querySelectorAll('[data-testid="trend-point"]');
    expect([...suspected].map((c) => c.getAttribute('data-value'))).toEqual(['10', '20', '5']);
    const [jan, feb, mar] = [...suspected];
    expect(num(feb!, 'cy')).toBeLessThan(num(jan!, 'cy'));
    expect(num(mar!, 'cy')).toBeGreaterThan(num(jan!, 'cy'));
    expect(num(jan!, 'cx')).toBeLessThan(num(feb!, 'cx'));
    // the axis reaches the maximum: 20 sits on or below the top tick
    expect(screen.getAllByTestId('trend-tick').at(-1)!.textContent).toBe('20');
    expect(screen.getAllByTestId('trend-month').map((m) => m.textContent)).toEqual(['2026/01', '2026/02', '2026/03']);
    expect(screen.getByText('确认问题')).toBeTruthy(); // legend
  });

  it('thins month labels on a long period so they never crowd', () => {
    const months = Array.from({ length: 24 }, (_, i) => point(`${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, i, 0, 0));
    renderWithAdmin(<TrendChart points={months} series={series} ariaLabel="trend" />);
    const labels = screen.getAllByTestId('trend-month');
    expect(labels.length).toBeLessThanOrEqual(9);
    expect(labels.at(-1)!.textContent).toBe('2025/12');
  });
});

describe('<MonthlyBars>', () => {
  it('draws taller bars for larger amounts, zero as no height', () => {
    renderWithAdmin(<MonthlyBars points={[{ month: '2026-01', value: 0 }, { month: '2026-02', value: 6750 }, { month: '2026-03', value: 13500 }]} color="#000" ariaLabel="recovered" />);
    const bars = screen.getAllByTestId('monthly-bar');
    expect(bars.map((b) => num(b, 'height'))).toEqual([0, expect.any(Number), expect.any(Number)]);
    expect(num(bars[2]!, 'height')).toBeCloseTo(2 * num(bars[1]!, 'height'), 6);
    expect(bars[1]!.querySelector('title')!.textContent).toBe('2026/02：¥6,750.00');
  });
});

const unit = (id: string, nameZh: string, suspected: number, checkedOnSite: number, confirmed: number): UnitFigures => ({
  id, nameZh, nameEn: `${id} en`, level: 'station', suspected, checkedOnSite, confirmed, confirmationRate: checkedOnSite ? confirmed / checkedOnSite : null,
  recovered: { backBillingYuan: 0, penaltyYuan: 0, totalYuan: 0 }, overdueSteps: 0, openEscalations: { tier1: 0, tier2: 0, tier3: 0, total: 0 },
  presenceReview: { pending: 0, flagged: 0 },
});

describe('<UnitBarChart>', () => {
  it('one group of bars per unit, bar length proportional to the value; a click opens the unit', () => {
    const onOpen = vi.fn();
    renderWithAdmin(
      <UnitBarChart
        units={[unit('HB.XN.XA.WQ', '温泉供电所', 40, 20, 10), unit('HB.XN.XA.HS', '浮山供电所', 10, 10, 0)]}
        series={series}
        unitName={(u) => u.nameZh}
        onOpen={onOpen}
        openLabel={(name) => `查看${name}`}
        ariaLabel="units"
      />,
    );
    const rows = screen.getAllByTestId('unit-row');
    expect(rows.map((r) => r.getAttribute('data-unit-id'))).toEqual(['HB.XN.XA.WQ', 'HB.XN.XA.HS']);
    const bars = screen.getAllByTestId('unit-bar-suspected');
    expect(num(bars[0]!, 'width')).toBeCloseTo(4 * num(bars[1]!, 'width'), 6);
    expect(num(screen.getAllByTestId('unit-bar-confirmed')[1]!, 'width')).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: '查看浮山供电所' }));
    expect(onOpen).toHaveBeenCalledWith('HB.XN.XA.HS');
    fireEvent.keyDown(screen.getByRole('button', { name: '查看温泉供电所' }), { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith('HB.XN.XA.WQ');
  });
});

describe('fitLabel', () => {
  it('keeps short names, cuts long ones to the label column with an ellipsis', async () => {
    const { fitLabel } = await import('./UnitBarChart');
    expect(fitLabel('温泉供电所')).toBe('温泉供电所');
    expect(fitLabel('Jiayu County Power Supply Co.')).toMatch(/^Jiayu County Power Sup.*…$/);
    expect(fitLabel('Jiayu County Power Supply Co.').length).toBeLessThan('Jiayu County Power Supply Co.'.length);
    expect(fitLabel('一二三四五六七八九十一二三四五六七八', 130, 13)).toBe('一二三四五六七八九…');
  });
});
