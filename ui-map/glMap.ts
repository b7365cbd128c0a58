import { AttributionControl, Map as MlMap, Marker, ScaleControl, setWorkerUrl, type GeoJSONSource } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import './glMap.css';
// MapLibre 6 starts its worker from a file next to its own module (new URL(…, import.meta.url)), which a bundle
// does not have: hand it the worker file that Vite emits as an asset of this chunk.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { LatLon } from './coords';
import { anchorOf, type CheckInFeature, type MapFeatures } from './features';
import { boundsOf, buildStyle, FEATURE_SOURCES, featureData } from './glStyle';
import { MAP_PADDING, type Padding } from './svgView';
import type { RasterBasemap } from './tiles';

// The WebGL map without a UI framework, shared by the terminal app and the back office (each wraps it in its own
// component; this module and MapLibre are a lazily loaded chunk there). Nothing here needs a network resource besides
// the configured tiles: the style is built in code, there are no symbol layers (they would need a glyphs URL),
// markers are HTML, the scale bar is MapLibre's HTML control.

setWorkerUrl(workerUrl);

export type BasemapState = 'loading' | 'ok' | 'failed';

export interface GlMapOptions {
  basemap: RasterBasemap | null;
  /** Where to start before the features are known. */
  initial: MapFeatures;
  /** Marker titles in the user's language. */
  labels: { customer: string; position: string; replay: string; checkIn?: (c: CheckInFeature) => string };
  onBasemapState: (s: BasemapState) => void;
  /** MapLibre could not run (no WebGL context, worker missing): the caller draws the SVG map instead. */
  onFail: (reason: string) => void;
  onReady: () => void;
  padding?: Padding;
}

export interface GlMapHandle {
  setFeatures(f: MapFeatures): void;
  fit(f: MapFeatures): void;
  zoomIn(): void;
  zoomOut(): void;
  remove(): void;
}

/** With no tile at all after this long (every tile 404, or requests hanging), the basemap counts as unavailable. */
export const BASEMAP_TIMEOUT_MS = 10_000;

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

/** Starts MapLibre in `container`; throws when it cannot (no WebGL context). */
export function mountGlMap(container: HTMLElement, o: GlMapOptions): GlMapHandle {
  const anchor = anchorOf(o.initial);
  const map = new MlMap({
    container,
    style: buildStyle(o.basemap),
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
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
  if (o.basemap?.attribution) map.addControl(new AttributionControl({ compact: true }), 'bottom-right');

  let tilesLoaded = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  if (o.basemap) {
    o.onBasemapState('loading');
    timer = setTimeout(() => { if (tilesLoaded === 0) o.onBasemapState('failed'); }, BASEMAP_TIMEOUT_MS);
  }
  map.on('sourcedata', (e) => {
    if (e.sourceId === 'basemap' && e.tile) {
      tilesLoaded += 1;
      if (tilesLoaded === 1) o.onBasemapState('ok');
    }
  });
  map.on('error', (e) => {
    const sourceId = (e as unknown as { sourceId?: string }).sourceId;
    if (sourceId === 'basemap') {
      if (tilesLoaded === 0) o.onBasemapState('failed');
      return;
    }
    // Without its worker MapLibre draws no circle or line: better the SVG map, which draws everything.
    if (/worker/i.test(e.error?.message ?? '')) o.onFail(e.error.message);
    else console.warn('map:', e.error?.message);
  });
  map.on('load', () => o.onReady());

  const customer = { current: null as Marker | null };
  const me = { current: null as Marker | null };
  const replay = { current: null as Marker | null };
  // Check-ins are HTML markers too: a title to hover (time, distance) and an element a test or a screen reader finds.
  let checkIns: Marker[] = [];
  let checkInKey = '';
  return {
    setFeatures(f) {
      const data = featureData(f);
      for (const id of FEATURE_SOURCES) void (map.getSource(id) as GeoJSONSource | undefined)?.setData(data[id]);
      syncMarker(map, customer, f.customer, () => new Marker({ element: markerElement('map-pin', o.labels.customer, 'map-customer'), anchor: 'bottom' }));
      syncMarker(map, me, f.position, () => new Marker({ element: markerElement('map-me', o.labels.position, 'map-position') }));
      const key = JSON.stringify(f.checkIns ?? []);
      if (key !== checkInKey) {
        checkInKey = key;
        for (const m of checkIns) m.remove();
        checkIns = (f.checkIns ?? []).map((c) => {
          const el = markerElement(`map-checkin-dot ${c.inside ? 'inside' : 'outside'}`, o.labels.checkIn?.(c) ?? '', 'map-checkin');
          el.dataset.inside = String(c.inside);
          return new Marker({ element: el }).setLngLat([c.lon, c.lat]).addTo(map);
        });
      }
      syncMarker(map, replay, f.replay, () => new Marker({ element: markerElement('map-replay-dot', o.labels.replay, 'map-replay') }));
    },
    fit(f) {
      const b = boundsOf(f);
      if (!b) return;
      // The box may have just changed size (replay panel): MapLibre learns that from its ResizeObserver only later.
      map.resize();
      map.fitBounds(b, { padding: o.padding ?? MAP_PADDING, maxZoom: 18, duration: 0 });
    },
    zoomIn: () => map.zoomIn(),
    zoomOut: () => map.zoomOut(),
    remove() {
      if (timer) clearTimeout(timer);
      map.remove();
    },
  };
}
