import { useEffect, useMemo, useState, type ComponentType } from 'react';
import type { TileSource } from '../boot/config';
import { useI18n } from '../i18n';
import type { MapFeatures } from '../../../ui-map/features';
import type { BasemapState, GlMapProps } from './GlMap';
import { SvgMap } from './SvgMap';
import { rasterBasemap } from '../../../ui-map/tiles';
import { hasWebGL2 } from '../../../ui-map/webgl';

// The map of a visit: MapLibre GL when the device has WebGL 2 (MapLibre 6 needs it), over the configured raster
// basemap or — with none configured, or none reachable — over a plain background with a grid; the SVG drawing when
// there is no WebGL or MapLibre cannot start. Whatever happens the customer, the inspector's position, the geofence
// and the tracks are drawn, and a note says in words what is missing.

export interface MapViewProps {
  features: MapFeatures;
  /** useApp().config.map.tiles. */
  tiles: TileSource | null;
  /** Changing it re-fits the view to all features (e.g. when the first fix arrives). */
  fitKey?: string | number;
  /** Test seam: pretend WebGL is (not) there. */
  webgl?: boolean;
}

type Mode = { kind: 'probing' } | { kind: 'gl'; Gl: ComponentType<GlMapProps> } | { kind: 'svg'; why: 'no-webgl' | 'gl-failed' };

export function MapView({ features, tiles, fitKey, webgl }: MapViewProps) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>({ kind: 'probing' });
  const [basemapState, setBasemapState] = useState<BasemapState>('loading');
  const source = useMemo(() => rasterBasemap(tiles), [tiles]);

  useEffect(() => {
    let live = true;
    if (!(webgl ?? hasWebGL2())) {
      setMode({ kind: 'svg', why: 'no-webgl' });
      return undefined;
    }
    // MapLibre is its own chunk, fetched only here; if it cannot be fetched (offline, never cached) draw SVG.
    import('./GlMap')
      .then((m) => { if (live) setMode({ kind: 'gl', Gl: m.default }); })
      .catch((e: unknown) => {
        console.warn('map: MapLibre could not be loaded', e);
        if (live) setMode({ kind: 'svg', why: 'gl-failed' });
      });
    return () => { live = false; };
  }, [webgl]);

  const notes: string[] = [];
  if (mode.kind === 'svg') notes.push(t(mode.why === 'no-webgl' ? 'map.note.noWebgl' : 'map.note.glFailed'));
  else if (!source.basemap) notes.push(t(source.problem === 'unsupported-grid' ? 'map.note.unsupportedGrid' : 'map.note.noBasemap'));
  else if (mode.kind === 'gl' && basemapState === 'failed') notes.push(t('map.note.basemapFailed'));

  return (
    <div className="map-view" data-map-mode={mode.kind}>
      {/* Above the drawing, not over it: a note must never hide the customer or the inspector. */}
      {notes.map((n) => <p key={n} className="map-note" role="note" data-testid="map-note">{n}</p>)}
      <div className="map-box">
        {mode.kind === 'probing' ? <p className="muted map-loading" role="status">{t('map.note.loadingMap')}</p> : null}
        {mode.kind === 'gl' ? (
          <mode.Gl
            features={features}
            basemap={source.basemap}
            fitKey={fitKey}
            onBasemapState={setBasemapState}
            onFail={(reason) => {
              console.warn('map: MapLibre failed, drawing SVG instead:', reason);
              setMode({ kind: 'svg', why: 'gl-failed' });
            }}
          />
        ) : null}
        {mode.kind === 'svg' ? <SvgMap features={features} fitKey={fitKey} /> : null}
      </div>
    </div>
  );
}
