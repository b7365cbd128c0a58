import type { StyleSpecification } from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import type { LatLon } from './coords';
import { anchorOf, extentPoints, TRACK_COLOURS, type MapFeatures } from './features';
import { circleRing, destination, gridLines } from './geo';
import type { RasterBasemap } from './tiles';

// The MapLibre side of the map, shared by the terminal app and the back office: a style built in code (no style URL,
// no glyphs, no sprite — nothing to fetch besides the configured tiles), and the GeoJSON each source is fed with.
// Without a basemap (none configured, or its tiles do not come) the style is the vector fallback: a plain background
// with a metric grid under the features, so distances and movement stay readable.

export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The GeoJSON sources the style declares; `featureData` fills them. */
export const FEATURE_SOURCES = ['grid', 'geofence', 'accuracy', 'tracks', 'local', 'checkins'] as const;
export type FeatureSource = (typeof FEATURE_SOURCES)[number];

export function buildStyle(basemap: RasterBasemap | null): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: Object.fromEntries(FEATURE_SOURCES.map((id) => [id, { type: 'geojson', data: EMPTY }])),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
      // 100 m lines close up, 1 km further out. Basemap tiles, when they load, cover them.
      { id: 'grid-fine', type: 'line', source: 'grid', minzoom: 14, filter: ['==', ['get', 'k'], 'fine'], paint: { 'line-color': '#cfd6de', 'line-width': 1 } },
      { id: 'grid-coarse', type: 'line', source: 'grid', maxzoom: 14, filter: ['==', ['get', 'k'], 'coarse'], paint: { 'line-color': '#c3cbd4', 'line-width': 1 } },
    ],
  };
  if (basemap) {
    style.sources.basemap = { type: 'raster', tiles: basemap.tiles, tileSize: 256, maxzoom: basemap.maxzoom, attribution: basemap.attribution };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  style.layers.push(
    { id: 'geofence-fill', type: 'fill', source: 'geofence', paint: { 'fill-color': '#0b5394', 'fill-opacity': 0.08 } },
    { id: 'geofence-line', type: 'line', source: 'geofence', paint: { 'line-color': '#0b5394', 'line-width': 2, 'line-dasharray': [3, 2] } },
    { id: 'tracks', type: 'line', source: 'tracks', layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: { 'line-color': ['get', 'colour'], 'line-width': 4 } },
    { id: 'local', type: 'line', source: 'local', layout: { 'line-cap': 'round' }, paint: { 'line-color': '#c2185b', 'line-width': 3, 'line-dasharray': [1, 2] } },
    { id: 'accuracy-fill', type: 'fill', source: 'accuracy', paint: { 'fill-color': '#1e88e5', 'fill-opacity': 0.15 } },
    { id: 'accuracy-line', type: 'line', source: 'accuracy', paint: { 'line-color': '#1e88e5', 'line-width': 1 } },
    // The check-ins' fix accuracy; their dots are HTML markers (glMap.ts).
    { id: 'checkin-accuracy', type: 'fill', source: 'checkins', paint: { 'fill-color': '#000', 'fill-opacity': 0.06 } },
  );
  return style;
}

export const polygon = (ring: [number, number][]): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
export const lineString = (pts: readonly LatLon[], properties: Record<string, string> = {}): Feature => ({
  type: 'Feature', properties, geometry: { type: 'LineString', coordinates: pts.map((p) => [p.lon, p.lat]) },
});
export const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

/** The frame of reference drawn under the features: 100 m lines within 3 km, 1 km lines within 20 km. */
export function gridData(anchor: LatLon): FeatureCollection {
  const lines = (k: string, spacing: number, half: number): Feature[] =>
    gridLines(anchor, spacing, half).map((l) => ({ type: 'Feature', properties: { k }, geometry: { type: 'LineString', coordinates: l } }));
  return collection([...lines('fine', 100, 3_000), ...lines('coarse', 1_000, 20_000)]);
}

/** What each GeoJSON source of the style shows for these features. */
export function featureData(f: MapFeatures): Record<FeatureSource, FeatureCollection> {
  const anchor = anchorOf(f);
  return {
    grid: anchor ? gridData(anchor) : EMPTY,
    geofence: f.customer && f.geofenceM > 0 ? collection([polygon(circleRing(f.customer, f.geofenceM))]) : EMPTY,
    accuracy: f.position && f.position.accuracyM > 0 ? collection([polygon(circleRing(f.position, f.position.accuracyM))]) : EMPTY,
    tracks: collection(f.tracks.filter((tr) => tr.points.length > 1).map((tr, i) => lineString(tr.points, { colour: TRACK_COLOURS[i % TRACK_COLOURS.length]! }))),
    local: f.localTrack.length > 1 ? collection([lineString(f.localTrack)]) : EMPTY,
    checkins: collection((f.checkIns ?? []).filter((c) => c.accuracyM > 0).map((c) => ({ ...polygon(circleRing(c, c.accuracyM, 32)), properties: { inside: c.inside } }))),
  };
}

/** [[west, south], [east, north]] around every feature and the circles that must fit; null when there is nothing. */
export function boundsOf(f: MapFeatures): [[number, number], [number, number]] | null {
  const pts = extentPoints(f);
  if (!pts.length) return null;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const add = (q: LatLon) => {
    w = Math.min(w, q.lon);
    e = Math.max(e, q.lon);
    s = Math.min(s, q.lat);
    n = Math.max(n, q.lat);
  };
  for (const { p, r } of pts) {
    if (r > 0) for (const bearing of [0, 90, 180, 270]) add(destination(p, bearing, r));
    else add(p);
  }
  return [[w, s], [e, n]];
}
