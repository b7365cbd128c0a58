// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi, jsonResponse } from '../../test/fakeApi';
import { i18nProvider } from '../../i18n/i18nProvider';
import { CaseJudgementPanel } from '../cases/show/CaseJudgementPanel';
import { StoredJudgementSection } from './StoredJudgementSection';
import { areaChart, daysChart, flagPlan, monthsChart, type FlagEvidence } from './flagChartModel';
import { axisRange } from './FlagBarChart';

// A flag's small charts (#21 item 4): the months the flag compared
// highlighted against the peer median, the area's loss against its norm, the days against the contract capacity,
// and text when the data is missing.

const t = (key: string, o?: Record<string, unknown>) => i18nProvider.translate(key, o);
afterEach(async () => {
  await i18nProvider.changeLocale('zh-CN');
});

const TREND = {
  from: '2026-08', to: '2026-10', baselineFrom: '2026-02', baselineTo: '2026-07', avgKwh: 120, baselineAvgKwh: 316.67, ratio: 0.381,
  yearBeforeFrom: '2025-08', yearBeforeTo: '2025-10', yearOverYear: 0.402,
};
describe('which months a flag\'s chart asks for', () => {
  it('a trend: from its baseline to its last month, the months compared and the baseline marked', () => {
    expect(flagPlan({ reasonCode: 'judgement.reason.consumption-trend', params: TREND }, null)).toEqual({
      through: '2026-10', months: 9, charts: [{ kind: 'months', compared: ['2026-08', '2026-10'], baseline: ['2026-02', '2026-07'], baselineAvgKwh: 316.67 }],
    });
  });
  it('a level: three months of context before the window; a zero flag adds the days', () => {
    expect(flagPlan({ reasonCode: 'judgement.reason.consumption-norm', params: { from: '2026-05', to: '2026-10', avgKwh: 900, peerAvgKwh: 300, multiple: 3 } }, null)).toMatchObject({ through: '2026-10', months: 9 });
    expect(flagPlan({ reasonCode: 'judgement.reason.zero-consumption', params: { from: '2026-08', to: '2026-10' } }, null)!.charts.map((c) => c.kind)).toEqual(['months', 'days']);
  });
  it('over capacity: the days of the flagged day\'s month; line loss: the area and the customer over 13 months', () => {
    expect(flagPlan({ reasonCode: 'judgement.reason.capacity-exceeded', params: { date: '2026-10-17', dayKwh: 260, capacityKva: 10, utilisation: 1.083 } }, null)).toEqual({ through: '2026-10', months: 1, charts: [{ kind: 'days', date: '2026-10-17' }] });
    expect(flagPlan({ family: 'area_line_loss', params: { month: '2026-10', baselineAvgKwh: 200 } }, '2026-11')).toEqual({
      through: '2026-10', months: 13, charts: [{ kind: 'area', month: '2026-10' }, { kind: 'months', compared: ['2026-10', '2026-10'], baseline: null, baselineAvgKwh: 200 }],
    });
  });
  it('a stored reason without figures: the 13 months up to the judged month, nothing highlighted; meter events and no month: nothing', () => {
    expect(flagPlan({ family: 'consumption_drop' }, '2026-10')).toEqual({ through: '2026-10', months: 13, charts: [{ kind: 'months', compared: null, baseline: null, baselineAvgKwh: null }] });
    expect(flagPlan({ family: 'consumption_drop' }, null)).toBeNull();
    expect(flagPlan({ reasonCode: 'judgement.reason.meter-events', params: { count: 3 } }, '2026-10')).toBeNull();
  });
});

const EVIDENCE: FlagEvidence = {
  accountNo: '4210000002', stationId: 'HB.XN.XA.WQ', tariffCategory: 'residential', capacityKva: 10, from: '2026-06', through: '2026-10',
  months: [
    { month: '2026-06', kwh: 300, peerMedianKwh: 310, peerAvgKwh: 320, peerCustomers: 40 },
    { month: '2026-07', kwh: 320, peerMedianKwh: 330, peerAvgKwh: 335, peerCustomers: 40 },
    { month: '2026-08', kwh: null, peerMedianKwh: 300, peerAvgKwh: 310, peerCustomers: 40 },
    { month: '2026-09', kwh: 110, peerMedianKwh: 305, peerAvgKwh: 312, peerCustomers: 40 },
    { month: '2026-10', kwh: 130, peerMedianKwh: 315, peerAvgKwh: 318, peerCustomers: 41 },
  ],
  area: {
    areaId: 'TQ-1', name: '温泉1号', areaType: 'urban', norm: 0.05, upper: 0.08,
    months: [
      { month: '2026-08', suppliedKwh: 10000, billedKwh: 9500, lossRate: 0.05 },
      { month: '2026-09', suppliedKwh: null, billedKwh: 9400, lossRate: null },
      { month: '2026-10', suppliedKwh: 12000, billedKwh: 9840, lossRate: 0.18 },
    ],
  },
  days: [{ date: '2026-10-28', kwh: 20 }, { date: '2026-10-30', kwh: 250 }, { date: '2026-10-31', kwh: 3.5 }],
};
const SPEC = { kind: 'months', compared: ['2026-09', '2026-10'], baseline: ['2026-06', '2026-07'], baselineAvgKwh: 310 } as const;

describe('what the charts draw', () => {
  it('months: one bar per month (a month not billed is a gap), the window and the baseline toned, the peer median as a line', () => {
    const m = monthsChart({ ...SPEC, compared: [...SPEC.compared], baseline: [...SPEC.baseline] }, EVIDENCE, t)!;
    expect(m.bars.map((b) => [b.key, b.value, b.tone])).toEqual([
      ['2026-06', 300, 'baseline'], ['2026-07', 320, 'baseline'], ['2026-08', null, 'other'], ['2026-09', 110, 'compared'], ['2026-10', 130, 'compared'],
    ]);
    expect(m.lines).toEqual([
      { key: 'peer', tone: 'peer', values: [310, 330, 300, 305, 315], dashed: false },
      { key: 'baselineAvg', tone: 'baselineAvg', values: 310, dashed: true },
    ]);
    expect(m.summary).toBe('本户用电量柱状图，2026-09 至 2026-10：比较月份月均 120 千瓦时，同期同所同类用户中位数月均 310 千瓦时；基线月份月均 310 千瓦时');
    expect(m.bars[2]!.title).toBe('2026-08：本户未出账；同所同类用户中位数 300 千瓦时');
    expect(m.legend.map((l) => l.tone)).toEqual(['compared', 'baseline', 'other', 'peer', 'baselineAvg', 'missing']);
  });
  it('area: the loss rate per month, above the abnormal line in the alert tone, the norm and the line drawn', () => {
    const m = areaChart({ kind: 'area', month: '2026-10' }, EVIDENCE, t)!;
    expect(m.bars.map((b) => [b.value, b.tone])).toEqual([[0.05, 'normal'], [null, 'normal'], [0.18, 'alert']]);
    expect(m.lines.map((l) => [l.tone, l.values])).toEqual([['norm', 0.05], ['upper', 0.08]]);
    expect(m.summary).toBe('台区 温泉1号 TQ-1 线损率柱状图，2026-08 至 2026-10：2026-10 为 18%，标准 5%，异常线 8%；1 个月超过异常线');
    expect(areaChart({ kind: 'area', month: '2026-10' }, { ...EVIDENCE, area: null }, t)).toBeNull();
  });
  it('days: every day of the span (a day without a reading is a gap), the flagged day toned, 24 hours of the contract capacity', () => {
    const m = daysChart({ kind: 'days', date: '2026-10-30' }, EVIDENCE, t)!;
    expect(m.bars.map((b) => [b.key, b.value, b.tone])).toEqual([
      ['2026-10-28', 20, 'normal'], ['2026-10-29', null, 'normal'], ['2026-10-30', 250, 'flagged'], ['2026-10-31', 3.5, 'normal'],
    ]);
    expect(m.lines).toEqual([{ key: 'capacity', tone: 'capacity', values: 240, dashed: true }]);
    expect(m.summary).toBe('日电量柱状图，2026-10-28 至 2026-10-31：最高 250 千瓦时（2026-10-30），合同容量满载 24 小时 240 千瓦时；缺读数 1 天');
  });
  it('nothing to draw: no bills, no days', () => {
    const none = { ...EVIDENCE, months: EVIDENCE.months.map((m) => ({ ...m, kwh: null })), days: [] };
    expect(monthsChart({ ...SPEC, compared: null, baseline: null }, none, t)).toBeNull();
    expect(daysChart({ kind: 'days', date: null }, none, t)).toBeNull();
  });
  it('the axis reaches below zero for a negative loss and above the highest value', () => {
    expect(axisRange([0.18, 0.08])).toEqual({ lo: 0, hi: 0.2, ticks: [0, 0.05, 0.1, 0.15, 0.2] });
    expect(axisRange([-0.03, 0.05])).toMatchObject({ lo: -0.04, hi: 0.06 });
    expect(axisRange([])).toMatchObject({ lo: 0, hi: 1 });
  });
});

const CASE_JUDGEMENT = {
  ruleSetVersion: 'jicha-default-2026.1', score: 60, priority: 'high' as const, checkItems: [],
  reasons: [{ code: 'TREND', weight: 60, textZh: '电量持续下降', textEn: 'Falling consumption', family: 'consumption_trend', reasonCode: 'judgement.reason.consumption-trend', params: { ...TREND, from: '2026-09', baselineFrom: '2026-06', baselineTo: '2026-08' } }],
};

describe('on the case page', { timeout: 30_000 }, () => {
  it('each flag\'s words and its chart, asked for the flag\'s months, summarised for screen readers', async () => {
    const { callApi, requests } = fakeApi({ 'GET /api/customers/4210000002/flag-evidence': EVIDENCE });
    renderWithAdmin(<CaseJudgementPanel judgement={CASE_JUDGEMENT as never} accountNo="4210000002" />, { roles: ['supervisor'], dataProvider: { callApi } as never });
    const chart = await screen.findByTestId('flag-chart-months');
    expect(new URL(requests[0]!.url).search).toBe('?through=2026-10&months=5');
    expect(screen.getByTestId('reason-explanation').textContent).toMatch(/^自 2026-09 起月均 120 千瓦时，此前 2026-06 至 2026-08 月均 316.67 千瓦时/);
    const svg = within(chart).getByRole('img');
    expect(svg.getAttribute('aria-label')).toMatch(/比较月份月均 120 千瓦时，同期同所同类用户中位数月均 310 千瓦时/);
    const bars = within(chart).getAllByTestId('flag-bar');
    expect(bars.map((b) => [b.getAttribute('data-value'), b.getAttribute('data-tone')])).toEqual([
      ['300', 'baseline'], ['320', 'baseline'], ['', 'missing'], ['110', 'compared'], ['130', 'compared'],
    ]);
    // a taller bar is drawn taller
    const h = (i: number) => Number(bars[i]!.querySelector('rect')!.getAttribute('height'));
    expect(h(1)).toBeGreaterThan(h(0));
    expect(h(0)).toBeGreaterThan(h(4));
    expect(within(chart).getAllByTestId('flag-point').map((p) => p.getAttribute('data-value'))).toEqual(['310', '330', '300', '305', '315']);
    expect(within(chart).getByTestId('flag-legend').textContent).toContain('同所同类用户中位数');
  });

  it('in English, from the English catalogue', async () => {
    await i18nProvider.changeLocale('en');
    const { callApi } = fakeApi({ 'GET /api/customers/4210000002/flag-evidence': EVIDENCE });
    renderWithAdmin(<CaseJudgementPanel judgement={CASE_JUDGEMENT as never} accountNo="4210000002" />, { roles: ['supervisor'], dataProvider: { callApi } as never });
    const chart = await screen.findByTestId('flag-chart-months');
    expect(within(chart).getByRole('img').getAttribute('aria-label')).toBe('Bars of this customer\'s consumption, 2026-09 to 2026-10: 120 kWh a month in the months compared, peer median 310 kWh a month meanwhile; 310 kWh a month in the baseline months');
    expect(within(chart).getByTestId('flag-legend').textContent).toContain('Peer median (same station and tariff)');
  });

  it('degrades to text when the data is missing or refused', async () => {
    const empty = { ...EVIDENCE, months: EVIDENCE.months.map((m) => ({ ...m, kwh: null })) };
    const { callApi } = fakeApi({ 'GET /api/customers/4210000002/flag-evidence': empty });
    renderWithAdmin(<CaseJudgementPanel judgement={CASE_JUDGEMENT as never} accountNo="4210000002" />, { roles: ['supervisor'], dataProvider: { callApi } as never });
    expect((await screen.findByTestId('flag-chart-unavailable')).textContent).toBe('图表数据暂不可用，以上文字为依据。');
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByTestId('reason-explanation')).toBeTruthy();
  });

  it('a refusal of the evidence leaves the words', async () => {
    const { callApi } = fakeApi({ 'GET /api/customers/4210000002/flag-evidence': jsonResponse(404, { title: 'Not found', status: 404, code: 'customer.not-visible' }) });
    renderWithAdmin(<CaseJudgementPanel judgement={CASE_JUDGEMENT as never} accountNo="4210000002" />, { roles: ['supervisor'], dataProvider: { callApi } as never });
    await screen.findByTestId('flag-chart-unavailable');
    expect(screen.getByTestId('reason-explanation').textContent).toMatch(/^自 2026-09 起/);
  });
});

describe('in the customer 360', { timeout: 30_000 }, () => {
  it('a stored line-loss flag: the area\'s loss against the norm and the customer\'s months, up to the flagged month', async () => {
    const reason = {
      code: 'AREA_LINE_LOSS', family: 'area_line_loss', weight: 50, expectedRate: 0.41,
      params: { areaId: 'TQ-1', areaName: '温泉1号', areaType: 'urban' as const, month: '2026-10', lossRate: 0.18, norm: 0.05, suppliedKwh: 12000, billedKwh: 9840, drop: 0.57, baselineAvgKwh: 300, monthKwh: 130 },
    };
    const run = { id: 7, ruleSetVersion: 'v1', asOfMonth: '2026-10', status: 'completed' as const, customers: 10, flagged: 1, error: null, triggeredBy: 'schedule', startedAt: '2026-11-05T21:00:00.000Z', completedAt: '2026-11-05T21:00:09.000Z' };
    const { callApi, requests } = fakeApi({
      'GET /api/customers/4210000002/stored-judgement': { run, judgement: { runId: 7, ruleSetVersion: 'v1', asOfMonth: '2026-10', accountNo: '4210000002', score: 50, families: ['area_line_loss'], reasons: [reason], expectedRate: 0.41 } },
      'GET /api/customers/4210000002/flag-evidence': EVIDENCE,
    });
    renderWithAdmin(<StoredJudgementSection accountNo="4210000002" />, { roles: ['manager'], dataProvider: { callApi } as never });
    const area = await screen.findByTestId('flag-chart-area');
    expect(within(area).getAllByTestId('flag-bar').map((b) => b.getAttribute('data-tone'))).toEqual(['normal', 'missing', 'alert']);
    expect(within(area).getAllByTestId('flag-line').map((l) => [l.getAttribute('data-tone'), l.getAttribute('data-value')])).toEqual([['norm', '0.05'], ['upper', '0.08']]);
    expect(screen.getByTestId('flag-chart-months')).toBeTruthy();
    await waitFor(() => expect(requests.filter((r) => new URL(r.url).pathname.endsWith('/flag-evidence'))).toHaveLength(1));
    expect(new URL(requests.find((r) => r.url.includes('flag-evidence'))!.url).search).toBe('?through=2026-10&months=13');
  });

  it('a stored flag with the figures the server added: its words, and the months it compared highlighted', async () => {
    const reason = {
      code: 'TREND', family: 'consumption_trend', weight: 60, expectedRate: 0.3,
      explanation: { reasonCode: 'judgement.reason.consumption-trend', params: { ...TREND, from: '2026-09', baselineFrom: '2026-06', baselineTo: '2026-08' } },
    };
    const run = { id: 8, ruleSetVersion: 'v1', asOfMonth: '2026-10', status: 'completed' as const, customers: 10, flagged: 1, error: null, triggeredBy: 'schedule', startedAt: '2026-11-05T21:00:00.000Z', completedAt: '2026-11-05T21:00:09.000Z' };
    const { callApi, requests } = fakeApi({
      'GET /api/customers/4210000002/stored-judgement': { run, judgement: { runId: 8, ruleSetVersion: 'v1', asOfMonth: '2026-10', accountNo: '4210000002', score: 60, families: ['consumption_trend'], reasons: [reason], expectedRate: 0.3 } },
      'GET /api/customers/4210000002/flag-evidence': EVIDENCE,
    });
    renderWithAdmin(<StoredJudgementSection accountNo="4210000002" />, { roles: ['manager'], dataProvider: { callApi } as never });
    const chart = await screen.findByTestId('flag-chart-months');
    expect(within(chart).getAllByTestId('flag-bar').map((b) => b.getAttribute('data-tone'))).toEqual(['baseline', 'baseline', 'missing', 'compared', 'compared']);
    expect(screen.getByText(/^自 2026-09 起月均 120 千瓦时/)).toBeTruthy();
    expect(new URL(requests.find((r) => r.url.includes('flag-evidence'))!.url).search).toBe('?through=2026-10&months=5');
  });
});
