// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Edit, ResourceContextProvider, type DataProvider } from 'react-admin';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { CasePolicyForm } from './CasePolicyForm';
import { CasePolicyChanges } from './CasePolicyChanges';
import { percentToShare, policyChanges, shareToPercent, toEditBody, toEditorValues, type CasePolicyRecord } from './casePolicyModel';

const RECORD: CasePolicyRecord = {
  id: 'policy-2', version: 'policy-2', status: 'draft', effectiveFrom: null, createdBy: 'manager', createdAt: '2026-11-01T00:00:00Z', updatedBy: 'manager',
  updatedAt: '2026-11-01T00:00:00Z', publishedBy: null, publishedAt: null, inForce: false, standing: 'draft', cases: 0,
  deadlines: {
    field_evidence: { low: 10, normal: 7, high: 5, urgent: 2 },
    rectification: { low: 20, normal: 15, high: 10, urgent: 5 },
    verification: { low: 7, normal: 5, high: 3, urgent: 2 },
  },
  escalation: { reminderShare: 0.07, tier2AfterDays: 2, tier3AfterDays: 3 },
  evidence: { minVerifiedPhotos: 2, geofenceRadiusM: 200, clockToleranceS: 300 },
};

describe('case-policy editor model', () => {
  it('shows the reminder share as a percentage and sends it back as the same share', () => {
    for (const share of [0.07, 0.1, 0.29, 0.575, 0.75, 0.99]) expect(percentToShare(shareToPercent(share))).toBe(share);
    expect(shareToPercent(0.07)).toBe(7);
    expect(shareToPercent(0.575)).toBe(57.5);
    const values = toEditorValues(RECORD);
    expect(values.escalation.reminderPercent).toBe(7);
    expect(toEditBody({ ...values, escalation: { ...values.escalation, reminderPercent: 62.5 } }).escalation).toEqual({ reminderShare: 0.625, tier2AfterDays: 2, tier3AfterDays: 3 });
  });

  it('lists the items that differ from the version in force, and only those', () => {
    const draft = { ...RECORD, deadlines: { ...RECORD.deadlines, rectification: { ...RECORD.deadlines.rectification, high: 8 } }, escalation: { ...RECORD.escalation, reminderShare: 0.8 } };
    expect(policyChanges(RECORD, draft).map((c) => [c.key, c.from, c.to])).toEqual([
      ['deadlines.rectification.high', 10, 8],
      ['escalation.reminderShare', 7, 80],
    ]);
    expect(policyChanges(RECORD, RECORD)).toEqual([]);
  });
});

describe('case-policy screens', () => {
  it('the draft\'s differences from the version in force, item by item, in Chinese', () => {
    const inForce = { ...RECORD, version: 'policy-1', escalation: { ...RECORD.escalation, reminderShare: 0.75 } };
    const draft = { ...RECORD, deadlines: { ...RECORD.deadlines, rectification: { ...RECORD.deadlines.rectification, high: 8 } }, evidence: { ...RECORD.evidence, geofenceRadiusM: 150 } };
    renderWithAdmin(<CasePolicyChanges inForce={inForce} draft={draft} />);
    const row = (key: string) => [...screen.getByTestId(`change-${key}`).querySelectorAll('th, td')].map((c) => c.textContent);
    expect(row('deadlines.rectification.high')).toEqual(['督办整改 · 高', '10 个工作日', '8 个工作日']);
    expect(row('escalation.reminderShare')).toEqual(['提醒比例', '75%', '7%']);
    expect(row('evidence.geofenceRadiusM')).toEqual(['签到地理围栏半径', '200 米', '150 米']);
    expect(screen.getAllByTestId(/^change-/)).toHaveLength(3);
  });

  it('edits a draft in a form: a deadline cell and the percentage go out as the API\'s rules; a bad value is refused in the user\'s language', async () => {
    const getOne = vi.fn(async () => ({ data: RECORD }));
    const update = vi.fn(async () => ({ data: RECORD }));
    renderWithAdmin(
      <ResourceContextProvider value="case-policies">
        <Edit id="policy-2" mutationMode="pessimistic">
          <CasePolicyForm record={toEditorValues(RECORD)} />
        </Edit>
      </ResourceContextProvider>,
      { dataProvider: { getOne, update } as unknown as Partial<DataProvider>, roles: ['manager'] },
    );
    const cell = await screen.findByLabelText('督办整改 · 高', { exact: false });
    expect((cell as HTMLInputElement).value).toBe('10');
    const percent = screen.getByLabelText('提醒比例', { exact: false }) as HTMLInputElement;
    expect(percent.value).toBe('7');

    fireEvent.change(cell, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    expect(await screen.findByText('应为 1–365 之间的整数个工作日', {}, { timeout: 10_000 })).toBeTruthy();
    expect(update).not.toHaveBeenCalled();

    fireEvent.change(cell, { target: { value: '8' } });
    fireEvent.change(percent, { target: { value: '80' } });
    await waitFor(() => expect(screen.queryByText('应为 1–365 之间的整数个工作日')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: '保存草稿' }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    const [, params] = update.mock.calls[0] as unknown as [string, { data: Record<string, unknown> }];
    expect(params.data).toEqual({
      deadlines: { ...RECORD.deadlines, rectification: { ...RECORD.deadlines.rectification, high: 8 } },
      escalation: { reminderShare: 0.8, tier2AfterDays: 2, tier3AfterDays: 3 },
      evidence: RECORD.evidence,
    });
  }, 30_000);
});
