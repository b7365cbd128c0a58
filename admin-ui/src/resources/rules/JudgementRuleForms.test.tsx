// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Create, HttpError, ResourceContextProvider } from 'react-admin';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import { toSubmissionErrors } from '../../data/problemDetails';
import { JudgementRuleSetForm } from './JudgementRuleSetCreate';
import { toEditorValues, type JudgementRuleSetDocument } from './judgementEditorModel';
import { fromPercent, toPercent } from './ruleParamSpecs';

type Rule = JudgementRuleSetDocument['rules'][number];
const common = { anomalyType: 'theft' as const, weight: 50, textZh: '测试规则', textEn: 'Test rule', checkItems: [] };
/** One rule of each kind, with awkward shares (0.07, 0.35…) that must survive the percent round trip. */
const RULES: Record<Rule['kind'], Rule> = {
  consumption_level: { ...common, code: 'LEVEL', kind: 'consumption_level', params: { tariffCategories: ['residential', 'commercial'], whitelist: 'exclude', windowMonths: 12, minAvgMonthlyKwh: 450.5, maxPeakToAverage: null, minTroughToAverage: 0.07 } },
  consumption_drop: { ...common, code: 'DROP', kind: 'consumption_drop', params: { windowMonths: 3, maxOwnRatio: 0.07, maxPeerRelative: 0.6, minBaselineAvgMonthlyKwh: 60, statuses: ['active'], excludeZero: true } },
  zero_consumption: { ...common, code: 'ZERO', kind: 'zero_consumption', params: { windowMonths: 3, statuses: ['active', 'suspended'] } },
  capacity_exceeded: { ...common, code: 'OVER', kind: 'capacity_exceeded', params: { windowDays: 30, maxUtilisation: 0.9 } },
  meter_events: { ...common, code: 'EVENTS', kind: 'meter_events', params: { windowDays: 90, kinds: ['tamper', 'reverse_flow'], minCount: 2, excludeNearWorkOrderDays: 3 } },
  consumption_trend: {
    ...common, code: 'TREND', kind: 'consumption_trend',
    params: { windowMonths: 3, maxOnsetMonths: 9, baselineMonths: 3, maxOwnRatio: 0.07, maxMonthRatio: 0.35, maxYearOverYearRatio: null, minBaselineAvgMonthlyKwh: 30, vacancyMaxDayRatio: 2.5, vacancyDays: 30, maxStepRatio: 1.15, vacancyMaxDayKwh: 2.5, excludeZeroMonths: true, maxOffSeasonRatio: 0.35, offSeasonMonths: 2, statuses: ['active'], excludeZero: true },
  },
  consumption_norm: { ...common, code: 'NORM', kind: 'consumption_norm', params: { tariffCategories: ['residential'], whitelist: 'only', windowMonths: 12, minAvgMonthlyKwh: 600, minPeerMultiple: 4.5, maxPeakToAverage: 1.4 } },
  zero_unexplained: { ...common, code: 'ZEROX', kind: 'zero_unexplained', params: { windowMonths: 2, statuses: ['active'], priorMonths: 10, minPriorAvgMonthlyKwh: 10, minPeerSeasonShare: 0.07 } },
  zero_signals: {
    ...common, code: 'ZEROS', kind: 'zero_signals',
    params: { windowMonths: 2, statuses: ['active'], priorMonths: 10, minPriorAvgMonthlyKwh: 10, minPeerSeasonShare: 0.07, readingDays: 30, minMissingDays: null, eventDays: 90, eventKinds: ['power_loss'], minEvents: 2, outageMinShare: 0.07, outageMinMeters: 3 },
  },
  area_line_loss: {
    ...common, code: 'AREA', kind: 'area_line_loss',
    params: { normPercent: { urban: 5.5, town: 7, rural: 9 }, marginPoints: 3, negativeAbnormal: true, baselineMonths: 3, minDrop: 0.35, minTrailingAvgMonthlyKwh: 30, statuses: ['active'], netOfPeers: true },
  },
};
const docOf = (rule: Rule): JudgementRuleSetDocument => ({
  version: 'jr-forms-2',
  source: '测试',
  priorityThresholds: { urgent: 90, high: 60, normal: 30 },
  campaignMinScore: 40,
  rules: [rule],
});

function refused(errors: { path: string; message: string; code?: string }[]) {
  const problem = { title: 'Invalid request', status: 400, detail: '初判规则有不符合要求的字段。', errors };
  return new HttpError(problem.detail, 400, { ...problem, problemErrors: errors, errors: toSubmissionErrors(problem) });
}

async function renderForm(doc: JudgementRuleSetDocument, create = vi.fn(async (_r: string, p: { data: unknown }) => ({ data: { ...(p.data as object), id: 'x' } })), roles = ['manager']) {
  renderWithAdmin(
    <ResourceContextProvider value="judgement-rule-sets">
      <Create record={toEditorValues(doc)}>
        <JudgementRuleSetForm />
      </Create>
    </ResourceContextProvider>,
    { dataProvider: { create } as never, roles },
  );
  await screen.findByTestId('rule-params');
  return create;
}

/** The input labelled `label` (the label text starts with it). */
const input = (label: string) => screen.getByLabelText(label, { exact: false }) as HTMLInputElement;
function helperOf(label: string): string {
  const id = input(label).getAttribute('aria-describedby');
  return (id && document.getElementById(id)?.textContent) || '';
}
const sentRule = (create: ReturnType<typeof vi.fn>) => (create.mock.calls[0] as unknown as [string, { data: JudgementRuleSetDocument }])[1].data.rules[0]!;
const save = async () => fireEvent.click(await screen.findByRole('button', { name: '保存' }));

describe('percentages round-trip exactly', () => {
  it('shares ⇄ percent by moving the decimal point', () => {
    for (const share of [0.07, 0.35, 0.9, 0.6, 0.5, 1, 0.123456789, 1e-7, 9.99]) expect(fromPercent(toPercent(share))).toBe(share);
    expect(toPercent(0.07)).toBe(7);
    expect(toPercent(0.9)).toBe(90);
    expect(fromPercent(35)).toBe(0.35);
  });
});

describe('the judgement rule forms (one per rule kind)', () => {
  it.each(Object.keys(RULES) as Rule['kind'][])('%s: the stored values save back as exactly the same document', async (kind) => {
    const create = await renderForm(docOf(RULES[kind]));
    await save();
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(sentRule(create)).toEqual(RULES[kind]);
    expect(screen.queryByLabelText('参数（JSON）', { exact: false })).toBeNull();
  }, 30_000);

  it('a rule published before its kind gained parameters saves back without them (2026.3\'s theft, tariff, norm and line-loss rules)', async () => {
    const older = (r: Rule, drop: string[]) => ({ ...r, params: Object.fromEntries(Object.entries(r.params).filter(([k]) => !drop.includes(k))) }) as Rule;
    const rules = [
      older(RULES.consumption_trend, ['maxStepRatio', 'vacancyMaxDayKwh', 'excludeZeroMonths', 'maxOffSeasonRatio', 'offSeasonMonths']),
      older(RULES.consumption_level, ['minTroughToAverage']),
      older(RULES.consumption_norm, ['maxPeakToAverage']),
      older(RULES.area_line_loss, ['netOfPeers']),
    ];
    for (const rule of rules) {
      cleanup();
      const create = await renderForm(docOf(rule));
      await save();
      await waitFor(() => expect(create).toHaveBeenCalled());
      expect(sentRule(create)).toEqual(rule);
    }
  }, 60_000);

  it('consumption_drop: shares are shown and entered as percentages; the document gets the share', async () => {
    const create = await renderForm(docOf(RULES.consumption_drop));
    expect(input('每月电量不超过上年同月的').value).toBe('7');
    expect(input('降幅比值不超过同类用户的').value).toBe('60');
    fireEvent.change(input('每月电量不超过上年同月的'), { target: { value: '35' } });
    fireEvent.change(input('统计月数'), { target: { value: '4' } });
    await save();
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(sentRule(create).params).toEqual({ ...RULES.consumption_drop.params, maxOwnRatio: 0.35, windowMonths: 4 });
  }, 30_000);

  it('consumption_level: tariff categories and the whitelist are pickers with Chinese names; an empty peak limit is null', async () => {
    const create = await renderForm(docOf(RULES.consumption_level));
    const tariffs = screen.getByRole('group', { name: /适用电价类别/ });
    expect(within(tariffs).getByLabelText('居民生活')).toHaveProperty('checked', true);
    expect(within(tariffs).getByLabelText('大工业')).toHaveProperty('checked', false);
    fireEvent.click(within(tariffs).getByLabelText('一般工商业'));
    fireEvent.click(within(tariffs).getByLabelText('大工业'));
    expect(screen.getByText('不含白名单用户')).toBeTruthy();
    fireEvent.change(input('峰月电量不超过月均的'), { target: { value: '1.4' } });
    await save();
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(sentRule(create).params).toEqual({ ...RULES.consumption_level.params, tariffCategories: ['residential', 'large_industrial'], maxPeakToAverage: 1.4 });
  }, 30_000);

  it.each([
    ['consumption_level', '统计月数', '13', '应在 1 到 12 之间'],
    ['consumption_level', '峰月电量不超过月均的', '0.5', '应在 1 到 12 之间'],
    ['consumption_drop', '每月电量不超过上年同月的', '0', '应大于 0%，且不超过 100%'],
    ['consumption_drop', '每月电量不超过上年同月的', '120', '应大于 0%，且不超过 100%'],
    ['zero_consumption', '统计月数', '2.5', '应为整数'],
    ['capacity_exceeded', '日电量达到合同容量满载的', '1001', '应大于 0%，且不超过 1000%'],
    ['capacity_exceeded', '统计天数', '61', '应在 1 到 60 之间'],
    ['meter_events', '事件次数不少于', '0', '应在 1 到 1000 之间'],
    ['meter_events', '统计天数', '', '必填'],
    ['meter_events', '权重', '101', '不能大于 100'],
  ] as const)('%s: %s = "%s" is refused in Chinese before anything is sent', async (kind, label, value, message) => {
    const create = await renderForm(docOf(RULES[kind]));
    fireEvent.change(input(label), { target: { value } });
    await save();
    await waitFor(() => expect(helperOf(label)).toBe(message));
    expect(create).not.toHaveBeenCalled();
  }, 30_000);

  it('a picker left empty is refused in Chinese', async () => {
    const create = await renderForm(docOf(RULES.zero_consumption));
    const statuses = screen.getByRole('group', { name: /用户状态/ });
    fireEvent.click(within(statuses).getByLabelText('正常'));
    fireEvent.click(within(statuses).getByLabelText('暂停'));
    await save();
    await waitFor(() => expect(screen.getByText('至少选择一项')).toBeTruthy());
    expect(create).not.toHaveBeenCalled();
  }, 30_000);

  it('the server\'s refusal lands on the parameter it names', async () => {
    const create = vi.fn(async () => {
      throw refused([
        { path: 'rules.0.params.maxUtilisation', message: '不能大于 10', code: 'judgement.at-most' },
        { path: 'rules.0.params.windowDays', message: '应为整数', code: 'judgement.whole-number' },
      ]);
    });
    await renderForm(docOf(RULES.capacity_exceeded), create as never);
    await save();
    await waitFor(() => expect(create).toHaveBeenCalled());
    await waitFor(() => expect(helperOf('日电量达到合同容量满载的')).toBe('不能大于 10'));
    expect(helperOf('统计天数')).toBe('应为整数');
  }, 30_000);

  it('choosing another kind starts its parameters from the built-in values of that kind', async () => {
    const create = await renderForm(docOf(RULES.zero_consumption));
    fireEvent.mouseDown(screen.getByRole('combobox', { name: /规则类型/ }));
    fireEvent.click(await screen.findByRole('option', { name: '超容量' }));
    await waitFor(() => expect(input('日电量达到合同容量满载的').value).toBe('90'));
    await save();
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(sentRule(create)).toMatchObject({ kind: 'capacity_exceeded', params: { windowDays: 30, maxUtilisation: 0.9 } });
  }, 30_000);

  it('the built-in rule set\'s source is named in Chinese under its input', async () => {
    await renderForm({ ...docOf(RULES.zero_consumption), source: 'jicha built-in defaults (marketing-audit practice; State Grid Hubei Xianning pilot themes)' });
    expect(helperOf('依据 / 说明')).toBe('jicha 内置默认规则（营销稽查实践；国网湖北咸宁试点主题）');
  }, 30_000);

  it('the expert JSON mode is an admins\' toggle: a manager has none', async () => {
    await renderForm(docOf(RULES.capacity_exceeded));
    await screen.findByRole('button', { name: '保存' });
    expect(screen.queryByRole('switch', { name: /专家模式/ })).toBeNull();
  }, 30_000);

  it('an admin (without the manager role) switches to JSON and back without losing what was typed, and saves', async () => {
    const create = await renderForm(docOf(RULES.capacity_exceeded), undefined, ['admin']);
    fireEvent.click(await screen.findByRole('switch', { name: /专家模式/ }));
    const box = input('参数（JSON）');
    expect(JSON.parse(box.value)).toEqual(RULES.capacity_exceeded.params);
    fireEvent.change(box, { target: { value: '{"windowDays": 20, "maxUtilisation": 0.85}' } });
    fireEvent.click(screen.getByRole('switch', { name: /专家模式/ }));
    await waitFor(() => expect(input('日电量达到合同容量满载的').value).toBe('85'));
    await save();
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(sentRule(create).params).toEqual({ windowDays: 20, maxUtilisation: 0.85 });
  }, 30_000);
});

describe('the live preview', () => {
  it('shows the draft against the version in force, per rule and per unit, from the edited document', async () => {
    const counts = (version: string, total: number, byRule: { code: string; count: number }[], units: [string, string, number][]) => ({
      version, minScore: 40, total, byRule, byUnit: units.map(([unitId, nameZh, count]) => ({ unitId, nameZh, nameEn: unitId, count })),
    });
    const { callApi, requests } = fakeApi({
      'POST /api/judgement-rule-sets/jr-forms-2/preview': {
        asOfMonth: '2026-10', scope: 'HB.XN',
        draft: counts('jr-forms-2', 12, [{ code: 'OVER', count: 12 }], [['HB.XN.XA', '咸安区', 9], ['HB.XN.JY', '嘉鱼县', 3]]),
        inForce: counts('jicha-default-2026.1', 30, [{ code: 'OVER', count: 20 }, { code: 'THEFT_DROP', count: 10 }], [['HB.XN.XA', '咸安区', 30]]),
      },
    });
    renderWithAdmin(
      <ResourceContextProvider value="judgement-rule-sets">
        <Create record={toEditorValues(docOf(RULES.capacity_exceeded))}>
          <JudgementRuleSetForm />
        </Create>
      </ResourceContextProvider>,
      { dataProvider: { callApi } as never, roles: ['manager'] },
    );
    await waitFor(() => expect(screen.getByTestId('preview-totals').textContent).toBe('草稿选中 12 户，现行规则选中 30 户（HB.XN）'), { timeout: 5000 });
    expect(requests).toHaveLength(1);
    const body = (await requests[0]!.json()) as { document: JudgementRuleSetDocument };
    expect(body.document.rules[0]).toEqual(RULES.capacity_exceeded);
    const byRule = within(screen.getByRole('table', { name: '按规则' })).getAllByRole('row').map((r) => r.textContent);
    expect(byRule).toEqual(['按规则草稿现行', 'OVER（测试规则）1220', 'THEFT_DROP—10']);
    const byUnit = within(screen.getByRole('table', { name: '按单位' })).getAllByRole('row').map((r) => r.textContent);
    expect(byUnit).toEqual(['按单位草稿现行', '咸安区930', '嘉鱼县3—']);
  }, 30_000);
});
