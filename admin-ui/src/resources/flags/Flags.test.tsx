// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import { i18nProvider } from '../../i18n/i18nProvider';
import { PreviewCustomersTable } from './PreviewCustomersTable';
import { StoredJudgementSection } from './StoredJudgementSection';
import { ExpectedVsActualCard } from './ExpectedVsActualCard';
import { JudgementRunCard } from './JudgementRunCard';
import { CaseJudgementPanel } from '../cases/show/CaseJudgementPanel';
import { lineLossText, type PreviewCustomersPage, type StoredJudgementAnswer, type StoredReason } from './flagModel';

const ID = '0f7a3c52-4a5e-4bde-9d0c-1f2a3b4c5d6e';
const zh = (key: string, o?: Record<string, unknown>) => i18nProvider.translate(key, o);
const LINE_LOSS: StoredReason = {
  code: 'AREA_LINE_LOSS', family: 'area_line_loss', weight: 50, expectedRate: 0.4123,
  params: { areaId: 'TQ-WQ-001', areaName: '温泉1号', areaType: 'urban', month: '2026-10', lossRate: 0.2857, norm: 0.05, suppliedKwh: 700, billedKwh: 500, drop: 0.7, baselineAvgKwh: 200, monthKwh: 60 },
};
const RUN = { id: 7, ruleSetVersion: 'jicha-default-2026.1', asOfMonth: '2026-10', status: 'completed' as const, customers: 2408, flagged: 120, error: null, triggeredBy: 'schedule', startedAt: '2026-11-05T21:00:00.000Z', completedAt: '2026-11-05T21:00:09.000Z' };
const row = (accountNo: string, score: number) => ({ accountNo, customerName: `户${accountNo.slice(-2)}`, stationId: 'HB.XN.XA.WQ', score, expectedRate: 0.4123, reasons: [LINE_LOSS], openCaseId: null });

describe('a line-loss reason in words', () => {
  it('names the area, its loss against the norm and the customer\'s drop', () => {
    expect(lineLossText(LINE_LOSS, zh)).toBe('台区 温泉1号 TQ-WQ-001（城网）2026-10 线损率 28.6%，标准 5%；该户当月 60 kWh，较前期月均 200 kWh 下降 70%');
    expect(lineLossText({ ...LINE_LOSS, params: undefined }, zh)).toBeNull();
  });
});

describe('the customer 360\'s daily judgement', { timeout: 30_000 }, () => {
  it('shows the stored score, 预计查实率 and reasons without judging again', async () => {
    const answer: StoredJudgementAnswer = { run: RUN, judgement: { runId: 7, ruleSetVersion: RUN.ruleSetVersion, asOfMonth: '2026-10', accountNo: '4210000002', score: 50, families: ['area_line_loss'], reasons: [LINE_LOSS], expectedRate: 0.4123 } };
    // (the reason's chart reads its data: flagCharts.test.tsx)
    const { callApi, requests } = fakeApi({ 'GET /api/customers/4210000002/stored-judgement': answer, 'GET /api/customers/4210000002/flag-evidence': { months: [], area: null, days: [] } });
    renderWithAdmin(<StoredJudgementSection accountNo="4210000002" />, { roles: ['manager'], dataProvider: { callApi } as never });
    expect((await screen.findByTestId('stored-expected-rate')).textContent).toBe('预计查实率 41.2%');
    expect(screen.getByText(/线损率 28\.6%，标准 5%/)).toBeTruthy();
    await screen.findByTestId('flag-chart-unavailable');
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/customers/4210000002/stored-judgement', '/api/customers/4210000002/flag-evidence']);
  });

  it('says when the run did not flag the customer', async () => {
    const { callApi } = fakeApi({ 'GET /api/customers/4210000002/stored-judgement': { run: RUN, judgement: null } });
    renderWithAdmin(<StoredJudgementSection accountNo="4210000002" />, { roles: ['manager'], dataProvider: { callApi } as never });
    expect((await screen.findByTestId('stored-not-flagged')).textContent).toBe('最近一次每日初判（规则 jicha-default-2026.1，数据月份 2026-10）未命中该户。');
  });
});

describe('a draft campaign\'s customers', { timeout: 30_000 }, () => {
  it('lists them page by page with score, 预计查实率 and reasons, asking for the next page with its cursor', async () => {
    const pages: Record<string, PreviewCustomersPage> = {
      '': { asOfMonth: '2026-10', source: 'stored', runId: 7, rows: [row('4210000011', 90), row('4210000012', 50)], nextCursor: 'NEXT' },
      NEXT: { asOfMonth: '2026-10', source: 'stored', runId: 7, rows: [row('4210000013', 40)], nextCursor: null },
    };
    const { callApi, requests } = fakeApi({ [`GET /api/campaigns/${ID}/preview/customers`]: (r: Request) => pages[new URL(r.url).searchParams.get('cursor') ?? ''] });
    renderWithAdmin(<PreviewCustomersTable campaignId={ID} />, { roles: ['manager'], dataProvider: { callApi } as never });
    await waitFor(() => expect(screen.getAllByTestId('preview-customer-row')).toHaveLength(2));
    expect(screen.getByTestId('preview-source').textContent).toBe('读取每日初判结果（2026-10）');
    const first = screen.getAllByTestId('preview-customer-row')[0]!;
    expect(within(first).getByText('4210000011')).toBeTruthy();
    expect(within(first).getAllByText('41.2%').length).toBeGreaterThan(0);
    expect(within(first).getByText('台区线损')).toBeTruthy();
    fireEvent.click(screen.getByTestId('preview-more'));
    await waitFor(() => expect(screen.getAllByTestId('preview-customer-row')).toHaveLength(3));
    expect(screen.queryByTestId('preview-more')).toBeNull();
    expect(requests.map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual(['', 'NEXT']);
  });
});

describe('the dashboard\'s expected against actual rates', { timeout: 30_000 }, () => {
  it('lists each family with what its flags expected and what the visits found, for supervisors and managers', async () => {
    const { callApi, requests } = fakeApi({
      'GET /api/judgement-calibration': {
        from: '2026-06', to: '2026-11', unit: 'HB.XN',
        families: [{ family: 'area_line_loss', checked: 10, confirmed: 8, actualRate: 0.8, expectedRate: 0.5, withExpected: 10 }],
      },
    });
    renderWithAdmin(<ExpectedVsActualCard from="2026-06" to="2026-11" />, { roles: ['manager'], dataProvider: { callApi } as never });
    const row = await screen.findByTestId('calibration-row');
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['台区线损', '10', '8', '50%', '80%']);
    expect(new URL(requests[0]!.url).search).toBe('?from=2026-06&to=2026-11');
  });
});

describe('a case\'s judgement', { timeout: 30_000 }, () => {
  it('shows the 预计查实率 each flag carried when judged (and none for judgements recorded before)', async () => {
    const judgement = {
      ruleSetVersion: 'jicha-default-2026.1', score: 50, priority: 'normal' as const, checkItems: [], expectedRate: 0.35,
      reasons: [{ code: 'AREA_LINE_LOSS', weight: 50, textZh: '台区线损异常', textEn: 'Area loss', family: 'area_line_loss', expectedRate: 0.35 }, { code: 'OLD', weight: 10, textZh: '旧原因', textEn: 'Old' }],
    };
    renderWithAdmin(<CaseJudgementPanel judgement={judgement as never} />, { roles: ['supervisor'] });
    expect((await screen.findByTestId('case-expected-rate')).textContent).toBe('预计查实率 35%');
    expect(screen.getByText('AREA_LINE_LOSS · 预计查实率 35%')).toBeTruthy();
    expect(screen.getByText('OLD')).toBeTruthy();
  });
});

describe('the admin\'s daily judgement card', { timeout: 30_000 }, () => {
  it('shows the latest runs and runs it now on request', async () => {
    const { callApi, requests } = fakeApi({
      'GET /api/judgement-runs': () => new Response(JSON.stringify([RUN]), { status: 200, headers: { 'Content-Type': 'application/json', 'Content-Range': 'judgement-runs 0-0/1' } }),
      'POST /api/judgement-runs': () => new Response(JSON.stringify({ workflowId: 'judgement-run-manual:q', runId: 'r1' }), { status: 202, headers: { 'Content-Type': 'application/json' } }),
    });
    renderWithAdmin(<JudgementRunCard />, { roles: ['admin'], dataProvider: { callApi } as never });
    expect((await screen.findByTestId('judgement-run-line')).textContent).toMatch(/规则 jicha-default-2026\.1 · 数据月份 2026-10 · 已完成 · 命中 120 \/ 2408 户$/);
    fireEvent.click(screen.getByTestId('run-judgement-now'));
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true));
    // the list is read again after the start
    await waitFor(() => expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2));
  });
});
