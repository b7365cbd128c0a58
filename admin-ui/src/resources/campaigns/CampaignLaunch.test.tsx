// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import { i18nProvider } from '../../i18n/i18nProvider';
import { CampaignActions } from './CampaignActions';
import { CampaignDraftPreview } from './CampaignDraftPreview';
import { displayStatus, type CampaignRecord } from './campaignProgressModel';
import { launchConfirmation, type DraftPreview } from './draftPreview';
import { ruleLabel } from './ruleLabel';

const ID = '0f7a3c52-4a5e-4bde-9d0c-1f2a3b4c5d6e';
const PREVIEW: DraftPreview = {
  asOfMonth: '2026-10', ruleSetVersion: 'jicha-default-2026.1', minScore: 60, matched: 57, withOpenCase: 5, wouldCreate: 50, byRule: { WHITELIST_LARGE: 31, THEFT_DROP: 12 },
  selected: 50, skipped: 4, wouldOpen: 46, computedAt: '2026-12-04T02:30:00.000Z',
};
const zh = (key: string, o?: Record<string, unknown>) => i18nProvider.translate(key, o);
const draft = { id: ID, name: '白名单居民大电量专项', status: 'draft', selected: null, created: 0, failed: 0, progress: null } as unknown as CampaignRecord;

describe('the 启动 confirmation text', () => {
  it('says how many cases open, how many selected customers are skipped for an open case, and what the cap leaves out', () => {
    expect(launchConfirmation(PREVIEW, zh)).toEqual([
      '将新建 46 张稽查工单（入选 50 户，命中 57 户）。',
      '另有 4 户已有在办工单，将跳过，不重复立案。',
      '工单上限 50：其余 7 户命中但不入选。',
    ]);
    expect(launchConfirmation({ ...PREVIEW, matched: 50, skipped: 0, wouldOpen: 50 }, zh)).toEqual([
      '将新建 50 张稽查工单（入选 50 户，命中 50 户）。',
      '入选客户均无在办工单，不跳过任何客户。',
    ]);
    expect(launchConfirmation(undefined, zh)).toEqual(['暂时无法预估将新建的工单数；启动后按规则筛选，已有在办工单的客户将跳过。']);
  });
});

describe('campaign status and rule names', () => {
  it('shows one status, the live one while the workflow runs', () => {
    const live = { campaignId: ID, phase: 'creating' as const, paused: true, matched: 5, selected: 5, created: 1, failed: 0 };
    expect(displayStatus({ status: 'running', progress: live })).toBe('paused');
    expect(displayStatus({ status: 'paused', progress: { ...live, paused: false } })).toBe('running');
    expect(displayStatus({ status: 'running', progress: { ...live, phase: 'completed' } })).toBe('completed');
    expect(displayStatus({ status: 'paused', progress: null })).toBe('paused');
    expect(displayStatus({ status: 'draft', progress: null })).toBe('draft');
    expect(zh('resources.campaigns.enums.status.running')).toBe('运行中');
  });

  it('leads a rule with its Chinese text, the code last', () => {
    expect(ruleLabel({ code: 'WHITELIST_LARGE', textZh: '白名单居民大电量', textEn: 'Whitelisted residential, large consumption', weight: 40 }, 'zh-CN')).toBe('白名单居民大电量 (+40) · WHITELIST_LARGE');
  });
});

describe('a saved draft', { timeout: 30_000 }, () => {
  it('shows its recomputed preview: matches, cases it would open, customers skipped, rules by name', async () => {
    const { callApi, requests } = fakeApi({ [`GET /api/campaigns/${ID}/preview`]: PREVIEW });
    renderWithAdmin(<CampaignDraftPreview campaignId={ID} ruleName={(c) => (c === 'WHITELIST_LARGE' ? '白名单居民大电量' : c)} />, { roles: ['manager'], dataProvider: { callApi } as never });
    expect((await screen.findByTestId('draft-preview-count')).textContent).toBe('命中 57 户');
    expect(screen.getByTestId('draft-preview-opens').textContent).toBe('启动后将新建 46 张工单，跳过 4 户（已有在办工单）');
    expect(screen.getByTestId('draft-preview-basis').textContent).toMatch(/^规则 jicha-default-2026\.1 · 截至 2026-10 · 分数线 60 · 计算于 /);
    expect(screen.getByText('白名单居民大电量: 31')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /重新计算/ }));
    await waitFor(() => expect(requests).toHaveLength(2));
  });

  it('启动 asks first with the counts, and runs only once confirmed', async () => {
    const { callApi, requests } = fakeApi({
      [`GET /api/campaigns/${ID}/preview`]: PREVIEW,
      [`POST /api/campaigns/${ID}/run`]: { id: ID, workflowId: `campaign-${ID}`, status: 'running' },
    });
    renderWithAdmin(<CampaignActions record={draft} />, { roles: ['manager'], dataProvider: { callApi } as never });
    const runs = () => requests.filter((r) => r.method === 'POST');
    fireEvent.click(screen.getByTestId('campaign-run'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('启动专项稽查“白名单居民大电量专项”？')).toBeTruthy();
    await waitFor(() => expect(within(dialog).getByTestId('campaign-launch-confirmation').textContent).toContain('将新建 46 张稽查工单'));
    expect(within(dialog).getByText('另有 4 户已有在办工单，将跳过，不重复立案。')).toBeTruthy();
    expect(runs()).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: /取消/ }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(runs()).toHaveLength(0);

    fireEvent.click(screen.getByTestId('campaign-run'));
    fireEvent.click(await screen.findByRole('button', { name: /确认启动/ }));
    await waitFor(() => expect(runs().map((r) => new URL(r.url).pathname)).toEqual([`/api/campaigns/${ID}/run`]));
  });
});
