import { useEffect, useRef, useState } from 'react';
import { AttributionControl, LngLatBounds, Map as MlMap, Marker, ScaleControl, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre 6 starts its worker from a file next to its own module (new URL(…, import.meta.url)), which a bundle
// does not have: hand it the worker file that Vite emits as an asset of this chunk.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Feature, FeatureCollection } from 'geojson';
import { useI18n } from '../i18n';
import type { LatLon } from './coords';
import { anchorOf, extentPoints, TRACK_COLOURS, type MapFeatures } from './features';
import { circleRing, destination, gridLines } from './geo';
import { MAP_PADDING } from './svgView';
import type { RasterBasemap } from './tiles';

// The WebGL map (this module and MapLibre are one lazily loaded chunk, fetched only when WebGL 2 is there). Nothing
// here needs a network resource besides the configured tiles: the style is built in code, there are no symbol
// layers (they would need a glyphs URL), markers are HTML, the scale bar is MapLibre's HTML control.

setWorkerUrl(workerUrl);

export type BasemapState = 'loading' | 'ok' | 'failed';

export interface GlMapProps {
  features: MapFeatures;
  basemap: RasterBasemap | null;
  /** Changing it re-fits the view to all features. */
  fitKey?: string | number;
  onBasemapState: (s: BasemapState) => void;
  /** MapLibre could not run (no WebGL context, worker missing): the caller draws the SVG map instead. */
  onFail: (reason: string) => void;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** With no tile at all after this long (every tile 404, or requests hanging), the basemap counts as unavailable. */
const BASEMAP_TIMEOUT_MS = 10_000;

function buildStyle(basemap: RasterBasemap | null): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    sources: {
      grid: { type: 'geojson', data: EMPTY },
      geofence: { type: 'geojson', data: EMPTY },
      accuracy: { type: 'geojson', data: EMPTY },
      tracks: { type: 'geojson', data: EMPTY },
      local: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef1f4' } },
      // Without a basemap (none configured, or its tiles do not come) a light grid keeps distances and movement
      // readable: 100 m lines close up, 1 km further out. Basemap tiles, when they load, cover it.
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
  );
  return style;
}

const polygon = (ring: [number, number][]): Feature => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } });
const lineString = (pts: LatLon[], properties: Record<string, string> = {}): Feature => ({
  type: 'Feature', properties, geometry: { type: 'LineString', coordinates: pts.map((p) => [p.lon, p.lat]) },
});
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

function gridData(anchor: LatLon): FeatureCollection {
  return collection([
    ...gridLines(anchor, 100, 3_000).map((l) => ({ type: 'Feature' as const, properties: { k: 'fine' }, geometry: { type: 'LineString' as const, coordinates: l } })),
    ...gridLines(anchor, 1_000, 20_000).map((l) => ({ type: 'Feature' as const, properties: { k: 'coarse' }, geometry: { type: 'LineString' as const, coordinates: l } })),
  ]);
}

function boundsOf(f: MapFeatures): LngLatBounds | null {
  const pts = extentPoints(f);
  if (!pts.length) return null;
  const b = new LngLatBounds();
  for (const { p, r } of pts) {
    if (r > 0) for (const bearing of [0, 90, 180, 270]) { const q = destination(p, bearing, r); b.extend([q.lon, q.lat]); }
    else b.extend([p.lon, p.lat]);
  }
  return b;
}

function markerElement(className: string, title: string, testId: string): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  el.title = title;
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', title);
  el.dataset.testid = testId;
  return el;
}

/** Keeps one HTML marker in step with a position (created on first use, removed when the position goes). */
function syncMarker(map: MlMap, slot: { current: Marker | null }, at: LatLon | null, make: () => Marker): void {
  if (!at) {
    slot.current?.remove();
    slot.current = null;
    return;
  }
  if (!slot.current) slot.current = make().setLngLat([at.lon, at.lat]).addTo(map);
  else slot.current.setLngLat([at.lon, at.lat]);
}

export default function GlMap({ features, basemap, fitKey, onBasemapState, onFail }: GlMapProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MlMap | null>(null);
  const [ready, setReady] = useState(false);
  const customerMarker = useRef<Marker | null>(null);
  const meMarker = useRef<Marker | null>(null);
  const replayMarker = useRef<Marker | null>(null);
  const latest = useRef(features);
  latest.current = features;
  const callbacks = useRef({ onBasemapState, onFail });
  callbacks.current = { onBasemapState, onFail };
  const basemapKey = basemap ? basemap.tiles.join('|') : '';

  useEffect(() => {
    const container = box.current;
    if (!container) return undefined;
    const anchor = anchorOf(latest.current);
    let map: MlMap;
    try {
      map = new MlMap({
        container,
        style: buildStyle(basemap),
        center: anchor ? [anchor.lon, anchor.lat] : [114.3, 30.6],
        zoom: anchor ? 16 : 6,
        maxZoom: 20,
        attributionControl: false,
        fadeDuration: 0,
        // North stays up: a rotated map confuses more than it helps at a customer's door.
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
      });
    } catch (e) {
      callbacks.current.onFail(e instanceof Error ? e.message : String(e));
      return undefined;
    }
    map.touchZoomRotate.disableRotation();
    map.keyboard.disableRotation();
    map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    if (basemap?.attribution) map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
    mapRef.current = map;

    let tilesLoaded = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    if (basemap) {
      callbacks.current.onBasemapState('loading');
      timer = setTimeout(() => { if (tilesLoaded === 0) callbacks.current.onBasemapState('failed'); }, BASEMAP_TIMEOUT_MS);
    }
    map.on('sourcedata', (e) => {
      if (e.sourceId === 'basemap' && e.tile) {
        tilesLoaded += 1;
        if (tilesLoaded === 1) callbacks.current.onBasemapState('ok');
      }
    });
    map.on('error', (e) => {
      const sourceId = (e as unknown as { sourceId?: string }).sourceId;
      if (sourceId === 'basemap') {
        if (tilesLoaded === 0) callbacks.current.onBasemapState('failed');
        return;
      }
      // Without its worker MapLibre draws no circle or line: better the SVG map, which draws everything.
      if (/worker/i.test(e.error?.message ?? '')) callbacks.current.onFail(e.error.message);
      else console.warn('map:', e.error?.message);
    });
    map.on('load', () => setReady(true));
    return () => {
      if (timer) clearTimeout(timer);
      customerMarker.current = meMarker.current = replayMarker.current = null;
      setReady(false);
      mapRef.current = null;
      map.remove();
    };
    // The map is rebuilt only when the basemap changes; features flow in through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [basemapKey]);

  // Features → sources and markers.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const f = features;
    const src = (id: string) => map.getSource(id) as GeoJSONSource | undefined;
    const anchor = anchorOf(f);
    if (anchor) void src('grid')?.setData(gridData(anchor));
    void src('geofence')?.setData(f.customer && f.geofenceM > 0 ? collection([polygon(circleRing(f.customer, f.geofenceM))]) : EMPTY);
    void src('accuracy')?.setData(f.position && f.position.accuracyM > 0 ? collection([polygon(circleRing(f.position, f.position.accuracyM))]) : EMPTY);
    void src('tracks')?.setData(collection(f.tracks.filter((tr) => tr.points.length > 1).map((tr, i) => lineString(tr.points, { colour: TRACK_COLOURS[i % TRACK_COLOURS.length]! }))));
    void src('local')?.setData(f.localTrack.length > 1 ? collection([lineString(f.localTrack)]) : EMPTY);
    syncMarker(map, customerMarker, f.customer, () => new Marker({ element: markerElement('map-pin', t('map.legend.customer'), 'map-customer'), anchor: 'bottom' }));
    syncMarker(map, meMarker, f.position, () => new Marker({ element: markerElement('map-me', t('map.legend.position'), 'map-position') }));
    syncMarker(map, replayMarker, f.replay, () => new Marker({ element: markerElement('map-replay-dot', t('map.legend.replay'), 'map-replay') }));
  }, [features, ready, t]);

  // Fit everything in view when the map is ready and whenever the caller asks (fitKey).
  const fit = () => {
    const map = mapRef.current;
    const b = map ? boundsOf(latest.current) : null;
    if (!map || !b) return;
    // The box may have just changed size (replay panel): MapLibre learns that from its ResizeObserver only later.
    map.resize();
    map.fitBounds(b, { padding: MAP_PADDING, maxZoom: 18, duration: 0 });
  };
  useEffect(() => {
    if (ready) fit();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, fitKey]);

  return (
    <div className="map-gl">
      <div ref={box} className="map-gl-canvas" role="region" aria-label={t('map.aria')} data-testid="map-gl" />
      <div className="map-controls">
        <button type="button" className="btn-map" aria-label={t('map.zoomIn')} onClick={() => mapRef.current?.zoomIn()}>＋</button>
        <button type="button" className="btn-map" aria-label={t('map.zoomOut')} onClick={() => mapRef.current?.zoomOut()}>－</button>
        <button type="button" className="btn-map" aria-label={t('map.fit')} onClick={fit}>⤢</button>
      </div>
    </div>
  );
}
