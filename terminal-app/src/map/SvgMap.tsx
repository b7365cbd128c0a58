import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useI18n } from '../i18n';
import { TRACK_COLOURS, type MapFeatures } from '../../../ui-map/features';
import { formatDistance } from './format';
import { fitView, gridPositions, panView, scaleBar, screenProjector, zoomView, type SvgView } from '../../../ui-map/svgView';
import { observeSize, type Size } from '../../../ui-map/elementSize';

// The map without WebGL (some PDAs, headless browsers): the same features drawn as SVG in local metres around the
// customer, north up, with a light grid, a scale bar and a north arrow — never a blank box. Drag to pan; the
// buttons zoom (48 px targets; pinch needs two free fingers, gloves rarely allow it).

const DEFAULT_SIZE = { width: 360, height: 420 };

function useSize(el: HTMLElement | null): Size {
  const [size, setSize] = useState(DEFAULT_SIZE);
  useEffect(() => (el ? observeSize(el, setSize) : undefined), [el]);
  return size;
}

export function SvgMap({ features, fitKey }: { features: MapFeatures; fitKey?: string | number }) {
  const { t } = useI18n();
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const { width, height } = useSize(box);
  // null: follow the features (fit all); a view once the user has panned or zoomed.
  const [userView, setUserView] = useState<SvgView | null>(null);
  useEffect(() => setUserView(null), [fitKey]);
  const fitted = useMemo(() => fitView(features, width, height), [features, width, height]);
  const view = userView ? { ...userView, width, height } : fitted;
  const drag = useRef<{ x: number; y: number; view: SvgView } | null>(null);

  if (!view) return <div className="map-empty" ref={setBox}><p className="muted">{t('map.nothing')}</p></div>;

  const project = screenProjector(view);
  const px = (m: number) => m / view.mPerPx;
  const line = (pts: { lat: number; lon: number }[]) => pts.map((p) => { const s = project(p); return `${s.x.toFixed(1)},${s.y.toFixed(1)}`; }).join(' ');

  const { xs: gridX, ys: gridY } = gridPositions(view);

  const bar = scaleBar(view, Math.min(120, width / 3));
  const c = features.customer ? project(features.customer) : null;
  const me = features.position ? project(features.position) : null;
  const rp = features.replay ? project(features.replay) : null;

  const onDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    drag.current = { x: e.clientX, y: e.clientY, view };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d) return;
    setUserView(panView(d.view, e.clientX - d.x, e.clientY - d.y));
  };
  const onUp = () => {
    drag.current = null;
  };

  return (
    <div className="map-svg" ref={setBox}>
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('map.aria')}
        data-testid="map-svg"
        onPointerDown={onDown}
        onPointerMove={onMove}
        onPointerUp={onUp}
        onPointerCancel={onUp}
        style={{ touchAction: 'none' }}
      >
        <rect x={0} y={0} width={width} height={height} fill="#eef1f4" />
        <g stroke="#cfd6de" strokeWidth={1} data-testid="map-grid">
          {gridX.map((x) => <line key={`x${x}`} x1={x} y1={0} x2={x} y2={height} />)}
          {gridY.map((y) => <line key={`y${y}`} x1={0} y1={y} x2={width} y2={y} />)}
        </g>
        {c && features.geofenceM > 0 ? (
          <circle cx={c.x} cy={c.y} r={px(features.geofenceM)} fill="rgba(11,83,148,0.08)" stroke="#0b5394" strokeWidth={2} strokeDasharray="6 5" data-testid="map-geofence">
            <title>{t('map.legend.geofence')}</title>
          </circle>
        ) : null}
        {features.tracks.map((tr, i) => tr.points.length > 1 ? (
          <polyline key={tr.id} points={line(tr.points)} fill="none" stroke={TRACK_COLOURS[i % TRACK_COLOURS.length]} strokeWidth={4} strokeLinejoin="round" strokeLinecap="round" data-testid="map-track">
            <title>{t('map.legend.track')}</title>
          </polyline>
        ) : null)}
        {features.localTrack.length > 1 ? (
          <polyline points={line(features.localTrack)} fill="none" stroke="#c2185b" strokeWidth={3} strokeDasharray="3 5" strokeLinecap="round" data-testid="map-local-track">
            <title>{t('map.legend.local')}</title>
          </polyline>
        ) : null}
        {me && features.position ? (
          <g data-testid="map-position">
            <title>{t('map.legend.position')}</title>
            <circle cx={me.x} cy={me.y} r={Math.max(px(features.position.accuracyM), 0)} fill="rgba(30,136,229,0.15)" stroke="#1e88e5" strokeWidth={1} />
            <circle cx={me.x} cy={me.y} r={8} fill="#1e88e5" stroke="#fff" strokeWidth={3} />
          </g>
        ) : null}
        {c ? (
          <g data-testid="map-customer" transform={`translate(${c.x},${c.y})`}>
            <title>{t('map.legend.customer')}</title>
            <path d="M0,0 C-4,-10 -13,-15 -13,-25 A13,13 0 1 1 13,-25 C13,-15 4,-10 0,0 Z" fill="#b00020" stroke="#fff" strokeWidth={2} />
            <circle cx={0} cy={-25} r={5} fill="#fff" />
          </g>
        ) : null}
        {rp ? (
          <g data-testid="map-replay">
            <title>{t('map.legend.replay')}</title>
            <circle cx={rp.x} cy={rp.y} r={10} fill="#ef6c00" stroke="#fff" strokeWidth={3} />
          </g>
        ) : null}
        <g transform={`translate(12,${height - 16})`} data-testid="map-scale">
          <rect x={-4} y={-22} width={bar.px + 8} height={28} fill="rgba(255,255,255,0.85)" rx={3} />
          <path d={`M0,-6 V0 H${bar.px} V-6`} fill="none" stroke="#111" strokeWidth={2} />
          <text x={bar.px / 2} y={-9} textAnchor="middle" fontSize={13} fill="#111">{formatDistance(t, bar.lengthM)}</text>
        </g>
        <g transform={`translate(${width - 28},${height - 30})`} aria-hidden>
          <circle r={16} fill="rgba(255,255,255,0.85)" />
          <path d="M0,-12 L6,4 L0,1 L-6,4 Z" fill="#111" />
          <text y={14} textAnchor="middle" fontSize={10} fill="#111">{t('map.north')}</text>
        </g>
      </svg>
      <div className="map-controls">
        <button type="button" className="btn-map" aria-label={t('map.zoomIn')} onClick={() => setUserView(zoomView(view, 2))}>＋</button>
        <button type="button" className="btn-map" aria-label={t('map.zoomOut')} onClick={() => setUserView(zoomView(view, 0.5))}>－</button>
        <button type="button" className="btn-map" aria-label={t('map.fit')} onClick={() => setUserView(null)}>⤢</button>
      </div>
    </div>
  );
}
