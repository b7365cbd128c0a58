// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { CollectionSection } from './CustomerSections';
import type { Customer360 } from './customerModel';

// 采集: the utility's own metering visits (计量工单) beside the meter events they explain, newest first, in Chinese.
const customer = {
  dailyReadings: [],
  meterEvents: [{ occurredAt: '2026-11-10T01:20:00.000Z', kind: 'cover_open', meterNo: 'M1' }],
  meteringVisits: [
    { orderNo: 'JL-1', kind: 'rotation', doneAt: '2026-03-02T02:00:00.000Z' },
    { orderNo: 'JL-2', kind: 'meter_replacement', doneAt: '2026-11-11T08:00:00.000Z' },
  ],
} as unknown as Customer360;

describe('<CollectionSection> metering work orders', () => {
  it('lists the completed visits newest first with their kind in Chinese', () => {
    renderWithAdmin(<CollectionSection c={customer} />);
    const table = screen.getByTestId('metering-visits');
    const rows = [...table.querySelectorAll('tbody tr')].map((r) => r.textContent ?? '');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('换表');
    expect(rows[0]).toContain('JL-2');
    expect(rows[1]).toContain('轮换');
    expect(screen.getByText('计量工单（近一年已完成）')).toBeTruthy();
  });

  it('says plainly when there is none', () => {
    renderWithAdmin(<CollectionSection c={{ ...customer, meteringVisits: [] } as Customer360} />);
    expect(screen.getByText('近一年没有已完成的计量工单（换表、校验、轮换、故障处理、装表）')).toBeTruthy();
  });
});
