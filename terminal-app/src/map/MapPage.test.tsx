// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { AppContext, type AppServices } from '../AppContext';
import { I18nContext, translate, type Lang } from '../i18n';
import { destination } from '../../../ui-map/geo';
import { MapPage } from './MapPage';
import { MapView } from './MapView';
import { NavigateButtons } from './NavigateButtons';
import { ReplayPanel } from './ReplayPanel';
import { SvgMap } from './SvgMap';
import type { MapFeatures } from '../../../ui-map/features';

// The page and its parts in a DOM without WebGL (as on some PDAs and in headless browsers without a GPU): the SVG
// map must draw everything, the texts must say what is missing, the hand-off links must be the built URIs.

const customer = { lat: 29.8413, lon: 114.3223 };
const features: MapFeatures = {
  customer,
  position: { ...destination(customer, 210, 350), accuracyM: 25 },
  geofenceM: 200,
  tracks: [{ id: 'T-1', points: [destination(customer, 200, 600), destination(customer, 205, 300), customer] }],
  localTrack: [destination(customer, 210, 350), destination(customer, 205, 250)],
  replay: null,
};

function withI18n(node: ReactNode, lang: Lang = 'zh-CN') {
  return <I18nContext.Provider value={{ lang, t: (k, p) => translate(lang, k, p), setLang: () => undefined }}>{node}</I18nContext.Provider>;
}

beforeEach(() => {
  // jsdom has no canvas: answer "no context" quietly, as a browser without WebGL does.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
  localStorage.clear();
});

describe('SVG fallback map', () => {
  it('draws customer, geofence, position with accuracy, uploaded and local tracks, grid, scale bar — never a blank box', () => {
    render(withI18n(<SvgMap features={features} />));
    const svg = screen.getByTestId('map-svg');
    for (const id of ['map-customer', 'map-geofence', 'map-position', 'map-track', 'map-local-track', 'map-grid', 'map-scale']) {
      expect(svg.querySelector(`[data-testid="${id}"]`), id).not.toBeNull();
    }
    expect(screen.getByTestId('map-grid').querySelectorAll('line').length).toBeGreaterThan(2);
    expect(screen.getByTestId('map-scale').textContent).toMatch(/^\d+ (米|公里)$/);
    // The geofence circle's radius on screen is 200 m at the view's scale: the scale bar's own ratio.
    const bar = screen.getByTestId('map-scale').querySelector('path')!.getAttribute('d')!;
    const barPx = Number(/H([\d.]+)/.exec(bar)![1]);
    const barM = Number(/^(\d+)/.exec(screen.getByTestId('map-scale').textContent!)![1]) * (screen.getByTestId('map-scale').textContent!.includes('公里') ? 1000 : 1);
    const r = Number(screen.getByTestId('map-geofence').getAttribute('r'));
    expect(r).toBeCloseTo((200 / barM) * barPx, 6);
  });

  it('zooms with the buttons and comes back with 全览', () => {
    render(withI18n(<SvgMap features={features} />));
    const r0 = Number(screen.getByTestId('map-geofence').getAttribute('r'));
    fireEvent.click(screen.getByRole('button', { name: '放大' }));
    expect(Number(screen.getByTestId('map-geofence').getAttribute('r'))).toBeCloseTo(r0 * 2, 6);
    fireEvent.click(screen.getByRole('button', { name: '全览' }));
    expect(Number(screen.getByTestId('map-geofence').getAttribute('r'))).toBeCloseTo(r0, 6);
  });

  it('says so when there is nothing to place', () => {
    render(withI18n(<SvgMap features={{ ...features, customer: null, position: null, tracks: [], localTrack: [] }} />));
    expect(screen.getByText('没有可显示的位置。')).toBeTruthy();
  });
});

describe('MapView', () => {
  it('without WebGL draws the SVG map and says why there is no basemap', async () => {
    render(withI18n(<MapView features={features} tiles={{ kind: 'xyz', url: 'https://tiles.example/{z}/{x}/{y}.png' }} />));
    await waitFor(() => expect(screen.getByTestId('map-svg')).toBeTruthy());
    expect(screen.getByTestId('map-note').textContent).toBe('此设备不支持 WebGL：显示简化地图（无底图）。');
  });
});

describe('导航 buttons', () => {
  it('link to the four built URIs and say so when the map app did not open', () => {
    vi.useFakeTimers();
    render(withI18n(<NavigateButtons destination={{ ...customer, name: '咸宁温泉专业合作社' }} options={{ platform: 'android' }} />));
    const amap = screen.getByTestId('navigate-amap');
    expect(amap.getAttribute('href')).toMatch(/^amapuri:\/\/route\/plan\/\?sourceApplication=jicha&dlat=29\.838\d{3}&dlon=114\.327\d{3}&dname=.+&dev=0&t=0$/);
    expect(screen.getByTestId('navigate-baidu').getAttribute('href')).toMatch(/^baidumap:\/\/map\/direction\?destination=name:.+\|latlng:[\d.]+,[\d.]+&coord_type=bd09ll&mode=driving&src=andr\.jicha\.terminal$/);
    expect(screen.getByTestId('navigate-tencent').getAttribute('href')).toMatch(/^qqmap:\/\/map\/routeplan\?type=drive&/);
    expect(screen.getByTestId('navigate-geo').getAttribute('href')).toBe(`geo:29.841300,114.322300?q=29.841300,114.322300(${encodeURIComponent('咸宁温泉专业合作社')})`);
    expect(amap.getAttribute('aria-label')).toBe('用高德地图导航到 咸宁温泉专业合作社');
    // jsdom does not leave the page for amapuri:, so the page stays visible: after the grace time, a message.
    fireEvent.click(amap, { button: 0 });
    expect(screen.queryByRole('status')).toBeNull();
    act(() => { vi.advanceTimersByTime(2_600); });
    expect(screen.getByRole('status').textContent).toBe('未能打开高德地图：请确认手机已安装高德地图，或改用其他地图。');
  });
});

describe('track replay panel', () => {
  const pts = [0, 1, 2].map((i) => ({ ...destination(customer, 180, 200 - i * 100), at: new Date(Date.UTC(2026, 2, 2, 2, i)).toISOString() }));
  const track = { deviceId: 'T-ABCDE-12345', username: 'inspector', startedAt: pts[0]!.at, endedAt: pts[2]!.at, pointCount: 12, lengthM: 200, points: pts };

  it('shows length and duration, and the slider moves the marker along the track by time', () => {
    const onPosition = vi.fn();
    render(withI18n(<ReplayPanel tracks={[track]} onPosition={onPosition} />));
    expect(screen.getByTestId('replay-summary').textContent).toBe('轨迹长度 200 米 · 用时 2 分 0 秒 · 12 个定位点');
    expect(onPosition).toHaveBeenLastCalledWith({ lat: pts[0]!.lat, lon: pts[0]!.lon });
    fireEvent.change(screen.getByTestId('replay-slider'), { target: { value: '750' } }); // 90 s of 120 s: half-way through the 2nd leg
    const last = onPosition.mock.calls.at(-1)![0] as { lat: number; lon: number };
    const expected = destination(customer, 180, 50);
    expect(last.lat).toBeCloseTo(expected.lat, 7);
    expect(last.lon).toBeCloseTo(expected.lon, 7);
    expect(screen.getByTestId('replay-at').textContent).toMatch(/已行 150 米$/);
  });

  it('says so when there is no track', () => {
    render(withI18n(<ReplayPanel tracks={[]} onPosition={() => undefined} />));
    expect(screen.getByText('暂无已上传的轨迹。')).toBeTruthy();
  });
});

describe('MapPage', () => {
  const taskId = '3f1c2d4e-0000-4000-8000-000000000001';
  const task = {
    caseId: taskId, caseNo: 'JC-1', customer: { accountNo: '42001', name: '咸宁温泉专业合作社', address: '咸安区温泉路 88 号', lat: customer.lat, lon: customer.lon },
    location: { ...customer, geoUri: 'geo:…' },
  };

  function services(get: (path: string, init: { params: { path: { id: string }; query?: Record<string, number> } }) => Promise<unknown>): AppServices {
    return {
      api: { GET: get } as unknown as AppServices['api'],
      session: {} as AppServices['session'],
      deviceId: 'T-TEST',
      config: { keycloak: { url: 'x', realm: 'x', clientId: 'x' }, map: { tiles: null, geofenceM: 200 } },
    };
  }
  function geolocation(onWatch: (ok: PositionCallback, fail: PositionErrorCallback) => void) {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: { watchPosition: (ok: PositionCallback, fail: PositionErrorCallback) => { onWatch(ok, fail); return 1; }, clearWatch: vi.fn(), getCurrentPosition: vi.fn() },
    });
  }
  const fix = (lat: number, lon: number, accuracy: number) => ({ coords: { latitude: lat, longitude: lon, accuracy }, timestamp: Date.now() }) as unknown as GeolocationPosition;

  it('shows the customer, the server\'s distance and bearing for the fix, 导航 links and the map', async () => {
    const here = destination(customer, 225, 500);
    geolocation((ok) => setTimeout(() => ok(fix(here.lat, here.lon, 18)), 0));
    const calls: string[] = [];
    const get = async (path: string, init: { params: { path: { id: string }; query?: Record<string, number> } }) => {
      calls.push(path);
      if (path === '/mobile/v1/tasks/{id}') return { data: task };
      if (path === '/mobile/v1/tasks/{id}/track') return { data: { caseId: taskId, toleranceM: 5, tracks: [] } };
      if (path === '/mobile/v1/tasks/{id}/navigation') {
        expect(init.params.query).toEqual({ fromLat: here.lat, fromLon: here.lon });
        return { data: { caseId: taskId, from: { lat: here.lat, lon: here.lon, distanceM: 500, bearingDeg: 45 } } };
      }
      throw new Error(path);
    };
    render(withI18n(<AppContext.Provider value={services(get)}><MapPage id={taskId} /></AppContext.Provider>));
    expect(await screen.findByRole('heading', { name: '咸宁温泉专业合作社' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('map-distance').textContent).toBe('距离 500 米 · 方位 东北（45°）'));
    expect(screen.getByTestId('map-accuracy').textContent).toBe('定位精度 ±18 米 · 签到范围：客户周围 200 米');
    expect(calls).toContain('/mobile/v1/tasks/{id}/navigation');
    expect(screen.getAllByTestId(/^navigate-/)).toHaveLength(4);
    await waitFor(() => expect(screen.getByTestId('map-svg').querySelector('[data-testid="map-position"]')).not.toBeNull());
    expect(screen.getByTestId('back-to-task').getAttribute('href')).toBe(`#/tasks/${taskId}`);
  });

  it('offline: computes distance and bearing on the device, from the place and track kept on the last visit', async () => {
    const here = destination(customer, 90, 150);
    geolocation((ok) => setTimeout(() => ok(fix(here.lat, here.lon, 8)), 0));
    let online = true;
    const pts = [{ ...here, at: '2026-03-02T02:00:00Z' }, { ...customer, at: '2026-03-02T02:03:00Z' }];
    const track = { deviceId: 'T-1', username: 'inspector', startedAt: pts[0]!.at, endedAt: pts[1]!.at, pointCount: 9, lengthM: 150, points: pts };
    const get = async (path: string) => {
      if (!online) throw new TypeError('Failed to fetch');
      if (path === '/mobile/v1/tasks/{id}') return { data: task };
      return { data: { caseId: taskId, toleranceM: 5, tracks: [track] } };
    };
    const first = render(withI18n(<AppContext.Provider value={services(get)}><MapPage id={taskId} /></AppContext.Provider>));
    await screen.findByRole('heading', { name: '咸宁温泉专业合作社' });
    first.unmount();
    online = false;
    render(withI18n(<AppContext.Provider value={services(get)}><MapPage id={taskId} /></AppContext.Provider>));
    expect(await screen.findByText('离线：显示本机上次保存的客户位置。')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('map-distance').textContent).toBe('距离 150 米 · 方位 西（270°）本机计算'));
    expect(screen.getByTestId('map-accuracy').textContent).toBe('定位精度 ±8 米 · 已在签到范围内（200 米）');
    fireEvent.click(screen.getByTestId('replay-toggle'));
    expect(screen.getByTestId('replay-summary').textContent).toBe('轨迹长度 150 米 · 用时 3 分 0 秒 · 9 个定位点');
  });

  it('offline on a task never opened: says the location is not on this device and offers a retry', async () => {
    geolocation(() => undefined);
    const get = async () => { throw new TypeError('Failed to fetch'); };
    render(withI18n(<AppContext.Provider value={services(get)}><MapPage id={taskId} /></AppContext.Provider>));
    expect(await screen.findByText('离线，且本机没有保存这个任务的客户位置：请联网后重试。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });

  it('says in words that location permission was refused', async () => {
    geolocation((_ok, fail) => setTimeout(() => fail({ code: 1, message: 'denied', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError), 0));
    const get = async (path: string) => (path === '/mobile/v1/tasks/{id}' ? { data: task } : { data: { caseId: taskId, toleranceM: 5, tracks: [] } });
    render(withI18n(<AppContext.Provider value={services(get)}><MapPage id={taskId} /></AppContext.Provider>, 'en'));
    await waitFor(() => expect(screen.getByTestId('map-geo').textContent).toBe('No permission to use your location: allow it for this app in the browser or system settings, then open this page again.'));
    expect(screen.getByTestId('map-geo').getAttribute('role')).toBe('alert');
    expect(screen.queryByTestId('map-distance')).toBeNull();
  });
});
