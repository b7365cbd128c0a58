// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Edit, ResourceContextProvider, type DataProvider } from 'react-admin';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { AssessmentChanges } from './AssessmentChanges';
import { AssessmentRuleSetForm, inputToWeight, toDocument, validateWeightShare, weightToInput } from './AssessmentRuleSetForm';
import { assessmentChanges, type AssessmentRuleSetRecord } from './assessmentModel';

const IN_FORCE: AssessmentRuleSetRecord = {
  id: 'pilot-v1', version: 'pilot-v1', name: '试点考核细则', status: 'published', inForce: true, effectiveFrom: '2026-01-01',
  createdBy: 'manager', createdAt: '2026-01-01T00:00:00Z', updatedBy: 'manager', updatedAt: '2026-01-01T00:00:00Z', publishedBy: 'manager', publishedAt: '2026-01-01T00:00:00Z',
  auditWeight: 0.2,
  items: {
    fieldOnTime: { party: 'inspector', points: 1 },
    fieldLateDays: { party: 'inspector', points: -0.5, cap: 5 },
    evidenceComplete: { party: 'inspector', points: 0.5, incompletePoints: -0.5 },
    confirmationOverturned: { party: 'station', points: -2 },
    rectificationOnTime: { party: 'station', points: 1, latePointsPerDay: -0.2, cap: 3 },
    verificationRounds: { party: 'station', points: -1, cap: null },
    escalations: { party: 'county', tierPoints: [-1, -2, -3] },
    recoveredAmount: { party: 'station', points: 0.5, cap: 10 },
    customAuditFinding: { party: 'inspector', points: 2 },
    feedbackParticipation: { party: 'inspector', points: 0.1, cap: 1 },
  },
} as AssessmentRuleSetRecord;
const DRAFT: AssessmentRuleSetRecord = { ...IN_FORCE, id: 'pilot-v2', version: 'pilot-v2', status: 'draft', inForce: false, effectiveFrom: null, publishedBy: null, publishedAt: null };

const edited = (patch: Partial<AssessmentRuleSetRecord['items']>, more: Partial<AssessmentRuleSetRecord> = {}) => ({ ...DRAFT, ...more, items: { ...DRAFT.items, ...patch } });

describe('assessment draft against the version in force', () => {
  it('lists what differs, field by field; an item only one side has is added or removed', () => {
    const draft = edited(
      { escalations: { party: 'county', tierPoints: [-1, -2.5, -3] }, verificationRounds: { party: 'inspector', points: -1, cap: 4 } },
      { auditWeight: 0.25, name: '第二版考核细则' },
    );
    expect(assessmentChanges(IN_FORCE, draft).map((c) => [c.key, c.kind, c.from, c.to])).toEqual([
      ['name', 'changed', '试点考核细则', '第二版考核细则'],
      ['auditWeight', 'changed', 0.2, 0.25],
      ['items.verificationRounds.party', 'changed', 'station', 'inspector'],
      ['items.verificationRounds.cap', 'changed', null, 4],
      ['items.escalations.tier2', 'changed', -2, -2.5],
    ]);
    expect(assessmentChanges(IN_FORCE, DRAFT)).toEqual([]);
    const { feedbackParticipation, ...older } = IN_FORCE.items;
    const removed = assessmentChanges({ ...IN_FORCE, items: older }, DRAFT);
    expect(removed.map((c) => [c.key, c.kind])).toEqual([['items.feedbackParticipation', 'added']]);
    expect(assessmentChanges(DRAFT, { ...IN_FORCE, items: older }).map((c) => [c.key, c.kind, c.to])).toEqual([['items.feedbackParticipation', 'removed', undefined]]);
    expect(feedbackParticipation).toBeDefined();
  });

  it('shows the differences in Chinese, old → new, the weight as a percentage', () => {
    const { customAuditFinding: _dropped, ...items } = edited({ fieldLateDays: { party: 'inspector', points: -1, cap: null } }).items;
    renderWithAdmin(<AssessmentChanges inForce={IN_FORCE} draft={{ ...DRAFT, auditWeight: 0.3, items: items as never }} />);
    const row = (key: string) => [...screen.getByTestId(`change-${key}`).querySelectorAll('th, td')].map((c) => c.textContent);
    expect(screen.getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['', 'pilot-v1', '草稿']);
    expect(row('auditWeight')).toEqual(['稽查得分权重', '20%', '30%']);
    expect(row('items.fieldLateDays.points')).toEqual(['现场核查超期（每工作日） · 分值', '−0.5', '−1']);
    expect(row('items.fieldLateDays.cap')).toEqual(['现场核查超期（每工作日） · 封顶（绝对值）', '5', '不封顶']);
    expect(row('items.customAuditFinding')).toEqual(['自定义稽查查实问题删除', '+2', '—']);
    expect(screen.getByTestId('change-items.customAuditFinding').dataset.kind).toBe('removed');
    expect(screen.getAllByTestId(/^change-/)).toHaveLength(4);
  });

  it('says so when nothing changed, and when no version is in force', () => {
    renderWithAdmin(<AssessmentChanges inForce={IN_FORCE} draft={DRAFT} />);
    expect(screen.getByText('与现行版本相同，尚无修改')).toBeTruthy();
    renderWithAdmin(<AssessmentChanges inForce={undefined} draft={DRAFT} />);
    expect(screen.getByText('当前没有现行版本可比较')).toBeTruthy();
  });
});

describe('audit weight entered as a percentage', () => {
  it('round-trips the API\'s share exactly', () => {
    for (const share of [0, 0.07, 0.2, 0.29, 0.57, 0.58, 1]) expect(inputToWeight(weightToInput(share))).toBe(share);
    expect(weightToInput(0.2)).toBe(20);
    expect(inputToWeight('20')).toBe(0.2);
    expect(inputToWeight('')).toBeNull();
    expect(validateWeightShare(0.2)).toBeUndefined();
    expect(validateWeightShare(inputToWeight('20.5'))).toBe('resources.assessment-rule-sets.validation.auditWeight');
    expect(validateWeightShare(inputToWeight('120'))).toBe('resources.assessment-rule-sets.validation.auditWeight');
  });

  const renderEditor = () => {
    const getOne = vi.fn(async () => ({ data: DRAFT }));
    const getList = vi.fn(async () => ({ data: [DRAFT, IN_FORCE], total: 2 }));
    const update = vi.fn(async (_r: string, p: { data: unknown }) => ({ data: { ...DRAFT, ...(p.data as object) } }));
    renderWithAdmin(
      <ResourceContextProvider value="assessment-rule-sets">
        <Edit id="pilot-v2" mutationMode="pessimistic" transform={toDocument}>
          <AssessmentRuleSetForm mode="edit" />
        </Edit>
      </ResourceContextProvider>,
      { dataProvider: { getOne, getList, update } as unknown as Partial<DataProvider>, roles: ['manager'] },
    );
    return update;
  };

  it('the editor shows 20 for 0.2, saves the share, and shows the change from the version in force as it is typed', async () => {
    const update = renderEditor();
    const weight = (await screen.findByLabelText('稽查得分权重（%）', { exact: false })) as HTMLInputElement;
    expect(weight.value).toBe('20');
    expect(await screen.findByText('与现行版本相同，尚无修改')).toBeTruthy();
    fireEvent.change(weight, { target: { value: '25' } });
    const row = await screen.findByTestId('change-auditWeight');
    expect([...row.querySelectorAll('th, td')].map((c) => c.textContent)).toEqual(['稽查得分权重', '20%', '25%']);
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    const [, params] = update.mock.calls[0]!;
    expect((params.data as { auditWeight: number }).auditWeight).toBe(0.25);
    expect((params.data as { items: unknown }).items).toEqual(DRAFT.items);
  }, 30_000);

  it('refuses a percentage the API cannot store, in Chinese, without saving; corrected, it saves', async () => {
    const update = renderEditor();
    const weight = (await screen.findByLabelText('稽查得分权重（%）', { exact: false })) as HTMLInputElement;
    fireEvent.change(weight, { target: { value: '20.5' } });
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    expect(await screen.findByText('请填写 0 至 100 之间的整数百分比', {}, { timeout: 10_000 })).toBeTruthy();
    expect(update).not.toHaveBeenCalled();
    // corrected, it saves (a native step check on the input would block this second submit silently)
    fireEvent.change(weight, { target: { value: '30' } });
    await waitFor(() => expect(screen.queryByText('请填写 0 至 100 之间的整数百分比')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    expect((update.mock.calls[0]![1].data as { auditWeight: number }).auditWeight).toBe(0.3);
  }, 30_000);
});
