// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi, jsonResponse } from '../../test/fakeApi';
import { RuleUsagePage } from './RuleUsagePage';

const CAMPAIGN = '7d2f0c7e-1111-4222-8333-944445555666';
const usage = [
  { id: 'judgement:jicha-default-2026.1', kind: 'judgement', version: 'jicha-default-2026.1', cases: 12, campaigns: [{ id: CAMPAIGN, name: '冬季专项稽查', cases: 5 }] },
  { id: 'penalty:penalty-2024', kind: 'penalty', version: 'penalty-2024', cases: 3, campaigns: [] },
];
const campaignCase = {
  id: 'c1', caseNo: 'JC-2026-0001', customerAccountNo: '4210000001', customerName: '咸宁某厂', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所', origin: 'special',
  stage: 'closed', priority: 'normal', problemType: null, createdAt: '2026-11-02T02:00:00Z', closedAt: null,
  judgementRuleSetVersion: 'jicha-default-2026.1', penaltyRuleSetVersions: [], judgementCampaign: { id: CAMPAIGN, name: '冬季专项稽查' },
};

describe('规则版本使用', () => {
  it('counts a campaign\'s cases under its base version, the campaign listed under it and named on its cases', async () => {
    const { callApi } = fakeApi({
      'GET /api/rule-versions/usage': usage,
      'GET /api/rule-versions/cases': () => jsonResponse(200, [campaignCase], { 'Content-Range': 'cases 0-0/1' }),
    });
    renderWithAdmin(<RuleUsagePage />, { roles: ['manager'], dataProvider: { callApi } as never });
    const judgement = await screen.findByTestId('rule-usage-judgement');
    const rows = within(judgement).getAllByRole('row');
    expect(rows).toHaveLength(2); // one version, no "<version>/campaign:<id>" row
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['jicha-default-2026.1其中专项活动「冬季专项稽查」：5 张', '12']);
    fireEvent.click(rows[1]!);
    const cases = await screen.findByTestId('rule-version-cases-judgement');
    expect(await within(cases).findByText('jicha-default-2026.1（专项活动「冬季专项稽查」）')).toBeTruthy();
  });
});
