// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { evidence, liveState } from '../../../test/fixtures';
import { localProjection } from '../../../../../ui-map/geo';
import type { CheckIn } from '../show/useCaseQueries';
import { CaseMap } from './CaseMap';
import { caseTrack, type TimedPoint } from './caseTrack';

const customer = { lat: 29.8413, lon: 114.3223 };
const { toLatLon } = localProjection(customer);
const at = (m: number) => new Date(Date.UTC(2026, 3, 2, 1, m)).toISOString();
const north100 = toLatLon({ x: 0, y: 100 });

function checkIn(lat: number, lon: number, inside: boolean): CheckIn {
  return { lat, lon, accuracyM: 8, deviceTime: at(0), at: at(0), distanceM: inside ? 100 : 350, insideGeofence: inside };
}

/** Screen position of a marker: a <g transform="translate(x,y)">, or a circle's centre. */
function posOf(el: Element): { x: number; y: number } {
  const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '');
  if (m) return { x: Number(m[1]), y: Number(m[2]) };
  const c = el.tagName === 'circle' ? el : el.querySelectorAll('circle')[el.querySelectorAll('circle').length - 1]!;
  return { x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) };
}

/** Metres per pixel of the drawing, read from its scale bar. */
function mPerPx(): number {
  const s = screen.getByTestId('map-scale');
  return Number(s.getAttribute('data-length-m')) / Number(s.getAttribute('data-px'));
}

afterEach(() => vi.unstubAllGlobals());

describe('<CaseMap> without WebGL (the SVG fallback of the shared map)', () => {
  it('draws a check-in 100 m north of the customer 100 m up at the scale bar\'s scale, labelled with its distance', () => {
    renderWithAdmin(<CaseMap customer={customer} checkIns={[checkIn(north100.lat, north100.lon, true)]} track={[]} webgl={false} />);
    const cust = posOf(screen.getByTestId('map-customer'));
    const dot = posOf(screen.getByTestId('map-checkin'));
    expect(dot.x).toBeCloseTo(cust.x, 6);
    expect((cust.y - dot.y) * mPerPx()).toBeCloseTo(100, 6); // up = smaller y
    expect(screen.getByTestId('map-checkin-distance').textContent).toBe('100 米');
    expect(screen.getByTestId('map-checkin').getAttribute('data-inside')).toBe('true');
    expect(screen.getByTestId('map-north').textContent).toBe('北');
  });

  it('says in words why it is a drawing, and still draws to scale; the geofence has the radius the case used', () => {
    const far = toLatLon({ x: 300, y: -200 });
    renderWithAdmin(<CaseMap customer={customer} checkIns={[checkIn(far.lat, far.lon, false)]} track={[]} geofenceRadiusM={150} webgl={false} />);
    expect(screen.getByTestId('case-map').getAttribute('data-map-mode')).toBe('svg');
    expect(screen.getByTestId('case-map').getAttribute('data-basemap')).toBe('none');
    expect(screen.getAllByTestId('map-note').map((n) => n.textContent).join(' ')).toContain('WebGL');
    const fence = screen.getByTestId('map-geofence');
    expect(fence.getAttribute('data-radius-m')).toBe('150');
    expect(Number(fence.getAttribute('r')) * mPerPx()).toBeCloseTo(150, 6);
    expect(screen.getByTestId('map-checkin').getAttribute('data-inside')).toBe('false');
    expect(screen.getByTestId('map-checkin-distance').textContent).toBe('361 米');
    expect(screen.getByText('签到范围 150 米')).toBeTruthy();
  });

  it('replays the track by time: the scrubber moves the marker to where the inspector was at that moment', () => {
    // 0, 1, 2, 3, 4 minutes; 80 m east and 60 m north each minute (100 m a minute)
    const track: TimedPoint[] = [0, 1, 2, 3, 4].map((i) => ({ ...toLatLon({ x: -400 + i * 80, y: -300 + i * 60 }), at: at(i), source: 'track' }));
    renderWithAdmin(<CaseMap customer={customer} checkIns={[]} track={track} webgl={false} />);
    expect(screen.getByTestId('map-track').getAttribute('points')!.split(' ')).toHaveLength(5);
    expect(screen.getByTestId('map-track-summary').textContent).toBe('轨迹全长 400 米，用时 4 分 0 秒，共 5 个定位点');
    const start = posOf(screen.getByTestId('map-replay'));

    fireEvent.change(screen.getByRole('slider', { name: '回放时间' }), { target: { value: '625' } }); // 2.5 min of 4
    const mid = posOf(screen.getByTestId('map-replay'));
    const k = mPerPx();
    expect((mid.x - start.x) * k).toBeCloseTo(200, 1);
    expect((start.y - mid.y) * k).toBeCloseTo(150, 1);
    const label = screen.getByTestId('map-replay-label').textContent!;
    expect(label).toContain('04/02 09:02:30'); // Beijing time
    expect(label).toContain('已走 250 米 / 400 米');
    expect(label).toContain('距客户 250 米'); // (-200, -150) from the customer
  });

  it('plays at the chosen speed in multiples of real time', () => {
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    vi.spyOn(performance, 'now').mockReturnValue(0);
    const track: TimedPoint[] = [0, 10].map((m) => ({ ...toLatLon({ x: m * 10, y: 0 }), at: at(m), source: 'track' })); // 10 minutes, 100 m
    renderWithAdmin(<CaseMap customer={customer} checkIns={[]} track={track} webgl={false} />);
    const speed = screen.getByTestId('map-replay-controls');
    // The default plays 10 minutes within 40 s: 30×
    expect(within(speed).getByText('30 倍速')).toBeTruthy();
    fireEvent.mouseDown(within(speed).getByRole('combobox'));
    fireEvent.click(screen.getByRole('option', { name: '60 倍速' }));
    fireEvent.click(screen.getByRole('button', { name: '回放' }));
    act(() => frames.shift()!(1_000)); // one second at 60×: one minute of ten
    expect(screen.getByTestId('map-replay-label').textContent).toContain('已走 10 米');
    act(() => frames.shift()!(5_000)); // four more seconds: five minutes
    expect(screen.getByTestId('map-replay-label').textContent).toContain('已走 50 米');
  });

  it('says so when there is nothing to place', () => {
    renderWithAdmin(<CaseMap customer={null} checkIns={[]} track={[]} webgl={false} />);
    expect(screen.getByTestId('empty-state').textContent).toContain('客户没有坐标');
  });
});

describe('caseTrack', () => {
  it('prefers a recorded GPS track, else joins check-ins and GPS-tagged evidence by time', () => {
    const recorded = [{ lat: 1, lon: 2, at: at(0) }];
    expect(caseTrack({ ...liveState(), track: recorded }).map((p) => p.source)).toEqual(['track']);

    const live = liveState({
      checkIns: [checkIn(29.8414, 114.3224, true)],
      evidence: [
        evidence({ evidenceId: 'late', capturedAt: at(30) }),
        evidence({ evidenceId: 'no-gps', lat: undefined, lon: undefined }),
      ],
    });
    expect(caseTrack(live).map((p) => [p.source, p.at])).toEqual([
      ['check_in', at(0)],
      ['evidence', at(30)],
    ]);
  });
});
