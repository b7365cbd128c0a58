import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import type { MapFeatures } from '../../../ui-map/features';
import { mountGlMap, type BasemapState } from '../../../ui-map/glMap';
import { GlMapController } from '../../../ui-map/glMapController';
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
  const [map] = useState(() => new GlMapController(mountGlMap, features, { onBasemapState, onFail }));
  map.on = { onBasemapState, onFail };
  const basemapKey = basemap ? basemap.tiles.join('|') : '';

  // The map is rebuilt only when the basemap changes; features flow in through show().
  useEffect(
    () => (box.current ? map.mount(box.current, { basemap, labels: { customer: t('map.legend.customer'), position: t('map.legend.position'), replay: t('map.legend.replay') } }) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [basemapKey],
  );
  useEffect(() => map.show(features), [map, features]);
  // The map fits everything in view when it loads, and again whenever the caller asks (fitKey).
  useEffect(() => map.fit(true), [map, fitKey]);

  return (
    <div className="map-gl">
      <div ref={box} className="map-gl-canvas" role="region" aria-label={t('map.aria')} data-testid="map-gl" />
      <div className="map-controls">
        <button type="button" className="btn-map" aria-label={t('map.zoomIn')} onClick={() => map.zoomIn()}>＋</button>
        <button type="button" className="btn-map" aria-label={t('map.zoomOut')} onClick={() => map.zoomOut()}>－</button>
        <button type="button" className="btn-map" aria-label={t('map.fit')} onClick={() => map.fit()}>⤢</button>
      </div>
    </div>
  );
}
