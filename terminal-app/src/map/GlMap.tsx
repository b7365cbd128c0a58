import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import type { MapFeatures } from '../../../ui-map/features';
import { mountGlMap, type BasemapState, type GlMapHandle } from '../../../ui-map/glMap';
import type { RasterBasemap } from '../../../ui-map/tiles';

// The WebGL map (this module, ui-map/glMap and MapLibre are one lazily loaded chunk, fetched only when WebGL 2 is
// there): the terminal's frame and buttons around the shared MapLibre map.

export type { BasemapState };

export interface GlMapProps {
  features: MapFeatures;
  basemap: RasterBasemap | null;
  /** Changing it re-fits the view to all features. */
  fitKey?: string | number;
  onBasemapState: (s: BasemapState) => void;
  /** MapLibre could not run (no WebGL context, worker missing): the caller draws the SVG map instead. */
  onFail: (reason: string) => void;
}

export default function GlMap({ features, basemap, fitKey, onBasemapState, onFail }: GlMapProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const mapRef = useRef<GlMapHandle | null>(null);
  const [ready, setReady] = useState(false);
  const latest = useRef(features);
  latest.current = features;
  const callbacks = useRef({ onBasemapState, onFail });
  callbacks.current = { onBasemapState, onFail };
  const basemapKey = basemap ? basemap.tiles.join('|') : '';

  useEffect(() => {
    const container = box.current;
    if (!container) return undefined;
    let handle: GlMapHandle;
    try {
      handle = mountGlMap(container, {
        basemap,
        initial: latest.current,
        labels: { customer: t('map.legend.customer'), position: t('map.legend.position'), replay: t('map.legend.replay') },
        onBasemapState: (s) => callbacks.current.onBasemapState(s),
        onFail: (r) => callbacks.current.onFail(r),
        onReady: () => setReady(true),
      });
    } catch (e) {
      callbacks.current.onFail(e instanceof Error ? e.message : String(e));
      return undefined;
    }
    mapRef.current = handle;
    return () => {
      setReady(false);
      mapRef.current = null;
      handle.remove();
    };
    // The map is rebuilt only when the basemap changes; features flow in through setFeatures below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [basemapKey]);

  useEffect(() => {
    if (ready) mapRef.current?.setFeatures(features);
  }, [features, ready]);

  // Fit everything in view when the map is ready and whenever the caller asks (fitKey).
  const fit = () => mapRef.current?.fit(latest.current);
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
