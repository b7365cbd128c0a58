import { describe, expect, it } from 'vitest';
import { fitView, gridSpacingM, panView, scaleBar, screenProjector, toScreen, zoomView } from './svgView';
import { bearingDeg, compassIndex, destination, distanceM, gridLines, localProjection, niceCeil, niceLength, splitDistance } from './geo';
import type { MapFeatures } from './features';
import { expandSubdomains, rasterBasemap } from './tiles';

const customer = { lat: 29.8413, lon: 114.3223 };
const base: MapFeatures = { customer, position: null, geofenceM: 200, tracks: [], localTrack: [], replay: null };

describe('local projection', () => {
  it('maps metres east/north around the reference, and back', () => {
    const { toXY, toLatLon } = localProjection(customer);
    const east = destination(customer, 90, 500);
    const north = destination(customer, 0, 300);
    expect(toXY(east).x).toBeCloseTo(500, 0);
    expect(Math.abs(toXY(east).y)).toBeLessThan(0.1);
    expect(toXY(north).y).toBeCloseTo(300, 1);
    const back = toLatLon(toXY(east));
    expect(distanceM(back, east)).toBeLessThan(1e-6);
  });
  it('keeps distances within 0.1 % of the great circle at visit scale (2 km)', () => {
    const { toXY } = localProjection(customer);
    for (const b of [0, 45, 135, 200, 300]) {
      const p = destination(customer, b, 2000);
      const q = toXY(p);
      expect(Math.abs(Math.hypot(q.x, q.y) - 2000)).toBeLessThan(2);
    }
  });
});

describe('fitView', () => {
  it('puts the customer in the middle with the geofence inside the padding', () => {
    const v = fitView(base, 360, 400, 28)!;
    // The geofence (400 m across) must fit the narrower side: 360 − 2·28 px.
    expect(v.mPerPx).toBeCloseTo(400 / 304, 6);
    const c = toScreen(v, { x: 0, y: 0 });
    expect(c).toEqual({ x: 180, y: 200 });
    const project = screenProjector(v);
    const eastEdge = project(destination(customer, 90, 200));
    expect(eastEdge.x).toBeCloseTo(360 - 28, 0);
  });
  it('north is up: a point north of the customer has a smaller y', () => {
    const v = fitView(base, 360, 400)!;
    const project = screenProjector(v);
    expect(project(destination(customer, 0, 50)).y).toBeLessThan(project(customer).y);
    expect(project(destination(customer, 90, 50)).x).toBeGreaterThan(project(customer).x);
  });
  it('takes in the inspector 2 km away with the accuracy circle, and the track', () => {
    const position = { ...destination(customer, 225, 2000), accuracyM: 50 };
    const track = [destination(customer, 300, 1500), customer];
    const v = fitView({ ...base, position, tracks: [{ id: 'd1', points: track }] }, 360, 640, 20)!;
    const project = screenProjector(v);
    for (const p of [position, ...track, customer]) {
      const s = project(p);
      expect(s.x).toBeGreaterThanOrEqual(20 - 1e-6);
      expect(s.x).toBeLessThanOrEqual(340 + 1e-6);
      expect(s.y).toBeGreaterThanOrEqual(20 - 1e-6);
      expect(s.y).toBeLessThanOrEqual(620 + 1e-6);
    }
  });
  it('keeps uneven padding free: the features sit inside the padded box', () => {
    const pad = { top: 64, right: 64, bottom: 44, left: 20 }; // any uneven padding
    const v = fitView(base, 390, 480, pad)!;
    const project = screenProjector(v);
    const n = project(destination(customer, 0, 200));
    const s = project(destination(customer, 180, 200));
    const e = project(destination(customer, 90, 200));
    const w = project(destination(customer, 270, 200));
    // The geofence's 400 m fill the narrower padded side (390 − 84 px) exactly; the other side has room.
    expect(e.x - w.x).toBeCloseTo(390 - 84, 3);
    expect(w.x).toBeCloseTo(20, 3);
    expect(n.y).toBeGreaterThanOrEqual(64 - 1e-6);
    expect(s.y).toBeLessThanOrEqual(480 - 44 + 1e-6);
    expect((n.y + s.y) / 2).toBeCloseTo((64 + 480 - 44) / 2, 3);
  });
  it('shows a lone point with at least 150 m around it; nothing at all gives no view', () => {
    const v = fitView({ ...base, geofenceM: 0 }, 300, 300, 0)!;
    expect(v.mPerPx).toBeCloseTo(150 / 300, 9);
    expect(fitView({ ...base, customer: null }, 300, 300)).toBeNull();
  });
  it('without a customer, centres on the inspector', () => {
    const v = fitView({ ...base, customer: null, position: { ...customer, accuracyM: 10 } }, 300, 300)!;
    expect(v.ref).toEqual({ lat: customer.lat, lon: customer.lon, accuracyM: 10 });
  });
});

describe('zoom, pan, scale bar, grid', () => {
  const v = fitView(base, 360, 400, 28)!;
  it('zoom halves the metres per pixel; pan follows the finger', () => {
    expect(zoomView(v, 2).mPerPx).toBeCloseTo(v.mPerPx / 2, 9);
    const moved = panView(v, 30, -10);
    // Dragging right moves the map right: what was at the centre is now 30 px right and 10 px up.
    expect(toScreen(moved, v.centre)).toEqual({ x: 210, y: 190 });
  });
  it('the scale bar is a round length whose pixel length matches the scale', () => {
    const bar = scaleBar(v, 100); // 100 px ≈ 131.6 m → 100 m
    expect(bar.lengthM).toBe(100);
    expect(bar.px).toBeCloseTo(100 / v.mPerPx, 6);
    expect(bar.px).toBeLessThanOrEqual(100);
    expect(scaleBar(zoomView(v, 0.01), 100).lengthM).toBe(10_000);
  });
  it('grid lines are a round spacing of at least 80 px', () => {
    const g = gridSpacingM(v);
    expect(g).toBe(200);
    expect(g / v.mPerPx).toBeGreaterThanOrEqual(80);
  });
});

describe('round lengths and words', () => {
  it('niceLength / niceCeil pick 1-2-5 steps', () => {
    expect([niceLength(131), niceLength(999), niceLength(1000), niceLength(0.7)]).toEqual([100, 500, 1000, 0.5]);
    expect([niceCeil(105), niceCeil(200), niceCeil(501), niceCeil(0)]).toEqual([200, 200, 1000, 0]);
  });
  it('distances in metres below 1 km, kilometres with one decimal below 10 km', () => {
    expect(splitDistance(849.6)).toEqual({ value: '850', km: false });
    expect(splitDistance(1234)).toEqual({ value: '1.2', km: true });
    expect(splitDistance(23_456)).toEqual({ value: '23', km: true });
  });
  it('bearings name the eight compass points', () => {
    expect(compassIndex(bearingDeg(customer, destination(customer, 44, 100)))).toBe(1);
    expect([compassIndex(0), compassIndex(359), compassIndex(90), compassIndex(181), compassIndex(-45)]).toEqual([0, 0, 2, 4, 7]);
  });
  it('a grid around the customer has lines every spacing, both ways', () => {
    const lines = gridLines(customer, 100, 300);
    expect(lines).toHaveLength(14); // −3…3 → 7 eastings + 7 northings
    const [a, b] = lines[0]!;
    expect(distanceM({ lon: a![0], lat: a![1] }, { lon: b![0], lat: b![1] })).toBeCloseTo(600, 0);
  });
});

describe('tile sources', () => {
  it('expands {s} into one URL per subdomain', () => {
    expect(expandSubdomains('https://t{s}.tianditu.gov.cn/x/{z}/{x}/{y}', ['0', '1'])).toEqual([
      'https://t0.tianditu.gov.cn/x/{z}/{x}/{y}', 'https://t1.tianditu.gov.cn/x/{z}/{x}/{y}',
    ]);
    expect(expandSubdomains('https://{s}.tile.example/{z}/{x}/{y}.png', undefined)).toHaveLength(3);
    expect(expandSubdomains('https://tiles.example/{z}/{x}/{y}.png', ['a'])).toEqual(['https://tiles.example/{z}/{x}/{y}.png']);
  });
  it('takes 天地图 WMTS in Web Mercator (w), refuses the geographic grid (c), and says when nothing is configured', () => {
    const w = 'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=K';
    const ok = rasterBasemap({ kind: 'wmts', url: w, subdomains: ['0', '1', '2'], attribution: '天地图', maxZoom: 18 });
    expect(ok.basemap?.tiles).toHaveLength(3);
    expect(ok.basemap?.tiles[2]).toContain('//t2.tianditu.gov.cn/');
    expect(ok.basemap?.maxzoom).toBe(18);
    expect(rasterBasemap({ kind: 'wmts', url: w.replace('TILEMATRIXSET=w', 'TILEMATRIXSET=c') })).toEqual({ basemap: null, problem: 'unsupported-grid' });
    expect(rasterBasemap(null)).toEqual({ basemap: null, problem: 'none' });
  });
});
