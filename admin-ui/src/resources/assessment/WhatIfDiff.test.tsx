// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import { WhatIfDiff } from './WhatIfDiff';
import { WhatIfPanel } from './WhatIfPanel';
import { moveOf, movementSummary, type WhatIfResult } from './assessmentModel';

// The constructed month of tests/integration/assessment.test.ts, as the API answers it.
const result: WhatIfResult = {
  period: '2024-05', version: 'v2-draft', current: 'closed', currentRuleSetVersion: 'pilot-v1',
  rows: [
    { id: 'inspector:b', partyKind: 'inspector', partyId: 'b', name: '王用检', currentTotal: 3, currentRank: 1, draftTotal: 5, draftRank: 1, movement: 0 },
    { id: 'inspector:a', partyKind: 'inspector', partyId: 'a', name: '李稽查', currentTotal: 3, currentRank: 1, draftTotal: 3, draftRank: 2, movement: -1 },
    { id: 'inspector:c', partyKind: 'inspector', partyId: 'c', name: 'c', currentTotal: 1, currentRank: 4, draftTotal: 6.5, draftRank: 1, movement: 3 },
    { id: 'station:HB.XN.XA.WQ', partyKind: 'station', partyId: 'HB.XN.XA.WQ', name: '温泉供电所', currentTotal: 1, currentRank: 2, draftTotal: -1, draftRank: 2, movement: 0 },
    { id: 'county:HB.XN.JY', partyKind: 'county', partyId: 'HB.XN.JY', name: '嘉鱼县供电公司', currentTotal: -0.5, currentRank: 1, draftTotal: null, draftRank: null, movement: null },
    { id: 'county:HB.XN.XA', partyKind: 'county', partyId: 'HB.XN.XA', name: '咸安区供电公司', currentTotal: null, currentRank: null, draftTotal: -2, draftRank: 1, movement: null },
  ],
};

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

describe('what-if diff', () => {
  it('classifies each party\'s movement and counts them', () => {
    expect(result.rows.map(moveOf)).toEqual([{ kind: 'same' }, { kind: 'down', n: 1 }, { kind: 'up', n: 3 }, { kind: 'same' }, { kind: 'dropped' }, { kind: 'added' }]);
    expect(movementSummary(result.rows)).toEqual({ moved: 2, up: 1, down: 1 });
  });

  it('shows both rankings per party kind with each party\'s movement (zh-CN)', () => {
    renderWithAdmin(<WhatIfDiff result={result} />, { roles: ['manager'] });
    expect(screen.getByTestId('what-if-baseline').textContent).toBe('对比：已结账的 2024-05 排名（pilot-v1）');
    expect(screen.getByTestId('what-if-summary').textContent).toBe('2 个对象名次变化（上升 1，下降 1）');
    const inspectors = within(screen.getByTestId('what-if-inspector')).getAllByTestId('what-if-row');
    expect(inspectors.map(cells)).toEqual([
      ['王用检b', '1', '+3', '1', '+5', '不变'],
      ['李稽查a', '1', '+3', '2', '+3', '下降 1'],
      ['c', '4', '+1', '1', '+6.5', '上升 3'],
    ]);
    expect(cells(within(screen.getByTestId('what-if-station')).getByTestId('what-if-row'))).toEqual(['温泉供电所HB.XN.XA.WQ', '2', '+1', '2', '−1', '不变']);
    const counties = within(screen.getByTestId('what-if-county')).getAllByTestId('what-if-row');
    expect(counties.map((r) => within(r).getByTestId('move').textContent)).toEqual(['不再上榜', '新上榜']);
    expect(cells(counties[0]!).slice(3, 5)).toEqual(['—', '—']);
  });

  it('runs the preview for the chosen month through the API', async () => {
    const answer = vi.fn(() => result);
    const { callApi, requests } = fakeApi({ 'POST /api/assessment-rule-sets/v2-draft/what-if': answer });
    renderWithAdmin(<WhatIfPanel version="v2-draft" />, { roles: ['manager'], dataProvider: { callApi } as never });
    fireEvent.change(within(screen.getByTestId('what-if-period')).getByLabelText('试算月份'), { target: { value: '2024-05' } });
    fireEvent.click(screen.getByTestId('what-if-run'));
    await waitFor(() => expect(screen.getByTestId('what-if-diff')).toBeTruthy());
    expect(answer).toHaveBeenCalledTimes(1);
    expect(await requests[0]!.json()).toEqual({ period: '2024-05' });
  });
});
