// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppContext, type AppServices } from '../../AppContext';
import { createTerminalApi } from '../../api/client';
import { ensureDeviceIdentity, resetDeviceIdentity } from '../../device/identity';
import { DeviceGate } from './DeviceGate';

// The gate in front of the app: 等待管理员绑定终端 with the code and a QR until bound; the app once bound; a terminal
// known to be bound here opens offline.
let id: string;
beforeEach(async () => {
  localStorage.clear();
  await resetDeviceIdentity();
  id = (await ensureDeviceIdentity()).deviceId;
});
afterEach(() => cleanup());

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function mount(answer: (method: string, path: string) => Response) {
  const api = createTerminalApi({ baseUrl: 'http://jicha.test', token: async () => 'tok', deviceId: () => id, lang: () => 'zh-CN', fetch: async (r) => answer(r.method, new URL(r.url).pathname) });
  const logout = vi.fn(async () => undefined);
  const services = {
    api,
    deviceId: id,
    config: { keycloak: { url: 'http://kc', realm: 'jicha', clientId: 'jicha-terminal' }, map: { tiles: null, geofenceM: 200 } },
    session: { identity: { username: 'inspector', name: '李稽查', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ' }, offline: false, token: async () => 'tok', logout },
  } as AppServices;
  render(<AppContext.Provider value={services}><DeviceGate><p>我的任务</p></DeviceGate></AppContext.Provider>);
  return { logout, api };
}
// /me as the server answers it since #15: whether the request's device (its id and DPoP proof) is bound to the caller
const me = (deviceBound: boolean, waitingDevices: string[]) => json(200, { username: 'inspector', name: '李稽查', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ', clientId: 'jicha-terminal', deviceBound, waitingDevices });
const device = (boundUser: string | null) => json(201, { id, label: 'x', platform: 'other', model: null, registeredBy: 'inspector', registeredAt: '2026-12-03T01:00:00Z', boundUser, boundAt: null, boundBy: null, lastSeenAt: null, publicKeyThumbprint: 't' });

describe('<DeviceGate>', () => {
  test('first run: registers, says 等待管理员绑定终端 with the code and its QR; refresh after binding opens the app', async () => {
    let bound = false;
    mount((method) => (method === 'GET' ? me(bound, []) : device(null)));
    expect(await screen.findByText('等待管理员绑定终端')).toBeTruthy();
    expect(screen.getByTestId('device-code').textContent).toBe(id);
    expect(screen.getByTestId('device-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText(/HB\.XN\.XA\.WQ/)).toBeTruthy(); // who to ask
    expect(screen.queryByText('我的任务')).toBeNull();
    bound = true;
    fireEvent.click(screen.getByTestId('device-refresh'));
    expect(await screen.findByText('我的任务')).toBeTruthy();
  });

  test('bound to someone else: says so and offers to log out', async () => {
    const { logout } = mount((method) => (method === 'GET' ? me(false, []) : device('lead')));
    expect(await screen.findByText('此终端已绑定给其他人员')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('lead');
    fireEvent.click(screen.getByRole('button', { name: '退出登录' }));
    expect(logout).toHaveBeenCalled();
  });

  test('known to be bound here and started offline: the app at once, and it stays', async () => {
    localStorage.setItem('jicha.terminal.deviceBound', JSON.stringify({ deviceId: id, username: 'inspector' }));
    const calls: string[] = [];
    mount((method, path) => {
      calls.push(`${method} ${path}`);
      throw new TypeError('Failed to fetch');
    });
    expect(screen.getByText('我的任务')).toBeTruthy(); // no loading page first
    await waitFor(() => expect(calls).toContain('GET /mobile/v1/me'));
    expect(screen.getByText('我的任务')).toBeTruthy();
  });

  test('unbound while working (device.not-bound on a page\'s call): the binding screen replaces the app', async () => {
    localStorage.setItem('jicha.terminal.deviceBound', JSON.stringify({ deviceId: id, username: 'inspector' }));
    let bound = true;
    let meCalls = 0;
    const services = mount((_method, path) => {
      if (path === '/mobile/v1/me') meCalls += 1;
      if (path === '/mobile/v1/me') return json(200, { username: 'inspector', name: '李稽查', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ', clientId: 'jicha-terminal', deviceBound: bound, waitingDevices: [] });
      if (path === '/mobile/v1/devices') return device(null);
      return json(403, { type: 'urn:jicha:device.not-bound', title: 'Device not bound', status: 403, code: 'device.not-bound' });
    });
    await waitFor(() => expect(meCalls).toBe(1)); // the start's check: bound
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByText('我的任务')).toBeTruthy();
    bound = false; // the administrator unbinds it
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 11_000); // past the guard against flicker
    await services.api.GET('/mobile/v1/tasks').catch(() => undefined);
    vi.useRealTimers();
    expect(await screen.findByText('等待管理员绑定终端')).toBeTruthy();
    expect(screen.queryByText('我的任务')).toBeNull();
  });

  test('a refused registration explains it and offers a new identity', async () => {
    mount((method) => (method === 'GET' ? me(false, []) : json(409, { type: 'urn:jicha:device.taken', title: 'Device id in use', status: 409, detail: 'x', code: 'device.taken' })));
    expect(await screen.findByText('终端编号冲突')).toBeTruthy();
    expect(screen.getByText('此终端编号已由其他人员登记。请重新生成终端标识，或联系管理员。')).toBeTruthy();
    fireEvent.click(screen.getByTestId('device-reset'));
    expect(screen.getByTestId('device-reset-confirm')).toBeTruthy();
  });
});
