// @vitest-environment jsdom
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { fakeApi, jsonResponse } from '../../../test/fakeApi';
import { liveState } from '../../../test/fixtures';
import { CaseActionsBar } from './CaseActionsBar';

const findings = { result: 'confirmed', problemType: 'wrong_tariff', checklist: [], summary: '实为餐馆', at: '2026-04-10T02:00:00Z', by: 'inspector' } as never;
const TARIFFS = [
  { province: 'HB', code: 'residential', nameZh: '居民生活用电', nameEn: 'Residential', twoPart: false, price: { effectiveFrom: '2016-01-01', priceYuanPerKwh: 0.5583, basicFeeYuanPerKvaMonth: null, source: 's' } },
  { province: 'HB', code: 'commercial', nameZh: '一般工商业用电（商业）', nameEn: 'Commercial', twoPart: false, price: { effectiveFrom: '2016-01-01', priceYuanPerKwh: 0.8083, basicFeeYuanPerKvaMonth: null, source: 's' } },
];
const COMPUTATION = {
  ruleSetVersion: 'penalty-2024',
  ruleSource: '供电营业规则（2024）',
  input: { kind: 'wrong_tariff', monthlyKwh: 3000, detectedOn: '2026-04-10' },
  backBillingYuan: 2250,
  penaltyYuan: 4500,
  usedDefaultPeriod: true,
  formula: '(0.8083 − 0.5583) × 3000 kWh × 3 months = 2250; penalty 2 × 2250 = 4500',
};

async function choose(testId: string, optionName: RegExp) {
  fireEvent.mouseDown(within(screen.getByTestId(testId).parentElement!).getByRole('combobox'));
  fireEvent.click(await screen.findByRole('option', { name: optionName }));
}

describe('<IssueRectificationDialog>', { timeout: 30_000 }, () => {
  it('previews the amounts from the server\'s calculator before the order can be issued, then issues exactly that order', async () => {
    const previews: unknown[] = [];
    const { callApi } = fakeApi({
      'GET /api/tariffs': TARIFFS,
      'GET /api/people': [],
      'POST /api/cases/c-1/rectification-preview': async (r: Request) => {
        previews.push(await r.json());
        return { computations: [COMPUTATION], totalYuan: 6750 };
      },
    });
    const caseAction = vi.fn(async () => liveState({ stage: 'rectification' }));
    renderWithAdmin(<CaseActionsBar caseId="c-1" live={liveState({ stage: 'rectification', findings })} />, {
      roles: ['station_lead'],
      dataProvider: { callApi, caseAction } as never,
    });
    fireEvent.click(await screen.findByRole('button', { name: '下发整改通知' }));
    const issue = screen.getByTestId('issue-submit') as HTMLButtonElement;
    expect(issue.disabled).toBe(true);
    await choose('issue-appliedCategory', /居民生活用电/);
    await choose('issue-correctCategory', /一般工商业用电/);
    fireEvent.change(screen.getByTestId('issue-monthlyKwh'), { target: { value: '3000' } });
    expect(await screen.findByTestId('issue-total', {}, { timeout: 3000 })).toHaveProperty('textContent', '应收合计：¥6,750.00');
    expect(screen.getByTestId('issue-rule-set').textContent).toBe('适用规则：penalty-2024（供电营业规则（2024））');
    await waitFor(() => expect(issue.disabled).toBe(false));
    fireEvent.click(issue);
    await waitFor(() => expect(caseAction).toHaveBeenCalledTimes(1));
    const sent = (caseAction.mock.calls[0] as unknown[])[2] as { actions: unknown[] };
    expect((caseAction.mock.calls[0] as unknown[])[1]).toBe('rectification');
    // the order issued is the one previewed
    expect(previews.at(-1)).toEqual({ actions: sent.actions });
    expect(sent.actions[1]).toEqual({ kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', appliedCategory: 'residential', correctCategory: 'commercial', monthlyKwh: 3000, detectedOn: '2026-04-10' } });
  });

  it('shows the calculator\'s refusal in the user\'s words and does not let the order be issued', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    const { callApi } = fakeApi({
      'GET /api/tariffs': TARIFFS,
      'GET /api/people': [],
      'POST /api/cases/c-1/rectification-preview': jsonResponse(422, {
        title: 'Unprocessable content', status: 422, code: 'penalty.multiplier-above-ceiling', detail: 'above',
        errors: [{ path: 'actions.0.penalty.penaltyMultiplier', code: 'penalty.multiplier-above-ceiling', message: 'above', params: { chosen: 9, ceiling: 2 } }],
      }),
    });
    renderWithAdmin(<CaseActionsBar caseId="c-1" live={liveState({ stage: 'rectification', findings })} />, {
      roles: ['station_lead'],
      dataProvider: { callApi, caseAction: vi.fn() } as never,
    });
    fireEvent.click(await screen.findByRole('button', { name: '下发整改通知' }));
    await choose('issue-appliedCategory', /居民生活用电/);
    await choose('issue-correctCategory', /一般工商业用电/);
    fireEvent.change(screen.getByTestId('issue-monthlyKwh'), { target: { value: '3000' } });
    fireEvent.change(screen.getByTestId('issue-penaltyMultiplier'), { target: { value: '9' } });
    const refusal = await screen.findByTestId('issue-preview-error', {}, { timeout: 3000 });
    expect(refusal.textContent).toContain('所选倍数（标准）超过规定上限');
    expect((screen.getByTestId('issue-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});
