// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { RecordContextProvider, ResourceContextProvider } from 'react-admin';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { JudgementRuleSetDetail } from './JudgementRuleSetShow';
import type { JudgementRuleSetRecord } from './judgementEditorModel';

const RECORD: JudgementRuleSetRecord = {
  id: 'jicha-default-2026.1', version: 'jicha-default-2026.1', status: 'published', createdBy: 'seed', createdAt: '2026-01-01T00:00:00Z', publishedAt: '2026-01-01T00:00:00Z',
  effectiveFrom: '2026-01-01', active: true,
  document: {
    version: 'jicha-default-2026.1',
    source: 'jicha built-in defaults (marketing-audit practice; State Grid Hubei Xianning pilot themes)',
    priorityThresholds: { urgent: 90, high: 60, normal: 30 },
    campaignMinScore: 40,
    rules: [{ code: 'THEFT_DROP', kind: 'consumption_drop', anomalyType: 'theft', weight: 70, textZh: '突降', textEn: 'Drop', checkItems: [], params: { windowMonths: 3, maxOwnRatio: 0.5, maxPeerRelative: 0.6, minBaselineAvgMonthlyKwh: 60, statuses: ['active'], excludeZero: true } }],
  },
} as JudgementRuleSetRecord;

function renderDetail(roles: string[]) {
  renderWithAdmin(
    <ResourceContextProvider value="judgement-rule-sets">
      <RecordContextProvider value={RECORD}>
        <JudgementRuleSetDetail />
      </RecordContextProvider>
    </ResourceContextProvider>,
    { roles, dataProvider: { getList: async () => ({ data: [], total: 0 }) } as never },
  );
}

describe('a judgement rule set\'s page', () => {
  it('says the source and the parameters in Chinese; no JSON for a manager', async () => {
    renderDetail(['manager']);
    expect(await screen.findByText('jicha 内置默认规则（营销稽查实践；国网湖北咸宁试点主题）')).toBeTruthy();
    expect(screen.getByText('统计月数 3 个月；每月电量不超过上年同月的 50%；降幅比值不超过同类用户的 60%；上年同期月均电量不低于 60 千瓦时；用户状态：正常；不含降为零电量的用户（由零电量规则处理）')).toBeTruthy();
    expect(screen.queryByRole('switch', { name: '显示 JSON' })).toBeNull();
  });

  it('an admin may show the parameters as JSON', async () => {
    renderDetail(['admin']);
    fireEvent.click(await screen.findByRole('switch', { name: '显示 JSON' }));
    expect(within(screen.getByRole('table')).getByText(JSON.stringify(RECORD.document.rules[0]!.params))).toBeTruthy();
  });
});
