// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { ConsumptionChart, layoutBars, niceCeiling } from './ConsumptionChart';
import { monthlyPoints } from './consumptionPoints';
import type { MonthlyBill } from './customerModel';

const bill = (month: string, kwh: number): MonthlyBill => ({ month, kwh, amountYuan: kwh * 0.56, tariffCategory: 'residential' });

describe('consumption chart', () => {
  it('rounds the axis up to a nice number', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(730)).toBe(1000);
    expect(niceCeiling(180)).toBe(200);
    expect(niceCeiling(2400)).toBe(2500);
    expect(niceCeiling(5000)).toBe(5000);
  });

  it('draws bars left to right with heights in proportion to the axis top', () => {
    const points = [
      { key: 'a', label: 'a', value: 250, title: 'a' },
      { key: 'b', label: 'b', value: 500, title: 'b' },
      { key: 'c', label: 'c', value: 0, title: 'c' },
    ];
    const { bars, top, plotHeight } = layoutBars(points, 640, 220);
    expect(top).toBe(500);
    expect(bars.map((b) => b.key)).toEqual(['a', 'b', 'c']);
    expect(bars[1]!.height).toBeCloseTo(plotHeight);
    expect(bars[0]!.height).toBeCloseTo(plotHeight / 2);
    expect(bars[2]!.height).toBe(0);
    expect(bars[0]!.x).toBeLessThan(bars[1]!.x);
    // Every bar stands on the same baseline.
    expect(new Set(bars.map((b) => Math.round(b.y + b.height))).size).toBe(1);
  });

  it('flags zero months and months at most half of the same month a year earlier, oldest first', () => {
    const points = monthlyPoints([bill('2026-03', 100), bill('2025-03', 400), bill('2026-02', 0), bill('2025-02', 300), bill('2026-04', 390), bill('2025-04', 400)]);
    expect(points.map((p) => p.key)).toEqual(['2025-02', '2025-03', '2025-04', '2026-02', '2026-03', '2026-04']);
    expect(points.filter((p) => p.flagged).map((p) => p.key)).toEqual(['2026-02', '2026-03']);
    expect(points[3]!.title).toBe('2026-02: 0 kWh');
  });

  it('renders one bar per month with its tooltip, flagged ones marked', () => {
    renderWithAdmin(
      <ConsumptionChart
        points={monthlyPoints([bill('2025-05', 800), bill('2026-05', 300), bill('2026-06', 820)])}
        label="resources.customers.sections.consumption"
        unit="kWh"
        emptyMessage="resources.customers.empty.consumption"
      />,
    );
    const chart = screen.getByTestId('consumption-chart');
    expect(chart.getAttribute('aria-label')).toBe('月用电量（近 24 个月）');
    const bars = screen.getAllByTestId('chart-bar');
    expect(bars).toHaveLength(3);
    expect(bars.map((b) => b.querySelector('title')?.textContent)).toEqual(['2025-05: 800 kWh', '2026-05: 300 kWh', '2026-06: 820 kWh']);
    expect(bars.map((b) => b.dataset.flagged === 'true')).toEqual([false, true, false]);
  });

  it('shows the empty message instead of an empty chart', () => {
    renderWithAdmin(<ConsumptionChart points={[]} label="x" unit="kWh" emptyMessage="resources.customers.empty.consumption" />);
    expect(screen.queryByTestId('consumption-chart')).toBeNull();
    expect(screen.getByTestId('empty-state').textContent).toBe('没有电费账单');
  });
});
