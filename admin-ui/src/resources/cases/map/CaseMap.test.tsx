// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { evidence, liveState } from '../../../test/fixtures';
import type { CheckIn } from '../show/useCaseQueries';
import { CaseMap } from './CaseMap';
import { caseTrack, type TimedPoint } from './caseTrack';
import { niceScaleLength, projectLocal, unprojectLocal, viewHalfExtent } from './projection';

const customer = { lat: 29.8413, lon: 114.3223 };
const at = (m: number) => new Date(Date.UTC(2026, 3, 2, 1, m)).toISOString();
const north100 = unprojectLocal(customer, { x: 0, y: 100 });

function checkIn(lat: number, lon: number, inside: boolean): CheckIn {
  return { lat, lon, accuracyM: 8, deviceTime: at(0), at: at(0), distanceM: inside ? 100 : 350, insideGeofence: inside };
}

const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

describe('projection (equirectangular around the customer)', () => {
  it('puts a point 100 m north at y = 100 and 100 m east at x = 100', () => {
    const p = projectLocal(customer, north100);
    expect(p.x).toBeCloseTo(0, 6);
    expect(p.y).toBeCloseTo(100, 6);
    const east = projectLocal(customer, unprojectLocal(customer, { x: 100, y: 0 }));
    expect(east.x).toBeCloseTo(100, 6);
    // 0.001° of latitude is ~111 m anywhere
    expect(projectLocal(customer, { lat: customer.lat + 0.001, lon: customer.lon }).y).toBeCloseTo(111.2, 1);
  });

  it('chooses a view that holds the geofence and every point, and a 1-2-5 scale length', () => {
    expect(viewHalfExtent([{ x: 50, y: -20 }], 200, 1)).toBe(200);
    expect(viewHalfExtent([{ x: 50, y: -450 }], 200, 1)).toBe(450);
    expect([niceScaleLength(130), niceScaleLength(99), niceScaleLength(260), niceScaleLength(1200)]).toEqual([100, 50, 200, 1000]);
  });
});

describe('<CaseMap>', () => {
  it('draws a point 100 m north of the customer 100 m up on the scale (1 SVG unit = 1 m)', () => {
    renderWithAdmin(<CaseMap customer={customer} checkIns={[checkIn(north100.lat, north100.lon, true)]} track={[]} />);
    const cust = screen.getByTestId('map-customer');
    const dot = screen.getByTestId('map-checkin');
    const custCy = num(cust, 'y') + num(cust, 'height') / 2;
    expect(num(dot, 'cx')).toBeCloseTo(0, 6);
    expect(custCy - num(dot, 'cy')).toBeCloseTo(100, 6); // up = smaller SVG y

    const scale = screen.getByTestId('map-scale');
    const length = Number(scale.getAttribute('data-length-m'));
    const bar = scale.querySelector('line')!;
    expect(num(bar, 'x2') - num(bar, 'x1')).toBe(length); // the bar is `length` metres long in the same units
    expect(scale.textContent).toBe(`${length} m`);

    const fence = screen.getByTestId('map-geofence');
    expect(num(fence, 'r')).toBe(200);
    expect(dot.getAttribute('data-inside')).toBe('true');
  });

  it('colours check-ins outside the geofence and draws the radius the case used', () => {
    const far = unprojectLocal(customer, { x: 300, y: -200 });
    renderWithAdmin(<CaseMap customer={customer} checkIns={[checkIn(far.lat, far.lon, false)]} track={[]} geofenceRadiusM={150} />);
    expect(screen.getByTestId('map-checkin').getAttribute('data-inside')).toBe('false');
    expect(num(screen.getByTestId('map-geofence'), 'r')).toBe(150);
    expect(screen.getByText('签到范围 150 米')).toBeTruthy();
  });

  it('replays the track: the slider at k shows the first k points', () => {
    const track: TimedPoint[] = [0, 1, 2, 3, 4].map((i) => ({
      ...unprojectLocal(customer, { x: -400 + i * 80, y: -300 + i * 60 }),
      at: at(i),
      source: 'track',
    }));
    renderWithAdmin(<CaseMap customer={customer} checkIns={[]} track={track} />);
    expect(screen.getAllByTestId('map-track-point')).toHaveLength(5); // whole track at first

    const slider = screen.getByRole('slider', { name: '轨迹回放进度' });
    fireEvent.change(slider, { target: { value: '3' } });
    const points = screen.getAllByTestId('map-track-point');
    expect(points).toHaveLength(3);
    const line = screen.getByTestId('map-track').getAttribute('points')!.split(' ');
    expect(line).toHaveLength(3);
    const third = projectLocal(customer, track[2]!);
    expect(num(screen.getByTestId('map-track-current'), 'cx')).toBeCloseTo(third.x, 6);
    expect(num(screen.getByTestId('map-track-current'), 'cy')).toBeCloseTo(-third.y, 6);
    expect(screen.getByTestId('map-replay-label').textContent).toContain('3 / 5');

    fireEvent.change(slider, { target: { value: '1' } });
    expect(screen.getAllByTestId('map-track-point')).toHaveLength(1);
    expect(screen.queryByTestId('map-track')).toBeNull(); // one point: no line yet
  });

  it('plays the replay step by step from the start', () => {
    vi.useFakeTimers();
    try {
      const track: TimedPoint[] = [0, 1, 2].map((i) => ({ ...unprojectLocal(customer, { x: i * 50, y: 0 }), at: at(i), source: 'track' }));
      renderWithAdmin(<CaseMap customer={customer} checkIns={[]} track={track} />);
      fireEvent.click(screen.getByRole('button', { name: '回放' }));
      expect(screen.getAllByTestId('map-track-point')).toHaveLength(1);
      act(() => vi.advanceTimersByTime(700));
      expect(screen.getAllByTestId('map-track-point')).toHaveLength(2);
      act(() => vi.advanceTimersByTime(700));
      expect(screen.getAllByTestId('map-track-point')).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says so when the customer has no coordinates', () => {
    renderWithAdmin(<CaseMap customer={null} checkIns={[]} track={[]} />);
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
