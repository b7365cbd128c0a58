// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { cleanup, screen, render, within } from '@testing-library/react';
import { afterEach } from 'vitest';
import { Admin, Resource, TestMemoryRouter, type DataProvider } from 'react-admin';
import { i18nProvider } from '../../i18n/i18nProvider';
import { fakeAuthProvider } from '../../test/renderWithAdmin';
import announcements from '../announcements';
import feedback from '../feedback';
import consultations from '../consultations';
import terminals, { personnel } from '../terminals';

afterEach(() => cleanup());

const FB = {
  id: '8f0c1e9a-1111-4222-8333-944455556666', username: 'inspector', userName: '李稽查', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所', deviceId: 'pda-1',
  category: 'bug', text: '导航无法定位', caseId: null, caseNo: null, appVersion: '1.0.0', status: 'answered', reply: '已修复，请升级。', repliedBy: 'manager',
  repliedAt: '2026-11-20T02:00:00Z', handledBy: 'supervisor', createdAt: '2026-11-19T01:00:00Z', updatedAt: '2026-11-20T02:00:00Z', actions: ['close', 'reopen'],
};

/** The whole app shell for a few resources, opened at `path`, over a fake API. */
function openAt(path: string, dataProvider: Record<string, unknown>, roles: string[]) {
  return render(
    <TestMemoryRouter initialEntries={[path]}>
      <Admin dataProvider={dataProvider as unknown as DataProvider} authProvider={fakeAuthProvider(roles)} i18nProvider={i18nProvider} disableTelemetry>
        <Resource name="announcements" {...announcements} />
        <Resource name="feedback" {...feedback} />
        <Resource name="consultations" {...consultations} />
        <Resource name="terminals" {...terminals} />
        <Resource name="personnel" {...personnel} />
      </Admin>
    </TestMemoryRouter>,
  );
}

// Whole react-admin renders take seconds on a loaded machine; the default 5 s limit is too tight.
describe('content pages in the app shell', { timeout: 30_000 }, () => {
  it('the feedback list shows open work by default, with translated category and status', async () => {
    const getList = vi.fn(async () => ({ data: [FB], total: 1 }));
    openAt('/feedback', { getList }, ['supervisor']);
    expect(await screen.findByText('导航无法定位')).toBeTruthy();
    expect(screen.getByTestId('feedback-status-chip').textContent).toBe('已答复');
    expect(screen.getAllByText('故障').length).toBeGreaterThan(0);
    expect(getList).toHaveBeenCalledWith('feedback', expect.objectContaining({ filter: { status: ['open', 'in_progress'] } }));
  });

  it('the feedback page shows the reply, who gave it, and the moves legal now', async () => {
    openAt(`/feedback/${FB.id}/show`, { getOne: async () => ({ data: FB }) }, ['supervisor']);
    expect((await screen.findByTestId('feedback-reply')).textContent).toBe('已修复，请升级。');
    const actions = screen.getByTestId('feedback-status-actions');
    expect([...actions.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['关闭', '重新打开']);
  });

  it('an announcement from above is read-only: no edit or withdraw', async () => {
    const a = {
      id: '12', orgUnitId: null, orgUnitName: null, title: '全省通知', body: '正文', pinned: false, publishedAt: '2026-11-01T00:00:00Z', expiresAt: null,
      createdBy: 'admin', updatedAt: '2026-11-01T00:00:00Z', updatedBy: null, state: 'current', editable: false,
    };
    openAt('/announcements/12/show', { getOne: async () => ({ data: a }) }, ['manager']);
    expect(await screen.findByText('全省通知')).toBeTruthy();
    expect(screen.getByText('全体单位')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /编辑/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '撤回' })).toBeNull();
  });

  it('a consultation page shows the answer with the regulation it cites', async () => {
    const k = {
      id: '0b7e7a52-2222-4333-8444-955566667777', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所', askedBy: 'inspector', askedByName: '李稽查', deviceId: null,
      topic: 'tariff', subject: '商业用电认定', question: '合作社开餐馆按什么电价？', caseId: null, caseNo: null, status: 'answered', answer: '按一般工商业电价。',
      regulationId: 'reg-business-rules-1996', regulationTitle: '供电营业规则（1996）', answeredBy: 'supervisor', answeredAt: '2026-11-20T02:00:00Z',
      closedBy: null, closedAt: null, createdAt: '2026-11-19T01:00:00Z', updatedAt: '2026-11-20T02:00:00Z', actions: ['close'],
    };
    openAt(`/consultations/${k.id}/show`, { getOne: async () => ({ data: k }) }, ['inspector']);
    expect((await screen.findByTestId('consultation-answer')).textContent).toBe('按一般工商业电价。');
    expect(screen.getByRole('link', { name: '供电营业规则（1996）' }).getAttribute('href')).toContain('/regulations/reg-business-rules-1996/show');
    expect(screen.getByText('电价执行')).toBeTruthy();
  });

  it('a terminal page shows its holder and binding history, and offers rebind and unbind', async () => {
    const d = {
      id: 'pda-1', label: '温泉所 PDA 1', platform: 'pda', model: 'UROVO', registeredBy: 'admin', registeredAt: '2026-11-01T00:00:00Z', boundUser: 'inspector',
      boundAt: '2026-11-02T00:00:00Z', boundBy: 'admin', lastSeenAt: null,
      history: [{ username: 'inspector', changedBy: 'admin', changedAt: '2026-11-02T00:00:00Z' }, { username: null, changedBy: 'admin', changedAt: '2026-11-01T12:00:00Z' }],
    };
    openAt('/terminals/pda-1/show', { getOne: async () => ({ data: d }) }, ['admin']);
    const history = await screen.findByTestId('terminal-history');
    expect(within(history).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['2026/11/02 08:00inspectoradmin', '2026/11/01 20:00（解除绑定）admin']);
    expect(screen.getByRole('button', { name: '改绑' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '解除绑定' })).toBeTruthy();
    expect(screen.getByText('从未上线')).toBeTruthy();
    expect(screen.getByText('手持终端（PDA）')).toBeTruthy();
  });

  it('the personnel list shows each person\'s terminals as links', async () => {
    const people = [{ id: 'inspector', displayName: '李稽查', role: 'inspector', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所', active: true, devices: ['pda-1', 'pda-2'] }];
    openAt('/personnel', { getList: async () => ({ data: people, total: 1 }) }, ['admin']);
    expect((await screen.findByRole('link', { name: 'pda-2' })).getAttribute('href')).toContain('/terminals/pda-2/show');
    expect(screen.getAllByText('稽查员').length).toBeGreaterThan(0);
  });
});
