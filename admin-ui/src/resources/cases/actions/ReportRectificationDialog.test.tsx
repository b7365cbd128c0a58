// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { liveState } from '../../../test/fixtures';
import { CaseActionsBar } from './CaseActionsBar';

const ORDER = {
  owner: 'lead',
  actions: [
    { kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2026-04-15' },
    { kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', monthlyKwh: 3000, detectedOn: '2026-04-10' } },
  ],
  computations: [{ ruleSetVersion: 'penalty-2024', ruleSource: 's', input: { kind: 'wrong_tariff' }, backBillingYuan: 962.1, penaltyYuan: 1924.2, usedDefaultPeriod: true, formula: 'f' }],
  issuedAt: '2026-04-12T00:00:00Z',
  issuedBy: 'lead',
  round: 1,
  report: null,
} as never;

describe('<ReportRectificationDialog>', { timeout: 30_000 }, () => {
  it('shows the computed total, proposes it as collected, and sends the report with its receipt', async () => {
    const caseAction = vi.fn(async () => liveState({ stage: 'verification' }));
    renderWithAdmin(<CaseActionsBar caseId="c-1" live={liveState({ stage: 'rectification', rectification: ORDER })} />, {
      roles: ['station_lead'],
      dataProvider: { caseAction } as never,
    });
    fireEvent.click(await screen.findByRole('button', { name: '整改反馈' }));
    expect(screen.getByTestId('report-computed-total').textContent).toBe('应收合计：¥2,886.30');
    expect((screen.getByTestId('report-collectedYuan') as HTMLInputElement).value).toBe('2886.3');
    const submit = screen.getByTestId('report-submit') as HTMLButtonElement;
    fireEvent.change(screen.getByTestId('report-summary'), { target: { value: '已改类并收费' } });
    expect(submit.disabled).toBe(true); // an amount above zero needs its receipt
    fireEvent.change(screen.getByTestId('report-receiptNo'), { target: { value: 'R-0001' } });
    fireEvent.change(screen.getByTestId('report-tariffChangedOn'), { target: { value: '2026-04-15' } });
    await waitFor(() => expect(submit.disabled).toBe(false));
    fireEvent.click(submit);
    await waitFor(() =>
      expect(caseAction).toHaveBeenCalledWith('c-1', 'rectification-report', { summary: '已改类并收费', tariffChangedOn: '2026-04-15', collectedYuan: 2886.3, receiptNo: 'R-0001' }),
    );
  });
});
