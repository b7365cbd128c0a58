// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Admin, Resource, TestMemoryRouter, type DataProvider } from 'react-admin';
import { i18nProvider } from '../../i18n/i18nProvider';
import { fakeAuthProvider } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import terminals, { personnel } from '.';

afterEach(() => cleanup());

// Terminals that registered themselves from the terminal app wait for binding: the list's 等待绑定 tab shows them with
// who registered them and when, and binds one with its registrant preselected.
const WAITING = {
  id: 'T-7K3QM-XP9RD', label: '李稽查的手机', platform: 'android', model: 'Pixel 8', registeredBy: 'inspector', registeredAt: '2026-12-03T01:30:00Z',
  boundUser: null, boundAt: null, boundBy: null, lastSeenAt: null, publicKeyThumbprint: 'abc',
};
const BOUND = { ...WAITING, id: 'pda-1', label: '所里 PDA', registeredBy: 'admin', boundUser: 'inspector2', boundAt: '2026-11-01T00:00:00Z', boundBy: 'admin' };
const PEOPLE = [
  { id: 'inspector', displayName: '李稽查', role: 'inspector', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所', active: true, devices: [] },
  { id: 'inspector2', displayName: '王用检', role: 'inspector', orgUnitId: 'HB.XN.JY.YY', orgUnitName: '鱼岳供电所', active: true, devices: ['pda-1'] },
];

function openList() {
  const bound: unknown[] = [];
  const { callApi } = fakeApi({ [`POST /api/terminals/${WAITING.id}/bind`]: async (r: Request) => (bound.push(await r.json()), { ...WAITING, boundUser: 'inspector', history: [], previousUser: null }) });
  const getList = vi.fn(async (resource: string, params: { filter: Record<string, unknown> }) => {
    if (resource === 'personnel') {
      const f = params.filter;
      const data = PEOPLE.filter((p) => (f.id === undefined || p.id === f.id) && (!f.q || p.displayName.includes(String(f.q)) || p.id.includes(String(f.q))));
      return { data, total: data.length };
    }
    const data = [WAITING, BOUND].filter((d) => params.filter.bound === undefined || (d.boundUser !== null) === params.filter.bound);
    return { data, total: data.length };
  });
  render(
    <TestMemoryRouter initialEntries={['/terminals']}>
      <Admin dataProvider={{ getList, callApi } as unknown as DataProvider} authProvider={fakeAuthProvider(['admin'])} i18nProvider={i18nProvider} disableTelemetry>
        <Resource name="terminals" {...terminals} />
        <Resource name="personnel" {...personnel} />
      </Admin>
    </TestMemoryRouter>,
  );
  return { getList, bound };
}

describe('terminals waiting for binding (等待绑定)', { timeout: 30_000 }, () => {
  it('the tab lists unbound terminals with who registered them and when', async () => {
    const { getList } = openList();
    expect(await screen.findByText('所里 PDA')).toBeTruthy();
    fireEvent.click(screen.getByTestId('terminals-tab-waiting'));
    await waitFor(() => expect(getList).toHaveBeenCalledWith('terminals', expect.objectContaining({ filter: { bound: false } })));
    await waitFor(() => expect(screen.queryByText('所里 PDA')).toBeNull());
    const row = screen.getByText('李稽查的手机').closest('tr')!;
    expect(within(row).getByText('inspector')).toBeTruthy();
    expect(within(row).getByText('2026/12/03 09:30')).toBeTruthy(); // Beijing time
    expect(screen.getByText(/核对终端屏幕上的编号后绑定到使用人/)).toBeTruthy();
    expect(screen.queryByTestId('terminal-bind-pda-1')).toBeNull(); // a bound terminal has no bind button in the list
  });

  it('binds a waiting terminal with its registrant preselected', async () => {
    const { bound } = openList();
    fireEvent.click(await screen.findByTestId(`terminal-bind-${WAITING.id}`));
    expect((await screen.findByTestId('terminal-bind-suggested')).textContent).toContain('李稽查（inspector）');
    const submit = screen.getByRole('button', { name: '绑定' }) as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(false));
    expect((screen.getByRole('combobox', { name: /人员/ }) as HTMLInputElement).value).toContain('李稽查（inspector）');
    fireEvent.click(submit);
    await waitFor(() => expect(bound).toEqual([{ username: 'inspector' }]));
  });
});
