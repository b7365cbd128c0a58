import { describe, expect, it } from 'vitest';
import type { LineString, Polygon } from 'geojson';
import { boundsOf, buildStyle, featureData, FEATURE_SOURCES } from './glStyle';
import type { MapFeatures } from './features';
import { destination, distanceM } from './geo';
import { rasterBasemap } from './tiles';

const customer = { lat: 30.5928, lon: 114.3055 };
const base: MapFeatures = { customer, position: null, geofenceM: 200, tracks: [], localTrack: [], replay: null };

describe('buildStyle', () => {
  it('is the vector fallback without a basemap: background, grid and feature layers, no raster source', () => {
    const style = buildStyle(null);
    expect(Object.keys(style.sources).sort()).toEqual([...FEATURE_SOURCES].sort());
    expect(style.layers.map((l) => l.id)).toContain('grid-fine');
    expect(style.layers.some((l) => l.type === 'raster')).toBe(false);
    // No symbol layers: they would need a glyphs URL, i.e. a network resource besides the tiles.
    expect(style.layers.some((l) => l.type === 'symbol')).toBe(false);
    expect(style.glyphs).toBeUndefined();
  });

  it('puts a configured 天地图 WMTS basemap above the grid and below the features', () => {
    const { basemap } = rasterBasemap({
      kind: 'wmts',
      url: 'https://t{s}.example.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&TILEMATRIXSET=w&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}',
      subdomains: ['0', '1'],
      maxZoom: 18,
    });
    const style = buildStyle(basemap);
    expect(style.sources.basemap).toMatchObject({ type: 'raster', tiles: [expect.stringContaining('t0.'), expect.stringContaining('t1.')], maxzoom: 18 });
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('basemap')).toBeGreaterThan(ids.indexOf('grid-coarse'));
    expect(ids.indexOf('basemap')).toBeLessThan(ids.indexOf('geofence-fill'));
    expect(ids.indexOf('basemap')).toBeLessThan(ids.indexOf('checkin-accuracy'));
  });
});

describe('featureData', () => {
  it('draws the geofence as a ring of the configured radius around the customer', () => {
    const d = featureData(base);
    const ring = (d.geofence.features[0]!.geometry as Polygon).coordinates[0]!;
    for (const [lon, lat] of ring) expect(distanceM(customer, { lat: lat!, lon: lon! })).toBeCloseTo(200, 0);
  });

  it('draws each check-in\'s accuracy circle (the dot itself is an HTML marker), none for a fix without one', () => {
    const out = destination(customer, 90, 450);
    const d = featureData({ ...base, checkIns: [{ ...customer, inside: true, accuracyM: 0 }, { ...out, inside: false, accuracyM: 12 }] });
    expect(d.checkins.features.map((f) => f.properties?.inside)).toEqual([false]);
    const ring = (d.checkins.features[0]!.geometry as Polygon).coordinates[0]!;
    for (const [lon, lat] of ring) expect(distanceM(out, { lat: lat!, lon: lon! })).toBeCloseTo(12, 1);
  });

  it('draws tracks of two or more points only, in lon/lat order, and leaves the others empty', () => {
    const a = destination(customer, 0, 100);
    const d = featureData({ ...base, tracks: [{ id: 'd1', points: [customer, a] }, { id: 'd2', points: [a] }] });
    expect(d.tracks.features).toHaveLength(1);
    expect((d.tracks.features[0]!.geometry as LineString).coordinates).toEqual([[customer.lon, customer.lat], [a.lon, a.lat]]);
    expect(d.local.features).toHaveLength(0);
    expect(d.accuracy.features).toHaveLength(0);
    expect(d.grid.features.length).toBeGreaterThan(0);
  });
});

describe('boundsOf', () => {
  it('keeps the whole geofence and a far check-in in view', () => {
    const far = destination(customer, 45, 1_000);
    const b = boundsOf({ ...base, checkIns: [{ ...far, inside: false, accuracyM: 5 }] })!;
    const [[w, s], [e, n]] = b;
    expect(s).toBeLessThan(destination(customer, 180, 199).lat);
    expect(w).toBeLessThan(destination(customer, 270, 199).lon);
    expect(n).toBeGreaterThanOrEqual(far.lat);
    expect(e).toBeGreaterThanOrEqual(far.lon);
  });

  it('is null when there is nothing to show', () => {
    expect(boundsOf({ ...base, customer: null })).toBeNull();
  });
});
