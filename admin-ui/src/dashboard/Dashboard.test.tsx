// @vitest-environment jsdom
import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, memoryStore, ResourceDefinitionContextProvider, type DataProvider } from 'react-admin';
import { i18nProvider } from '../i18n/i18nProvider';
import { canAccess } from '../auth/permissions';
import { fakeAuthProvider } from '../test/renderWithAdmin';
import { AppMenu } from '../layout/AppMenu';
import { PublicConfigContext } from '../boot/PublicConfigContext';
import type { DashboardQuery, DashboardStats } from './useDashboardStats';
import { Dashboard, DashboardStatsPanel } from './Dashboard';
import { defaultPeriod } from './periodModel';
import { fakeApi } from '../test/fakeApi';

function renderAs(roles: string[], ui: ReactElement, dataProvider: Partial<DataProvider> = {}) {
  const authProvider = {
    ...fakeAuthProvider(roles),
    getIdentity: async () => ({ id: 'u1', fullName: 'Test User', roles, orgUnit: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所' }),
    canAccess: async ({ resource, action }: { resource: string; action: string }) => canAccess(roles, resource, action) };
  return render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={dataProvider as DataProvider} authProvider={authProvider} store={memoryStore()} dashboard={() => null}>
      {ui}
    </AdminContext>,
  );
}

const ref = (id: string, nameZh: string, level = 'county') => ({ id, nameZh, nameEn: `${id} (en)`, level });
const zero = { suspected: 0, checkedOnSite: 0, confirmed: 0, confirmationRate: null, recovered: { backBillingYuan: 0, penaltyYuan: 0, totalYuan: 0 }, overdueSteps: 0, openEscalations: { tier1: 0, tier2: 0, tier3: 0, total: 0 }, presenceReview: { pending: 0, flagged: 0 } };

function stats(q: DashboardQuery): DashboardStats {
  const unit = q.unit ?? 'HB.XN';
  const city = ref('HB.XN', '咸宁供电公司', 'city');
  if (unit === 'HB.XN.XA') {
    return {
      unit: ref('HB.XN.XA', '咸安区供电公司'), path: [city, ref('HB.XN.XA', '咸安区供电公司')], period: { from: q.from!, to: q.to! }, asOf: '2026-04-30T04:00:00Z',
      figures: zero, trend: [{ month: q.to!, suspected: 0, checkedOnSite: 0, confirmed: 0, recoveredYuan: 0 }], units: [],
    };
  }
  return {
    unit: city, path: [city], period: { from: q.from!, to: q.to! }, asOf: '2026-04-30T04:00:00Z',
    figures: {
      suspected: 3570, checkedOnSite: 3570, confirmed: 1022, confirmationRate: 1022 / 3570,
      recovered: { backBillingYuan: 400_000, penaltyYuan: 650_000.5, totalYuan: 1_050_000.5 }, overdueSteps: 7, openEscalations: { tier1: 3, tier2: 1, tier3: 1, total: 5 },
      presenceReview: { pending: 4, flagged: 9 },
    },
    trend: [
      { month: '2026-03', suspected: 1500, checkedOnSite: 1400, confirmed: 400, recoveredYuan: 500_000 },
      { month: '2026-04', suspected: 2070, checkedOnSite: 2170, confirmed: 622, recoveredYuan: 550_000.5 },
    ],
    units: [
      { ...ref('HB.XN.XA', '咸安区供电公司'), ...zero, suspected: 3000, checkedOnSite: 3000, confirmed: 900 },
      { ...ref('HB.XN.JY', '嘉鱼县供电公司'), ...zero, suspected: 570, checkedOnSite: 570, confirmed: 122 },
    ],
  };
}

describe('<DashboardStatsPanel>', () => {
  it('shows the figures in zh-CN number and money format, the trend and the sub-units; a sub-unit opens its statistics', async () => {
    const getDashboardStats = vi.fn(async (q: DashboardQuery) => stats(q));
    renderAs(['supervisor'], <DashboardStatsPanel initialPeriod={{ from: '2026-03', to: '2026-04' }} />, { getDashboardStats } as never);
    const figures = await screen.findByTestId('dashboard-figures');
    const value = (id: string) => within(within(figures).getByTestId(`figure-${id}`)).getByTestId('figure-value').textContent;
    expect(value('suspected')).toBe('3,570');
    expect(value('confirmed')).toBe('1,022');
    expect(value('confirmationRate')).toBe('28.6%');
    expect(value('recovered')).toBe('¥1,050,000.50');
    expect(within(figures).getByTestId('figure-recovered').textContent).toContain('违约使用电费 ¥650,000.50');
    expect(value('overdueSteps')).toBe('7');
    expect(value('openEscalations')).toBe('5');
    expect(screen.getByTestId('escalations-tier3').textContent).toBe('3 级 1');
    // 疑似虚假工单: on review now, flagged in the period, and the way to the queue
    const review = within(figures).getByTestId('figure-presenceReview');
    expect(review.textContent).toContain('疑似虚假工单（待核实）');
    expect(value('presenceReview')).toBe('4');
    expect(within(review).getByTestId('presence-flagged').textContent).toBe('本期标记 9 件');
    expect((await within(review).findByTestId('presence-queue-link')).getAttribute('href')).toBe('#/presence-reviews');
    expect(getDashboardStats).toHaveBeenCalledWith({ from: '2026-03', to: '2026-04', unit: undefined });
    expect(screen.getAllByTestId('trend-point')).toHaveLength(6);
    expect(screen.getByTestId('dashboard-as-of').textContent).toContain('2026/04/30 12:00');
    expect(screen.getByTestId('dashboard-unit').textContent).toBe('咸宁供电公司');

    fireEvent.click(screen.getByRole('button', { name: '查看咸安区供电公司的统计' }));
    await waitFor(() => expect(screen.getByTestId('dashboard-unit').textContent).toBe('咸安区供电公司'));
    expect(getDashboardStats).toHaveBeenLastCalledWith({ from: '2026-03', to: '2026-04', unit: 'HB.XN.XA' });
    // nothing there: the empty states, and the breadcrumb leads back up
    expect(screen.getByTestId('dashboard-empty').textContent).toBe('所选期间和单位内没有稽查工单。');
    expect(screen.getByText('该单位没有下级单位。')).toBeTruthy();
    fireEvent.click(within(screen.getByTestId('dashboard-unit-path')).getByText('咸宁供电公司'));
    await waitFor(() => expect(getDashboardStats).toHaveBeenLastCalledWith({ from: '2026-03', to: '2026-04', unit: 'HB.XN' }));
  });

  it('the unit picker jumps to any unit inside the user\'s, found by name', async () => {
    const getDashboardStats = vi.fn(async (q: DashboardQuery) => stats(q));
    const { callApi } = fakeApi({
      'GET /api/org-units': [
        { id: 'HB.XN', parentId: 'HB', level: 'city', nameZh: '咸宁供电公司', nameEn: 'Xianning' },
        { id: 'HB.XN.XA', parentId: 'HB.XN', level: 'county', nameZh: '咸安区供电公司', nameEn: "Xian'an" },
      ],
    });
    renderAs(['manager'], <DashboardStatsPanel initialPeriod={{ from: '2026-03', to: '2026-04' }} />, { getDashboardStats, callApi } as never);
    await screen.findByTestId('dashboard-figures');
    const combo = within(screen.getByTestId('dashboard-unit-picker')).getByRole('combobox');
    await waitFor(() => expect((combo as HTMLInputElement).value).toBe('咸宁供电公司 (HB.XN)'));
    combo.focus();
    fireEvent.change(combo, { target: { value: '咸安' } });
    fireEvent.click(await screen.findByRole('option', { name: /咸安区供电公司 \(HB\.XN\.XA\)/ }));
    await waitFor(() => expect(getDashboardStats).toHaveBeenLastCalledWith({ from: '2026-03', to: '2026-04', unit: 'HB.XN.XA' }));
    await waitFor(() => expect(screen.getByTestId('dashboard-unit').textContent).toBe('咸安区供电公司'));
  });

  it('a station lead sees the count of visits on review but no link to the queue (supervisors and managers decide)', async () => {
    renderAs(['station_lead'], <DashboardStatsPanel initialPeriod={{ from: '2026-03', to: '2026-04' }} />, { getDashboardStats: async (q: DashboardQuery) => stats(q) } as never);
    const review = await screen.findByTestId('figure-presenceReview');
    expect(within(review).getByTestId('figure-value').textContent).toBe('4');
    await new Promise((r) => setTimeout(r, 100)); // the access check has answered
    expect(within(review).queryByTestId('presence-queue-link')).toBeNull();
  });

  it('a changed period is asked for; a reversed one is flagged and not sent', async () => {
    const getDashboardStats = vi.fn(async (q: DashboardQuery) => stats(q));
    renderAs(['manager'], <DashboardStatsPanel initialPeriod={{ from: '2026-03', to: '2026-04' }} />, { getDashboardStats } as never);
    await screen.findByTestId('dashboard-figures');
    fireEvent.change(screen.getByTestId('dashboard-from'), { target: { value: '2026-01' } });
    await waitFor(() => expect(getDashboardStats).toHaveBeenLastCalledWith({ from: '2026-01', to: '2026-04', unit: undefined }));
    const calls = getDashboardStats.mock.calls.length;
    fireEvent.change(screen.getByTestId('dashboard-to'), { target: { value: '2025-12' } });
    await screen.findByText('起始月份不能晚于截止月份');
    expect(getDashboardStats).toHaveBeenCalledTimes(calls);
  });

  it('shows the server\'s reason and a retry when the statistics cannot be read', async () => {
    let fail = true;
    const getDashboardStats = vi.fn(async (q: DashboardQuery) => {
      if (fail) throw Object.assign(new Error('Org unit HB is outside your org unit HB.XN.'), { status: 403 });
      return stats(q);
    });
    renderAs(['supervisor'], <DashboardStatsPanel />, { getDashboardStats } as never);
    // the reason in the user's words (403), the server's own sentence beside it
    await screen.findByText('您没有查看此内容的权限。');
    expect(screen.getByText('服务器说明：Org unit HB is outside your org unit HB.XN.')).toBeTruthy();
    expect(screen.getByText('统计读取失败')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await screen.findByTestId('dashboard-figures');
    expect(getDashboardStats).toHaveBeenLastCalledWith({ ...defaultPeriod(), unit: undefined });
  });
});

describe('<Dashboard> and the menu by role', () => {
  const definitions = {
    cases: { name: 'cases', hasList: true, hasShow: true, hasEdit: false, hasCreate: true },
    escalations: { name: 'escalations', hasList: true, hasShow: false, hasEdit: false, hasCreate: false },
    'presence-reviews': { name: 'presence-reviews', hasList: true, hasShow: true, hasEdit: false, hasCreate: false },
  };
  const menu = () => (
    <ResourceDefinitionContextProvider definitions={definitions}>
      <AppMenu />
    </ResourceDefinitionContextProvider>
  );
  const labels = async () => {
    await screen.findAllByRole('menuitem');
    await new Promise((r) => setTimeout(r, 50)); // every item's access check has answered
    return screen.getAllByRole('menuitem').map((m) => m.textContent);
  };

  it('an inspector gets cases only, and a welcome line and their open cases instead of statistics', async () => {
    const getDashboardStats = vi.fn();
    const getList = vi.fn(async () => ({ data: [], total: 0 }));
    const { unmount } = renderAs(['inspector'], menu(), { getDashboardStats } as never);
    expect(await labels()).toEqual(['我的待办', '稽查工单']);
    unmount();
    renderAs(['inspector'], <PublicConfigContext.Provider value={{ keycloak: { url: 'http://kc', realm: 'jicha', clientId: 'jicha-admin' }, version: '1.2.3' }}><Dashboard /></PublicConfigContext.Provider>, { getDashboardStats, getList } as never);
    expect(await screen.findByTestId('home-inspector')).toBeTruthy();
    expect(screen.queryByTestId('dashboard-not-for-role')).toBeNull();
    expect((await screen.findByTestId('dashboard-user')).textContent).toContain('欢迎，Test User· 所属单位：温泉供电所稽查员');
    expect(getDashboardStats).not.toHaveBeenCalled();
  });

  it.each([
    ['supervisor', ['首页', '我的待办', '稽查工单', '升级督办', '疑似虚假工单']],
    ['manager', ['首页', '我的待办', '稽查工单', '升级督办', '疑似虚假工单']],
    ['station_lead', ['首页', '我的待办', '稽查工单', '升级督办']],
    ['admin', []],
  ])('%s sees %j', async (role, expected) => {
    renderAs([role], menu());
    if (expected.length === 0) {
      await new Promise((r) => setTimeout(r, 100));
      expect(screen.queryAllByRole('menuitem')).toHaveLength(0);
    } else {
      await waitFor(async () => expect(await labels()).toEqual(expected));
    }
  });
});

describe('a remembered unit', () => {
  it('outside the user\'s own (another user on this browser): the server refuses it and the panel falls back to the user\'s unit', async () => {
    const getDashboardStats = vi.fn(async (q: DashboardQuery) => {
      if (q.unit === 'HB.WH') throw Object.assign(new Error('Org unit HB.WH is outside your org unit HB.XN.'), { status: 403 });
      return stats(q);
    });
    const store = memoryStore({ 'dashboard.unit': 'HB.WH' });
    const authProvider = { ...fakeAuthProvider(['supervisor']), canAccess: async () => true };
    render(
      <AdminContext i18nProvider={i18nProvider} dataProvider={{ getDashboardStats } as never} authProvider={authProvider} store={store}>
        <DashboardStatsPanel initialPeriod={{ from: '2026-03', to: '2026-04' }} />
      </AdminContext>,
    );
    await screen.findByTestId('dashboard-figures');
    expect(getDashboardStats.mock.calls.map(([q]) => q.unit)).toEqual(['HB.WH', undefined]);
    expect(screen.getByTestId('dashboard-unit').textContent).toBe('咸宁供电公司');
  });
});
