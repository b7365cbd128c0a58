// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Create, HttpError, ResourceContextProvider, type DataProvider } from 'react-admin';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { toSubmissionErrors } from '../../data/problemDetails';
import { PenaltyRuleSetForm } from './PenaltyRuleSetForm';
import { JudgementRuleSetEdit, JudgementRuleSetForm } from './JudgementRuleSetCreate';
import { toEditorValues } from './judgementEditorModel';
import type { PenaltyEditorValues } from './penaltyEditorModel';

/** What the httpClient makes of the API's 400 problem (problemDetails.toHttpError). */
function refused(errors: { path: string; message: string }[]) {
  const problem = { title: 'Invalid request', status: 400, detail: 'The request has invalid body fields.', errors };
  return new HttpError(problem.detail, 400, { ...problem, problemErrors: errors, errors: toSubmissionErrors(problem) });
}

const PENALTY: PenaltyEditorValues = {
  version: 'penalty-2024',
  source: '供电营业规则（2024）',
  effectiveFrom: '2027-01-01',
  rules: {
    wrongTariff: { penaltyMultiplier: 2, defaultPeriodMonths: 3 },
    theft: { penaltyMultiplier: 3, defaultDays: 180, hoursPerDay: { power: 30, lighting: 6 } },
    capacity: { mode: 'per_kva', penaltyYuanPerKva: 50, defaultMonths: 1 },
  },
};

/** The helper text under the input labelled `label`. */
function helperOf(label: string): string {
  const input = screen.getByLabelText(label, { exact: false });
  const id = input.getAttribute('aria-describedby');
  return (id && document.getElementById(id)?.textContent) || '';
}

describe('rule draft editors show the server\'s validation errors on their inputs', () => {
  it('penalty: sends only the API\'s fields and marks the refused inputs, a group error on its first input', async () => {
    const create = vi.fn(async () => {
      throw refused([
        { path: 'rules.theft.hoursPerDay.power', message: 'Too big: expected number to be <=24' },
        { path: 'rules.capacity', message: 'Invalid input' },
      ]);
    });
    renderWithAdmin(
      <ResourceContextProvider value="penalty-rule-sets">
        <Create record={PENALTY}>
          <PenaltyRuleSetForm mode="create" />
        </Create>
      </ResourceContextProvider>,
      { dataProvider: { create }, roles: ['manager'] },
    );
    fireEvent.click(await screen.findByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0]).toEqual([
      'penalty-rule-sets',
      expect.objectContaining({ data: { version: 'penalty-2024', source: '供电营业规则（2024）', effectiveFrom: '2027-01-01', rules: PENALTY.rules } }),
    ]);
    await waitFor(() => expect(helperOf('动力用电小时 / 日')).toBe('Too big: expected number to be <=24'));
    expect(helperOf('计算方式')).toBe('Invalid input');
    expect(helperOf('照明用电小时 / 日')).not.toContain('Too big');
  }, 30_000);

  it('judgement: a parameter error lands on the parameter\'s input', async () => {
    const doc = {
      version: 'jr-2',
      source: 'test',
      priorityThresholds: { urgent: 90, high: 60, normal: 30 },
      campaignMinScore: 40,
      rules: [
        { code: 'ZERO_ACTIVE', kind: 'zero_consumption' as const, anomalyType: 'zero_consumption' as const, weight: 45, textZh: '零电量', textEn: 'Zero', checkItems: [], params: { windowMonths: 3, statuses: ['active'] } },
      ],
    };
    const create = vi.fn(async () => {
      throw refused([
        { path: 'rules.0.params.windowMonths', message: 'Too big: expected number to be <=12' },
        { path: 'priorityThresholds', message: 'must satisfy urgent ≥ high ≥ normal' },
      ]);
    });
    renderWithAdmin(
      <ResourceContextProvider value="judgement-rule-sets">
        <Create record={toEditorValues(doc)}>
          <JudgementRuleSetForm />
        </Create>
      </ResourceContextProvider>,
      { dataProvider: { create }, roles: ['manager'] },
    );
    fireEvent.click(await screen.findByRole('button', { name: '保存' }));
    await waitFor(() => expect(create).toHaveBeenCalled());
    // The document goes out with its params as the rule's form holds them.
    expect((create.mock.calls[0] as unknown as [string, { data: { rules: { params: unknown }[] } }])[1].data.rules[0]!.params).toEqual({ windowMonths: 3, statuses: ['active'] });
    await waitFor(() => expect(helperOf('统计月数')).toBe('Too big: expected number to be <=12'));
    expect(helperOf('紧急分数线')).toBe('must satisfy urgent ≥ high ≥ normal');
  }, 30_000);

  it('judgement: a draft is edited in place — loaded from its document, version locked, saved with PUT semantics (update)', async () => {
    const doc = {
      version: 'jr-3',
      source: 'draft',
      priorityThresholds: { urgent: 90, high: 60, normal: 30 },
      campaignMinScore: 40,
      rules: [
        { code: 'ZERO_ACTIVE', kind: 'zero_consumption' as const, anomalyType: 'zero_consumption' as const, weight: 45, textZh: '零电量', textEn: 'Zero', checkItems: [], params: { windowMonths: 3, statuses: ['active' as const] } },
      ],
    };
    const record = { id: 'jr-3', version: 'jr-3', status: 'draft', createdBy: 'manager', createdAt: '2026-11-01T00:00:00Z', publishedAt: null, effectiveFrom: null, active: false, document: doc };
    const getOne = vi.fn(async () => ({ data: record }));
    const update = vi.fn(async () => ({ data: record }));
    renderWithAdmin(
      <ResourceContextProvider value="judgement-rule-sets">
        <JudgementRuleSetEdit id="jr-3" />
      </ResourceContextProvider>,
      { dataProvider: { getOne, update } as unknown as Partial<DataProvider>, roles: ['manager'] },
    );
    const version = await screen.findByLabelText('版本', { exact: false });
    expect((version as HTMLInputElement).value).toBe('jr-3');
    expect((version as HTMLInputElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('专项默认分数线', { exact: false }), { target: { value: '45' } });
    fireEvent.click(await screen.findByRole('button', { name: '保存' }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    const [resource, params] = update.mock.calls[0] as unknown as [string, { id: string; data: { version: string; campaignMinScore: number; rules: { params: unknown }[] } }];
    expect(resource).toBe('judgement-rule-sets');
    expect(params.id).toBe('jr-3');
    expect(params.data).toMatchObject({ version: 'jr-3', campaignMinScore: 45 });
    expect(params.data.rules[0]!.params).toEqual({ windowMonths: 3, statuses: ['active'] });
  }, 30_000);
});
